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
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel};

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
