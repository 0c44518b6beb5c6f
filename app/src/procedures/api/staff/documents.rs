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
    use crate::procedures::service::documents;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        documents::add_text_document(&req.state, &m, &doc_title, &text).await?;
        Ok(Done::Notice("notice.document.added"))
    }
    .await;
    finish(
        &req,
        "document-text-add",
        result,
        &[("doc_title", &doc_title), ("text", &text)],
    )
}

#[server(endpoint = "document-remove")]
pub async fn remove_document(id: String, document: String) -> Result<FormReply, ServerFnError> {
    use crate::procedures::service::{documents, parse_id};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let m = super::changeable(&req, &id).await?;
        documents::remove_document(&req.state, &m, parse_id(&document)?).await?;
        Ok(Done::Notice("notice.document.removed"))
    }
    .await;
    finish(&req, "document-remove", result, &[])
}
