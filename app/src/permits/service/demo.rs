//! The demo's permit procedures, per tenant: a wind farm in its objection period (with a
//! document holding business secrets and its public summary) and a decided one.
use super::{dates_of, objection_window, tenant_state};
use crate::consultations::service::demo::demo_pdf;
use crate::domain::{
    DocumentKind, DocumentPurpose, Hearing, Moderation, ProcedureKind, Status, WhoMayComment,
};
use crate::permits::rules::{self, PermitFields};
use crate::platform::AppError;
use crate::platform::entities::{document, organization, phase, procedure, tenant};
use crate::platform::markdown::to_safe_html;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

struct Demo {
    title: &'static str,
    summary: &'static str,
    applicant: &'static str,
    installation: &'static str,
    /// Days between the display start and today.
    started_days_ago: i64,
    ied: bool,
    decided: Option<&'static str>,
}

const DEMOS: [Demo; 2] = [
    Demo {
        title: "Windpark Hohe Heide: fünf Windenergieanlagen",
        summary: "Errichtung und Betrieb von fünf Windenergieanlagen mit je 6,2 MW Nennleistung und 166 m Nabenhöhe.",
        applicant: "Hohe Heide Windenergie GmbH & Co. KG",
        installation: "Fünf Windenergieanlagen (Nr. 1.6.2 des Anhangs 1 der 4. BImSchV)",
        started_days_ago: 33,
        ied: false,
        decided: None,
    },
    Demo {
        title: "Biogasanlage Auenhof: Erweiterung der Gärrestlagerung",
        summary: "Erweiterung einer Biogasanlage um zwei Gärrestbehälter und ein Blockheizkraftwerk.",
        applicant: "Agrargenossenschaft Auenhof eG",
        installation: "Biogasanlage mit Gärrestlager (Nr. 8.6.3 und 9.36 des Anhangs 1 der 4. BImSchV)",
        started_days_ago: 150,
        ied: true,
        decided: Some(
            "**Genehmigungsbescheid vom {date}**\n\nDie beantragte Genehmigung wird unter Nebenbestimmungen erteilt. Die Einwendungen zu Geruch und Verkehr wurden geprüft; zum Geruch ist eine Abdeckung der Behälter angeordnet (Nebenbestimmung 4.2).\n\nDer Bescheid liegt zwei Wochen zur Einsicht aus; die Zustellung an die Einwendenden wird durch diese öffentliche Bekanntmachung ersetzt (§ 10 Abs. 8 BImSchG).",
        ),
    },
];

