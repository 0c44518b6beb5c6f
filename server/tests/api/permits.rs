//! BImSchG permit procedures end to end through the real router: staff create and announce
//! one (business secrets need a public summary first, and never leave the staff), the
//! public files objections inside the window the deadline engine computes — to the
//! second, in Europe/Berlin — and gets a signed receipt on screen and by mail that the
//! public check verifies; staff enter paper objections (late when late), export the
//! register (and the applicant's copy without personal data), invite to the hearing with
//! an `.ics`, publish the decision; retention deletes the objectors' personal data.
use crate::helpers::*;
use reqwest::multipart::{Form, Part};

/// Monday, a week before the announcement must come at the latest.
const CREATED: &str = "2027-01-04T10:00:00Z";
/// The display starts on Monday 18 January 2027; one month, the first day counted, ends
/// on Wednesday 17 February; two weeks later the objection period ends on Wednesday
/// 3 March 2027, 24:00 in Berlin (23:00 UTC in winter). No holiday in Saxony between.
const DISPLAY_START: &str = "2027-01-18";
const LAST_SECOND: &str = "2027-03-03T22:59:59Z";
const TOO_LATE: &str = "2027-03-03T23:00:00Z";

fn permit_form<'a>(org: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organization", org),
        ("title", title),
        ("summary", "Fünf Windenergieanlagen mit je 6 MW."),
        ("applicant", "Gegenwind Energie GmbH"),
        (
            "installation",
            "Windenergieanlagen, Nr. 1.6.2 Anhang 1 4. BImSchV",
        ),
        ("site_address", "Gemarkung Hohe Heide, 01833 Stolpen"),
        (
            "office_address",
            "Landratsamt, Zimmer 2\nSchloßstraße 1, 01796 Pirna",
        ),
        ("office_hours", "Mo–Fr 8–16 Uhr"),
        ("display_start", DISPLAY_START),
        ("contact", "Referat Immissionsschutz"),
    ]
}

async fn create_permit(app: &TestApp, staff: &Browser, title: &str) -> String {
    let org = app.organization_id("Landesdirektion Sachsen").await;
    staff
        .create_with("permit-save", &permit_form(&org, title))
        .await
}

