//! Leptos appends its shared context's data to every rendered page as inline scripts
//! (`__RESOLVED_RESOURCES=[…]` …) after `</html>`, for the browser to hydrate with. In
//! islands mode only islands hydrate, and ours take their data as props and read no
//! resource, so those scripts are empty; they would also be inline scripts, which the
//! CSP refuses. They are cut off here, before the page cache stores a page.
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;

/// The largest page this reads whole (a page with 100 threads of comments is ~150 KB).
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// The page without anything after its `</html>`.
pub fn cut(page: Bytes) -> Bytes {
    const END: &[u8] = b"</html>";
    match page.windows(END.len()).rposition(|w| w == END) {
        Some(at) if at + END.len() < page.len() => page.slice(..at + END.len()),
        _ => page,
    }
}

pub async fn strip(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return res;
    }
    let (mut head, body) = res.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(page) => {
            let page = cut(page);
            head.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(head, Body::from(page))
        }
        Err(e) => {
            tracing::error!(error = %e, "page too large or broken");
            Response::from_parts(head, Body::empty())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn everything_after_the_document_goes() {
        let page = b"<html><body><p>x</p></body></html><script>__RESOLVED_RESOURCES=[];</script>";
        assert_eq!(
            &super::cut(page.as_slice().into())[..],
            b"<html><body><p>x</p></body></html>"
        );
        let plain = b"<html></html>";
        assert_eq!(&super::cut(plain.as_slice().into())[..], plain);
    }
}
