use serde::{Deserialize, Serialize};

/// A syntactically plausible e-mail address, trimmed and lower-cased so that
/// `Anna@Example.org` and `anna@example.org` are one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Returns the message key of the problem when the input is not an address.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err("error.email.missing");
        }
        if s.len() > 254 {
            return Err("error.email.invalid");
        }
        let Some((local, domain)) = s.split_once('@') else {
            return Err("error.email.invalid");
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local
                .chars()
                .any(|c| c.is_whitespace() || "<>()[],;:\\\"@".contains(c));
        if domain_ok && local_ok {
            Ok(Self(s))
        } else {
            Err("error.email.invalid")
        }
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
    use super::EmailAddress;

    #[test]
    fn accepts_and_normalizes_ordinary_addresses() {
        for (input, expected) in [
            ("anna@example.org", "anna@example.org"),
            (
                "  Anna.Schmidt@Stadt-Leipzig.DE ",
                "anna.schmidt@stadt-leipzig.de",
            ),
            ("a+tag@sub.example.com", "a+tag@sub.example.com"),
            ("jürgen@müller.de", "jürgen@müller.de"),
        ] {
            assert_eq!(
                EmailAddress::parse(input).unwrap().as_str(),
                expected,
                "{input}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        for input in [
            "",
            "   ",
            "anna",
            "anna@",
            "@example.org",
            "anna@example",
            "an na@example.org",
            "anna@@example.org",
            "anna@example..org",
            "<script>@x.de",
            "anna@.example.org",
        ] {
            assert!(
                EmailAddress::parse(input).is_err(),
                "{input:?} was accepted"
            );
        }
        assert_eq!(EmailAddress::parse("").unwrap_err(), "error.email.missing");
        assert_eq!(
            EmailAddress::parse("anna").unwrap_err(),
            "error.email.invalid"
        );
    }
}
