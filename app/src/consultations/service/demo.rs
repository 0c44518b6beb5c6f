//! Demo consultations of a tenant: one open (with a text document, a PDF, comments,
//! replies, supports and an official answer), one upcoming and one concluded with
//! results. Dates are relative to the moment of loading, so the open one is open.
use crate::domain::{
    CommentStatus, DocumentKind, DocumentPurpose, Moderation, ProcedureKind, Status, WhoMayComment,
};
use crate::platform::AppError;
use crate::platform::entities::{comment, comment_support};
use crate::platform::entities::{document, phase, procedure, procedure_topic};
use crate::platform::entities::{organization, tenant, user};
use crate::platform::markdown::to_safe_html;
use crate::procedures::rules::fields::area_keys;
use crate::procedures::rules::sections;
use crate::procedures::service::documents::{next_position, store_text_document};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use std::path::Path;
use uuid::Uuid;

/// A demo procedure, written as text.
struct Demo {
    title: &'static str,
    summary: &'static str,
    body: &'static str,
    place: &'static str,
    coordinates: Option<(f64, f64)>,
    topics: &'static [&'static str],
    contact: &'static str,
    who: WhoMayComment,
    moderation: Moderation,
    status: Status,
    /// Published this many days ago.
    published: i64,
    /// The phase, in days from today: from 08:00 on the first day to 18:00 on the last
    /// (Berlin time).
    phase: (i64, i64),
    document: Option<(&'static str, &'static str)>,
    pdf: Option<&'static str>,
    results: &'static str,
    /// (author, address or "" for none, "account" for the demo citizen; section number or
    /// "" for the whole; text; reply to the comment with this index; official answer).
    comments: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        Option<usize>,
        &'static str,
    )],
}

const BEGRUENDUNG: &str = "# Anlass und Ziel der Planung
Am Elbufer zwischen Altstadt und Johannstadt liegt seit Jahren eine Brachfläche. Der Bebauungsplan soll dort Wohnungen für unterschiedliche Einkommen, einen öffentlichen Uferpark und eine sichere Radverbindung ermöglichen.

## Geltungsbereich
Der Geltungsbereich umfasst rund 6,4 Hektar zwischen Käthe-Kollwitz-Ufer, Gerokstraße und Elbwiesen. Die genaue Abgrenzung zeigt die Planzeichnung.

## Planungsziele
Es sollen rund 240 Wohnungen entstehen, davon mindestens 30 Prozent mietpreisgebunden. Die Elbwiesen bleiben frei von Bebauung.

# Festsetzungen
## Art der baulichen Nutzung
Festgesetzt wird ein allgemeines Wohngebiet (WA). Im Erdgeschoss entlang der Gerokstraße sind Läden und Gastronomie zulässig.

## Maß der baulichen Nutzung
Die Gebäude erhalten höchstens fünf Geschosse; zur Elbe hin staffeln sie sich auf drei Geschosse ab.

## Grünflächen und Uferpark
Ein öffentlicher Uferpark von 1,8 Hektar mit Spielplatz und Liegewiese verbindet die Elbwiesen mit dem Stadtteil. Bestehende Bäume werden soweit möglich erhalten.

# Verkehr und Erschließung
## Radverbindung
Eine 4 Meter breite Radverbindung führt durch den Uferpark und schließt an den Elberadweg an.

## Stellplätze
Vorgesehen sind 0,5 Kfz-Stellplätze und 2 Fahrradstellplätze je Wohnung in Tiefgaragen.";

