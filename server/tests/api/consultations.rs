//! Consultations: staff create and publish them, the dates move them along (the
//! lifecycle worker, with the test's clock), the comment window is exact to the second.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_publish_a_consultation_and_its_dates_move_it_along() {
    let app = spawn_app().await;
    // Someone follows the topic: they hear of the new procedure and of its phase.
    app::subscriptions::service::follow_confirmed(
        &app.db,
        app.clock_now(),
        app::platform::tenants::by_slug(&app.db, "sachsen")
            .await
            .unwrap()
            .unwrap()
            .id,
        "leser@example.org",
        app::i18n::Lang::De,
        "topic:umwelt",
    )
    .await
    .unwrap();

    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let id = staff
        .create(&consultation_form(
            &org,
            "B-Plan Nr. 7 „Am Hafen“",
            "name",
            "after",
        ))
        .await;
    assert_eq!(app.status_of(&id).await, "draft");
    // A draft is for its staff only.
    let visitor = app.browser(SACHSEN);
    assert_eq!(visitor.get(&format!("/verfahren/{id}")).await.status(), 404);
    assert!(
        staff
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Am Hafen")
    );

    // Publishing needs a phase first.
    let early = staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    assert_eq!(early.error(""), Some("error.procedure.needs_phase"));
    let now = app.clock_now();
    let phase = staff
        .submit(
            "phase-add",
            &[
                ("id", &id),
                ("starts", &local_in(now, 60)),
                ("ends", &local_in(now, 60 * 24 * 5)),
            ],
        )
        .await;
    assert_eq!(phase.notice.as_deref(), Some("notice.phase.added"));
    let published = staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    assert_eq!(published.error(""), None, "{published:?}");
    assert_eq!(app.status_of(&id).await, "announced");
    let mail = app.wait_for_mail("leser@example.org", 1).await;
    assert!(
        mail.contains("ein neues Verfahren") && mail.contains("Am Hafen"),
        "{mail}"
    );
    assert!(
        visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Die Beteiligung beginnt am")
    );

    // Before the phase nothing moves; the worker may run as often as it likes.
    assert_eq!(app.run_lifecycle().await.transitions, 0);
    app.clock.advance(chrono::Duration::minutes(61));
    let first = app.run_lifecycle().await;
    assert_eq!((first.transitions, first.notifications), (1, 1));
    assert_eq!(app.run_lifecycle().await, Default::default(), "idempotent");
    assert_eq!(app.status_of(&id).await, "open");
    let started = app.wait_for_mail("leser@example.org", 2).await;
    assert!(started.contains("hat begonnen"), "{started}");

    // 48 hours before the end: a reminder; at the end: evaluation and a last mail.
    app.clock.advance(chrono::Duration::hours(24 * 3 + 1));
    assert_eq!(app.run_lifecycle().await.notifications, 1);
    assert!(
        app.wait_for_mail("leser@example.org", 3)
            .await
            .contains("Bis dahin können Sie noch")
    );
    app.clock.advance(chrono::Duration::days(2));
    let ended = app.run_lifecycle().await;
    assert_eq!((ended.transitions, ended.notifications), (1, 1));
    assert_eq!(app.status_of(&id).await, "evaluation");
    assert!(
        app.wait_for_mail("leser@example.org", 4)
            .await
            .contains("ist beendet")
    );
    assert_eq!(app.run_lifecycle().await, Default::default());

    // Every automatic step is in the audit log, by the system (no person).
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'procedure.status' AND actor_id IS NULL AND detail LIKE '%Termin%'"
        ))
        .await,
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_comment_window_is_exact_to_the_second_across_the_change_to_summer_time() {
    let app = spawn_app().await;
    // Saturday 27 March 2027, 10:00 UTC; clocks go forward in the night to Sunday.
    app.set_clock("2027-03-27T10:00:00Z");
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let id = staff
        .create(&consultation_form(&org, "Fristtest", "name", "after"))
        .await;
    // 12:00 local on both days: 11:00 UTC (winter time), then 10:00 UTC (summer time).
    let phase = staff
        .submit(
            "phase-add",
            &[
                ("id", &id),
                ("starts", "2027-03-27T12:00"),
                ("ends", "28.03.2027 12:00"),
            ],
        )
        .await;
    assert_eq!(phase.error(""), None, "{phase:?}");
    staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;

    let citizen = app.browser(SACHSEN);
    let cases = [
        ("2027-03-27T10:59:59Z", false),
        ("2027-03-27T11:00:00Z", true),
        ("2027-03-28T09:59:59Z", true),
        ("2027-03-28T10:00:00Z", false),
    ];
    for (at, accepted) in cases {
        app.set_clock(at);
        let reply = citizen
            .comment(&id, &format!("Beitrag um {at}"), &[("name", "Anna")])
            .await;
        if accepted {
            assert_eq!(
                reply.notice.as_deref(),
                Some("notice.comment.published"),
                "{at}: {reply:?}"
            );
        } else {
            assert_eq!(reply.error(""), Some("error.comment.closed"), "{at}");
        }
    }
    assert_eq!(
        app.comments_of(&id).await.len(),
        2,
        "nothing stored outside the window"
    );

    // A time that does not exist on the night of the change is refused by name.
    app.set_clock("2027-03-20T10:00:00Z");
    let staff = app.demo("staff").await;
    let gap = staff
        .submit(
            "phase-add",
            &[
                ("id", &id),
                ("starts", "2027-03-28T02:30"),
                ("ends", "2027-03-29T12:00"),
            ],
        )
        .await;
    assert_eq!(gap.error("starts"), Some("error.datetime.nonexistent"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn results_conclude_a_procedure_and_archiving_makes_it_read_only() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 1, 60).await;
    let staff = app.demo("staff").await;
    app.clock.advance(chrono::Duration::minutes(61));
    app.run_lifecycle().await;
    assert_eq!(app.status_of(&id).await, "evaluation");

    let early = staff
        .submit("status-confirm", &[("id", &id), ("target", "concluded")])
        .await;
    assert_eq!(early.error(""), Some("error.procedure.needs_results"));
    let empty = staff
        .submit("results-save", &[("id", &id), ("results", "  ")])
        .await;
    assert_eq!(empty.error("results"), Some("error.results.missing"));
    staff
        .submit(
            "results-save",
            &[
                ("id", &id),
                (
                    "results",
                    "## Ergebnis\n\nDer Radweg <script>alert(1)</script> kommt.",
                ),
            ],
        )
        .await;
    // Saved results are not public before the procedure is concluded.
    let visitor = app.browser(SACHSEN);
    assert!(
        !visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Der Radweg")
    );
    let done = staff
        .submit("status-confirm", &[("id", &id), ("target", "concluded")])
        .await;
    assert_eq!(done.error(""), None, "{done:?}");
    assert_eq!(app.status_of(&id).await, "concluded");
    let page = visitor.page(&format!("/verfahren/{id}")).await;
    assert!(
        page.contains("Der Radweg") && page.contains("<h3>Ergebnis</h3>"),
        "{page}"
    );
    assert!(!page.contains("<script>alert(1)"));
    // Concluding twice changes nothing.
    let again = staff
        .submit("status-confirm", &[("id", &id), ("target", "concluded")])
        .await;
    assert_eq!(again.error(""), Some("error.procedure.transition"));

    staff
        .submit("status-confirm", &[("id", &id), ("target", "archived")])
        .await;
    assert_eq!(app.status_of(&id).await, "archived");
    let edit = staff
        .submit("results-save", &[("id", &id), ("results", "Neu")])
        .await;
    assert_eq!(edit.error(""), Some("error.procedure.archived"));
    assert_eq!(app.run_lifecycle().await, Default::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_procedure_input_is_refused_field_by_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let long_summary = "x".repeat(601);
    let mut form = consultation_form(&org, "", "everyone", "after");
    form.retain(|(k, _)| !matches!(*k, "summary" | "longitude" | "topics[]"));
    form.push(("summary", &long_summary));
    form.push(("topics[]", "<script>"));
    let reply = staff.submit("procedure-create", &form).await;
    for (field, key) in [
        ("title", "error.procedure.title_missing"),
        ("summary", "error.procedure.summary_too_long"),
        ("latitude", "error.procedure.coordinates_both"),
        ("topics", "error.procedure.topic"),
        ("who_may_comment", "error.procedure.who_may_comment"),
    ] {
        assert_eq!(reply.error(field), Some(key), "{field}: {reply:?}");
    }
    let other_tenant = staff
        .submit(
            "procedure-create",
            &consultation_form(&uuid::Uuid::new_v4().to_string(), "T", "name", "after"),
        )
        .await;
    assert_eq!(
        other_tenant.error("organization"),
        Some("error.organization.invalid")
    );
    // A form that leaves fields out (a hand-made request) gets the same field errors.
    let bare = staff
        .submit("procedure-create", &[("organization", org.as_str())])
        .await;
    assert_eq!(bare.error("title"), Some("error.procedure.title_missing"));
    assert!(bare.error("summary").is_some(), "{bare:?}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM procedures WHERE kind = 'consultation'")
            .await,
        4,
        "only the demo's"
    );

    // Phases: end before start, overlap, a date that is not one.
    let id = app.open_consultation("name", "after", 60, 120).await;
    let now = app.clock_now();
    for (starts, ends, field, key) in [
        (
            local_in(now, 300),
            local_in(now, 200),
            "ends",
            "error.phase.ends_before_start",
        ),
        (
            local_in(now, 90),
            local_in(now, 400),
            "starts",
            "error.phase.overlaps",
        ),
        (
            "morgen".to_string(),
            local_in(now, 400),
            "starts",
            "error.datetime.invalid",
        ),
    ] {
        let r = staff
            .submit(
                "phase-add",
                &[("id", &id), ("starts", &starts), ("ends", &ends)],
            )
            .await;
        assert_eq!(r.error(field), Some(key), "{starts} {ends}");
    }
    let sections = staff
        .submit(
            "document-text-add",
            &[
                ("id", &id),
                ("doc_title", "Anlage"),
                ("text", "Text ohne Überschrift"),
            ],
        )
        .await;
    assert_eq!(sections.error("text"), Some("error.sections.no_heading"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM phases ph JOIN procedures p ON p.id = ph.procedure_id WHERE p.kind = 'consultation'").await,
        4 + 1,
        "the demo's and one"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_documents_become_numbered_sections_that_keep_their_comments() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.run_lifecycle().await;
    let sections = app.sections_of(&id).await;
    assert_eq!(
        sections.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        vec!["1", "1.1"]
    );
    let visitor = app.browser(SACHSEN);
    let page = visitor.page(&format!("/verfahren/{id}")).await;
    assert!(
        page.contains("1.1 Verkehr") && page.contains("Ein Radweg."),
        "{page}"
    );
    visitor
        .comment(
            &id,
            "Bitte breiter.",
            &[("name", "Anna"), ("section", &sections[1].1)],
        )
        .await;
    let filtered = visitor
        .page(&format!("/verfahren/{id}?abschnitt={}", sections[1].1))
        .await;
    assert!(filtered.contains("Bitte breiter.") && filtered.contains("Abschnitt 1.1 Verkehr"));
    // A document with comments stays.
    let staff = app.demo("staff").await;
    let docs: Vec<String> = {
        use app::platform::entities::document;
        use sea_orm::EntityTrait;
        document::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|d| d.procedure_id.to_string() == id)
            .map(|d| d.id.to_string())
            .collect()
    };
    let removed = staff
        .submit("document-remove", &[("id", &id), ("document", &docs[0])])
        .await;
    assert_eq!(removed.error(""), Some("error.document.has_comments"));
    // A new document shows at once, also to a logged-in reader, whose page reads the
    // procedure's documents from what the pages before it read (shared until a change).
    let path = format!("/verfahren/{id}");
    assert!(!staff.page(&path).await.contains("Anlage Lärm"));
    let added = staff
        .submit(
            "document-text-add",
            &[
                ("id", &id),
                ("doc_title", "Anlage Lärm"),
                ("text", "# Nachtruhe\nAb 22 Uhr leiser."),
            ],
        )
        .await;
    assert_eq!(added.notice.as_deref(), Some("notice.document.added"));
    let page = staff.page(&path).await;
    assert!(page.contains("Anlage Lärm") && page.contains("Ab 22 Uhr leiser."));
}
