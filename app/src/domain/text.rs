//! People's text: cleaned of control characters, cut to an excerpt, and split into
//! paragraphs with their web links (rendered as text and links, never as HTML).
use serde::{Deserialize, Serialize};

/// Unix line breaks, no other control characters, trimmed.
pub fn clean(input: &str) -> String {
    input
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect::<String>()
        .trim()
        .to_string()
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

/// `5000` → `5.000` with the separator `.` (German), `5,000` with `,` (English).
pub fn thousands(n: usize, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn numbers_get_thousands_separators() {
        assert_eq!(thousands(5, "."), "5");
        assert_eq!(thousands(5000, "."), "5.000");
        assert_eq!(thousands(1234567, ","), "1,234,567");
    }

    #[test]
    fn excerpts_cut_at_a_word() {
        assert_eq!(excerpt("kurz", 10), "kurz");
        assert_eq!(excerpt("eins zwei drei vier", 12), "eins zwei …");
    }
}