fn sachsen() -> Vec<Demo> {
    vec![
        Demo {
            title: "Bebauungsplan Nr. 12 „Wohnen am Elbufer“",
            summary: "Entwurf für rund 240 Wohnungen, einen öffentlichen Uferpark und eine neue Radverbindung zwischen Altstadt und Johannstadt. Ihre Hinweise fließen in die Abwägung ein.",
            body: "## Das Vorhaben\n\nDie Brachfläche am Elbufer soll ein **lebendiges Wohnquartier** werden. Der Entwurf liegt jetzt zur frühzeitigen Beteiligung nach § 3 Abs. 1 BauGB aus.\n\n## Was wir von Ihnen wissen möchten\n\n- Wie soll der Uferpark genutzt werden?\n- Wo sehen Sie Konflikte im Verkehr?\n- Was fehlt Ihnen im Quartier?\n\nDie Unterlagen können Sie auch im Rathaus einsehen (Zimmer 214, Di 9–12 Uhr, Do 13–17 Uhr).",
            place: "Käthe-Kollwitz-Ufer, 01307 Dresden",
            coordinates: Some((51.0540, 13.7640)),
            topics: &["bauleitplanung", "umwelt", "verkehr"],
            contact: "Landesdirektion Sachsen, Referat Stadtentwicklung\nAltmarkt 1, 01067 Dresden\nTelefon 0351 825-0, beteiligung@lds.sachsen.example",
            who: WhoMayComment::VerifiedEmail,
            moderation: Moderation::After,
            status: Status::Open,
            published: 12,
            phase: (-10, 20),
            document: Some(("Begründung zum Entwurf", BEGRUENDUNG)),
            pdf: Some("Planzeichnung (Entwurf)"),
            results: "",
            comments: &[
                (
                    "Berta Bürgerin",
                    "account",
                    "3.1",
                    "Die Radverbindung ist überfällig. Bitte planen Sie an der Kreuzung Sachsenplatz eine eigene Ampelphase für den Radverkehr ein.",
                    None,
                    "Vielen Dank für den Hinweis. Eine eigene Signalphase prüfen wir im Verkehrsgutachten; das Ergebnis veröffentlichen wir mit dem überarbeiteten Entwurf.",
                ),
                (
                    "Jonas Richter",
                    "j.richter@example.org",
                    "3.2",
                    "0,5 Stellplätze je Wohnung sind zu wenig. Schon heute parken die Anwohner der Gerokstraße in zweiter Reihe.",
                    None,
                    "",
                ),
                (
                    "Miriam Schulz",
                    "m.schulz@example.org",
                    "",
                    "Mit der neuen Straßenbahnhaltestelle reichen 0,5 Stellplätze gut aus. Carsharing-Stellplätze wären sinnvoller, siehe https://www.dresden.de/mobilitaet.",
                    Some(1),
                    "",
                ),
                (
                    "Peter Lange",
                    "p.lange@example.org",
                    "2.3",
                    "Im Uferpark sollten die alten Pappeln stehen bleiben. Sie sind Lebensraum für Fledermäuse.",
                    None,
                    "",
                ),
                (
                    "Anna Becker",
                    "a.becker@example.org",
                    "",
                    "Ich wünsche mir eine Kita im Quartier. Die nächste ist schon jetzt überfüllt.\n\nAußerdem fehlt ein Nahversorger in Fußnähe.",
                    None,
                    "",
                ),
                (
                    "Hanna Vogt",
                    "h.vogt@example.org",
                    "1.2",
                    "Wird die Elbwiese während der Bauzeit gesperrt? Dort findet jedes Jahr das Stadtteilfest statt.",
                    None,
                    "",
                ),
            ],
        },
        Demo {
            title: "Radverkehrskonzept Landkreis Meißen",
            summary: "Der Landkreis erarbeitet ein Netz sicherer Radwege zwischen den Gemeinden. Ab der Beteiligungsphase können Sie Lücken und Gefahrenstellen melden.",
            body: "## Ziel\n\nBis 2035 soll jede Gemeinde über einen sicheren Radweg an das Kreisnetz angeschlossen sein.\n\n## Ablauf\n\nDie Beteiligung beginnt mit der Veröffentlichung des Netzentwurfs.",
            place: "Brauhausstraße 21, 01662 Meißen",
            coordinates: None,
            topics: &["verkehr"],
            contact: "Landratsamt Meißen, Kreisentwicklung\nTelefon 03521 725-0",
            who: WhoMayComment::Account,
            moderation: Moderation::Before,
            status: Status::Announced,
            published: 20,
            phase: (14, 44),
            document: None,
            pdf: None,
            results: "",
            comments: &[],
        },
        Demo {
            title: "Lärmaktionsplan Sachsen 2026 (Stufe 4)",
            summary: "Maßnahmen gegen Straßen- und Schienenlärm an Hauptverkehrsstrecken. Die Beteiligung ist abgeschlossen, die Ergebnisse sind veröffentlicht.",
            body: "Der Lärmaktionsplan setzt die EU-Umgebungslärmrichtlinie um.",
            place: "Wilhelm-Buck-Straße 2, 01097 Dresden",
            coordinates: None,
            topics: &["umwelt", "verkehr"],
            contact: "Sächsisches Landesamt für Umwelt, Landwirtschaft und Geologie",
            who: WhoMayComment::Account,
            moderation: Moderation::After,
            status: Status::Concluded,
            published: 100,
            phase: (-90, -60),
            document: None,
            pdf: None,
            results: "## Ergebnisse der Beteiligung\n\nIn der Beteiligungsphase gingen **zwei Beiträge** ein. Beide wurden geprüft und beantwortet.\n\n- Tempo 30 nachts an der B 6 in Radebeul wird in den Plan aufgenommen.\n- Lärmschutzfenster werden weiterhin gefördert.",
            comments: &[
                (
                    "Berta Bürgerin",
                    "account",
                    "",
                    "An der B 6 in Radebeul ist es nachts unerträglich laut. Bitte Tempo 30 von 22 bis 6 Uhr.",
                    None,
                    "Danke. Tempo 30 nachts wird für diesen Abschnitt in den Plan aufgenommen.",
                ),
                (
                    "Klaus Werner",
                    "k.werner@example.org",
                    "",
                    "Gibt es weiterhin Zuschüsse für Lärmschutzfenster?",
                    None,
                    "Ja, das Förderprogramm läuft bis Ende 2027 weiter.",
                ),
            ],
        },
    ]
}

