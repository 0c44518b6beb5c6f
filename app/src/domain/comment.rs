//! Comments: their text, their status, and the reasons given when reporting or
//! moderating them.
use super::procedure::clean;
use serde::{Deserialize, Serialize};

/// Where a comment stands. Only `Published` is shown to the public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentStatus {
    /// Waiting for its author to confirm the address (no account).
    Unconfirmed,
    /// Waiting for a moderator (moderation before publication).
    Pending,
    Published,
    /// Hidden by reports until a moderator decides.
    Reported,
    /// Hidden by a moderator, with a reason.
    Hidden,
    /// Taken back by its author.
    Withdrawn,
}

impl CommentStatus {
    pub const ALL: [CommentStatus; 6] = [
        CommentStatus::Unconfirmed,
        CommentStatus::Pending,
        CommentStatus::Published,
        CommentStatus::Reported,
        CommentStatus::Hidden,
        CommentStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Unconfirmed => "unconfirmed",
            CommentStatus::Pending => "pending",
            CommentStatus::Published => "published",
            CommentStatus::Reported => "reported",
            CommentStatus::Hidden => "hidden",
            CommentStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            CommentStatus::Unconfirmed => "comment.status.unconfirmed",
            CommentStatus::Pending => "comment.status.pending",
            CommentStatus::Published => "comment.status.published",
            CommentStatus::Reported => "comment.status.reported",
            CommentStatus::Hidden => "comment.status.hidden",
            CommentStatus::Withdrawn => "comment.status.withdrawn",
        }
    }

    /// Waiting for a moderator's decision.
    pub fn awaits_moderation(self) -> bool {
        matches!(self, CommentStatus::Pending | CommentStatus::Reported)
    }
}

/// The text of a comment: plain text with paragraphs, 1 to 5,000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentBody(String);

impl CommentBody {
    pub const MAX_CHARS: usize = 5_000;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = clean(input);
        if s.is_empty() {
            return Err("error.comment.empty");
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err("error.comment.too_long");
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// Why someone reports a comment, or why a moderator hides it: 1 to 1,000 characters.
pub fn reason(input: &str) -> Result<String, &'static str> {
    let s = clean(input);
    if s.is_empty() {
        Err("error.reason.missing")
    } else if s.chars().count() > 1_000 {
        Err("error.reason.too_long")
    } else {
        Ok(s)
    }
}

/// The start of a text for mails and lists: at most `max` characters, cut at a word.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut} …")
}

/// A piece of a line of comment text: words, or a link to make clickable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Piece {
    Text(String),
    Link(String),
}

/// A comment's text as paragraphs (split at blank lines) of lines of pieces. The page
/// renders each piece as text or as a link; nothing in it is ever HTML.
pub fn paragraphs(text: &str) -> Vec<Vec<Vec<Piece>>> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.lines().map(pieces).collect())
        .collect()
}

/// Splits a line into text and `http(s)://` links. Punctuation that ends a sentence is
/// not part of the link.
fn pieces(line: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(start) = find_link_start(rest) {
        let (before, from) = rest.split_at(start);
        text.push_str(before);
        let end = from.find(char::is_whitespace).unwrap_or(from.len());
        let mut link = &from[..end];
        while let Some(last) = link.chars().last() {
            if ".,;:!?)]}'\"“”«»".contains(last) {
                link = &link[..link.len() - last.len_utf8()];
            } else {
                break;
            }
        }
        let has_host = link
            .split_once("://")
            .is_some_and(|(_, host)| !host.is_empty());
        if has_host {
            if !text.is_empty() {
                out.push(Piece::Text(std::mem::take(&mut text)));
            }
            out.push(Piece::Link(link.to_string()));
        } else {
            text.push_str(link);
        }
        rest = &from[link.len()..];
        if link.is_empty() {
            // Not a link after all: keep the scheme's first character and go on.
            let first = rest.chars().next().map(char::len_utf8).unwrap_or(0);
            text.push_str(&rest[..first]);
            rest = &rest[first..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        out.push(Piece::Text(text));
    }
    out
}

fn find_link_start(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    match (lower.find("https://"), lower.find("http://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_limited() {
        assert_eq!(CommentBody::parse("  \n "), Err("error.comment.empty"));
        assert_eq!(
            CommentBody::parse(&"ä".repeat(5001)),
            Err("error.comment.too_long")
        );
        assert!(CommentBody::parse(&"ä".repeat(5000)).is_ok());
        assert_eq!(
            CommentBody::parse(" Eins\r\n\r\nZwei\u{0} ")
                .unwrap()
                .as_str(),
            "Eins\n\nZwei"
        );
    }

    #[test]
    fn reasons_are_required() {
        assert_eq!(reason(" "), Err("error.reason.missing"));
        assert_eq!(reason(&"x".repeat(1001)), Err("error.reason.too_long"));
        assert_eq!(reason(" Beleidigung "), Ok("Beleidigung".into()));
    }

    #[test]
    fn text_becomes_paragraphs_lines_and_links() {
        let p =
            paragraphs("Siehe https://example.org/plan.pdf.\nZeile zwei\n\n\nAbsatz <b>zwei</b>");
        assert_eq!(
            p,
            vec![
                vec![
                    vec![
                        Piece::Text("Siehe ".into()),
                        Piece::Link("https://example.org/plan.pdf".into()),
                        Piece::Text(".".into()),
                    ],
                    vec![Piece::Text("Zeile zwei".into())],
                ],
                vec![vec![Piece::Text("Absatz <b>zwei</b>".into())]],
            ]
        );
    }

    #[test]
    fn only_real_web_links_are_links() {
        for line in [
            "javascript:alert(1)",
            "http://",
            "ftp://x.de",
            "data:text/html,hi",
        ] {
            assert!(
                pieces(line).iter().all(|p| matches!(p, Piece::Text(_))),
                "{line}"
            );
        }
        assert_eq!(
            pieces("(http://a.de)"),
            vec![
                Piece::Text("(".into()),
                Piece::Link("http://a.de".into()),
                Piece::Text(")".into())
            ]
        );
        assert_eq!(
            pieces("HTTPS://A.de x"),
            vec![Piece::Link("HTTPS://A.de".into()), Piece::Text(" x".into())]
        );
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("kurz", 10), "kurz");
        assert_eq!(excerpt("eins zwei drei vier", 12), "eins zwei …");
    }
}
