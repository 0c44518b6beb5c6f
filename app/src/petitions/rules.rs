//! The pure rules of petitions: what a petition and a co-signature must hold, its
//! reference number, and the progress toward its quorum.
use crate::domain::scope::TOPICS;
use crate::domain::text::clean;
use crate::domain::{EmailAddress, FieldErrors, PersonName};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 200;
pub const REQUEST_MAX: usize = 5_000;
pub const REASONS_MAX: usize = 10_000;
pub const REGION_MAX: usize = 200;
/// The shortest and longest signing period a petitioner may choose (weeks); the
/// addressee may allow less.
pub const MIN_WEEKS: i32 = 2;
pub const MAX_WEEKS: i32 = 12;
/// The default longest signing period of an addressee.
pub const DEFAULT_MAX_WEEKS: i32 = 6;

/// A petition as its petitioner writes it. A field the browser leaves out arrives empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PetitionForm {
    pub addressee: String,
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub category: String,
    pub region: String,
    /// `public` (published for co-signing) or `private` (to the addressee only).
    pub visibility: String,
    pub weeks: String,
}

/// A petition's fields, all valid.
#[derive(Clone, Debug, PartialEq)]
pub struct PetitionFields {
    pub title: String,
    pub request: String,
    pub reasons: String,
    pub category: String,
    pub region: String,
    pub public: bool,
    /// The signing period of a public petition (weeks).
    pub weeks: i32,
}

fn text(
    input: &str,
    max: usize,
    missing: &'static str,
    too_long: &'static str,
) -> Result<String, &'static str> {
    let s = clean(input);
    if s.is_empty() {
        Err(missing)
    } else if s.chars().count() > max {
        Err(too_long)
    } else {
        Ok(s)
    }
}

impl PetitionForm {
    /// Parses every field; `max_weeks` is the addressee's longest signing period.
    pub fn parse(&self, max_weeks: i32) -> Result<PetitionFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check(
            "title",
            text(
                &self.title,
                TITLE_MAX,
                "error.petition.title_missing",
                "error.petition.title_too_long",
            )
            .map(|t| t.replace('\n', " ")),
        );
        let request = e.check(
            "request",
            text(
                &self.request,
                REQUEST_MAX,
                "error.petition.request_missing",
                "error.petition.request_too_long",
            ),
        );
        let reasons = e.check(
            "reasons",
            text(
                &self.reasons,
                REASONS_MAX,
                "error.petition.reasons_missing",
                "error.petition.reasons_too_long",
            ),
        );
        let category = self.category.trim();
        if !TOPICS.contains(&category) {
            e.add("category", "error.petition.category");
        }
        let region = clean(&self.region).replace('\n', " ");
        if region.chars().count() > REGION_MAX {
            e.add("region", "error.petition.region_too_long");
        }
        let public = match self.visibility.trim() {
            "public" => Some(true),
            "private" => Some(false),
            _ => {
                e.add("visibility", "error.petition.visibility");
                None
            }
        };
        let weeks = if public == Some(false) {
            Some(0)
        } else {
            let longest = max_weeks.clamp(MIN_WEEKS, MAX_WEEKS);
            e.check(
                "weeks",
                self.weeks
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|w| (MIN_WEEKS..=longest).contains(w))
                    .ok_or("error.petition.weeks"),
            )
        };
        match (title, request, reasons, public, weeks) {
            (Some(title), Some(request), Some(reasons), Some(public), Some(weeks))
                if e.is_empty() =>
            {
                Ok(PetitionFields {
                    title,
                    request,
                    reasons,
                    category: category.to_string(),
                    region,
                    public,
                    weeks,
                })
            }
            _ => Err(e),
        }
    }
}

/// A co-signature as the form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignatureForm {
    pub name: String,
    pub postal_code: String,
    pub place: String,
    pub email: String,
    /// Show the name among the signers.
    pub show_name: Option<String>,
    /// Consent to the privacy notice (required).
    pub privacy: Option<String>,
    /// Receive the petition's news by mail.
    pub updates: Option<String>,
}

/// A co-signature's fields, all valid.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureFields {
    pub name: String,
    pub postal_code: String,
    pub place: String,
    pub email: EmailAddress,
    pub show_name: bool,
    pub updates: bool,
}

/// A German postal code: five digits.
pub fn postal_code(input: &str) -> Result<String, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        Err("error.postal_code.missing")
    } else if s.len() == 5 && s.chars().all(|c| c.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err("error.postal_code.invalid")
    }
}

/// A place name: 1 to 100 characters.
pub fn place(input: &str) -> Result<String, &'static str> {
    text(input, 100, "error.place.missing", "error.place.too_long").map(|p| p.replace('\n', " "))
}

