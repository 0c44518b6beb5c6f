//! The end of a permit procedure's participation: the hearing (held or not, with its reason;
//! if held, the objectors are invited with an `.ics`) and the decision (published once, the
//! objectors told, the day delivery by public announcement takes effect from the engine).
use super::staff::for_change;
use super::{dates_of, objection_window, reference, tenant_state};
use crate::domain::{CommentStatus, Hearing, Status, berlin};
use crate::i18n::Lang;
use crate::permits::rules;
use crate::platform::entities::{comment, permit, procedure, tenant};
use crate::platform::mail::{NewMail, Template};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::Staff;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::service as procedures;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Queues `template` to every objector who gave an address (one mail each, keyed by the
/// objection so a second attempt sends nothing twice), with the data for their reference.
async fn mail_objectors(
    write: &Write<'_>,
    tenant: &tenant::Model,
    p: &procedure::Model,
    template: Template,
    data: impl Fn(i32) -> serde_json::Value,
) -> Result<(), AppError> {
    let filed = comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(p.id))
        .filter(comment::Column::Status.eq(CommentStatus::Filed))
        .all(&**write)
        .await?;
    for c in filed {
        let Some(to) = c.author_email else { continue };
        write
            .enqueue(NewMail {
                tenant_id: tenant.id,
                key: format!("{}:{}", template.name(), c.id),
                template,
                to,
                lang: Lang::De,
                data: data(c.number),
                subscriber_id: None,
            })
            .await?;
    }
    Ok(())
}

/// An iCalendar event for the hearing (RFC 5545; lines end with CRLF).
pub fn hearing_ics(
    uid: &str,
    title: &str,
    place: &str,
    at: chrono::DateTime<Utc>,
    stamp: chrono::DateTime<Utc>,
    url: &str,
) -> String {
    let esc = |s: &str| {
        s.replace('\\', "\\\\")
            .replace(';', "\\;")
            .replace(',', "\\,")
            .replace('\n', "\\n")
    };
    let fmt = |t: chrono::DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Mitwirken//Beteiligungsportal//DE".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{}", fmt(stamp)),
        format!("DTSTART:{}", fmt(at)),
        format!("DTEND:{}", fmt(at + chrono::Duration::hours(4))),
        format!("SUMMARY:{}", esc(&format!("Erörterungstermin: {title}"))),
        format!("LOCATION:{}", esc(place)),
        format!("URL:{url}"),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
        String::new(),
    ]
    .join("\r\n")
}

/// Records the decision on the hearing and its reason; a hearing that is held gets its
/// date and place published and every objector with an address an invitation.
#[allow(clippy::too_many_arguments)]
pub async fn decide_hearing(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    choice: &str,
    reason: &str,
    at: &str,
    place: &str,
) -> Result<(), AppError> {
    let (m, p) = for_change(state, tenant, staff, id).await?;
    if p.permit.hearing == Hearing::Held {
        return Err(AppError::field("hearing", "error.permit.hearing_fixed"));
    }
    if p.procedure.status >= Status::Concluded {
        return Err(AppError::field("", "error.permit.decided"));
    }
    let parsed = rules::parse_hearing(choice, reason, place);
    let mut errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let when = if choice == "held" {
        errors.check("hearing_at", berlin::parse_local(at))
    } else {
        None
    };
    if when.is_some_and(|t| t <= state.now()) {
        errors.add("hearing_at", "error.permit.hearing_past");
    }
    let h = match parsed {
        Ok(h) if errors.is_empty() => h,
        _ => return Err(AppError::Invalid(errors)),
    };
    let write = Write::begin(state).await?;
    let mut row: permit::ActiveModel = p.permit.clone().into();
    row.hearing = Set(h.hearing);
    row.hearing_reason = Set(h.reason.clone());
    row.hearing_at = Set(when);
    row.hearing_place = Set(h.place.clone());
    row.update(&*write).await?;
    if let Some(at) = when {
        let url = procedures::url(&state.settings, tenant, &p.procedure);
        let ics = hearing_ics(
            &format!("hearing-{}@mitwirken", p.procedure.id),
            &p.procedure.title,
            &h.place,
            at,
            write.now(),
            &url,
        );
        mail_objectors(
            &write,
            tenant,
            &p.procedure,
            Template::PermitHearing,
            |number| {
                serde_json::json!({
                    "procedure_title": p.procedure.title,
                    "reference": reference(number),
                    "hearing_at": at.to_rfc3339(),
                    "place": h.place,
                    "url": url,
                    "ics": ics,
                })
            },
        )
        .await?;
    }
    write
        .record(
            m.audit("permit.hearing")
                .detail(format!("{}: {}", h.hearing, h.reason)),
        )
        .await?;
    write.commit().await
}

