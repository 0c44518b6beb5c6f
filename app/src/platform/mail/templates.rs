//! Mail templates: one file per mail and language in `app/templates/mail/`, each with the
//! blocks `subject`, `text` and `html`, wrapped in the language's layout. The HTML part is
//! rendered with auto-escaping, so user content (titles, comments, reasons) stays text.
use crate::domain::berlin;
use crate::i18n::Lang;
use minijinja::{AutoEscape, Environment, State, Value};
use std::sync::OnceLock;

/// Every mail the portal sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    VerifyEmail,
    AlreadyRegistered,
    PasswordReset,
    StaffInvitation,
    SubscriptionConfirm,
    ContributionReceipt,
    CommentConfirm,
    ModerationDecision,
    CommentReply,
    OfficialAnswer,
    PhaseStarted,
    PhaseEndsSoon,
    PhaseEnded,
    ResultsPublished,
    NewProcedure,
    Digest,
    SignatureConfirm,
    PetitionReceipt,
    PetitionDecision,
    PetitionQuorum,
    PetitionNews,
    PermitReceipt,
    PermitHearing,
    PermitDecision,
}

impl Template {
    pub const ALL: [Template; 24] = [
        Template::VerifyEmail,
        Template::AlreadyRegistered,
        Template::PasswordReset,
        Template::StaffInvitation,
        Template::SubscriptionConfirm,
        Template::ContributionReceipt,
        Template::CommentConfirm,
        Template::ModerationDecision,
        Template::CommentReply,
        Template::OfficialAnswer,
        Template::PhaseStarted,
        Template::PhaseEndsSoon,
        Template::PhaseEnded,
        Template::ResultsPublished,
        Template::NewProcedure,
        Template::Digest,
        Template::SignatureConfirm,
        Template::PetitionReceipt,
        Template::PetitionDecision,
        Template::PetitionQuorum,
        Template::PetitionNews,
        Template::PermitReceipt,
        Template::PermitHearing,
        Template::PermitDecision,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Template::VerifyEmail => "verify_email",
            Template::AlreadyRegistered => "already_registered",
            Template::PasswordReset => "password_reset",
            Template::StaffInvitation => "staff_invitation",
            Template::SubscriptionConfirm => "subscription_confirm",
            Template::ContributionReceipt => "contribution_receipt",
            Template::CommentConfirm => "comment_confirm",
            Template::ModerationDecision => "moderation_decision",
            Template::CommentReply => "comment_reply",
            Template::OfficialAnswer => "official_answer",
            Template::PhaseStarted => "phase_started",
            Template::PhaseEndsSoon => "phase_ends_soon",
            Template::PhaseEnded => "phase_ended",
            Template::ResultsPublished => "results_published",
            Template::NewProcedure => "new_procedure",
            Template::Digest => "digest",
            Template::SignatureConfirm => "signature_confirm",
            Template::PetitionReceipt => "petition_receipt",
            Template::PetitionDecision => "petition_decision",
            Template::PetitionQuorum => "petition_quorum",
            Template::PetitionNews => "petition_news",
            Template::PermitReceipt => "permit_receipt",
            Template::PermitHearing => "permit_hearing",
            Template::PermitDecision => "permit_decision",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Notifications go to subscribers and carry `List-Unsubscribe`; the others answer
    /// something the recipient did (transactional) and cannot be unsubscribed from.
    pub fn is_notification(self) -> bool {
        matches!(
            self,
            Template::CommentReply
                | Template::OfficialAnswer
                | Template::PhaseStarted
                | Template::PhaseEndsSoon
                | Template::PhaseEnded
                | Template::ResultsPublished
                | Template::NewProcedure
                | Template::Digest
                | Template::PetitionNews
        )
    }
}

/// A rendered mail.
#[derive(Debug)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar file sent along (`data.ics`: the hearing invitation).
    pub calendar: Option<String>,
}

macro_rules! sources {
    ($($name:literal),* $(,)?) => {
        &[$(
            (concat!($name, ".de"), include_str!(concat!("../../../templates/mail/", $name, ".de.jinja"))),
            (concat!($name, ".en"), include_str!(concat!("../../../templates/mail/", $name, ".en.jinja"))),
        )*]
    };
}

const SOURCES: &[(&str, &str)] = sources!(
    "verify_email",
    "already_registered",
    "password_reset",
    "staff_invitation",
    "subscription_confirm",
    "contribution_receipt",
    "comment_confirm",
    "moderation_decision",
    "comment_reply",
    "official_answer",
    "phase_started",
    "phase_ends_soon",
    "phase_ended",
    "results_published",
    "new_procedure",
    "digest",
    "signature_confirm",
    "petition_receipt",
    "petition_decision",
    "petition_quorum",
    "petition_news",
    "permit_receipt",
    "permit_hearing",
    "permit_decision",
);

