//! Demo petitions of a tenant: two addressees (the parliament and a city council), an
//! open petition close to its quorum (with signers, news and a debate for and
//! against), one waiting for review, and one answered (with paper lists). Dates are
//! relative to the moment of loading, so the open one is open.
use super::addressees::insert;
use super::review::open_debate;
use crate::domain::{CommentStatus, PetitionStatus, SignatureSource, Stance};
use crate::platform::AppError;
use crate::platform::entities::{
    comment, organization, paper_batch, petition, petition_addressee, petition_update, signature,
    tenant, user,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

const FIRST: [&str; 12] = [
    "Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karla",
    "Lukas",
];
const LAST: [&str; 10] = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schäfer",
];
/// (postal code, place) of the signers, per tenant.
const PLACES_SN: [(&str, &str); 4] = [
    ("01067", "Dresden"),
    ("04109", "Leipzig"),
    ("09111", "Chemnitz"),
    ("02826", "Görlitz"),
];
const PLACES_HE: [(&str, &str); 4] = [
    ("64283", "Darmstadt"),
    ("60311", "Frankfurt am Main"),
    ("65183", "Wiesbaden"),
    ("34117", "Kassel"),
];

struct Demo {
    addressee: usize,
    title: &'static str,
    request: &'static str,
    reasons: &'static str,
    category: &'static str,
    region: &'static str,
    status: PetitionStatus,
    /// Published this many days ago (for those that were published).
    published: i64,
    weeks: i32,
    /// Confirmed online signatures.
    online: usize,
    /// A counted batch of paper signatures.
    paper: i32,
    updates: &'static [&'static str],
    response: &'static str,
    /// (author, for or against, text) of the debate.
    debate: &'static [(&'static str, Stance, &'static str)],
}

const DEMOS: [Demo; 3] = [
    Demo {
        addressee: 1,
        title: "Sichere Schulwege: Tempo 30 vor allen Grundschulen",
        request: "Der Stadtrat möge beschließen, vor allen Grundschulen der Stadt Tempo 30 anzuordnen und an den Hauptzugängen gesicherte Querungen (Zebrastreifen oder Bedarfsampeln) einzurichten.",
        reasons: "Viele Kinder gehen zu Fuß oder fahren mit dem Rad zur Schule. An mehreren Grundschulen führen Hauptverkehrsstraßen mit Tempo 50 direkt am Eingang vorbei, ohne gesicherte Querung.\n\nSeit 2024 erlaubt die Straßenverkehrs-Ordnung Tempo 30 vor Schulen auch an Hauptstraßen leichter. Andere Städte haben damit gute Erfahrungen gemacht.",
        category: "verkehr",
        region: "Stadtgebiet",
        status: PetitionStatus::Published,
        published: 20,
        weeks: 6,
        online: 940,
        paper: 0,
        updates: &[
            "Vielen Dank für über 500 Unterschriften! Der Ortsbeirat Altstadt hat das Anliegen in seiner letzten Sitzung unterstützt.",
        ],
        response: "",
        debate: &[
            (
                "Jonas Weber",
                Stance::For,
                "Mein Sohn muss jeden Morgen die Hauptstraße queren. Tempo 30 und ein Zebrastreifen würden viel Sicherheit bringen.",
            ),
            (
                "Karla Fischer",
                Stance::Against,
                "Tempo 30 auf Hauptstraßen verlangsamt auch Busse und Rettungswagen. Besser wären Ampeln nur zu den Schulzeiten.",
            ),
        ],
    },
    Demo {
        addressee: 0,
        title: "Kostenfreies Mittagessen an Grundschulen",
        request: "Der Landtag möge ein Landesprogramm beschließen, das ein kostenfreies, gesundes Mittagessen für alle Kinder an Grundschulen finanziert.",
        reasons: "Ein warmes Mittagessen ist für viele Kinder die wichtigste Mahlzeit des Tages. Die Kosten schließen Kinder aus Familien mit wenig Geld aus, auch wenn es Zuschüsse gibt: Der Antrag ist vielen zu kompliziert.",
        category: "bildung",
        region: "Landesweit",
        status: PetitionStatus::Submitted,
        published: 0,
        weeks: 8,
        online: 0,
        paper: 0,
        updates: &[],
        response: "",
        debate: &[],
    },
    Demo {
        addressee: 0,
        title: "Mehr Nachtzüge und Spätverbindungen im ländlichen Raum",
        request: "Der Landtag möge die Landesregierung auffordern, mit den Aufgabenträgern des Nahverkehrs an Wochenenden Spätverbindungen bis 1 Uhr in alle Mittelzentren zu bestellen.",
        reasons: "Wer auf dem Land wohnt und kein Auto hat, kommt abends nach Veranstaltungen in der Stadt nicht mehr nach Hause. Das betrifft besonders junge Menschen und ältere Menschen.",
        category: "verkehr",
        region: "Ländlicher Raum",
        status: PetitionStatus::Answered,
        published: 90,
        weeks: 6,
        online: 120,
        paper: 5_130,
        updates: &["Die Unterschriftenlisten aus den Bürgerbüros sind eingegangen und gezählt."],
        response: "Der Petitionsausschuss hat die Petition in seiner Sitzung beraten und der Landesregierung als Material überwiesen. Das Verkehrsministerium prüft mit den Zweckverbänden, ab dem nächsten Fahrplanwechsel an Samstagen Spätverbindungen in drei Pilotregionen zu bestellen.",
        debate: &[],
    },
];

