//! The rules of a consultation's comments.
use crate::domain::text::clean;

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
}
