//! Compression of what is rendered for one request: a logged-in person's page, a page
//! with a query the cache has not seen, a form's answer, an export. (Cached pages come
//! from `page_cache` with brotli and gzip made once and are not touched here.)
//!
//! Per response the CPU counts more than the last kilobyte. On the procedure page with 100
//! comments (98 KB; `make bench` prints these figures) gzip level 1 takes 0.10 ms for 15 KB,
//! brotli's fastest (quality 0) 0.16 ms for 12 KB, quality 1 0.22 ms for 10 KB, and
//! tower-http's default, quality 4, 0.98 ms for 8 KB: a tenth of the render's time for
//! 7 KB less on the wire. So gzip at level 1 goes to every client that takes gzip (every
//! browser does), and brotli at its fastest only to a client that takes brotli but not
//! gzip. A client that asks for compression never gets the page uncompressed.
//! Files that are compressed already (PDF, XLSX, images) go as they are.
//!
//! A page whose kept parts came by reference (`kept_parts`) is compressed here without
//! them: its own pieces with gzip 1, each kept part as it was deflated once, spliced into
//! one gzip stream (`gzip_with_kept_parts`).
use crate::kept_parts::{Piece, Pieces};
use app::platform::kept_html::deflate_into;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use flate2::{Compress, Compression, FlushCompress};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Whether the client takes `coding` by its `Accept-Encoding` (`*` included, `q=0`
/// refuses).
pub fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case(coding) || name == "*") && !refused
        })
}

/// gzip for a page with kept parts, for a client that takes gzip: the page's own pieces
/// deflated now at level 1, each ended by a full flush (so nothing after refers back
/// across a kept part), and the kept parts' blocks as they are. Put inside `gzip()`,
/// which passes a response that carries a `Content-Encoding`, and inside the page cache,
/// which asks for a page it keeps uncompressed.
pub async fn gzip_with_kept_parts(req: Request, next: Next) -> Response {
    let takes_gzip = accepts(req.headers(), "gzip");
    let res = next.run(req).await;
    if !takes_gzip || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let Some(Pieces(pieces)) = res.extensions().get::<Pieces>().cloned() else {
        return res;
    };
    let (mut head, _) = res.into_parts();
    let gzip = gzip_of(&pieces);
    let headers = &mut head.headers;
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(gzip.len()));
    headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    Response::from_parts(head, Body::from(gzip))
}

/// One gzip member (RFC 1952) of the pieces in order.
fn gzip_of(pieces: &[Piece]) -> Vec<u8> {
    const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let mut out = Vec::with_capacity(16 * 1024);
    out.extend_from_slice(&HEADER);
    let mut z = Compress::new(Compression::fast(), false);
    let mut crc = crc32fast::Hasher::new();
    for piece in pieces {
        match piece {
            Piece::Rendered(bytes) => {
                deflate_into(&mut z, bytes, FlushCompress::Full, &mut out);
                crc.update(bytes);
            }
            Piece::Kept(part) => {
                let deflated = part.deflated();
                out.extend_from_slice(&deflated.blocks);
                crc.combine(&deflated.crc);
            }
        }
    }
    deflate_into(&mut z, &[], FlushCompress::Finish, &mut out);
    let len = crc.total_len();
    out.extend_from_slice(&crc.finalize().to_le_bytes());
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out
}

/// What is worth compressing: text above a few bytes, not what is compressed already.
type Worth = tower_http::compression::predicate::And<
    tower_http::compression::predicate::And<
        tower_http::compression::predicate::And<DefaultPredicate, NotForContentType>,
        NotForContentType,
    >,
    NotForContentType,
>;

fn worth() -> Worth {
    DefaultPredicate::new()
        .and(NotForContentType::const_new("application/pdf"))
        // XLSX (and every OOXML file) is a zip archive.
        .and(NotForContentType::const_new(
            "application/vnd.openxmlformats",
        ))
        .and(NotForContentType::const_new("application/zip"))
}

/// gzip at level 1 when the client takes gzip. A response that carries a
/// `Content-Encoding` already (a cached page, a precompressed asset) passes unchanged.
pub fn gzip() -> CompressionLayer<Worth> {
    CompressionLayer::new()
        .no_br()
        .quality(CompressionLevel::Fastest)
        .compress_when(worth())
}

/// Brotli at its fastest for a client that takes brotli but not gzip: put it outside
/// `gzip()`, so that it sees only what gzip left uncompressed.
pub fn brotli_for_the_rest() -> CompressionLayer<Worth> {
    CompressionLayer::new()
        .no_gzip()
        .quality(CompressionLevel::Fastest)
        .compress_when(worth())
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::platform::kept_html::KeptHtml;
    use axum::body::Bytes;
    use std::io::Read;

    #[test]
    fn a_page_with_kept_parts_is_one_gzip_stream_of_all_its_bytes() {
        // The kept part repeats what is around it: a reference across it would show.
        let comment = "<li><article>Beitrag: Radweg und Stellplätze</article></li>";
        let list = KeptHtml::new(comment.repeat(300));
        let docs = KeptHtml::new("<h2>Unterlagen</h2>".repeat(50));
        let pieces = vec![
            Piece::Kept(docs.clone()),
            Piece::Rendered(Bytes::from(format!("<main>{comment}<ol>"))),
            Piece::Kept(list.clone()),
            Piece::Kept(docs.clone()),
            Piece::Rendered(Bytes::from(format!("</ol>{comment}</main>"))),
        ];
        let gzip = gzip_of(&pieces);
        let mut page = String::new();
        flate2::read::GzDecoder::new(&gzip[..])
            .read_to_string(&mut page)
            .expect("a valid gzip stream, its CRC and length checked");
        let expected = format!(
            "{docs}<main>{comment}<ol>{list}{docs}</ol>{comment}</main>",
            docs = docs.html(),
            list = list.html()
        );
        assert_eq!(page, expected);
        assert!(gzip.len() < expected.len() / 10, "{} bytes", gzip.len());
    }

    #[test]
    fn q_zero_refuses_a_coding() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("br, gzip;q=0"),
        );
        assert!(accepts(&h, "br"));
        assert!(!accepts(&h, "gzip"));
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("*"));
        assert!(accepts(&h, "gzip"));
    }
}
