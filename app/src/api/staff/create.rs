use crate::domain::FormReply;
use crate::domain::procedure::ProcedureForm;
use leptos::prelude::*;

/// Creates a consultation as a draft and opens its manage page.
#[server(endpoint = "procedure-create")]
pub async fn create_procedure(
    #[server(flatten)] form: ProcedureForm,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::editor;
    let req = request().await?;
    let result = match Staff::require(req.user.clone()) {
        Ok(staff) => editor::create(&req.state, &req.tenant, &staff, &form)
            .await
            .map(|id| {
                Done::RedirectTo(
                    format!("/verwaltung/verfahren/{id}"),
                    "notice.procedure.created",
                )
            }),
        Err(e) => Err(e),
    };
    let kept = super::kept(&form);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    finish(&req, "procedure-create", result, &kept)
}