async fn upload(
    staff: &Browser,
    id: &str,
    title: &str,
    confidential: bool,
    summary_of: &str,
) -> reqwest::Response {
    let mut form = Form::new()
        .text("purpose", "procedure")
        .text("upload_title", title.to_string())
        .text("summary_of", summary_of.to_string())
        .part(
            "file",
            Part::bytes(app::demo::demo_pdf(title))
                .file_name("unterlage.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    if confidential {
        form = form.text("confidential", "on");
    }
    staff
        .client
        .post(format!(
            "{}/verwaltung/verfahren/{id}/dokumente",
            staff.origin
        ))
        .header("Origin", &staff.origin)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn file(
    b: &Browser,
    id: &str,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> reqwest::Response {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        form = form.part(
            "attachments",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/pdf")
                .unwrap(),
        );
    }
    b.client
        .post(format!("{}/genehmigungen/{id}/einwendungen", b.origin))
        .header("Origin", &b.origin)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn objection<'a>(name: &'a str, email: &'a str, text: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("address", "Hauptstraße 1\n01833 Stolpen"),
        ("email", email),
        ("text", text),
        ("no_third_parties", "on"),
    ]
}

async fn personal_data_deleted(app: &TestApp, id: &str) -> bool {
    use sea_orm::EntityTrait;
    app::platform::entities::permit::Entity::find_by_id(uuid::Uuid::parse_str(id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .personal_data_deleted_at
        .is_some()
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

async fn document_ids(app: &TestApp, procedure: &str) -> Vec<(String, bool)> {
    use app::platform::entities::document;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    document::Entity::find()
        .filter(document::Column::ProcedureId.eq(uuid::Uuid::parse_str(procedure).unwrap()))
        .order_by_asc(document::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.id.to_string(), d.confidential))
        .collect()
}

/// A permit procedure announced with a business-secret document and its summary.
/// (Sessions follow the test clock: whoever acts after a jump logs in again.)
async fn announced_permit(app: &TestApp) -> String {
    app.set_clock(CREATED);
    let staff = &app.demo("staff").await;
    let id = create_permit(app, staff, "Windpark Gegenwind").await;
    assert_eq!(upload(staff, &id, "Antrag", false, "").await.status(), 303);
    assert_eq!(
        upload(staff, &id, "Schallgutachten (geheim)", true, "")
            .await
            .status(),
        303
    );
    // Announcing waits for the public summary of the secret document.
    let blocked = staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    assert_eq!(blocked.error(""), Some("error.permit.summary_missing"));
    let docs = document_ids(app, &id).await;
    let secret = docs.iter().find(|d| d.1).unwrap().0.clone();
    let public = docs.iter().find(|d| !d.1).unwrap().0.clone();
    // A summary stands only for a secret of this procedure.
    assert_eq!(
        upload(staff, &id, "Keine Zusammenfassung", false, &public)
            .await
            .status(),
        303
    );
    assert_eq!(
        document_ids(app, &id).await.len(),
        2,
        "refused: it names no secret"
    );
    assert_eq!(
        upload(
            staff,
            &id,
            "Schallgutachten – Zusammenfassung",
            false,
            &secret
        )
        .await
        .status(),
        303
    );
    let done = staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    assert_eq!(done.errors, Vec::new());
    assert_eq!(app.status_of(&id).await, "announced");
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn objections_are_accepted_inside_the_window_to_the_second_with_a_signed_receipt() {
    let app = spawn_app().await;
    let id = announced_permit(&app).await;
    let public = app.browser(SACHSEN);

    // The public page shows each date with its legal basis; no form before the display.
    let page = public.page(&format!("/genehmigungen/{id}")).await;
    for text in [
        "18.01.2027",
        "17.02.2027",
        "03.03.2027",
        "§ 10 Abs. 3 Satz 4 BImSchG",
        "Landratsamt, Zimmer 2",
        "Schallgutachten – Zusammenfassung",
    ] {
        assert!(page.contains(text), "{text} missing");
    }
    let secret = document_ids(&app, &id)
        .await
        .into_iter()
        .find(|d| d.1)
        .unwrap()
        .0;
    assert!(
        !page.contains(&secret),
        "a business secret is never linked publicly"
    );
    let early = file(
        &public,
        &id,
        &objection("Anna Schmidt", "anna@example.org", "Zu früh."),
        vec![],
    )
    .await;
    assert_eq!(early.status(), 303);
    let back = public.page(&location(&early)).await;
    assert!(back.contains("erst ab Beginn der Auslegung"), "{back}");

    // The business secret is not reachable by URL, for the public; its staff see it.
    let staff = app.demo("staff").await;
    assert_eq!(
        public
            .get(&format!("/dokumente/{secret}.pdf"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.browser(SACHSEN)
            .get(&format!("/dokumente/{secret}.pdf"))
            .await
            .status(),
        404
    );
    assert_eq!(
        staff
            .get(&format!("/dokumente/{secret}.pdf"))
            .await
            .status(),
        200
    );

    // Bad input: each problem next to its field, the input kept, nothing stored.
    app.set_clock("2027-02-01T09:00:00Z");
    let bad = file(
        &public,
        &id,
        &[
            ("name", ""),
            ("address", ""),
            ("email", "kaputt"),
            ("text", "<script>alert(1)</script>"),
        ],
        vec![("nicht.pdf", b"<html>kein pdf</html>".to_vec())],
    )
    .await;
    assert_eq!(location(&bad), format!("/genehmigungen/{id}#einwendung"));
    let back = public.page(&format!("/genehmigungen/{id}")).await;
    for message in [
        "Bitte geben Sie einen Namen ein",
        "Bitte geben Sie Ihre Postanschrift an",
        "Bitte schreiben Sie ohne HTML",
        "Das ist keine PDF-Datei",
        "keine personenbezogenen Daten Dritter",
    ] {
        assert!(back.contains(message), "{message} missing");
    }
    assert!(
        back.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the input is kept, escaped"
    );
    let mut big = app::demo::demo_pdf("Zu groß");
    big.resize(11 * 1024 * 1024, b' ');
    let too_big = file(
        &public,
        &id,
        &objection("Anna Schmidt", "", "Mit großer Anlage."),
        vec![("gross.pdf", big)],
    )
    .await;
    assert_eq!(
        location(&too_big),
        format!("/genehmigungen/{id}#einwendung")
    );
    let back = public.page(&format!("/genehmigungen/{id}")).await;
    assert!(
        back.contains("höchstens 10 MB") && back.contains("Mit großer Anlage."),
        "too large: said, input kept"
    );
    assert_eq!(app.comments_of(&id).await.len(), 0);

    // Within the window: a reference number and a receipt with a verifiable signature.
    app.set_clock(LAST_SECOND);
    let ok = file(
        &public,
        &id,
        &objection(
            "Anna Schmidt",
            "anna@example.org",
            "Der Schattenwurf trifft mein Haus.",
        ),
        vec![("gutachten.pdf", app::demo::demo_pdf("Eigenes Gutachten"))],
    )
    .await;
    let receipt_path = location(&ok);
    assert!(
        receipt_path.starts_with("/genehmigungen/quittung?token="),
        "{receipt_path}"
    );
    let receipt = public.page(&receipt_path).await;
    assert!(
        receipt.contains("E-0001") && receipt.contains("03.03.2027, 23:59 Uhr"),
        "{receipt}"
    );
    assert!(
        receipt.contains("Der Schattenwurf trifft mein Haus.") && receipt.contains("gutachten.pdf")
    );
    let code = receipt
        .split("id=\"quittungscode\" class=\"hash\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    let mail = app.wait_for_mail("anna@example.org", 1).await;
    assert!(
        mail.contains("E-0001") && mail.contains("/genehmigungen/quittung?token="),
        "{mail}"
    );
    let hash = receipt
        .split("class=\"hash\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_string();
    assert!(mail.contains(&hash), "the mail carries the hash");

    let check = public
        .page(&format!("/genehmigungen/quittung-pruefen?code={code}"))
        .await;
    assert!(
        check.contains("Die Eingangsbestätigung ist echt"),
        "{check}"
    );
    assert!(
        !check.contains("Schattenwurf") && !check.contains("Anna"),
        "the check shows no content"
    );
    let forged = code.replacen('A', "B", 1);
    let check = public
        .page(&format!("/genehmigungen/quittung-pruefen?code={forged}"))
        .await;
    assert!(
        check.contains("keine gültige Eingangsbestätigung"),
        "a changed code fails"
    );

    // The objector's data never appears on the public page.
    let page = public.page(&format!("/genehmigungen/{id}")).await;
    assert!(!page.contains("Anna Schmidt") && !page.contains("Schattenwurf"));

    // One second later the form is closed and a direct POST refused: nothing stored.
    app.set_clock(TOO_LATE);
    let late = file(
        &public,
        &id,
        &objection("Bernd Spät", "", "Zu spät."),
        vec![],
    )
    .await;
    assert_eq!(location(&late), format!("/genehmigungen/{id}#einwendung"));
    let back = public.page(&format!("/genehmigungen/{id}")).await;
    assert!(
        back.contains("Die Einwendungsfrist ist abgelaufen"),
        "{back}"
    );
    assert_eq!(app.comments_of(&id).await.len(), 1);

    // The lifecycle worker moved the procedure along its phase.
    app.run_lifecycle().await;
    assert_eq!(app.status_of(&id).await, "evaluation");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subscribers_are_told_of_the_objection_period_in_its_own_words_to_its_last_day() {
    let app = spawn_app().await;
    let id = announced_permit(&app).await;
    let neighbour = app.browser(SACHSEN);
    app.subscribe_confirmed(
        &neighbour,
        "nachbar@example.org",
        ("procedure", &id),
        "immediate",
    )
    .await;

    // Before the display, the listing says when it begins.
    let listing = neighbour.page("/verfahren").await;
    assert!(listing.contains("Auslegung ab 18.01.2027"), "{listing}");

    // The display begins: the end is the deadline's day, 24:00, not the next day's 00:00.
    let expected = [
        (
            "2027-01-18T08:00:00Z",
            "Einwendungen gegen das Vorhaben können Sie bis 03.03.2027, 24:00 Uhr erheben",
        ),
        (
            "2027-03-02T08:00:00Z",
            "Die Einwendungsfrist im Genehmigungsverfahren",
        ),
        (TOO_LATE, "später erhobene Einwendungen sind ausgeschlossen"),
    ];
    for (n, (now, text)) in expected.into_iter().enumerate() {
        app.set_clock(now);
        app.run_lifecycle().await;
        app.state.mail_queued.notify_one();
        let mail = app.wait_for_mail("nachbar@example.org", n + 2).await;
        assert!(
            mail.to_lowercase().contains(&text.to_lowercase()),
            "{text}: {mail}"
        );
        assert!(
            !mail.contains("Beteiligung zu") && !mail.contains("Stellung nehmen"),
            "consultation wording in a permit's mail: {mail}"
        );
        if n == 0 {
            let listing = neighbour.page("/verfahren").await;
            assert!(
                listing.contains("Einwendungen bis 03.03.2027, 24:00 Uhr"),
                "{listing}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_keep_the_register_export_it_invite_to_the_hearing_and_publish_the_decision() {
    let app = spawn_app().await;
    let id = announced_permit(&app).await;
    let public = app.browser(SACHSEN);
    app.set_clock("2027-02-01T09:00:00Z");
    let form_letter = "Ich erhebe Einwendung gegen den Windpark wegen Lärm.";
    for (name, email) in [
        ("Anna Schmidt", "anna@example.org"),
        ("Carl Meier", "carl@example.org"),
    ] {
        let res = file(&public, &id, &objection(name, email, form_letter), vec![]).await;
        assert!(
            location(&res).starts_with("/genehmigungen/quittung"),
            "{name}"
        );
    }

    // A signature list on paper after the deadline: late, with its representative.
    app.set_clock("2027-03-05T09:00:00Z");
    let staff = app.demo("staff").await;
    let missing_rep = staff
        .submit(
            "permit-objection-enter",
            &[
                ("id", &id),
                ("name", "BI Gegenwind"),
                ("address", "Markt 1, 01833 Stolpen"),
                (
                    "text",
                    "ICH ERHEBE EINWENDUNG gegen den Windpark wegen Lärm!",
                ),
                ("channel", "paper"),
                ("received_at", "2027-03-04T08:15"),
                ("signers", "120"),
            ],
        )
        .await;
    assert_eq!(
        missing_rep.error("representative"),
        Some("error.permit.representative_missing")
    );
    let entered = staff
        .submit(
            "permit-objection-enter",
            &[
                ("id", &id),
                ("name", "BI Gegenwind"),
                ("address", "Markt 1, 01833 Stolpen"),
                (
                    "text",
                    "ICH ERHEBE EINWENDUNG gegen den Windpark wegen Lärm!",
                ),
                ("channel", "paper"),
                ("received_at", "2027-03-04T08:15"),
                ("signers", "120"),
                ("representative", "Dora Vogt"),
            ],
        )
        .await;
    assert_eq!(entered.errors, Vec::new());
    let register = staff
        .page(&format!("/verwaltung/genehmigungen/{id}/einwendungen"))
        .await;
    assert!(
        register.contains("3 Einwendungen, davon 1 verspätet"),
        "{register}"
    );
    assert!(
        register.contains("Gruppe 1: 3 Einwendungen mit 122 Unterzeichnenden"),
        "identical texts are grouped"
    );

    // The authority's export has everything; the applicant's has no personal datum.
    let csv = staff
        .page(&format!("/verwaltung/genehmigungen/{id}/einwendungen.csv"))
        .await;
    assert!(
        csv.contains("Anna Schmidt")
            && csv.contains("Hauptstraße 1")
            && csv.contains("Dora Vogt")
            && csv.contains("ja"),
        "{csv}"
    );
    let anonymized = staff
        .get(&format!(
            "/verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.csv"
        ))
        .await;
    assert_eq!(anonymized.status(), 200);
    let anonymized = anonymized.text().await.unwrap();
    for personal in [
        "Anna",
        "Schmidt",
        "Carl Meier",
        "Hauptstraße",
        "anna@example.org",
        "Dora Vogt",
        "BI Gegenwind",
        "Markt 1",
    ] {
        assert!(
            !anonymized.contains(personal),
            "{personal} in the applicant's copy"
        );
    }
    assert!(
        anonymized.contains("wegen Lärm"),
        "the objections themselves stay"
    );
    let xlsx = staff
        .get(&format!("/verwaltung/genehmigungen/{id}/einwendungen.xlsx"))
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));

    // The hearing: invitations with a valid calendar file to everyone with an address.
    let hearing = staff
        .submit(
            "permit-hearing",
            &[
                ("id", &id),
                ("hearing", "held"),
                ("hearing_reason", "Die Antragstellerin hat ihn beantragt."),
                ("hearing_at", "2027-03-31T10:00"),
                ("hearing_place", "Rathaus Stolpen, Saal"),
            ],
        )
        .await;
    assert_eq!(hearing.errors, Vec::new());
    let invitation = app.wait_for_mail("carl@example.org", 2).await;
    assert!(
        invitation.contains("Erörterungstermin") && invitation.contains("31.03.2027, 10:00 Uhr"),
        "{invitation}"
    );
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "DTSTART:20270331T080000Z",
        "LOCATION:Rathaus Stolpen\\, Saal",
        "END:VCALENDAR",
    ] {
        assert!(invitation.contains(line), "{line} missing in the .ics");
    }
    assert!(invitation.contains("text/calendar"));
    let page = public.page(&format!("/genehmigungen/{id}")).await;
    assert!(page.contains("31.03.2027, 10:00 Uhr") && page.contains("Rathaus Stolpen, Saal"));

    // The decision: published, objectors told, delivery by public announcement dated.
    let decision = staff
        .submit(
            "permit-decision",
            &[
                ("id", &id),
                ("decision", "Die Genehmigung wird erteilt."),
                ("announced", "2027-05-03"),
                ("by_announcement", "on"),
            ],
        )
        .await;
    assert_eq!(decision.errors, Vec::new());
    assert_eq!(app.status_of(&id).await, "concluded");
    let again = staff
        .submit(
            "permit-decision",
            &[
                ("id", &id),
                ("decision", "Doch nicht."),
                ("announced", "2027-05-04"),
            ],
        )
        .await;
    assert_eq!(
        again.error(""),
        Some("error.permit.decided"),
        "a decision is published once"
    );
    let mail = app.wait_for_mail("anna@example.org", 3).await;
    assert!(
        mail.contains("Entscheidung") && mail.contains("18.05.2027"),
        "{mail}"
    );
    let page = public.page(&format!("/genehmigungen/{id}")).await;
    assert!(
        page.contains("Die Genehmigung wird erteilt.")
            && page.contains("gilt mit Ablauf des 18.05.2027 als zugestellt"),
        "{page}"
    );

    // Retention: 365 days after delivery took effect (end of 18 May 2027) the objectors' personal data is gone, the rest stays.
    app.set_clock("2028-05-17T12:00:00Z");
    app::permits::service::retention::run_due(&app.state)
        .await
        .unwrap();
    assert!(!personal_data_deleted(&app, &id).await, "not yet");
    app.set_clock("2028-05-18T12:00:00Z");
    app::permits::service::retention::run_due(&app.state)
        .await
        .unwrap();
    assert!(personal_data_deleted(&app, &id).await);
    let staff = app.demo("staff").await;
    let csv = staff
        .page(&format!("/verwaltung/genehmigungen/{id}/einwendungen.csv"))
        .await;
    for personal in [
        "Anna Schmidt",
        "Hauptstraße",
        "anna@example.org",
        "Dora Vogt",
    ] {
        assert!(!csv.contains(personal), "{personal} kept after retention");
    }
    assert!(csv.contains("E-0003") && csv.contains("wegen Lärm"));
    assert_eq!(app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = 'permit.personal_data_deleted' AND subject = '{id}'")).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_staff_who_run_a_permit_procedure_see_its_register() {
    let app = spawn_app().await;
    let id = announced_permit(&app).await;
    let staff = app.demo("staff").await;
    let register = format!("/verwaltung/genehmigungen/{id}/einwendungen");
    let export = format!("/verwaltung/genehmigungen/{id}/einwendungen.csv");
    assert_eq!(staff.get(&register).await.status(), 200);
    assert_eq!(staff.get(&export).await.status(), 200);
    // Anonymous: to the login; a citizen and a moderator: forbidden.
    assert_eq!(app.browser(SACHSEN).get(&export).await.status(), 303);
    for who in ["buerger", "moderation"] {
        let b = app.demo(who).await;
        assert_eq!(b.get(&export).await.status(), 403, "{who}");
        assert_eq!(b.get(&register).await.status(), 403, "{who}");
        let reply = b
            .submit("permit-objection-enter", &[("id", &id), ("name", "X")])
            .await;
        assert!(!reply.errors.is_empty(), "{who} may not enter objections");
    }
    // Another tenant's staff: the procedure does not exist for them.
    let hessen = app.browser(HESSEN);
    assert_eq!(
        hessen
            .login("staff@hessen.example", DEMO_PASSWORD)
            .await
            .error(""),
        None
    );
    assert_eq!(
        hessen.get(&format!("/genehmigungen/{id}")).await.status(),
        404
    );
    assert_eq!(hessen.get(&export).await.status(), 404);
    // The demo holds a wind farm in its objection period and a decided procedure.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM procedures WHERE kind = 'permit' AND status = 'open'")
            .await,
        2
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM procedures WHERE kind = 'permit' AND status = 'concluded'")
            .await,
        2
    );
}
