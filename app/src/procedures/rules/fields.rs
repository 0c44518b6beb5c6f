//! What staff enter for a consultation, parsed: once a `ProcedureFields` exists, every
//! field is valid. Errors are message keys, each for its own field.
use crate::domain::FieldErrors;
use crate::domain::procedure::{Moderation, WhoMayComment};
use crate::domain::scope::{Scope, TOPICS};
use crate::domain::text::clean;
use serde::{Deserialize, Serialize};

/// The form of a consultation as staff submit it. A field the browser leaves out (an
/// unticked box, a select the edit form does not show) arrives empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProcedureForm {
    pub organization: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub place: String,
    pub latitude: String,
    pub longitude: String,
    pub topics: Vec<String>,
    pub contact: String,
    pub who_may_comment: String,
    pub moderation: String,
    pub report_threshold: String,
}

/// A consultation's fields, all valid.
#[derive(Clone, Debug, PartialEq)]
pub struct ProcedureFields {
    pub title: String,
    pub summary: String,
    /// Markdown; rendered and sanitized by the server.
    pub body: String,
    pub place: String,
    pub coordinates: Option<(f64, f64)>,
    pub topics: Vec<String>,
    pub contact: String,
    pub who_may_comment: WhoMayComment,
    pub moderation: Moderation,
    pub report_threshold: i32,
}

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 600;
pub const BODY_MAX: usize = 50_000;
pub const PLACE_MAX: usize = 200;
pub const CONTACT_MAX: usize = 1_000;
pub const DEFAULT_REPORT_THRESHOLD: i32 = 3;

/// Trimmed text between 1 and `max` characters, without control characters other than
/// line breaks and tabs.
pub fn text(
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

/// A decimal number as people type it here: `51,0504` or `51.0504`.
fn number(input: &str) -> Option<f64> {
    input
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

/// Latitude and longitude as typed: both or neither, within their ranges.
pub fn coordinates(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, &'static str> {
    match (lat.trim().is_empty(), lon.trim().is_empty()) {
        (true, true) => Ok(None),
        (false, false) => match (number(lat), number(lon)) {
            (Some(a), Some(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                Ok(Some((a, b)))
            }
            _ => Err("error.procedure.coordinates"),
        },
        _ => Err("error.procedure.coordinates_both"),
    }
}

fn report_threshold(input: &str) -> Result<i32, &'static str> {
    if input.trim().is_empty() {
        return Ok(DEFAULT_REPORT_THRESHOLD);
    }
    input
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (1..=50).contains(n))
        .ok_or("error.procedure.report_threshold")
}

impl ProcedureForm {
    /// Parses every field; all problems are reported at once, each next to its field.
    pub fn parse(&self) -> Result<ProcedureFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check(
            "title",
            text(
                &self.title,
                TITLE_MAX,
                "error.procedure.title_missing",
                "error.procedure.title_too_long",
            ),
        );
        let summary = e.check(
            "summary",
            text(
                &self.summary,
                SUMMARY_MAX,
                "error.procedure.summary_missing",
                "error.procedure.summary_too_long",
            ),
        );
        let body = clean(&self.body);
        if body.chars().count() > BODY_MAX {
            e.add("body", "error.procedure.body_too_long");
        }
        let place = clean(&self.place).replace('\n', " ");
        if place.chars().count() > PLACE_MAX {
            e.add("place", "error.procedure.place_too_long");
        }
        let coordinates = e.check("latitude", coordinates(&self.latitude, &self.longitude));
        let mut topics: Vec<String> = Vec::new();
        for t in &self.topics {
            let t = t.trim();
            if t.is_empty() {
                continue;
            }
            if !TOPICS.contains(&t) {
                e.add("topics", "error.procedure.topic");
            } else if !topics.iter().any(|x| x == t) {
                topics.push(t.to_string());
            }
        }
        let contact = e.check(
            "contact",
            text(
                &self.contact,
                CONTACT_MAX,
                "error.procedure.contact_missing",
                "error.procedure.contact_too_long",
            ),
        );
        let who = e.check(
            "who_may_comment",
            WhoMayComment::parse(&self.who_may_comment),
        );
        let moderation = e.check("moderation", Moderation::parse(&self.moderation));
        let threshold = e.check("report_threshold", report_threshold(&self.report_threshold));
        match (
            title,
            summary,
            coordinates,
            contact,
            who,
            moderation,
            threshold,
        ) {
            (
                Some(title),
                Some(summary),
                Some(coordinates),
                Some(contact),
                Some(w),
                Some(m),
                Some(r),
            ) if e.is_empty() => Ok(ProcedureFields {
                title,
                summary,
                body,
                place,
                coordinates,
                topics,
                contact,
                who_may_comment: w,
                moderation: m,
                report_threshold: r,
            }),
            _ => Err(e),
        }
    }
}

