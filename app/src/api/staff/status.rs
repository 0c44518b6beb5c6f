use super::types::StatusChange;
use crate::domain::FormReply;
use leptos::prelude::*;

/// What the confirmation page of a manual lifecycle step shows.
#[server(endpoint = "status-change", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_status_change(id: String, target: String) -> Result<StatusChange, ServerFnError> {
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = crate::api::context::request().await?;
    let staff = Staff::require(req.user.clone()).map_err(|e| req.fail(e))?;
    let id = parse_id(&id).map_err(|e| req.fail(e))?;
    editor::status_change(&req.state, &req.tenant, &staff, id, &target)
        .await
        .map_err(|e| req.fail(e))
}

/// Takes the step the person confirmed: publish, conclude with the results, archive.
#[server(endpoint = "status-confirm")]
pub async fn change_status(id: String, target: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(pid)) => {
            editor::change_status(&req.state, &req.tenant, &staff, pid, &target)
                .await
                .map(|_| {
                    Done::RedirectTo(
                        format!("/verwaltung/verfahren/{pid}"),
                        "notice.procedure.status_changed",
                    )
                })
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(&req, "status-confirm", result, &[])
}
