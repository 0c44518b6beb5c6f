use crate::domain::FormReply;
use leptos::prelude::*;

/// Adds a comment phase (local Berlin times).
#[server(endpoint = "phase-add")]
pub async fn add_phase(
    id: String,
    starts: String,
    ends: String,
) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::phases;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        phases::add(&req.state, &m, &starts, &ends).await?;
        Ok(Done::Notice("notice.phase.added"))
    }
    .await;
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
    use crate::procedures::service::{parse_id, phases};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        phases::remove(&req.state, &m, parse_id(&phase)?).await?;
        Ok(Done::Notice("notice.phase.removed"))
    }
    .await;
    finish(&req, "phase-remove", result, &[])
}
