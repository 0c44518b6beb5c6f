//! The rules of a permit procedure that need no database: what staff and objectors
//! type, parsed (once a value exists it is valid; errors are message keys next to their
//! fields), the dates in force (the schedule of `domain::deadlines` with what staff
//! overrode), and the text that groups identical mass objections.
use crate::domain::deadlines::{self, Schedule, State};
use crate::domain::text::clean;
use crate::domain::{EmailAddress, FieldErrors, Hearing, PersonName};
use crate::procedures::rules::fields::{coordinates, text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const ADDRESS_MAX: usize = 500;
pub const OBJECTION_MAX: usize = 20_000;
pub const ANNOUNCEMENT_MAX: usize = 50_000;
/// From this many signers on, a list names its representative (§17(1) VwVfG: "mehr als 50").
pub const REPRESENTATIVE_FROM: i32 = 51;

/// Refuses markup: nobody's name, address or objection needs an HTML tag, and a tag in a
/// field is an attack or a paste gone wrong. (`<` followed by a space or digit stays.)
pub fn no_markup(s: &str) -> Result<(), &'static str> {
    let lower = s.to_lowercase();
    let tag = lower
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'));
    if tag || lower.contains("javascript:") {
        Err("error.permit.markup")
    } else {
        Ok(())
    }
}

fn plain(
    input: &str,
    max: usize,
    missing: &'static str,
    too_long: &'static str,
) -> Result<String, &'static str> {
    let s = text(input, max, missing, too_long)?;
    no_markup(&s)?;
    Ok(s)
}

/// A date as typed: `2026-12-07` (a date field) or `07.12.2026`.
pub fn parse_date(input: &str) -> Result<NaiveDate, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return Err("error.permit.date_missing");
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| "error.permit.date_invalid")
}

/// A permit procedure as staff submit it (create and edit share it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermitForm {
    pub organization: String,
    pub title: String,
    pub summary: String,
    pub applicant: String,
    pub installation: String,
    pub site_address: String,
    pub latitude: String,
    pub longitude: String,
    pub ied: String,
    pub uvp: String,
    pub office_address: String,
    pub office_hours: String,
    pub display_start: String,
    pub announcement: String,
    pub contact: String,
}

/// A permit procedure's fields, all valid.
#[derive(Clone, Debug, PartialEq)]
pub struct PermitFields {
    pub title: String,
    pub summary: String,
    pub applicant: String,
    pub installation: String,
    pub site_address: String,
    pub coordinates: Option<(f64, f64)>,
    pub ied: bool,
    pub uvp: bool,
    pub office_address: String,
    pub office_hours: String,
    pub display_start: NaiveDate,
    /// Markdown; empty means "write it from the fields" (`announcement_text`).
    pub announcement: String,
    pub contact: String,
}

impl PermitForm {
    pub fn parse(&self) -> Result<PermitFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = e.check(
            "title",
            plain(
                &self.title,
                200,
                "error.procedure.title_missing",
                "error.procedure.title_too_long",
            ),
        );
        let summary = e.check(
            "summary",
            plain(
                &self.summary,
                600,
                "error.procedure.summary_missing",
                "error.procedure.summary_too_long",
            ),
        );
        let applicant = e.check(
            "applicant",
            plain(
                &self.applicant,
                200,
                "error.permit.applicant_missing",
                "error.permit.too_long",
            ),
        );
        let installation = e.check(
            "installation",
            plain(
                &self.installation,
                300,
                "error.permit.installation_missing",
                "error.permit.too_long",
            ),
        );
        let site_address = e.check(
            "site_address",
            plain(
                &self.site_address,
                300,
                "error.permit.site_missing",
                "error.permit.too_long",
            ),
        );
        let coords = e.check("latitude", coordinates(&self.latitude, &self.longitude));
        let office_address = e.check(
            "office_address",
            plain(
                &self.office_address,
                ADDRESS_MAX,
                "error.permit.office_missing",
                "error.permit.too_long",
            ),
        );
        let office_hours = e.check(
            "office_hours",
            plain(
                &self.office_hours,
                1_000,
                "error.permit.hours_missing",
                "error.permit.too_long",
            ),
        );
        let display_start = e.check("display_start", parse_date(&self.display_start));
        let announcement = clean(&self.announcement);
        if announcement.chars().count() > ANNOUNCEMENT_MAX {
            e.add("announcement", "error.permit.too_long");
        }
        if no_markup(&announcement).is_err() {
            e.add("announcement", "error.permit.markup");
        }
        let contact = e.check(
            "contact",
            plain(
                &self.contact,
                1_000,
                "error.procedure.contact_missing",
                "error.procedure.contact_too_long",
            ),
        );
        match (
            title,
            summary,
            applicant,
            installation,
            site_address,
            coords,
            office_address,
            office_hours,
            display_start,
            contact,
        ) {
            (
                Some(title),
                Some(summary),
                Some(applicant),
                Some(installation),
                Some(site_address),
                Some(coordinates),
                Some(office_address),
                Some(office_hours),
                Some(display_start),
                Some(contact),
            ) if e.is_empty() => Ok(PermitFields {
                title,
                summary,
                applicant,
                installation,
                site_address,
                coordinates,
                ied: !self.ied.is_empty(),
                uvp: !self.uvp.is_empty(),
                office_address,
                office_hours,
                display_start,
                announcement,
                contact,
            }),
            _ => Err(e),
        }
    }
}