const LAYOUTS: &[(&str, &str)] = &[
    (
        "layout.de.txt",
        include_str!("../../../templates/mail/layout.de.txt.jinja"),
    ),
    (
        "layout.en.txt",
        include_str!("../../../templates/mail/layout.en.txt.jinja"),
    ),
    (
        "layout.de.html",
        include_str!("../../../templates/mail/layout.de.html.jinja"),
    ),
    (
        "layout.en.html",
        include_str!("../../../templates/mail/layout.en.html.jinja"),
    ),
];

/// `{{ when|datetime }}`: an RFC 3339 time shown in Europe/Berlin in the mail's language.
fn datetime(state: &State, value: String) -> String {
    berlin_text(state, value, false)
}

/// `{{ end|deadline }}`: like `datetime`, but the end of a period at midnight is the end
/// of the day before ("03.03.2027, 24:00 Uhr"), as the portal's pages show it
/// (`domain::berlin::format_end`).
fn deadline(state: &State, value: String) -> String {
    berlin_text(state, value, true)
}

fn berlin_text(state: &State, value: String, as_end: bool) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(&value) else {
        return value;
    };
    let english = state
        .lookup("lang")
        .is_some_and(|l| l.as_str() == Some("en"));
    let t = t.with_timezone(&chrono::Utc);
    if let Some(day) = as_end.then(|| berlin::day_ended_by(t)).flatten() {
        return match english {
            true => day.format("%-d %B %Y, 24:00 (Berlin time)").to_string(),
            false => day.format("%d.%m.%Y, 24:00 Uhr").to_string(),
        };
    }
    let local = t.with_timezone(&chrono_tz::Europe::Berlin);
    match english {
        true => local.format("%-d %B %Y, %H:%M (Berlin time)").to_string(),
        false => local.format("%d.%m.%Y, %H:%M Uhr").to_string(),
    }
}

fn environment(escape: AutoEscape) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(move |_| escape.clone());
    env.set_trim_blocks(true);
    env.add_filter("datetime", datetime);
    env.add_filter("deadline", deadline);
    for (name, source) in SOURCES.iter().chain(LAYOUTS) {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("mail template {name}: {e}"));
    }
    env
}

/// Two environments over the same files: the text parts and the subject are not HTML
/// and must not be escaped; the HTML part is always escaped.
fn environments() -> &'static (Environment<'static>, Environment<'static>) {
    static ENVS: OnceLock<(Environment<'static>, Environment<'static>)> = OnceLock::new();
    ENVS.get_or_init(|| (environment(AutoEscape::None), environment(AutoEscape::Html)))
}

/// What the layout adds around every mail.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Frame {
    pub tenant: String,
    pub portal_url: String,
    /// For notifications: the subscriber's management and one-click unsubscribe pages.
    pub manage_url: Option<String>,
    pub unsubscribe_url: Option<String>,
}

