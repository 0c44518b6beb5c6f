//! Petitions end to end on the real router, a real SMTP server and a clock the test
//! moves: writing and submitting, review, co-signing with confirmation by mail, one
//! signature per address (also under concurrent attempts), expiry, quorum, closing,
//! hand-over and response, and who may see and do what.
use crate::helpers::*;
use app::platform::entities::{petition, petition_addressee, signature};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// An addressee of Sachsen with a quorum of `quorum`, added by the tenant admin.
async fn addressee(app: &TestApp, quorum: u32) -> String {
    let admin = app.demo("admin").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let name = format!("Testausschuss {quorum}");
    let reply = admin
        .submit(
            "petition-addressee-add",
            &[
                ("name", &name),
                ("organization", &org),
                ("quorum", &quorum.to_string()),
                ("max_weeks", "4"),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.addressee.added"),
        "{reply:?}"
    );
    petition_addressee::Entity::find()
        .filter(petition_addressee::Column::Name.eq(name))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

fn petition_form<'a>(addressee: &'a str, visibility: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("addressee", addressee),
        ("title", "Mehr Bänke im Stadtpark"),
        ("request", "Der Rat möge zehn neue Bänke aufstellen lassen."),
        ("reasons", "Ältere Menschen brauchen Pausen auf dem Weg."),
        ("category", "soziales"),
        ("region", "Dresden"),
        ("visibility", visibility),
        ("weeks", "3"),
    ]
}

/// Saves a draft as `b` and returns its id (from the redirect to its edit page).
async fn save_draft(b: &Browser, form: &[(&str, &str)]) -> String {
    let mut form = form.to_vec();
    form.push(("intent", "save"));
    let res = b.call("petition-save", &form).await;
    let location = res
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    let body = res.text().await.unwrap();
    let location = location.unwrap_or_else(|| panic!("no redirect: {body}"));
    location
        .trim_end_matches("/bearbeiten")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// A petition of the demo citizen, submitted and (if `publish`) published by the
/// demo moderator. Returns its id.
async fn petition(app: &TestApp, addressee: &str, visibility: &str, publish: bool) -> String {
    let citizen = app.demo("buerger").await;
    let id = save_draft(&citizen, &petition_form(addressee, visibility)).await;
    let mut form = petition_form(addressee, visibility);
    form.push(("id", &id));
    form.push(("intent", "submit"));
    let reply = citizen.submit("petition-save", &form).await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.submitted"),
        "{reply:?}"
    );
    if publish {
        let moderator = app.demo("moderation").await;
        let reply = moderator
            .submit("petition-decide", &[("id", &id), ("decision", "publish")])
            .await;
        assert_eq!(
            reply.notice.as_deref(),
            Some("notice.petition.decided"),
            "{reply:?}"
        );
    }
    id
}