/// The dates in force: the schedule, with the display end and objection deadline staff
/// overrode (with a reason, in the audit log) in its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Dates {
    pub computed: Schedule,
    pub display_end: NaiveDate,
    pub objection_deadline: NaiveDate,
    pub overridden: bool,
}

pub fn dates(
    state: State,
    display_start: NaiveDate,
    ied: bool,
    uvp: bool,
    decision_announced: Option<NaiveDate>,
    display_end_override: Option<NaiveDate>,
    deadline_override: Option<NaiveDate>,
) -> Dates {
    let computed = deadlines::schedule(state, display_start, ied, uvp, decision_announced);
    Dates {
        display_end: display_end_override.unwrap_or(computed.display_end),
        objection_deadline: deadline_override.unwrap_or(computed.objection_deadline),
        overridden: display_end_override.is_some() || deadline_override.is_some(),
        computed,
    }
}

/// What staff submit to override dates: empty fields keep the computed date.
pub struct Overrides {
    pub display_end: Option<NaiveDate>,
    pub objection_deadline: Option<NaiveDate>,
    pub reason: String,
}

pub fn parse_overrides(
    display_end: &str,
    deadline: &str,
    reason: &str,
    start: NaiveDate,
) -> Result<Overrides, FieldErrors> {
    let mut e = FieldErrors::default();
    let optional = |s: &str| {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(s).map(Some)
        }
    };
    let display_end = e.check("display_end", optional(display_end)).flatten();
    let objection_deadline = e.check("objection_deadline", optional(deadline)).flatten();
    let reason = clean(reason);
    if (display_end.is_some() || objection_deadline.is_some()) && reason.is_empty() {
        e.add("reason", "error.permit.reason_missing");
    }
    if no_markup(&reason).is_err() {
        e.add("reason", "error.permit.markup");
    }
    if display_end.is_some_and(|d| d < start) {
        e.add("display_end", "error.permit.date_order");
    }
    if let (Some(end), Some(deadline)) = (display_end, objection_deadline)
        && deadline < end
    {
        e.add("objection_deadline", "error.permit.date_order");
    }
    if e.is_empty() {
        Ok(Overrides {
            display_end,
            objection_deadline,
            reason,
        })
    } else {
        Err(e)
    }
}

/// An objection as a person files it (online) or staff enter it (paper, e-mail).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ObjectionForm {
    pub name: String,
    pub address: String,
    pub email: String,
    pub text: String,
    /// "No personal data of third persons is included" (online only).
    pub no_third_parties: String,
}

pub struct ObjectionFields {
    pub name: String,
    pub address: String,
    pub email: Option<String>,
    pub text: String,
}

impl ObjectionForm {
    /// `online`: the person confirms that no third person's data is included.
    pub fn parse(&self, online: bool) -> Result<ObjectionFields, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = e.check(
            "name",
            PersonName::parse(&self.name)
                .and_then(|n| no_markup(n.as_str()).map(|()| n.into_inner())),
        );
        let address = e.check(
            "address",
            plain(
                &self.address,
                ADDRESS_MAX,
                "error.permit.address_missing",
                "error.permit.address_too_long",
            ),
        );
        let email = if self.email.trim().is_empty() {
            Some(None)
        } else {
            e.check(
                "email",
                EmailAddress::parse(&self.email).map(|a| Some(a.as_str().to_string())),
            )
        };
        let text = e.check(
            "text",
            plain(
                &self.text,
                OBJECTION_MAX,
                "error.permit.text_missing",
                "error.permit.text_too_long",
            ),
        );
        if online && self.no_third_parties.is_empty() {
            e.add("no_third_parties", "error.permit.third_parties");
        }
        match (name, address, email, text) {
            (Some(name), Some(address), Some(email), Some(text)) if e.is_empty() => {
                Ok(ObjectionFields {
                    name,
                    address,
                    email,
                    text,
                })
            }
            _ => Err(e),
        }
    }
}

