use serde::{Deserialize, Serialize};

/// The name a person shows on the portal: 1 to 100 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = input.trim();
        if s.is_empty() {
            return Err("error.name.missing");
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err("error.name.too_long");
        }
        if s.chars().any(char::is_control) {
            return Err("error.name.invalid");
        }
        Ok(Self(s.to_string()))
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
    use super::PersonName;

    #[test]
    fn keeps_real_names() {
        for name in [
            "Anna Schmidt",
            "Jürgen Weiß-Ößler",
            "李雷",
            "O'Brien",
            "<b>Anna</b>",
        ] {
            assert_eq!(PersonName::parse(name).unwrap().as_str(), name);
        }
    }

    #[test]
    fn rejects_empty_overlong_and_control_characters() {
        assert_eq!(PersonName::parse("  ").unwrap_err(), "error.name.missing");
        assert_eq!(
            PersonName::parse(&"a".repeat(101)).unwrap_err(),
            "error.name.too_long"
        );
        assert_eq!(
            PersonName::parse("Anna\u{0}").unwrap_err(),
            "error.name.invalid"
        );
    }
}