/// Loads the demo petitions of the tenant `slug` once.
pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>, slug: &str) -> Result<(), AppError> {
    let Some(t) = tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let txn = crate::platform::db::begin_write(db).await?;
    let has = petition_addressee::Entity::find()
        .filter(petition_addressee::Column::TenantId.eq(t.id))
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
    let citizen = user::Entity::find()
        .filter(user::Column::TenantId.eq(t.id))
        .filter(user::Column::Email.starts_with("buerger@"))
        .one(&txn)
        .await?;
    let (parliament, council) = if t.state_code == "HE" {
        (
            "Hessischer Landtag – Petitionsausschuss",
            "Stadtverordnetenversammlung Darmstadt",
        )
    } else {
        (
            "Sächsischer Landtag – Petitionsausschuss",
            "Stadtrat Dresden",
        )
    };
    let addressees = [
        insert(&txn, now, t.id, org.id, parliament, 5_000, 8).await?,
        insert(&txn, now, t.id, org.id, council, 1_000, 6).await?,
    ];
    let places = if t.state_code == "HE" {
        &PLACES_HE
    } else {
        &PLACES_SN
    };
    for (n, demo) in DEMOS.iter().enumerate() {
        petition(
            &txn,
            now,
            &t,
            &addressees[demo.addressee],
            citizen.as_ref(),
            n as i32 + 1,
            demo,
            places,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn petition(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    t: &tenant::Model,
    a: &petition_addressee::Model,
    citizen: Option<&user::Model>,
    number: i32,
    demo: &Demo,
    places: &[(&str, &str)],
) -> Result<(), AppError> {
    let published =
        (demo.status != PetitionStatus::Submitted).then(|| now - Duration::days(demo.published));
    let closes = published.map(|p| p + Duration::weeks(i64::from(demo.weeks)));
    let answered = demo.status == PetitionStatus::Answered;
    let count = demo.online as i32 + demo.paper;
    let p = petition::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(t.id),
        addressee_id: Set(a.id),
        petitioner_id: Set(citizen.map(|c| c.id)),
        number: Set(number),
        status: Set(demo.status),
        public: Set(true),
        weeks: Set(demo.weeks),
        title: Set(demo.title.into()),
        request: Set(demo.request.into()),
        reasons: Set(demo.reasons.into()),
        category: Set(demo.category.into()),
        region: Set(demo.region.into()),
        moderation_reason: Set(None),
        signature_count: Set(count),
        created_at: Set(published.unwrap_or(now) - Duration::days(2)),
        updated_at: Set(now),
        submitted_at: Set(Some(published.unwrap_or(now) - Duration::days(1))),
        published_at: Set(published),
        closes_at: Set(closes),
        quorum_reached_at: Set(
            (count >= a.quorum).then_some(closes.unwrap_or(now) - Duration::days(3))
        ),
        closed_at: Set(answered.then_some(closes).flatten()),
        handed_over_at: Set(answered
            .then(|| closes.map(|c| c + Duration::days(7)))
            .flatten()),
        handover_note: Set(answered.then(|| "Übergabe an den Petitionsausschuss".to_string())),
        response: Set((!demo.response.is_empty()).then(|| demo.response.to_string())),
        answered_at: Set(answered
            .then(|| closes.map(|c| c + Duration::days(30)))
            .flatten()),
    }
    .insert(txn)
    .await?;
    if let (Some(start), Some(end)) = (published, closes) {
        if demo.status == PetitionStatus::Published {
            open_debate(txn, &p, a, start, end).await?;
        }
        let span = (end.min(now) - start).num_minutes().max(1);
        // Signed through the period, more at its start, as petitions go.
        let mut rows = Vec::with_capacity(demo.online);
        for i in 0..demo.online {
            let share = (i as f64 / demo.online as f64).powi(2);
            let at = start + Duration::minutes((share * span as f64) as i64);
            let (postal, place) = places[i % places.len()];
            rows.push(signature::ActiveModel {
                id: Set(Uuid::new_v4()),
                petition_id: Set(p.id),
                name: Set(format!(
                    "{} {}",
                    FIRST[i % FIRST.len()],
                    LAST[(i / FIRST.len()) % LAST.len()]
                )),
                postal_code: Set(postal.into()),
                place: Set(place.into()),
                email: Set(Some(format!("unterzeichner{i}@example.org"))),
                show_name: Set(i % 3 != 0),
                wants_updates: Set(false),
                source: Set(SignatureSource::Online),
                created_at: Set(at - Duration::minutes(5)),
                confirmed_at: Set(Some(at)),
            });
        }
        // In chunks: SQLite binds at most 32,766 values per statement.
        for chunk in rows.chunks(500) {
            signature::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
        }
        if demo.paper > 0 {
            paper_batch::ActiveModel {
                id: Set(Uuid::new_v4()),
                petition_id: Set(p.id),
                count: Set(demo.paper),
                note: Set("Unterschriftenlisten aus den Bürgerbüros".into()),
                stored_name: Set(None),
                entered_by: Set(None),
                created_at: Set(end - Duration::days(1)),
            }
            .insert(txn)
            .await?;
        }
        for (k, body) in demo.updates.iter().enumerate() {
            petition_update::ActiveModel {
                id: Set(Uuid::new_v4()),
                petition_id: Set(p.id),
                body: Set(body.to_string()),
                created_at: Set(start + Duration::days(5 + k as i64)),
            }
            .insert(txn)
            .await?;
        }
        for (k, (author, stance, text)) in demo.debate.iter().enumerate() {
            let cid = Uuid::new_v4();
            let written = start + Duration::days(2 + k as i64);
            comment::ActiveModel {
                id: Set(cid),
                tenant_id: Set(t.id),
                procedure_id: Set(p.id),
                number: Set(k as i32 + 1),
                section_id: Set(None),
                parent_id: Set(None),
                thread_id: Set(cid),
                author_user_id: Set(None),
                author_name: Set(author.to_string()),
                author_email: Set(None),
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
                answer: Set(None),
                answered_by: Set(None),
                answered_at: Set(None),
                stance: Set(Some(*stance)),
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}
