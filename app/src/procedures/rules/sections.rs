//! A text document, as staff type or paste it, split into numbered sections that can
//! be commented on one by one. `# ` starts a chapter, `## ` a paragraph under it; the
//! lines after a heading are its text. Chapters are numbered 1, 2, …, paragraphs 1.1,
//! 1.2, … (or 1, 2, … when the document has no chapters).
use crate::domain::text::clean;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// 1 for a chapter, 2 for a paragraph.
    pub level: i32,
    pub number: String,
    pub heading: String,
    pub body: String,
}

pub const MAX_SECTIONS: usize = 500;
pub const HEADING_MAX: usize = 200;
pub const SECTION_BODY_MAX: usize = 20_000;

pub fn parse(input: &str) -> Result<Vec<Section>, &'static str> {
    let text = clean(input);
    if text.is_empty() {
        return Err("error.sections.empty");
    }
    let mut sections: Vec<Section> = Vec::new();
    let (mut chapter, mut paragraph) = (0u32, 0u32);
    for line in text.lines() {
        let heading = if let Some(h) = line.strip_prefix("## ") {
            paragraph += 1;
            let number = if chapter == 0 {
                paragraph.to_string()
            } else {
                format!("{chapter}.{paragraph}")
            };
            Some((2, number, h))
        } else if let Some(h) = line.strip_prefix("# ") {
            chapter += 1;
            paragraph = 0;
            Some((1, chapter.to_string(), h))
        } else {
            None
        };
        match (heading, sections.last_mut()) {
            (Some((level, number, h)), _) => {
                let h = h.trim();
                if h.is_empty() {
                    return Err("error.sections.heading_missing");
                }
                if h.chars().count() > HEADING_MAX {
                    return Err("error.sections.heading_too_long");
                }
                sections.push(Section {
                    level,
                    number,
                    heading: h.to_string(),
                    body: String::new(),
                });
            }
            (None, Some(current)) => {
                current.body.push_str(line);
                current.body.push('\n');
            }
            (None, None) => return Err("error.sections.no_heading"),
        }
    }
    for s in &mut sections {
        s.body = s.body.trim().to_string();
        if s.body.chars().count() > SECTION_BODY_MAX {
            return Err("error.sections.body_too_long");
        }
    }
    if sections.len() > MAX_SECTIONS {
        return Err("error.sections.too_many");
    }
    Ok(sections)
}

/// The markup of sections again (to edit a document).
pub fn unparse(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| {
            let marker = if s.level == 1 { "#" } else { "##" };
            if s.body.is_empty() {
                format!("{marker} {}\n", s.heading)
            } else {
                format!("{marker} {}\n{}\n", s.heading, s.body)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_and_paragraphs_are_numbered() {
        let s = parse(
            "# Allgemeines\r\nEinleitung.\n\n## Geltungsbereich\nDas Gebiet.\n\nZweiter Absatz.\n## Ziele\n# Festsetzungen\n## Art der Nutzung\nWohnen.",
        )
        .unwrap();
        let numbered: Vec<(&str, &str, i32)> = s
            .iter()
            .map(|s| (s.number.as_str(), s.heading.as_str(), s.level))
            .collect();
        assert_eq!(
            numbered,
            vec![
                ("1", "Allgemeines", 1),
                ("1.1", "Geltungsbereich", 2),
                ("1.2", "Ziele", 2),
                ("2", "Festsetzungen", 1),
                ("2.1", "Art der Nutzung", 2),
            ]
        );
        assert_eq!(s[1].body, "Das Gebiet.\n\nZweiter Absatz.");
        assert_eq!(s[2].body, "");
        assert_eq!(parse(&unparse(&s)).unwrap(), s);
    }

    #[test]
    fn paragraphs_without_chapters() {
        let s = parse("## Eins\nA\n## Zwei\nB").unwrap();
        assert_eq!(s[0].number, "1");
        assert_eq!(s[1].number, "2");
    }

    #[test]
    fn bad_documents_say_why() {
        assert_eq!(parse("  "), Err("error.sections.empty"));
        assert_eq!(
            parse("Text ohne Überschrift"),
            Err("error.sections.no_heading")
        );
        assert_eq!(parse("# \nText"), Err("error.sections.heading_missing"));
        assert_eq!(
            parse(&format!("# {}", "x".repeat(201))),
            Err("error.sections.heading_too_long")
        );
        assert_eq!(parse(&"## A\n".repeat(501)), Err("error.sections.too_many"));
    }
}
