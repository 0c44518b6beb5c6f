use crate::procedures::types::{Editor, StaffProcedures};
use leptos::prelude::*;

/// The procedures of the organizations the person runs.
#[server(endpoint = "staff-procedures", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_staff_procedures() -> Result<StaffProcedures, ServerFnError> {
    use crate::procedures::service::editor;
    let req = crate::request::request().await?;
    req.answer(async { editor::mine(&req.state, &req.tenant, &req.staff()?).await })
        .await
}

/// Everything the manage page of one procedure shows.
#[server(endpoint = "procedure-editor", input = leptos::server_fn::codec::GetUrl)]
pub async fn procedure_editor(id: String) -> Result<Editor, ServerFnError> {
    use crate::procedures::service::editor;
    let req = crate::request::request().await?;
    req.answer(async {
        let m = super::managed(&req, &id).await?;
        editor::editor(&req.state, &req.tenant, &req.staff()?, &m, req.lang).await
    })
    .await
}
