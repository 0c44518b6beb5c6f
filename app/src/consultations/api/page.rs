use crate::consultations::types::ProcedurePage;
use leptos::prelude::*;

/// Everything on the public page of one procedure; `section` filters the comments.
#[server(endpoint = "procedure", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_procedure(
    id: String,
    section: String,
    order: String,
    page: u32,
) -> Result<ProcedurePage, ServerFnError> {
    use crate::consultations::service::page::{PageQuery, page as load};
    let req = crate::request::request().await?;
    let query = PageQuery {
        section,
        order,
        page,
    };
    req.answer(load(
        &req.state,
        &req.tenant,
        req.user.as_ref(),
        &id,
        query,
        req.lang,
    ))
    .await
}
