use crate::domain::FormReply;
use leptos::prelude::*;

/// Saves the results report; it is published with the step to "concluded".
#[server(endpoint = "results-save")]
pub async fn save_results(id: String, results: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => editor::save_results(&req.state, &req.tenant, &staff, id, &results)
            .await
            .map(|()| Done::Notice("notice.results.saved")),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(&req, "results-save", result, &[("results", &results)])
}