fn hessen() -> Vec<Demo> {
    vec![Demo {
        title: "Regionalplan Südhessen: Teilplan Erneuerbare Energien",
        summary: "Wo sollen in Südhessen Windenergieanlagen und Freiflächen-Photovoltaik entstehen dürfen? Der Entwurf weist Vorranggebiete aus.",
        body: "## Das Vorhaben\n\nDer Teilplan sichert 2,2 Prozent der Regionsfläche für Windenergie.",
        place: "Luisenplatz 2, 64283 Darmstadt",
        coordinates: Some((49.8728, 8.6512)),
        topics: &["energie", "umwelt"],
        contact: "Regierungspräsidium Darmstadt, Regionalplanung",
        who: WhoMayComment::NameOnly,
        moderation: Moderation::After,
        status: Status::Open,
        published: 7,
        phase: (-5, 25),
        document: Some((
            "Textteil",
            "# Grundsätze\nDie Windenergie wird in Vorranggebieten gebündelt.\n## Abstände\nZu Siedlungen gilt ein Abstand von 1.000 Metern.",
        )),
        pdf: None,
        results: "",
        comments: &[(
            "Ute Schäfer",
            "",
            "1.1",
            "1.000 Meter sind zu wenig, wenn die Anlagen 250 Meter hoch werden.",
            None,
            "",
        )],
    }]
}