/// Publishes the decision (after the objection period): the procedure is concluded, the
/// objectors are told, and where delivery is replaced by public announcement the page
/// shows when it takes effect (§10(8) BImSchG).
pub async fn publish_decision(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    text: &str,
    announced: &str,
    by_announcement: bool,
) -> Result<(), AppError> {
    let (m, p) = for_change(state, tenant, staff, id).await?;
    let holidays = tenant_state(tenant)?;
    let now = state.now();
    let mut errors = crate::domain::FieldErrors::default();
    let text = errors.check(
        "decision",
        crate::procedures::rules::fields::text(
            text,
            rules::ANNOUNCEMENT_MAX,
            "error.permit.decision_missing",
            "error.permit.too_long",
        ),
    );
    if text
        .as_deref()
        .is_some_and(|t| rules::no_markup(t).is_err())
    {
        errors.add("decision", "error.permit.markup");
    }
    let announced = errors.check("announced", rules::parse_date(announced));
    let window = objection_window(&dates_of(holidays, &p.permit));
    if p.procedure.status == Status::Draft {
        errors.add("", "error.procedure.transition");
    } else if p.procedure.status >= Status::Concluded {
        errors.add("", "error.permit.decided");
    } else if now < window.ends_at {
        errors.add("", "error.permit.decision_too_early");
    }
    let (Some(text), Some(announced)) = (text, announced) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let write = Write::begin(state).await?;
    let mut row: permit::ActiveModel = p.permit.clone().into();
    row.decision_text = Set(text.clone());
    row.decision_announced = Set(Some(announced));
    row.delivery_by_announcement = Set(by_announcement);
    let saved = row.update(&*write).await?;
    let mut proc_row: procedure::ActiveModel = p.procedure.clone().into();
    proc_row.results_html = Set(to_safe_html(&text));
    proc_row.results_markdown = Set(text);
    proc_row.status = Set(Status::Concluded);
    proc_row.concluded_at = Set(Some(now));
    proc_row.updated_at = Set(now);
    proc_row.update(&*write).await?;
    let effective = by_announcement
        .then(|| dates_of(holidays, &saved).computed.decision_display_end)
        .flatten();
    let url = procedures::url(&state.settings, tenant, &p.procedure);
    mail_objectors(
        &write,
        tenant,
        &p.procedure,
        Template::PermitDecision,
        |number| {
            serde_json::json!({
                "procedure_title": p.procedure.title,
                "reference": reference(number),
                "url": url,
                "delivery_effective": effective.map(super::date_text),
            })
        },
    )
    .await?;
    let data = procedures::event_data(&*write, &state.settings, tenant, &p.procedure).await?;
    let keys = procedures::event_keys(&*write, &p.procedure).await?;
    crate::platform::notifications::publish(
        &*write,
        now,
        tenant.id,
        Template::ResultsPublished,
        data,
        &keys,
    )
    .await?;
    write
        .record(
            m.audit("permit.decision")
                .detail(format!("bekannt gemacht {announced}")),
        )
        .await?;
    write.commit().await
}