pub fn render(
    template: Template,
    lang: Lang,
    frame: &Frame,
    data: &serde_json::Value,
) -> Result<Rendered, String> {
    let (plain, html) = environments();
    let name = format!("{}.{}", template.name(), lang.code());
    let ctx = minijinja::context! {
        ..Value::from_serialize(data),
        ..minijinja::context! { lang => lang.code(), tenant => &frame.tenant, portal_url => &frame.portal_url }
    };
    let block = |env: &Environment<'static>, block: &str| -> Result<String, String> {
        let tmpl = env.get_template(&name).map_err(|e| e.to_string())?;
        let mut captured = tmpl
            .render_captured_to(ctx.clone(), std::io::sink())
            .map_err(|e| e.to_string())?;
        captured
            .with_state_mut(|state| state.render_block(block))
            .map_err(|e| format!("{name}/{block}: {e}"))
    };
    // A subject is one line whatever the template's layout.
    let subject = block(plain, "subject")?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let text_body = block(plain, "text")?;
    let html_body = block(html, "html")?;
    let layout = |env: &Environment<'static>, kind: &str, body: Value| -> Result<String, String> {
        env.get_template(&format!("layout.{}.{kind}", lang.code()))
            .and_then(|t| {
                t.render(minijinja::context! {
                    body, subject => &subject, ..Value::from_serialize(frame)
                })
            })
            .map_err(|e| e.to_string())
    };
    Ok(Rendered {
        text: layout(plain, "txt", Value::from(text_body.trim()))?,
        html: layout(html, "html", Value::from_safe_string(html_body))?,
        subject,
        calendar: data.get("ics").and_then(|v| v.as_str()).map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(notification: bool) -> Frame {
        Frame {
            tenant: "Beteiligungsportal Sachsen".into(),
            portal_url: "http://127.0.0.1:3000".into(),
            manage_url: notification.then(|| "http://m/verwalten?token=a".into()),
            unsubscribe_url: notification.then(|| "http://m/abmelden?token=a".into()),
        }
    }

    fn sample() -> serde_json::Value {
        serde_json::json!({
            "link": "http://127.0.0.1:3000/x?token=abc",
            "organization": "Stadt <Leipzig>",
            "role": "Mitarbeit",
            "scopes": ["Thema: Verkehr"],
            "already": false,
            "procedure_title": "<script>alert(1)</script> & B-Plan",
            "url": "http://127.0.0.1:3000/verfahren/1",
            "excerpt": "Ich bin <b>dagegen</b>",
            "reason": "Beleidigung",
            "approved": false,
            "blocked": true,
            "author": "Anna",
            "summary": "Kurz",
            "phase_end": "2026-03-29T00:30:00Z",
            "received_at": "2026-07-01T10:00:00Z",
            "frequency": "daily",
            "reference": "E-0001",
            "content_hash": "ab12",
            "hearing_at": "2026-03-29T08:00:00Z",
            "place": "Rathaus",
            "delivery_effective": "14.04.2026",
            "events": [{"template": "phase_started", "data": {"procedure_title": "<i>X</i>", "url": "http://u"}}],
        })
    }

    #[test]
    fn every_template_renders_in_both_languages_with_user_content_escaped() {
        for t in Template::ALL {
            for lang in [Lang::De, Lang::En] {
                let r = render(t, lang, &frame(t.is_notification()), &sample())
                    .unwrap_or_else(|e| panic!("{t:?} {lang:?}: {e}"));
                assert!(!r.subject.is_empty() && !r.subject.contains('\n'), "{t:?}");
                assert!(r.text.len() > 40, "{t:?} text");
                assert!(r.html.contains(&format!("<html lang=\"{}\">", lang.code())));
                assert!(!r.html.contains("<script>"), "{t:?} {lang:?} escapes");
                assert!(!r.html.contains("<b>dagegen"), "{t:?} {lang:?} escapes");
                assert!(!r.text.contains("&lt;"), "{t:?} {lang:?}: text is not HTML");
                // (minijinja's HTML escaping writes `/` as `&#x2f;`, valid in an href.)
                for part in [&r.text, &r.html] {
                    assert_eq!(
                        part.contains("abmelden"),
                        t.is_notification(),
                        "{t:?} footer"
                    );
                }
            }
        }
    }

    #[test]
    fn dates_are_shown_in_berlin_time_in_the_mail_language() {
        // 00:30 UTC on the night clocks change: 01:30 CET is before the jump, so CET.
        let data = sample();
        let de = render(Template::PhaseStarted, Lang::De, &frame(true), &data).unwrap();
        assert!(de.text.contains("29.03.2026, 01:30 Uhr"), "{}", de.text);
        let en = render(Template::PhaseStarted, Lang::En, &frame(true), &data).unwrap();
        assert!(
            en.text.contains("29 March 2026, 01:30 (Berlin time)"),
            "{}",
            en.text
        );
        assert!(en.subject.starts_with("Participation started"));
    }

    #[test]
    fn a_permit_phase_is_announced_as_the_objection_period_ending_at_24_00() {
        // The objection window of a permit ends at midnight after the deadline's day.
        let mut data = sample();
        data["phase_end"] = "2027-03-03T23:00:00Z".into();
        data["permit"] = true.into();
        for (t, subject) in [
            (Template::PhaseStarted, "Einwendungsfrist läuft"),
            (Template::PhaseEndsSoon, "Einwendungsfrist endet bald"),
            (Template::PhaseEnded, "Einwendungsfrist abgelaufen"),
        ] {
            let de = render(t, Lang::De, &frame(true), &data).unwrap();
            assert!(de.subject.starts_with(subject), "{t:?}: {}", de.subject);
            let body = de.text.split("\n-- ").next().unwrap();
            assert!(!body.contains("Beteiligung"), "{t:?}: {body}");
            if t != Template::PhaseEnded {
                assert!(de.text.contains("03.03.2027, 24:00 Uhr"), "{}", de.text);
                let en = render(t, Lang::En, &frame(true), &data).unwrap();
                assert!(
                    en.text.contains("3 March 2027, 24:00 (Berlin time)"),
                    "{}",
                    en.text
                );
                assert!(en.text.contains("objection"), "{}", en.text);
            }
        }
        // A consultation keeps its wording.
        data["permit"] = false.into();
        let de = render(Template::PhaseStarted, Lang::De, &frame(true), &data).unwrap();
        assert!(
            de.subject.starts_with("Beteiligung gestartet"),
            "{}",
            de.subject
        );
        assert!(de.text.contains("03.03.2027, 24:00 Uhr"), "{}", de.text);
    }
}
