//! HTML kept for many responses (a procedure's documents section, its comment list) and
//! put into each page by reference: the page is rendered with a marker where the part
//! goes, and the server sends the part's own bytes in its place (`server::kept_parts`)
//! instead of copying it into every page, and to a browser that takes gzip, the part as
//! it was deflated once (`server::compression`). A logged-in page then compresses only
//! what was rendered for its reader: a few kilobytes instead of the whole page.
use flate2::{Compress, Compression, FlushCompress, Status};
use http::request::Parts;
use leptos::oco::Oco;
use leptos::prelude::with_context;
use std::sync::{Arc, Mutex, OnceLock};

/// Deflate level of a kept part: it is deflated once for every response that sends it,
/// so it may take longer than a response's own level 1 (0.36 ms for the 98 KB page with
/// 100 comments, 10 KB instead of 15 KB).
const LEVEL: u32 = 6;

pub struct KeptHtml {
    html: Arc<str>,
    deflated: OnceLock<Deflated>,
}

/// A part as raw deflate blocks that stand alone: none refers back to before the part's
/// start, and the last ends on a byte boundary and is not final, so they go between
/// blocks of any other deflate stream.
pub struct Deflated {
    pub blocks: Vec<u8>,
    /// The CRC-32 of the part (with its length), to combine into the stream's.
    pub crc: crc32fast::Hasher,
}

impl KeptHtml {
    pub fn new(html: String) -> Arc<Self> {
        Arc::new(KeptHtml {
            html: html.into(),
            deflated: OnceLock::new(),
        })
    }

    pub fn html(&self) -> &Arc<str> {
        &self.html
    }

    /// About the bytes the part holds once it was sent compressed too (its deflated copy
    /// is made then): what a store of parts counts against its bound.
    pub fn kept_bytes(&self) -> usize {
        self.html.len() * 5 / 4
    }

    /// The part deflated, made when it is first asked for.
    pub fn deflated(&self) -> &Deflated {
        self.deflated
            .get_or_init(|| deflate_alone(self.html.as_bytes(), LEVEL))
    }

    /// The part as it goes into a page rendered now: a marker where the server sends
    /// parts by reference for the request being answered, else the HTML itself.
    pub fn in_page(self: &Arc<Self>) -> Oco<'static, str> {
        // Nothing to refer to (and the page may ask whether the part is empty).
        if self.html.is_empty() {
            return Oco::Borrowed("");
        }
        let by_reference = with_context::<Parts, _>(|p| p.extensions.get::<KeptParts>().cloned());
        match by_reference.flatten() {
            Some(kept) => Oco::Owned(kept.mark(self.clone())),
            None => Oco::Counted(self.html.clone()),
        }
    }
}

/// `bytes` as raw deflate blocks that stand alone (see `Deflated`): compressed from a
/// fresh start and ended by a sync flush.
pub fn deflate_alone(bytes: &[u8], level: u32) -> Deflated {
    let mut blocks = Vec::with_capacity(bytes.len() / 4 + 64);
    let mut z = Compress::new(Compression::new(level), false);
    deflate_into(&mut z, bytes, FlushCompress::Sync, &mut blocks);
    let mut crc = crc32fast::Hasher::new();
    crc.update(bytes);
    Deflated { blocks, crc }
}

/// Deflates all of `input` with `z` into `out`, then flushes as `flush` says.
pub fn deflate_into(z: &mut Compress, input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    let start = z.total_in();
    loop {
        if out.capacity() - out.len() < 1024 {
            out.reserve(out.len().max(4096));
        }
        let consumed = (z.total_in() - start) as usize;
        let status = z
            .compress_vec(&input[consumed..], out, flush)
            .expect("deflate of memory into memory does not fail");
        let done = z.total_in() - start == input.len() as u64;
        // The stream is finished when zlib says so; a flush is complete when it left output
        // space over (zlib's rule).
        let complete = match flush {
            FlushCompress::Finish => status == Status::StreamEnd,
            _ => out.capacity() > out.len(),
        };
        if done && complete {
            return;
        }
    }
}

/// The parts a page rendered for one request marked, for the server to send in the
/// markers' places; put into the request's extensions by the server.
#[derive(Clone, Default)]
pub struct KeptParts(Arc<Mutex<Vec<Arc<KeptHtml>>>>);

impl KeptParts {
    /// A marker's beginning, the part's number follows, then `-->`. Random per process:
    /// what a person writes is escaped in a page (no `<!--` of theirs reaches it), and
    /// the HTML staff write in Markdown cannot guess it either.
    pub fn marker_prefix() -> &'static str {
        static PREFIX: OnceLock<String> = OnceLock::new();
        PREFIX.get_or_init(|| format!("<!--kept {} ", uuid::Uuid::new_v4().simple()))
    }

    fn mark(&self, part: Arc<KeptHtml>) -> String {
        let mut parts = self.0.lock().unwrap_or_else(|e| e.into_inner());
        parts.push(part);
        format!("{}{}-->", Self::marker_prefix(), parts.len() - 1)
    }

    /// The parts marked, by their numbers.
    pub fn take(&self) -> Vec<Arc<KeptHtml>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_part_deflated_alone_inflates_to_itself_between_other_blocks() {
        let part = "<li>Beitrag 1: Radweg</li>".repeat(200);
        let d = deflate_alone(part.as_bytes(), LEVEL);
        // Rendered bytes before (full flush: no reference into them from later) and after.
        let mut z = Compress::new(Compression::fast(), false);
        let mut stream = Vec::new();
        deflate_into(
            &mut z,
            b"<ol>Beitrag 1: Radweg",
            FlushCompress::Full,
            &mut stream,
        );
        stream.extend_from_slice(&d.blocks);
        deflate_into(
            &mut z,
            b"</ol>Beitrag 1: Radweg",
            FlushCompress::Finish,
            &mut stream,
        );
        let mut out = String::new();
        flate2::read::DeflateDecoder::new(&stream[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(
            out,
            format!("<ol>Beitrag 1: Radweg{part}</ol>Beitrag 1: Radweg")
        );
    }
}
