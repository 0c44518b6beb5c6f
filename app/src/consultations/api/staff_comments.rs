use crate::consultations::types::StaffComments;
use leptos::prelude::*;

/// Every comment of a procedure with its author's data, for its staff.
#[server(endpoint = "staff-comments", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_staff_comments(id: String) -> Result<StaffComments, ServerFnError> {
    use crate::consultations::service::staff;
    use crate::procedures::api::staff::managed;
    let req = crate::request::request().await?;
    req.answer(async {
        let m = managed(&req, &id).await?;
        staff::for_staff(&req.state, &m, req.lang).await
    })
    .await
}
