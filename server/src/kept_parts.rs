//! Kept parts of pages sent by reference (`app::platform::kept_html`): a page rendered for
//! one request carries a marker where a kept part goes (the documents section, the list
//! of comments), and here the markers give way to the parts' own bytes, each a frame of
//! the response body, not copied into the page. The pieces go with the response, so that
//! `compression::gzip_with_kept_parts` can send each kept part as it was deflated once.
use crate::islands_data::MAX_PAGE_BYTES;
use app::platform::kept_html::{KeptHtml, KeptParts};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use std::convert::Infallible;
use std::sync::Arc;

/// A piece of a page: rendered for this response, or kept for many.
#[derive(Clone)]
pub enum Piece {
    Rendered(Bytes),
    Kept(Arc<KeptHtml>),
}

/// The pieces of a response's body, in order, as a response extension.
#[derive(Clone)]
pub struct Pieces(pub Arc<Vec<Piece>>);

impl Piece {
    pub fn bytes(&self) -> Bytes {
        match self {
            Piece::Rendered(b) => b.clone(),
            Piece::Kept(part) => Bytes::from_owner(KeptBytes(part.clone())),
        }
    }
}

/// A kept part's HTML as the bytes of a body frame.
struct KeptBytes(Arc<KeptHtml>);

impl AsRef<[u8]> for KeptBytes {
    fn as_ref(&self) -> &[u8] {
        self.0.html().as_bytes()
    }
}

/// Offers the page rendered for this request to take kept parts by reference, and puts
/// the parts in place of their markers.
pub async fn by_reference(mut req: Request, next: Next) -> Response {
    let kept = KeptParts::default();
    req.extensions_mut().insert(kept.clone());
    let res = next.run(req).await;
    let parts = kept.take();
    if parts.is_empty() {
        return res;
    }
    let (mut head, body) = res.into_parts();
    let page = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(page) => page,
        Err(e) => {
            tracing::error!(error = %e, "page too large or broken");
            return Response::from_parts(head, Body::empty());
        }
    };
    let pieces = split(page, &parts);
    let frames: Vec<Result<Bytes, Infallible>> = pieces.iter().map(|p| Ok(p.bytes())).collect();
    head.headers.remove(header::CONTENT_LENGTH);
    head.extensions.insert(Pieces(Arc::new(pieces)));
    Response::from_parts(head, Body::from_stream(futures_util::stream::iter(frames)))
}

/// The page cut at its markers, each replaced by the part it names.
fn split(page: Bytes, parts: &[Arc<KeptHtml>]) -> Vec<Piece> {
    let prefix = KeptParts::marker_prefix().as_bytes();
    let finder = memchr::memmem::Finder::new(prefix);
    let mut pieces = Vec::with_capacity(2 * parts.len() + 1);
    let mut at = 0;
    while let Some(found) = finder.find(&page[at..]) {
        let start = at + found;
        let number_at = start + prefix.len();
        let Some(len) = memchr::memmem::find(&page[number_at..], b"-->") else {
            break;
        };
        let part = std::str::from_utf8(&page[number_at..number_at + len])
            .ok()
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| parts.get(n));
        let end = number_at + len + 3;
        if let Some(part) = part {
            if start > at {
                pieces.push(Piece::Rendered(page.slice(at..start)));
            }
            pieces.push(Piece::Kept(part.clone()));
        } else {
            // Not a marker of ours after all: it stays as it is.
            pieces.push(Piece::Rendered(page.slice(at..end)));
        }
        at = end;
    }
    if at < page.len() {
        pieces.push(Piece::Rendered(page.slice(at..)));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| String::from_utf8(p.bytes().to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn markers_give_way_to_their_parts() {
        let list = KeptHtml::new("<li>1</li><li>2</li>".into());
        let docs = KeptHtml::new("<h2>Unterlagen</h2>".into());
        let parts = vec![docs.clone(), list.clone()];
        let prefix = KeptParts::marker_prefix();
        let page = format!(
            "<main><section>{prefix}0--></section><ol>{prefix}1--></ol>{prefix}7--></main>"
        );
        let pieces = split(Bytes::from(page), &parts);
        assert_eq!(
            page_of(&pieces),
            format!(
                "<main><section><h2>Unterlagen</h2></section><ol><li>1</li><li>2</li></ol>{prefix}7--></main>"
            ),
            "a number no part has stays as written"
        );
        assert_eq!(
            pieces
                .iter()
                .filter(|p| matches!(p, Piece::Kept(_)))
                .count(),
            2
        );
    }
}
