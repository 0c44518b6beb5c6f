use crate::domain::FormReply;
use leptos::prelude::*;

/// Adds a comment phase (local Berlin times).
#[server(endpoint = "phase-add")]
pub async fn add_phase(
    id: String,
    starts: String,
    ends: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => {
            editor::add_phase(&req.state, &req.tenant, &staff, id, &starts, &ends)
                .await
                .map(|()| Done::Notice("notice.phase.added"))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(
        &req,
        "phase-add",
        result,
        &[("starts", &starts), ("ends", &ends)],
    )
}

/// Removes a comment phase that has not started yet.
#[server(endpoint = "phase-remove")]
pub async fn remove_phase(id: String, phase: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => editor::remove_phase(&req.state, &req.tenant, &staff, id, &phase)
            .await
            .map(|()| Done::Notice("notice.phase.removed")),
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(&req, "phase-remove", result, &[])
}
