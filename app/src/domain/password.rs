use std::collections::HashSet;
use std::sync::OnceLock;

/// A password someone may choose: 12 to 128 characters, not on the list of common
/// passwords, not a run of one character, not the e-mail address.
/// Deliberately not `Serialize`/`Debug`-printing: it must never reach a log or the browser.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common-passwords.txt")
            .lines()
            .map(str::trim)
            .collect()
    })
}

impl NewPassword {
    pub fn parse(input: &str, email: &str) -> Result<Self, &'static str> {
        let n = input.chars().count();
        if n == 0 {
            return Err("error.password.missing");
        }
        if n < MIN_CHARS {
            return Err("error.password.too_short");
        }
        if n > MAX_CHARS {
            return Err("error.password.too_long");
        }
        let lower = input.to_lowercase();
        let first = lower.chars().next();
        let one_char_repeated = lower.chars().all(|c| Some(c) == first);
        if one_char_repeated || common_passwords().contains(lower.as_str()) {
            return Err("error.password.common");
        }
        if !email.is_empty() && lower.trim() == email.trim().to_lowercase() {
            return Err("error.password.is_email");
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::NewPassword;

    #[test]
    fn accepts_long_uncommon_passwords() {
        for p in [
            "Frühling am Elbufer",
            "correct horse battery",
            "xK9#mP2$vL5@",
        ] {
            assert!(NewPassword::parse(p, "anna@example.org").is_ok(), "{p}");
        }
    }

    #[test]
    fn rejects_each_weak_kind_with_its_own_message() {
        for (p, key) in [
            ("", "error.password.missing"),
            ("kurz", "error.password.too_short"),
            ("elf zeichen", "error.password.too_short"),
            ("Passwort1234", "error.password.common"),
            ("Qwertz123456", "error.password.common"),
            ("aaaaaaaaaaaaaaaa", "error.password.common"),
            ("anna.schmidt@example.org", "error.password.is_email"),
        ] {
            assert_eq!(
                NewPassword::parse(p, "anna.schmidt@example.org").unwrap_err(),
                key,
                "{p:?}"
            );
        }
        assert_eq!(
            NewPassword::parse(&"x".repeat(129), "").unwrap_err(),
            "error.password.too_long"
        );
    }

    #[test]
    fn debug_output_hides_the_password() {
        let p = NewPassword::parse("Frühling am Elbufer", "").unwrap();
        assert!(!format!("{p:?}").contains("Frühling"));
    }
}
