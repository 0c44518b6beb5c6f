use crate::domain::FormReply;
use crate::domain::procedure::ProcedureForm;
use leptos::prelude::*;

/// Saves the fields of a procedure (its organization stays what it is).
#[server(endpoint = "procedure-update")]
pub async fn update_procedure(
    id: String,
    #[server(flatten)] form: ProcedureForm,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => editor::update(&req.state, &req.tenant, &staff, id, &form)
            .await
            .map(|()| Done::Notice("notice.procedure.saved")),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    let kept = super::kept(&form);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    finish(&req, "procedure-update", result, &kept)
}
