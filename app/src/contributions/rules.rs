//! The reasons given when reporting or moderating a contribution.
use crate::domain::text::clean;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_required() {
        assert_eq!(reason(" "), Err("error.reason.missing"));
        assert_eq!(reason(&"x".repeat(1001)), Err("error.reason.too_long"));
        assert_eq!(reason(" Beleidigung "), Ok("Beleidigung".into()));
    }
}