/// The places a procedure is about, as subscription keys: the postal codes in its
/// address and the municipality after each (`01099 Dresden` → `area:01099`,
/// `area:dresden`), so people following a place hear of it.
pub fn area_keys(place: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for part in place.split(',') {
        let mut words = part.split_whitespace();
        while let Some(word) = words.next() {
            if word.len() == 5 && word.chars().all(|c| c.is_ascii_digit()) {
                keys.push(Scope::Area(word.to_string()).key());
                // The municipality: the words after the postal code up to the next comma.
                let town: Vec<&str> = words.by_ref().collect();
                if let Ok(town) = Scope::area(&town.join(" ")) {
                    keys.push(town.key());
                }
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ProcedureForm {
        ProcedureForm {
            organization: String::new(),
            title: " Bebauungsplan Nr. 12 „Am Elbufer“ ".into(),
            summary: "Neue Wohnungen am Fluss.".into(),
            body: "## Ziel\r\nMehr Grün.".into(),
            place: "Königsbrücker Straße 1, 01099 Dresden".into(),
            latitude: "51,0504".into(),
            longitude: "13.7373".into(),
            topics: vec!["bauleitplanung".into(), "umwelt".into(), "umwelt".into()],
            contact: "Stadtplanungsamt, Tel. 0351 000".into(),
            who_may_comment: "email".into(),
            moderation: "before".into(),
            report_threshold: "".into(),
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let f = form().parse().unwrap();
        assert_eq!(f.title, "Bebauungsplan Nr. 12 „Am Elbufer“");
        assert_eq!(f.body, "## Ziel\nMehr Grün.");
        assert_eq!(f.coordinates, Some((51.0504, 13.7373)));
        assert_eq!(f.topics, vec!["bauleitplanung", "umwelt"]);
        assert_eq!(f.who_may_comment, WhoMayComment::VerifiedEmail);
        assert_eq!(f.moderation, Moderation::Before);
        assert_eq!(f.report_threshold, DEFAULT_REPORT_THRESHOLD);
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = ProcedureForm {
            title: "".into(),
            summary: "x".repeat(SUMMARY_MAX + 1),
            latitude: "91".into(),
            longitude: "13".into(),
            topics: vec!["<script>".into()],
            contact: " ".into(),
            who_may_comment: "everyone".into(),
            moderation: "never".into(),
            report_threshold: "0".into(),
            ..form()
        };
        let e = bad.parse().unwrap_err();
        assert_eq!(e.get("title"), Some("error.procedure.title_missing"));
        assert_eq!(e.get("summary"), Some("error.procedure.summary_too_long"));
        assert_eq!(e.get("latitude"), Some("error.procedure.coordinates"));
        assert_eq!(e.get("topics"), Some("error.procedure.topic"));
        assert_eq!(e.get("contact"), Some("error.procedure.contact_missing"));
        assert_eq!(
            e.get("who_may_comment"),
            Some("error.procedure.who_may_comment")
        );
        assert_eq!(e.get("moderation"), Some("error.procedure.moderation"));
        assert_eq!(
            e.get("report_threshold"),
            Some("error.procedure.report_threshold")
        );
        let half = ProcedureForm {
            longitude: "".into(),
            ..form()
        };
        assert_eq!(
            half.parse().unwrap_err().get("latitude"),
            Some("error.procedure.coordinates_both")
        );
    }

    #[test]
    fn places_become_area_keys() {
        assert_eq!(
            area_keys("Königsbrücker Straße 1, 01099 Dresden"),
            vec!["area:01099", "area:dresden"]
        );
        assert_eq!(
            area_keys("Rathaus, 60311 Frankfurt am Main, Hessen"),
            vec!["area:60311", "area:frankfurt am main"]
        );
        assert!(area_keys("Landkreis Bautzen").is_empty());
    }
}
