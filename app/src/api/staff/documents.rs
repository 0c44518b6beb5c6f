use crate::domain::FormReply;
use leptos::prelude::*;

/// Adds a text document made of numbered sections (PDFs are uploaded with a plain
/// multipart form to `/verwaltung/verfahren/{id}/dokumente`).
#[server(endpoint = "document-text-add")]
pub async fn add_text_document(
    id: String,
    doc_title: String,
    text: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => {
            editor::add_text_document(&req.state, &req.tenant, &staff, id, &doc_title, &text)
                .await
                .map(|()| Done::Notice("notice.document.added"))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(
        &req,
        "document-text-add",
        result,
        &[("doc_title", &doc_title), ("text", &text)],
    )
}

#[server(endpoint = "document-remove")]
pub async fn remove_document(id: String, document: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::permissions::Staff;
    use crate::services::procedures::{editor, parse_id};
    let req = request().await?;
    let result = match (Staff::require(req.user.clone()), parse_id(&id)) {
        (Ok(staff), Ok(id)) => {
            editor::remove_document(&req.state, &req.tenant, &staff, id, &document)
                .await
                .map(|()| Done::Notice("notice.document.removed"))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    finish(&req, "document-remove", result, &[])
}
