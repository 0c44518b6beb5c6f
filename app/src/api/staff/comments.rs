use super::types::StaffComments;
use leptos::prelude::*;

/// Every comment of a procedure with its author's data, for its staff.
#[server(endpoint = "staff-comments", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_staff_comments(id: String) -> Result<StaffComments, ServerFnError> {
    use crate::services::comments;
    use crate::services::permissions::Staff;
    let req = crate::api::context::request().await?;
    let staff = Staff::require(req.user.clone()).map_err(|e| req.fail(e))?;
    comments::for_staff(&req.state, &req.tenant, &staff, &id, req.lang)
        .await
        .map_err(|e| req.fail(e))
}
