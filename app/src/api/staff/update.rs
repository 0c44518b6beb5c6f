use crate::domain::FormReply;
use leptos::prelude::*;

/// Saves the fields of a procedure.
#[server(endpoint = "procedure-update")]
#[allow(clippy::too_many_arguments)]
pub async fn update_procedure(
    id: String,
    title: String,
    summary: String,
    #[server(default)] body: String,
    #[server(default)] place: String,
    #[server(default)] latitude: String,
    #[server(default)] longitude: String,
    #[server(default)] topics: Vec<String>,
    #[server(default)] contact: String,
    #[server(default)] who_may_comment: String,
    #[server(default)] moderation: String,
    #[server(default)] report_threshold: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let form = super::procedure_form(
        String::new(),
        title,
        summary,
        body,
        place,
        latitude,
        longitude,
        topics,
        contact,
        who_may_comment,
        moderation,
        report_threshold,
    );
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