impl SignatureForm {
    pub fn parse(&self) -> Result<SignatureFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check("name", PersonName::parse(&self.name));
        let postal_code = e.check("postal_code", postal_code(&self.postal_code));
        let place = e.check("place", place(&self.place));
        let email = e.check("email", EmailAddress::parse(&self.email));
        if self.privacy.is_none() {
            e.add("privacy", "error.signature.privacy");
        }
        match (name, postal_code, place, email) {
            (Some(name), Some(postal_code), Some(place), Some(email)) if e.is_empty() => {
                Ok(SignatureFields {
                    name: name.into_inner(),
                    postal_code,
                    place,
                    email,
                    show_name: self.show_name.is_some(),
                    updates: self.updates.is_some(),
                })
            }
            _ => Err(e),
        }
    }
}

/// `P-2026-0007`: the reference of the petition numbered 7 of its tenant, submitted in 2026.
pub fn reference(year: i32, number: i32) -> String {
    format!("P-{year}-{number:04}")
}

/// How far the signatures are toward the quorum, in whole percent (at most 100).
pub fn progress(count: i32, quorum: i32) -> u32 {
    if quorum <= 0 {
        return 100;
    }
    ((i64::from(count.max(0)) * 100 / i64::from(quorum)).min(100)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> PetitionForm {
        PetitionForm {
            addressee: String::new(),
            title: " Mehr Bänke im Stadtpark ".into(),
            request: "Der Stadtrat möge beschließen, zehn Bänke aufzustellen.".into(),
            reasons: "Ältere Menschen brauchen Pausen.".into(),
            category: "soziales".into(),
            region: "Dresden".into(),
            visibility: "public".into(),
            weeks: "6".into(),
        }
    }

    #[test]
    fn a_complete_petition_parses() {
        let f = form().parse(6).unwrap();
        assert_eq!(f.title, "Mehr Bänke im Stadtpark");
        assert!(f.public);
        assert_eq!(f.weeks, 6);
        let private = PetitionForm {
            visibility: "private".into(),
            weeks: "".into(),
            ..form()
        };
        assert_eq!(private.parse(6).unwrap().weeks, 0);
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = PetitionForm {
            title: " ".into(),
            request: "x".repeat(REQUEST_MAX + 1),
            reasons: "".into(),
            category: "<script>".into(),
            visibility: "secret".into(),
            ..form()
        };
        let e = bad.parse(6).unwrap_err();
        assert_eq!(e.get("title"), Some("error.petition.title_missing"));
        assert_eq!(e.get("request"), Some("error.petition.request_too_long"));
        assert_eq!(e.get("reasons"), Some("error.petition.reasons_missing"));
        assert_eq!(e.get("category"), Some("error.petition.category"));
        assert_eq!(e.get("visibility"), Some("error.petition.visibility"));
    }

    #[test]
    fn the_signing_period_stays_within_the_addressees_limit() {
        for (weeks, max, ok) in [
            ("2", 6, true),
            ("6", 6, true),
            ("7", 6, false),
            ("12", 12, true),
            ("13", 52, false),
            ("1", 6, false),
            ("sechs", 6, false),
            ("", 6, false),
        ] {
            let f = PetitionForm {
                weeks: weeks.into(),
                ..form()
            };
            assert_eq!(f.parse(max).is_ok(), ok, "{weeks} of {max}");
        }
    }

    #[test]
    fn signatures_need_name_postal_code_place_address_and_consent() {
        let good = SignatureForm {
            name: "Anna Schmidt".into(),
            postal_code: "01067".into(),
            place: "Dresden".into(),
            email: "Anna@Example.org".into(),
            show_name: Some("on".into()),
            privacy: Some("on".into()),
            updates: None,
        };
        let f = good.parse().unwrap();
        assert_eq!(f.email.as_str(), "anna@example.org");
        assert!(f.show_name && !f.updates);
        let bad = SignatureForm {
            name: "".into(),
            postal_code: "1067".into(),
            place: "".into(),
            email: "keine-adresse".into(),
            privacy: None,
            ..good
        };
        let e = bad.parse().unwrap_err();
        assert_eq!(e.get("name"), Some("error.name.missing"));
        assert_eq!(e.get("postal_code"), Some("error.postal_code.invalid"));
        assert_eq!(e.get("place"), Some("error.place.missing"));
        assert_eq!(e.get("email"), Some("error.email.invalid"));
        assert_eq!(e.get("privacy"), Some("error.signature.privacy"));
    }

    #[test]
    fn references_and_progress() {
        assert_eq!(reference(2026, 7), "P-2026-0007");
        assert_eq!(progress(47, 50), 94);
        assert_eq!(progress(80, 50), 100);
        assert_eq!(progress(0, 0), 100);
    }
}