/// Loads the demo permit procedures of the tenant `slug` once.
pub async fn seed(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    files_dir: &std::path::Path,
    slug: &str,
) -> Result<(), AppError> {
    let Some(t) = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let Ok(holidays) = tenant_state(&t) else {
        return Ok(());
    };
    let txn = crate::platform::db::begin_write(db).await?;
    let has = procedure::Entity::find()
        .filter(procedure::Column::TenantId.eq(t.id))
        .filter(procedure::Column::Kind.eq(ProcedureKind::Permit))
        .count(&txn)
        .await?
        > 0;
    let org = organization::Entity::find()
        .filter(organization::Column::TenantId.eq(t.id))
        .one(&txn)
        .await?;
    let (false, Some(org)) = (has, org) else {
        txn.commit().await?;
        return Ok(());
    };
    for demo in &DEMOS {
        let today = super::berlin_day(now);
        // The display starts on a working day, as an authority would choose.
        let mut display_start = today - Duration::days(demo.started_days_ago);
        while !crate::domain::deadlines::is_working_day(holidays, display_start) {
            display_start -= Duration::days(1);
        }
        let fields = PermitFields {
            title: demo.title.into(),
            summary: demo.summary.into(),
            applicant: demo.applicant.into(),
            installation: demo.installation.into(),
            site_address: if t.state_code == "HE" {
                "Gemarkung Hohe Heide, 64380 Roßdorf".into()
            } else {
                "Gemarkung Hohe Heide, 01833 Stolpen".into()
            },
            coordinates: Some((51.05, 13.74)),
            ied: demo.ied,
            uvp: false,
            office_address: format!("{}, Zimmer 214\nAltmarkt 1", org.name),
            office_hours: "Mo–Do 8–16 Uhr, Fr 8–13 Uhr".into(),
            display_start,
            announcement: String::new(),
            contact: format!(
                "{}, Referat Immissionsschutz, immissionsschutz@example.org",
                org.name
            ),
        };
        let id = Uuid::new_v4();
        let mut row = super::staff::new_permit(id, t.id, &fields);
        let mut decision = String::new();
        if let Some(text) = demo.decided {
            let announced = today - Duration::days(5);
            decision = text.replace("{date}", &super::date_text(announced - Duration::days(3)));
            row.hearing = Set(Hearing::NotHeld);
            row.hearing_reason = Set("Die Antragstellerin hat keinen Erörterungstermin beantragt; die Einwendungen ließen sich schriftlich klären.".into());
            row.decision_text = Set(decision.clone());
            row.decision_announced = Set(Some(announced));
            row.delivery_by_announcement = Set(true);
        }
        let d = rules::dates(
            holidays,
            fields.display_start,
            fields.ied,
            false,
            None,
            None,
            None,
        );
        let announcement = rules::announcement_text(&fields, &d, &org.name);
        let status = if demo.decided.is_some() {
            Status::Concluded
        } else {
            Status::Open
        };
        procedure::ActiveModel {
            id: Set(id),
            tenant_id: Set(t.id),
            organization_id: Set(org.id),
            kind: Set(ProcedureKind::Permit),
            status: Set(status),
            title: Set(fields.title.clone()),
            summary: Set(fields.summary.clone()),
            body_markdown: Set(announcement.clone()),
            body_html: Set(to_safe_html(&announcement)),
            place: Set(fields.site_address.clone()),
            area_keys: Set(
                crate::procedures::rules::fields::area_keys(&fields.site_address).join(" "),
            ),
            latitude: Set(Some(51.05)),
            longitude: Set(Some(13.74)),
            contact: Set(fields.contact.clone()),
            who_may_comment: Set(WhoMayComment::NameOnly),
            moderation: Set(Moderation::Before),
            report_threshold: Set(3),
            results_html: Set(to_safe_html(&decision)),
            results_markdown: Set(decision.clone()),
            created_by: Set(None),
            created_at: Set(now - Duration::days(demo.started_days_ago + 10)),
            updated_at: Set(now),
            published_at: Set(Some(now - Duration::days(demo.started_days_ago + 8))),
            concluded_at: Set(demo.decided.map(|_| now - Duration::days(5))),
        }
        .insert(&txn)
        .await?;
        let saved = row.insert(&txn).await?;
        let window = objection_window(&dates_of(holidays, &saved));
        phase::ActiveModel {
            id: Set(Uuid::new_v4()),
            procedure_id: Set(id),
            starts_at: Set(window.starts_at),
            ends_at: Set(window.ends_at),
            // The demo tells nobody: its dates lie in the past already.
            started_notified_at: Set(Some(now)),
            ends_soon_notified_at: Set(None),
            ended_notified_at: Set(demo.decided.map(|_| now)),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        pdf(
            &txn,
            files_dir,
            id,
            "Antrag und Kurzbeschreibung",
            false,
            None,
            now,
        )
        .await?;
        let secret = pdf(
            &txn,
            files_dir,
            id,
            "Schallgutachten mit Herstellerdaten (Betriebs- und Geschäftsgeheimnis)",
            true,
            None,
            now,
        )
        .await?;
        pdf(
            &txn,
            files_dir,
            id,
            "Schallgutachten – öffentliche Zusammenfassung",
            false,
            Some(secret),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

async fn pdf(
    db: &impl ConnectionTrait,
    files_dir: &std::path::Path,
    procedure_id: Uuid,
    title: &str,
    confidential: bool,
    summary_of: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::new_v4();
    let stored = format!("{id}.pdf");
    let bytes = demo_pdf(title);
    std::fs::create_dir_all(files_dir)
        .and_then(|_| std::fs::write(files_dir.join(&stored), &bytes))
        .map_err(|e| AppError::Internal(format!("demo file: {e}")))?;
    document::ActiveModel {
        id: Set(id),
        procedure_id: Set(procedure_id),
        kind: Set(DocumentKind::Pdf),
        purpose: Set(DocumentPurpose::Procedure),
        title: Set(title.into()),
        position: Set(
            crate::procedures::service::documents::next_position(db, procedure_id).await?,
        ),
        file_name: Set(Some(format!(
            "{}.pdf",
            crate::platform::spreadsheet::slug(title)
        ))),
        stored_name: Set(Some(stored)),
        size_bytes: Set(bytes.len() as i64),
        created_at: Set(now),
        confidential: Set(confidential),
        summary_of: Set(summary_of),
    }
    .insert(db)
    .await?;
    Ok(id)
}