/// The signed start time of the signing form on the petition's page.
fn started_of(page: &str) -> String {
    let at = page
        .find("name=\"started\" value=\"")
        .unwrap_or_else(|| panic!("no signing form in:\n{page}"));
    page[at + "name=\"started\" value=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// Shows the signing form to `b`, waits like a person, and signs as `email`.
async fn sign(app: &TestApp, b: &Browser, id: &str, email: &str, extra: &[(&str, &str)]) -> Reply {
    let started = started_of(&b.page(&format!("/petitionen/{id}")).await);
    app.clock.advance(chrono::Duration::seconds(5));
    let mut form = vec![
        ("petition", id),
        ("name", "Erika Mustermann"),
        ("postal_code", "01067"),
        ("place", "Dresden"),
        ("email", email),
        ("privacy", "on"),
        ("started", started.as_str()),
    ];
    form.extend_from_slice(extra);
    b.submit("petition-sign", &form).await
}

async fn signatures(app: &TestApp, id: &str) -> Vec<signature::Model> {
    signature::Entity::find()
        .filter(signature::Column::PetitionId.eq(uuid::Uuid::parse_str(id).unwrap()))
        .all(&app.db)
        .await
        .unwrap()
}

async fn stored(app: &TestApp, id: &str) -> petition::Model {
    petition::Entity::find_by_id(uuid::Uuid::parse_str(id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Confirms the last confirmation mail to `email` by its link, like a person.
async fn confirm(app: &TestApp, b: &Browser, email: &str, nth: usize) -> Reply {
    let mail = app.wait_for_mail(email, nth).await;
    let token = link_token(&mail, "/petitionen/bestaetigen");
    assert_eq!(
        b.get(&format!("/petitionen/bestaetigen?token={token}"))
            .await
            .status(),
        200
    );
    b.submit("signature-confirm", &[("token", &token)]).await
}

#[tokio::test]
async fn a_petition_goes_from_draft_to_response() {
    let app = spawn_app().await;
    let to = addressee(&app, 2).await;
    let citizen = app.demo("buerger").await;

    // Bad input: an error next to each field, nothing stored.
    let bad = citizen
        .submit(
            "petition-save",
            &[
                ("addressee", "kein"),
                ("visibility", "public"),
                ("weeks", "20"),
                ("intent", "save"),
            ],
        )
        .await;
    for (field, key) in [
        ("addressee", "error.petition.addressee"),
        ("title", "error.petition.title_missing"),
        ("request", "error.petition.request_missing"),
        ("reasons", "error.petition.reasons_missing"),
        ("category", "error.petition.category"),
    ] {
        assert_eq!(bad.error(field), Some(key), "{bad:?}");
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM petitions WHERE category = 'soziales'")
            .await,
        0
    );

    // A draft with script and Markdown tricks: stored and shown as the text it is.
    let mut tricky = petition_form(&to, "public");
    tricky[1] = (
        "title",
        "<script>alert(1)</script> **fett** [x](javascript:alert(1))",
    );
    let id = save_draft(&citizen, &tricky).await;
    let page = citizen.page(&format!("/petitionen/{id}/bearbeiten")).await;
    assert!(!page.contains("<script>alert(1)"), "the text is escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; **fett**"));
    // Nobody else sees a draft, not even the addressee's staff.
    let staff = app.demo("staff").await;
    assert_eq!(staff.get(&format!("/petitionen/{id}")).await.status(), 404);
    assert_eq!(
        app.browser(SACHSEN)
            .get(&format!("/petitionen/{id}"))
            .await
            .status(),
        404
    );

    // Submitted: a receipt with its reference, in review, not public yet.
    let mut form = petition_form(&to, "public");
    form.push(("id", &id));
    form.push(("intent", "submit"));
    let reply = citizen.submit("petition-save", &form).await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.submitted"),
        "{reply:?}"
    );
    let receipt = app.wait_for_mail("buerger@sachsen.example", 1).await;
    let reference = format!("P-{}-", chrono::Datelike::year(&app.clock_now()));
    assert!(
        receipt.contains("Eingangsbestätigung Ihrer Petition") && receipt.contains(&reference),
        "{receipt}"
    );
    assert_eq!(
        app.browser(SACHSEN)
            .get(&format!("/petitionen/{id}"))
            .await
            .status(),
        404
    );
    let list = app.browser(SACHSEN).page("/petitionen").await;
    assert!(
        list.contains("In Prüfung: 2."),
        "the demo's and this one are counted"
    );
    assert!(!list.contains("Mehr Bänke"));

    // The moderator asks for changes; the petitioner learns why and submits again.
    let moderator = app.demo("moderation").await;
    let queue = moderator.page("/moderation/petitionen").await;
    assert!(queue.contains("Mehr Bänke im Stadtpark"));
    let reply = moderator
        .submit(
            "petition-decide",
            &[
                ("id", &id),
                ("decision", "changes"),
                ("reason", "Bitte nennen Sie den Park genauer."),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.decided"),
        "{reply:?}"
    );
    let decision = app.wait_for_mail("buerger@sachsen.example", 2).await;
    assert!(
        decision.contains("Bitte nennen Sie den Park genauer."),
        "{decision}"
    );
    assert!(
        citizen
            .page(&format!("/petitionen/{id}"))
            .await
            .contains("Bitte nennen Sie den Park genauer.")
    );
    let again = citizen.submit("petition-save", &form).await;
    assert_eq!(
        again.notice.as_deref(),
        Some("notice.petition.submitted"),
        "{again:?}"
    );

    // Published: open for signing, with its debate.
    let reply = moderator
        .submit("petition-decide", &[("id", &id), ("decision", "publish")])
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.decided"),
        "{reply:?}"
    );
    let published = app.wait_for_mail("buerger@sachsen.example", 4).await;
    assert!(
        published.contains("Ihre Petition ist veröffentlicht"),
        "{published}"
    );
    let anyone = app.browser(SACHSEN);
    let page = anyone.page(&format!("/petitionen/{id}")).await;
    assert!(
        page.contains("0 von 2 Unterschriften"),
        "nothing counted yet"
    );

    // Co-signing: counted once confirmed through the mailed link.
    let signer = app.browser(SACHSEN);
    let reply = sign(
        &app,
        &signer,
        &id,
        "Erika@Example.org ",
        &[("show_name", "on"), ("updates", "on")],
    )
    .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.signature.confirm_email"),
        "{reply:?}"
    );
    assert_eq!(stored(&app, &id).await.signature_count, 0);
    let confirmed = confirm(&app, &signer, "erika@example.org", 1).await;
    assert_eq!(
        confirmed.notice.as_deref(),
        Some("notice.signature.confirmed"),
        "{confirmed:?}"
    );
    assert_eq!(stored(&app, &id).await.signature_count, 1);
    let page = anyone.page(&format!("/petitionen/{id}")).await;
    assert!(page.contains("1 von 2 Unterschriften") && page.contains("Erika Mustermann, Dresden"));

    // The same link again counts nothing; signing again stores nothing twice and the
    // owner of the address hears that it counts already.
    let twice = confirm(&app, &signer, "erika@example.org", 1).await;
    assert_eq!(
        twice.notice.as_deref(),
        Some("notice.signature.already"),
        "{twice:?}"
    );
    let reply = sign(&app, &app.browser(SACHSEN), &id, "erika@example.org", &[]).await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.signature.confirm_email"),
        "{reply:?}"
    );
    let already = app.wait_for_mail("erika@example.org", 2).await;
    assert!(already.contains("bereits unterschrieben"), "{already}");
    assert_eq!(signatures(&app, &id).await.len(), 1);
    assert_eq!(stored(&app, &id).await.signature_count, 1);

    // A forged link is refused with its own message.
    let forged = signer
        .submit("signature-confirm", &[("token", "s.1.abc.def")])
        .await;
    assert_eq!(forged.error("token"), Some("error.signature.link_invalid"));

    // The second signature reaches the quorum: the staff and the followers hear of it.
    let second = app.browser(SACHSEN);
    sign(&app, &second, &id, "max@example.org", &[]).await;
    confirm(&app, &second, "max@example.org", 1).await;
    let p = stored(&app, &id).await;
    assert_eq!(p.signature_count, 2);
    assert!(p.quorum_reached_at.is_some());
    let quorum = app.wait_for_mail("staff@sachsen.example", 1).await;
    assert!(
        quorum.contains("Quorum erreicht") && quorum.contains("Mehr Bänke"),
        "{quorum}"
    );
    let news = app.wait_for_mail("erika@example.org", 3).await;
    assert!(news.contains("hat ihr Quorum erreicht"), "{news}");

    // The petitioner's news reach the signer who asked for them.
    let reply = citizen
        .submit(
            "petition-update",
            &[("id", &id), ("body", "Der Ortsbeirat unterstützt uns.")],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.update_posted"),
        "{reply:?}"
    );
    let update = app.wait_for_mail("erika@example.org", 4).await;
    assert!(
        update.contains("Der Ortsbeirat unterstützt uns."),
        "{update}"
    );

    // At its closing date the petition closes by itself; signing is refused.
    let late_signer = app.browser(SACHSEN);
    let started = started_of(&late_signer.page(&format!("/petitionen/{id}")).await);
    app.clock
        .advance(chrono::Duration::weeks(3) + chrono::Duration::minutes(1));
    let late = late_signer
        .submit(
            "petition-sign",
            &[
                ("petition", &id),
                ("name", "Lea Late"),
                ("postal_code", "01067"),
                ("place", "Dresden"),
                ("email", "late@example.org"),
                ("privacy", "on"),
                ("started", &started),
            ],
        )
        .await;
    assert_eq!(late.error(""), Some("error.signature.closed"), "{late:?}");
    let report = app::petitions::service::worker::run_due(&app.state)
        .await
        .unwrap();
    assert!(report.closed >= 1, "{report:?}");
    assert_eq!(stored(&app, &id).await.status.to_string(), "closed");
    assert_eq!(
        app.status_of(&id).await,
        "evaluation",
        "the debate closes with it"
    );

    // Staff hand it over and publish the response; the followers get it by mail.
    // (Three weeks later: a new session.)
    let staff = app.demo("staff").await;
    let reply = staff
        .submit(
            "petition-hand-over",
            &[("id", &id), ("note", "Übergabe im Rathaus")],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.handed_over"),
        "{reply:?}"
    );
    let reply = staff
        .submit(
            "petition-respond",
            &[("id", &id), ("response", "Der Rat stellt zehn Bänke auf.")],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.petition.answered"),
        "{reply:?}"
    );
    let response = app.wait_for_mail("erika@example.org", 7).await;
    assert!(
        response.contains("Der Rat stellt zehn Bänke auf."),
        "{response}"
    );
    let url = format!("/petitionen/{id}");
    assert!(response.contains(&url), "the mail links to the petition");
    let page = anyone.page(&url).await;
    assert!(page.contains("Der Rat stellt zehn Bänke auf.") && page.contains("beantwortet"));
    let answered = anyone.page("/petitionen?status=answered").await;
    assert!(answered.contains("Mehr Bänke im Stadtpark"));

    // The signature list for the committee (staff), and the public count per day.
    let csv = staff
        .page(&format!("/verwaltung/petitionen/{id}/unterschriften.csv"))
        .await;
    assert!(
        csv.contains("Erika Mustermann") && csv.contains("01067"),
        "{csv}"
    );
    assert!(
        !csv.contains("erika@example.org"),
        "addresses stay out of the list"
    );
    let xlsx = staff
        .get(&format!("/verwaltung/petitionen/{id}/unterschriften.xlsx"))
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
    let per_day = anyone.page(&format!("{url}/verlauf.csv")).await;
    assert!(per_day.contains("\"2\""), "{per_day}");
    let svg = anyone.page(&format!("{url}/verlauf.svg")).await;
    assert!(svg.starts_with("<svg") && svg.contains("<rect"), "{svg}");
}

#[tokio::test]
async fn bad_signatures_get_a_message_at_each_field_and_store_nothing() {
    let app = spawn_app().await;
    let to = addressee(&app, 5).await;
    let id = petition(&app, &to, "public", true).await;
    let b = app.browser(SACHSEN);
    let started = started_of(&b.page(&format!("/petitionen/{id}")).await);
    app.clock.advance(chrono::Duration::seconds(5));
    let reply = b
        .submit(
            "petition-sign",
            &[
                ("petition", &id),
                ("name", ""),
                ("postal_code", "1067"),
                ("place", ""),
                ("email", "keine-adresse"),
                ("started", &started),
            ],
        )
        .await;
    assert_eq!(reply.error("name"), Some("error.name.missing"), "{reply:?}");
    assert_eq!(
        reply.error("postal_code"),
        Some("error.postal_code.invalid")
    );
    assert_eq!(reply.error("place"), Some("error.place.missing"));
    assert_eq!(reply.error("email"), Some("error.email.invalid"));
    assert_eq!(reply.error("privacy"), Some("error.signature.privacy"));
    assert!(signatures(&app, &id).await.is_empty());

    // Without JavaScript: back on the page, the messages at the fields, the input kept.
    let res = b
        .submit_plain(
            &format!("/petitionen/{id}"),
            "petition-sign",
            &[
                ("petition", &id),
                ("name", "Ilse"),
                ("postal_code", "abc"),
                ("place", "Pirna"),
                ("email", "ilse@example.org"),
                ("privacy", "on"),
                ("started", &started),
            ],
        )
        .await;
    assert!(res.status().is_redirection());
    let page = b.page(&format!("/petitionen/{id}")).await;
    assert!(page.contains("Bitte geben Sie eine Postleitzahl aus fünf Ziffern ein"));
    assert!(page.contains("value=\"ilse@example.org\"") && page.contains("value=\"Pirna\""));

    // Bots: the hidden field filled, or sent at once: the same answer, nothing stored.
    let fresh = started_of(&b.page(&format!("/petitionen/{id}")).await);
    let reply = b
        .submit(
            "petition-sign",
            &[
                ("petition", &id),
                ("name", "Bot"),
                ("postal_code", "01067"),
                ("place", "X"),
                ("email", "bot@example.org"),
                ("privacy", "on"),
                ("started", &fresh),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.signature.confirm_email")
    );
    app.clock.advance(chrono::Duration::seconds(5));
    let reply = b
        .submit(
            "petition-sign",
            &[
                ("petition", &id),
                ("name", "Bot"),
                ("postal_code", "01067"),
                ("place", "X"),
                ("email", "bot2@example.org"),
                ("privacy", "on"),
                ("started", &fresh),
                ("website", "http://spam"),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.signature.confirm_email")
    );
    assert!(signatures(&app, &id).await.is_empty());

    // A petition not (yet) public cannot be signed: for anyone else it does not exist.
    let waiting = petition(&app, &to, "public", false).await;
    let reply = b
        .submit(
            "petition-sign",
            &[
                ("petition", &waiting),
                ("name", "Ilse"),
                ("postal_code", "01067"),
                ("place", "Pirna"),
                ("email", "ilse@example.org"),
                ("privacy", "on"),
                ("started", &fresh),
            ],
        )
        .await;
    assert_eq!(reply.error(""), Some("error.not_found"), "{reply:?}");
}

#[tokio::test]
async fn one_signature_per_address_even_at_the_same_moment() {
    let app = spawn_app().await;
    let to = addressee(&app, 100).await;
    let id = petition(&app, &to, "public", true).await;
    let b = app.browser(SACHSEN);
    let started = started_of(&b.page(&format!("/petitionen/{id}")).await);
    app.clock.advance(chrono::Duration::seconds(5));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..12 {
        let (browser, id, started) = (app.browser(SACHSEN), id.clone(), started.clone());
        // The same address, written differently.
        let email = if i % 2 == 0 {
            "Same@Example.org"
        } else {
            " same@example.org"
        };
        tasks.spawn(async move {
            browser
                .submit(
                    "petition-sign",
                    &[
                        ("petition", &id),
                        ("name", "Gleich"),
                        ("postal_code", "01067"),
                        ("place", "Dresden"),
                        ("email", email),
                        ("privacy", "on"),
                        ("started", &started),
                    ],
                )
                .await
        });
    }
    while let Some(reply) = tasks.join_next().await {
        let reply = reply.unwrap();
        assert_eq!(
            reply.notice.as_deref(),
            Some("notice.signature.confirm_email"),
            "{reply:?}"
        );
    }
    assert_eq!(signatures(&app, &id).await.len(), 1);
    // Confirmed through every mailed link at once: counted once.
    let first = app.wait_for_mail("same@example.org", 1).await;
    let token = link_token(&first, "/petitionen/bestaetigen");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (browser, token) = (app.browser(SACHSEN), token.clone());
        tasks.spawn(async move {
            browser
                .submit("signature-confirm", &[("token", &token)])
                .await
        });
    }
    while tasks.join_next().await.is_some() {}
    assert_eq!(stored(&app, &id).await.signature_count, 1);
}

#[tokio::test]
async fn unconfirmed_signatures_expire_after_seven_days() {
    let app = spawn_app().await;
    let to = addressee(&app, 5).await;
    let id = petition(&app, &to, "public", true).await;
    let b = app.browser(SACHSEN);
    sign(&app, &b, &id, "slow@example.org", &[]).await;
    let mail = app.wait_for_mail("slow@example.org", 1).await;
    let token = link_token(&mail, "/petitionen/bestaetigen");
    app.clock
        .advance(chrono::Duration::days(7) + chrono::Duration::minutes(1));
    let report = app::petitions::service::worker::run_due(&app.state)
        .await
        .unwrap();
    assert_eq!(report.forgotten, 1, "{report:?}");
    assert!(signatures(&app, &id).await.is_empty());
    let reply = b.submit("signature-confirm", &[("token", &token)]).await;
    assert_eq!(
        reply.error("token"),
        Some("error.signature.link_expired"),
        "{reply:?}"
    );
    assert_eq!(stored(&app, &id).await.signature_count, 0);
}

#[tokio::test]
async fn who_sees_and_handles_a_petition() {
    let app = spawn_app().await;
    let to = addressee(&app, 5).await;
    let private = petition(&app, &to, "private", true).await;
    assert_eq!(stored(&app, &private).await.status.to_string(), "forwarded");
    let public = petition(&app, &to, "public", true).await;
    let path = format!("/petitionen/{private}");

    // A non-public petition: its petitioner and the addressee's staff only.
    let citizen = app.demo("buerger").await;
    let staff = app.demo("staff").await;
    let admin = app.demo("admin").await;
    let moderator = app.demo("moderation").await;
    let other = app.browser(SACHSEN);
    other
        .register("neu@example.org", "Nora Neu", "ein langes Passwort 123")
        .await;
    other
        .login("neu@example.org", "ein langes Passwort 123")
        .await;
    let hessen = app.browser(HESSEN);
    hessen.login("staff@hessen.example", DEMO_PASSWORD).await;
    for (who, b, status) in [
        ("petitioner", &citizen, 200),
        ("staff", &staff, 200),
        ("tenant admin", &admin, 200),
        ("moderator", &moderator, 404),
        ("another citizen", &other, 404),
        ("anonymous", &app.browser(SACHSEN), 404),
        ("staff of another tenant", &hessen, 404),
    ] {
        assert_eq!(b.get(&path).await.status(), status, "{who}");
    }
    let list = app.browser(SACHSEN).page("/petitionen?status=all").await;
    assert!(!list.contains(&private));
    assert!(list.contains(&public));
    // Nobody outside can sign it either.
    let reply = sign_blind(&other, &private).await;
    assert_eq!(reply.error(""), Some("error.not_found"));

    // Staff actions: the addressee's staff, not citizens, moderators or other tenants.
    for (who, b) in [("citizen", &citizen), ("moderator", &moderator)] {
        let reply = b
            .submit(
                "petition-paper",
                &[
                    ("id", &public),
                    ("name", "Paul Papier"),
                    ("postal_code", "01067"),
                    ("place", "Dresden"),
                ],
            )
            .await;
        assert_eq!(reply.error(""), Some("error.forbidden"), "{who}: {reply:?}");
        assert_ne!(
            b.get(&format!(
                "/verwaltung/petitionen/{public}/unterschriften.csv"
            ))
            .await
            .status(),
            200,
            "{who}"
        );
    }
    let reply = hessen
        .submit(
            "petition-paper",
            &[
                ("id", &public),
                ("name", "Paul Papier"),
                ("postal_code", "01067"),
                ("place", "Dresden"),
            ],
        )
        .await;
    assert_eq!(reply.error(""), Some("error.not_found"), "{reply:?}");
    let reply = staff
        .submit(
            "petition-paper",
            &[
                ("id", &public),
                ("name", "Paul Papier"),
                ("postal_code", "01067"),
                ("place", "Dresden"),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.paper.added"),
        "{reply:?}"
    );
    assert_eq!(stored(&app, &public).await.signature_count, 1);

    // Reviewing is for moderators; a decision is taken once.
    let reply = staff
        .submit(
            "petition-decide",
            &[("id", &public), ("decision", "reject")],
        )
        .await;
    assert_eq!(reply.error(""), Some("error.forbidden"), "{reply:?}");
    let reply = moderator
        .submit(
            "petition-decide",
            &[("id", &public), ("decision", "publish")],
        )
        .await;
    assert_eq!(
        reply.error(""),
        Some("error.petition.not_waiting"),
        "{reply:?}"
    );
    // Only the tenant admin configures addressees.
    let reply = staff
        .submit(
            "petition-addressee-add",
            &[("name", "X"), ("organization", "x"), ("quorum", "1")],
        )
        .await;
    assert_eq!(reply.error(""), Some("error.forbidden"), "{reply:?}");
    // One's own petition only (an account with a confirmed address, not the petitioner).
    let mut form = petition_form(&to, "public");
    form.push(("id", &public));
    form.push(("intent", "save"));
    let reply = moderator.submit("petition-save", &form).await;
    assert_eq!(reply.error(""), Some("error.not_found"), "{reply:?}");
}

/// Signing straight away, without the form's start time.
async fn sign_blind(b: &Browser, id: &str) -> Reply {
    b.submit(
        "petition-sign",
        &[
            ("petition", id),
            ("name", "Nora Neu"),
            ("postal_code", "01067"),
            ("place", "Dresden"),
            ("email", "nora@example.org"),
            ("privacy", "on"),
        ],
    )
    .await
}

#[tokio::test]
async fn attachments_are_pdfs_and_paper_batches_count() {
    let app = spawn_app().await;
    let to = addressee(&app, 3).await;
    let citizen = app.demo("buerger").await;
    let id = save_draft(&citizen, &petition_form(&to, "public")).await;
    let upload = |bytes: Vec<u8>, name: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("title", "Lageplan")
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        citizen
            .client
            .post(format!("{}/petitionen/{id}/anhaenge", citizen.origin))
            .header("Origin", &citizen.origin)
            .multipart(form)
            .send()
    };
    let res = upload(b"<html>kein PDF</html>".to_vec(), "plan.pdf")
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    let page = citizen.page(&format!("/petitionen/{id}/bearbeiten")).await;
    assert!(page.contains("PDF"), "the error is shown");
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_files").await, 0);
    let pdf = app::demo::demo_pdf("Lageplan");
    upload(pdf, "plan.pdf").await.unwrap();
    assert_eq!(app.count("SELECT COUNT(*) FROM petition_files").await, 1);
    let page = citizen.page(&format!("/petitionen/{id}/bearbeiten")).await;
    let at = page
        .find("/petitionen/anhaenge/")
        .expect("the attachment is listed");
    let href: String = page[at..].split('"').next().unwrap().to_string();
    assert_eq!(citizen.get(&href).await.status(), 200);
    assert_eq!(
        app.browser(SACHSEN).get(&href).await.status(),
        404,
        "a draft's files are private"
    );

    // Counted paper lists with a bad count, then a good one.
    let mut form = petition_form(&to, "public");
    form.push(("id", &id));
    form.push(("intent", "submit"));
    citizen.submit("petition-save", &form).await;
    app.demo("moderation")
        .await
        .submit("petition-decide", &[("id", &id), ("decision", "publish")])
        .await;
    let staff = app.demo("staff").await;
    let batch = |count: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("count", count)
            .text("note", "Bürgerbüro");
        staff
            .client
            .post(format!(
                "{}/verwaltung/petitionen/{id}/papierlisten",
                staff.origin
            ))
            .header("Origin", &staff.origin)
            .multipart(form)
            .send()
    };
    batch("null").await.unwrap();
    assert_eq!(stored(&app, &id).await.signature_count, 0);
    let page = staff.page(&format!("/verwaltung/petitionen/{id}")).await;
    assert!(page.contains("Bitte geben Sie die Anzahl der Unterschriften ein"));
    batch("3").await.unwrap();
    let p = stored(&app, &id).await;
    assert_eq!(p.signature_count, 3);
    assert!(
        p.quorum_reached_at.is_some(),
        "paper counts toward the quorum"
    );
}
