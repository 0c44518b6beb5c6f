use crate::domain::FormReply;
use crate::procedures::types::StatusChange;
use leptos::prelude::*;

/// What the confirmation page of a manual lifecycle step shows.
#[server(endpoint = "status-change", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_status_change(id: String, target: String) -> Result<StatusChange, ServerFnError> {
    use crate::procedures::service::status;
    let req = crate::request::request().await?;
    req.answer(async {
        let m = super::managed(&req, &id).await?;
        status::status_change(&req.state, &m, &target).await
    })
    .await
}

/// Takes the step the person confirmed: publish, conclude with the results, archive.
#[server(endpoint = "status-confirm")]
pub async fn change_status(id: String, target: String) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::status;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        status::change_status(&req.state, &req.tenant, &m, &target).await?;
        Ok(Done::RedirectTo(
            crate::procedures::service::staff_path(&m.procedure),
            "notice.procedure.status_changed",
        ))
    }
    .await;
    finish(&req, "status-confirm", result, &[])
}
