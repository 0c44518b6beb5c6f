use crate::procedures::types::{ListFilter, ProcedureList};
use leptos::prelude::*;

/// The public list: filters, full-text search, ordering, one page.
#[server(endpoint = "procedures", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_procedures(filter: ListFilter) -> Result<ProcedureList, ServerFnError> {
    use crate::procedures::service::listing;
    let req = crate::request::request().await?;
    listing::list(&req.state, &req.tenant, filter, req.lang)
        .await
        .map_err(|e| req.fail(e))
}
