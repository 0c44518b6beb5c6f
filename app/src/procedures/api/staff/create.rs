use crate::domain::FormReply;
use crate::procedures::rules::fields::ProcedureForm;
use leptos::prelude::*;

/// Creates a consultation as a draft and opens its manage page.
#[server(endpoint = "procedure-create")]
pub async fn create_procedure(
    #[server(flatten)] form: ProcedureForm,
) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::fields;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let id = fields::create(&req.state, &req.tenant, &req.staff()?, &form).await?;
        Ok(Done::RedirectTo(
            format!("/verwaltung/verfahren/{id}"),
            "notice.procedure.created",
        ))
    }
    .await;
    let kept = super::kept(&form);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    finish(&req, "procedure-create", result, &kept)
}
