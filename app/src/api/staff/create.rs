use crate::domain::FormReply;
use leptos::prelude::*;

/// Creates a consultation as a draft and opens its manage page.
#[server(endpoint = "procedure-create")]
#[allow(clippy::too_many_arguments)]
pub async fn create_procedure(
    #[server(default)] organization: String,
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
    use crate::services::procedures::editor;
    let req = request().await?;
    let form = super::procedure_form(
        organization,
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
