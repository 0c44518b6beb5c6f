//! Markdown written by staff, turned into HTML that is safe to show: rendered by
//! pulldown-cmark, then passed through an allow-list sanitizer (ammonia). Anything not on
//! the list (scripts, event handlers, styles, images, `javascript:` links) is dropped.
//! Rendered once when the text is saved, not on every page view.
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The text's heading levels, ranked: its highest becomes an `<h3>` (the page has its
/// `<h1>` and the `<h2>` of its sections), the next an `<h4>`, and so on, so no heading
/// skips a level (axe-core's heading order).
fn demote(level: HeadingLevel, used: &[HeadingLevel]) -> HeadingLevel {
    match used.iter().position(|l| *l == level).unwrap_or(0) {
        0 => HeadingLevel::H3,
        1 => HeadingLevel::H4,
        2 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

pub fn to_safe_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut used: Vec<HeadingLevel> = Parser::new_ext(markdown, options)
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { level, .. }) => Some(level),
            _ => None,
        })
        .collect();
    used.sort();
    used.dedup();
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level, &used),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level, &used))),
        // Raw HTML in the Markdown is shown as text, never interpreted.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    sanitizer().clean(&html).to_string()
}

fn sanitizer() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "del",
        "a",
        "blockquote",
        "code",
        "pre",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ]
    .into_iter()
    .collect();
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("th", ["scope"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .strip_comments(true);
    b
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn renders_the_usual_markdown() {
        let html = to_safe_html(
            "# Ziel\n\nMehr **Grün** und [Plan](https://example.org/p).\n\n- eins\n- zwei",
        );
        assert!(html.contains("<h3>Ziel</h3>"), "{html}");
        // A text that starts at `##` still starts at `<h3>`, and skips no level.
        let steps = to_safe_html("## Anlass\n\n#### Detail");
        assert!(
            steps.contains("<h3>Anlass</h3>") && steps.contains("<h4>Detail</h4>"),
            "{steps}"
        );
        assert!(html.contains("<strong>Grün</strong>"));
        assert!(html.contains(
            r#"<a href="https://example.org/p" rel="noopener noreferrer nofollow">Plan</a>"#
        ));
        assert!(html.contains("<li>eins</li>"));
    }

    #[test]
    fn nothing_written_runs_as_script() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[klick](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "![bild](https://evil.example/x.png)",
        ] {
            let html = to_safe_html(payload);
            // Text is escaped, so every real tag starts with a literal `<`.
            for tag in html
                .split('<')
                .skip(1)
                .map(|t| t.split('>').next().unwrap_or(""))
            {
                let tag = tag.to_lowercase();
                for bad in [
                    "script",
                    "img",
                    "javascript:",
                    "onerror",
                    "onload",
                    "iframe",
                    "svg",
                    "data:",
                    "style",
                ] {
                    assert!(!tag.contains(bad), "{payload} → {html}");
                }
            }
        }
        // Raw HTML is kept as visible text.
        assert!(to_safe_html("<b>fett</b>").contains("&lt;b&gt;fett&lt;/b&gt;"));
    }
}
