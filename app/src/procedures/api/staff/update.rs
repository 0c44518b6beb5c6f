use crate::domain::FormReply;
use crate::procedures::rules::fields::ProcedureForm;
use leptos::prelude::*;

/// Saves the fields of a procedure (its organization stays what it is).
#[server(endpoint = "procedure-update")]
pub async fn update_procedure(
    id: String,
    #[server(flatten)] form: ProcedureForm,
) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::fields;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        fields::update(&req.state, &m, &form).await?;
        Ok(Done::Notice("notice.procedure.saved"))
    }
    .await;
    let kept = super::kept(&form);
    let kept: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    finish(&req, "procedure-update", result, &kept)
}