/// A small valid PDF with one line of text, for the demo document.
pub fn demo_pdf(title: &str) -> Vec<u8> {
    let text: String = title
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '(' && c != ')' && c != '\\' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stream = format!("BT /F1 18 Tf 72 760 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

pub async fn seed(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    files_dir: &Path,
    slug: &str,
) -> Result<(), AppError> {
    let Some(t) = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = crate::platform::db::begin_write(db).await?;
    let has_procedures = procedure::Entity::find()
        .filter(procedure::Column::TenantId.eq(t.id))
        .count(&txn)
        .await?
        > 0;
    if has_procedures {
        txn.commit().await?;
        return Ok(());
    }
    let Some(org) = organization::Entity::find()
        .filter(organization::Column::TenantId.eq(t.id))
        .one(&txn)
        .await?
    else {
        txn.commit().await?;
        return Ok(());
    };
    let people = user::Entity::find()
        .filter(user::Column::TenantId.eq(t.id))
        .all(&txn)
        .await?;
    let citizen = people.iter().find(|u| u.email.starts_with("buerger@"));
    let staff = people.iter().find(|u| u.email.starts_with("staff@"));
    let demos = if slug == "sachsen" {
        sachsen()
    } else {
        hessen()
    };
    for d in &demos {
        let created = now - Duration::days(d.published);
        seed_one(&txn, now, created, files_dir, &t, &org, citizen, staff, d).await?;
    }
    txn.commit().await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn seed_one(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    created: DateTime<Utc>,
    files_dir: &Path,
    t: &tenant::Model,
    org: &organization::Model,
    citizen: Option<&user::Model>,
    staff: Option<&user::Model>,
    d: &Demo,
) -> Result<(), AppError> {
    let id = Uuid::new_v4();
    let at = |days: i64, time: &str| {
        let day = (now + Duration::days(days)).with_timezone(&chrono_tz::Europe::Berlin);
        crate::domain::berlin::parse_local(&format!("{}T{time}", day.format("%Y-%m-%d")))
            .unwrap_or(now + Duration::days(days))
    };
    let (start, end) = (at(d.phase.0, "08:00"), at(d.phase.1, "18:00"));
    procedure::ActiveModel {
        id: Set(id),
        tenant_id: Set(t.id),
        organization_id: Set(org.id),
        kind: Set(ProcedureKind::Consultation),
        status: Set(d.status),
        title: Set(d.title.into()),
        summary: Set(d.summary.into()),
        body_markdown: Set(d.body.into()),
        body_html: Set(to_safe_html(d.body)),
        place: Set(d.place.into()),
        area_keys: Set(area_keys(d.place).join(" ")),
        latitude: Set(d.coordinates.map(|c| c.0)),
        longitude: Set(d.coordinates.map(|c| c.1)),
        contact: Set(d.contact.into()),
        who_may_comment: Set(d.who),
        moderation: Set(d.moderation),
        report_threshold: Set(3),
        results_markdown: Set(d.results.into()),
        results_html: Set(to_safe_html(d.results)),
        created_by: Set(staff.map(|s| s.id)),
        created_at: Set(created),
        updated_at: Set(created),
        published_at: Set(Some(created)),
        concluded_at: Set((d.status == Status::Concluded).then_some(end + Duration::days(30))),
    }
    .insert(txn)
    .await?;
    for topic in d.topics {
        procedure_topic::ActiveModel {
            procedure_id: Set(id),
            topic: Set(topic.to_string()),
        }
        .insert(txn)
        .await?;
    }
    // Already notified: loading the demo sends no mails.
    phase::ActiveModel {
        id: Set(Uuid::new_v4()),
        procedure_id: Set(id),
        starts_at: Set(start),
        ends_at: Set(end),
        started_notified_at: Set((start <= now).then_some(start)),
        ends_soon_notified_at: Set((end <= now).then_some(end)),
        ended_notified_at: Set((end <= now).then_some(end)),
        created_at: Set(created),
    }
    .insert(txn)
    .await?;
    let mut section_ids: Vec<(String, Uuid)> = Vec::new();
    if let Some((title, text)) = d.document {
        let parsed =
            sections::parse(text).map_err(|k| AppError::Internal(format!("demo document: {k}")))?;
        section_ids = store_text_document(txn, id, title, parsed, created).await?;
    }
    if let Some(title) = d.pdf {
        let doc_id = Uuid::new_v4();
        let stored = format!("{doc_id}.pdf");
        let bytes = demo_pdf(title);
        std::fs::create_dir_all(files_dir)
            .and_then(|_| std::fs::write(files_dir.join(&stored), &bytes))
            .map_err(|e| AppError::Internal(format!("demo file: {e}")))?;
        document::ActiveModel {
            id: Set(doc_id),
            procedure_id: Set(id),
            kind: Set(DocumentKind::Pdf),
            purpose: Set(DocumentPurpose::Procedure),
            title: Set(title.into()),
            position: Set(next_position(txn, id).await?),
            file_name: Set(Some("planzeichnung-entwurf.pdf".into())),
            stored_name: Set(Some(stored)),
            size_bytes: Set(bytes.len() as i64),
            created_at: Set(created),
            confidential: Set(false),
            summary_of: Set(None),
        }
        .insert(txn)
        .await?;
    }
    let mut ids: Vec<(Uuid, Uuid)> = Vec::new();
    for (n, (author, address, section, text, reply_to, answer)) in d.comments.iter().enumerate() {
        let cid = Uuid::new_v4();
        let written = start + Duration::hours(5 + 7 * n as i64);
        let parent = reply_to.and_then(|i| ids.get(i).copied());
        let is_citizen = *address == "account";
        comment::ActiveModel {
            id: Set(cid),
            tenant_id: Set(t.id),
            procedure_id: Set(id),
            number: Set(n as i32 + 1),
            section_id: Set(section_ids
                .iter()
                .find(|(num, _)| num == section)
                .map(|(_, s)| *s)),
            parent_id: Set(parent.map(|p| p.0)),
            thread_id: Set(parent.map(|p| p.1).unwrap_or(cid)),
            author_user_id: Set(if is_citizen {
                citizen.map(|c| c.id)
            } else {
                None
            }),
            author_name: Set(author.to_string()),
            author_email: Set(match *address {
                "account" => citizen.map(|c| c.email.clone()),
                "" => None,
                a => Some(a.to_string()),
            }),
            notify_replies: Set(false),
            status: Set(CommentStatus::Published),
            body: Set(text.to_string()),
            support_count: Set(0),
            report_count: Set(0),
            created_at: Set(written),
            edited_at: Set(None),
            published_at: Set(Some(written)),
            moderated_by: Set(None),
            moderated_at: Set(None),
            moderation_reason: Set(None),
            answer: Set((!answer.is_empty()).then(|| answer.to_string())),
            answered_by: Set((!answer.is_empty()).then(|| staff.map(|s| s.id)).flatten()),
            answered_at: Set((!answer.is_empty()).then_some(written + Duration::days(2))),
            stance: Set(None),
        }
        .insert(txn)
        .await?;
        ids.push((cid, parent.map(|p| p.1).unwrap_or(cid)));
        // The demo citizen supports the others' comments.
        if let (Some(c), false) = (citizen, is_citizen) {
            comment_support::ActiveModel {
                comment_id: Set(cid),
                user_id: Set(c.id),
                created_at: Set(written + Duration::hours(1)),
            }
            .insert(txn)
            .await?;
            comment::Entity::update_many()
                .col_expr(
                    comment::Column::SupportCount,
                    sea_orm::sea_query::Expr::value(1),
                )
                .filter(comment::Column::Id.eq(cid))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_pdf_is_a_pdf() {
        let pdf = super::demo_pdf("Planzeichnung (Entwurf)");
        assert!(crate::platform::files::looks_like_pdf(&pdf));
        assert!(pdf.ends_with(b"%%EOF\n"));
    }

    #[test]
    fn demo_documents_parse() {
        assert!(
            crate::procedures::rules::sections::parse(super::BEGRUENDUNG)
                .unwrap()
                .len()
                >= 10
        );
    }
}