/// Signers of a list and its representative (§17 VwVfG): more than 50 need one.
pub fn signers(count: &str, representative: &str) -> Result<(i32, String), FieldErrors> {
    let mut e = FieldErrors::default();
    let n = if count.trim().is_empty() {
        Ok(1)
    } else {
        count
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or("error.permit.signers")
    };
    let n = e.check("signers", n);
    let representative = clean(representative);
    if no_markup(&representative).is_err() {
        e.add("representative", "error.permit.markup");
    }
    if n.is_some_and(|n| n >= REPRESENTATIVE_FROM) && representative.is_empty() {
        e.add("representative", "error.permit.representative_missing");
    }
    match n {
        Some(n) if e.is_empty() => Ok((n, representative)),
        _ => Err(e),
    }
}

/// The text identical mass objections share: lower case, letters and digits only, single
/// spaces (a form letter stays the same whoever typed or printed it).
pub fn normalized(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// An objection's text for the applicant's export: the objector's name (each part), the
/// parts of the postal address, any e-mail address and any long number (telephone,
/// account) replaced by `[…]`. Names of other people in the text cannot be recognised
/// reliably; the form asks objectors not to include them.
pub fn redact(text: &str, name: &str, address: &str) -> String {
    const GONE: &str = "[…]";
    let mut out = text.to_string();
    let mut parts: Vec<String> = name.split_whitespace().map(str::to_string).collect();
    parts.extend(address.split([',', '\n']).map(|p| p.trim().to_string()));
    parts.extend(
        address
            .split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string),
    );
    parts.retain(|p| p.chars().count() >= 3);
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for part in parts {
        out = replace_ignoring_case(&out, &part, GONE);
    }
    out.split_inclusive(char::is_whitespace)
        .map(|w| {
            let word = w.trim_end();
            let digits = word.chars().filter(char::is_ascii_digit).count();
            if word.contains('@') || digits >= 6 {
                format!("{GONE}{}", &w[word.len()..])
            } else {
                w.to_string()
            }
        })
        .collect()
}

