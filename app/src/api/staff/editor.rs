use super::types::{Editor, StaffProcedures};
use leptos::prelude::*;

/// The procedures of the organizations the person runs.
#[server(endpoint = "staff-procedures", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_staff_procedures() -> Result<StaffProcedures, ServerFnError> {
    use crate::services::permissions::Staff;
    use crate::services::procedures::editor;
    let req = crate::api::context::request().await?;
    let staff = Staff::require(req.user.clone()).map_err(|e| req.fail(e))?;
    editor::mine(&req.state, &req.tenant, &staff)
        .await
        .map_err(|e| req.fail(e))
}

/// Everything the manage page of one procedure shows.
#[server(endpoint = "procedure-editor", input = leptos::server_fn::codec::GetUrl)]
pub async fn procedure_editor(id: String) -> Result<Editor, ServerFnError> {
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = crate::api::context::request().await?;
    let staff = Staff::require(req.user.clone()).map_err(|e| req.fail(e))?;
    let id = parse_id(&id).map_err(|e| req.fail(e))?;
    editor::editor(&req.state, &req.tenant, &staff, id, req.lang)
        .await
        .map_err(|e| req.fail(e))
}