fn replace_ignoring_case(text: &str, needle: &str, with: &str) -> String {
    let lower_text = text.to_lowercase();
    let lower_needle = needle.to_lowercase();
    // Lower-casing can change byte lengths (rare letters); then match exactly only.
    if lower_text.len() != text.len() || lower_needle.len() != needle.len() {
        return text.replace(needle, with);
    }
    let mut out = String::new();
    let mut rest = 0;
    for (i, _) in lower_text.match_indices(&lower_needle) {
        if i < rest {
            continue;
        }
        out.push_str(&text[rest..i]);
        out.push_str(with);
        rest = i + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// The hearing as staff decide it.
pub struct HearingChoice {
    pub hearing: Hearing,
    pub reason: String,
    pub place: String,
}

pub fn parse_hearing(
    choice: &str,
    reason: &str,
    place: &str,
) -> Result<HearingChoice, FieldErrors> {
    let mut e = FieldErrors::default();
    let hearing = match choice {
        "held" => Some(Hearing::Held),
        "not_held" => Some(Hearing::NotHeld),
        _ => {
            e.add("hearing", "error.permit.hearing_choice");
            None
        }
    };
    let reason = e.check(
        "hearing_reason",
        plain(
            reason,
            2_000,
            "error.permit.reason_missing",
            "error.permit.too_long",
        ),
    );
    let place = clean(place);
    if no_markup(&place).is_err() {
        e.add("hearing_place", "error.permit.markup");
    } else if hearing == Some(Hearing::Held) && place.is_empty() {
        e.add("hearing_place", "error.permit.place_missing");
    }
    match (hearing, reason) {
        (Some(hearing), Some(reason)) if e.is_empty() => Ok(HearingChoice {
            hearing,
            reason,
            place,
        }),
        _ => Err(e),
    }
}

/// The announcement §10(4) BImSchG asks for, written from the procedure's fields when staff
/// leave the text empty (German: the announcement is an official German text).
pub fn announcement_text(f: &PermitFields, d: &Dates, organization: &str) -> String {
    let date = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
    format!(
        "**Öffentliche Bekanntmachung nach § 10 Abs. 3 BImSchG**\n\n\
         {applicant} hat bei {organization} die Genehmigung für folgendes Vorhaben beantragt: \
         {installation}, Standort: {site}.\n\n\
         Der Antrag und die Unterlagen liegen vom {start} bis einschließlich {end} zur Einsicht \
         aus: online auf dieser Seite und bei {office} ({hours}).\n\n\
         Einwendungen können schriftlich oder elektronisch bis einschließlich {deadline} erhoben \
         werden, online über das Formular auf dieser Seite oder schriftlich bei der oben genannten \
         Stelle. Mit Ablauf dieser Frist sind für das Genehmigungsverfahren alle Einwendungen \
         ausgeschlossen, die nicht auf besonderen privatrechtlichen Titeln beruhen (§ 10 Abs. 3 \
         Satz 5 BImSchG).\n\n\
         Ein Erörterungstermin findet nur statt, wenn die Antragstellerin dies beantragt oder die \
         Genehmigungsbehörde ihn für erforderlich hält (§ 10 Abs. 6 BImSchG); Ort und Zeit werden \
         dann hier bekannt gemacht.\n\n\
         Die Zustellung der Entscheidung über die Einwendungen kann durch öffentliche \
         Bekanntmachung ersetzt werden (§ 10 Abs. 8 BImSchG).",
        applicant = f.applicant,
        installation = f.installation,
        site = f.site_address,
        start = date(f.display_start),
        end = date(d.display_end),
        office = f.office_address.replace('\n', ", "),
        hours = f.office_hours.replace('\n', ", "),
        deadline = date(d.objection_deadline),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_refused_but_comparisons_stay() {
        assert!(no_markup("Lärm < 35 dB ist zu viel").is_ok());
        assert!(no_markup("<script>alert(1)</script>").is_err());
        assert!(no_markup("<img src=x onerror=alert(1)>").is_err());
        assert!(no_markup("javascript:alert(1)").is_err());
    }

    #[test]
    fn identical_form_letters_group_together() {
        assert_eq!(
            normalized("Ich erhebe  Einwendung!\r\nWegen Lärm."),
            normalized("ich erhebe einwendung, wegen lärm")
        );
        assert_ne!(normalized("gegen Lärm"), normalized("gegen Schatten"));
    }

    #[test]
    fn an_objection_needs_name_address_and_text() {
        let errors = ObjectionForm::default().parse(true).err().unwrap();
        for f in ["name", "address", "text", "no_third_parties"] {
            assert!(errors.get(f).is_some(), "{f}");
        }
        let ok = ObjectionForm {
            name: "Anna Schmidt".into(),
            address: "Hauptstraße 1, 01067 Dresden".into(),
            email: String::new(),
            text: "Der Schattenwurf trifft mein Haus.".into(),
            no_third_parties: "on".into(),
        };
        assert!(ok.parse(true).is_ok());
        assert!(signers("51", "").is_err());
        assert_eq!(signers("51", "Bürgerinitiative Gegenwind").unwrap().0, 51);
    }

    #[test]
    fn the_applicants_copy_has_no_personal_data() {
        let text = "Ich, Anna Schmidt, Hauptstraße 1, 01067 Dresden, Tel. 0351 1234567, anna@example.org, erhebe Einwendung. Frau schmidt ist betroffen.";
        let out = redact(text, "Anna Schmidt", "Hauptstraße 1\n01067 Dresden");
        for gone in [
            "Anna",
            "Schmidt",
            "schmidt",
            "Hauptstraße",
            "01067",
            "1234567",
            "anna@example.org",
        ] {
            assert!(!out.contains(gone), "{gone} in {out}");
        }
        assert!(out.contains("erhebe Einwendung"));
    }

    #[test]
    fn overrides_need_a_reason() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert!(parse_overrides("", "2026-03-01", "", start).is_err());
        assert!(parse_overrides("", "2026-03-01", "Bekanntmachung verspätet", start).is_ok());
        assert!(parse_overrides("", "", "", start).is_ok());
    }
}
