//! Comments: the procedure's rules on who may write, confirmation by mail, replies,
//! supports, reports, editing, withdrawing; bad input never stored, never run.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_comments_get_a_message_next_to_the_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let other = app.open_consultation("email", "after", 0, 60).await;
    let foreign_section = app.sections_of(&other).await[0].1.clone();
    let b = app.browser(SACHSEN);
    let too_long = "ä".repeat(5001);
    let ok = [("name", "Anna"), ("email", "anna@example.org")];
    let cases: Vec<(&str, Vec<(&str, &str)>, &str, &str)> = vec![
        ("  \n ", ok.to_vec(), "body", "error.comment.empty"),
        (
            too_long.as_str(),
            ok.to_vec(),
            "body",
            "error.comment.too_long",
        ),
        (
            "Gut",
            vec![("email", "anna@example.org")],
            "name",
            "error.name.missing",
        ),
        (
            "Gut",
            vec![("name", "Anna"), ("email", "keine-adresse")],
            "email",
            "error.email.invalid",
        ),
        (
            "Gut",
            [ok.to_vec(), vec![("section", foreign_section.as_str())]].concat(),
            "section",
            "error.comment.section_invalid",
        ),
        (
            "Gut",
            [ok.to_vec(), vec![("section", "<script>")]].concat(),
            "section",
            "error.comment.section_invalid",
        ),
        (
            "Gut",
            [ok.to_vec(), vec![("parent", foreign_section.as_str())]].concat(),
            "",
            "error.comment.parent_invalid",
        ),
    ];
    for (body, extra, field, key) in cases {
        let reply = b.comment(&id, body, &extra).await;
        assert_eq!(reply.error(field), Some(key), "{field}: {reply:?}");
    }
    // A procedure of another tenant or none at all is not found; nothing was stored.
    let missing = b
        .comment(&uuid::Uuid::new_v4().to_string(), "x", &[("name", "A")])
        .await;
    assert_eq!(missing.error(""), Some("error.not_found"));
    assert_eq!(app.comments_of(&id).await.len(), 0);

    // In an account-only procedure a visitor is asked to log in, input kept.
    let account_only = app.open_consultation("account", "after", 0, 60).await;
    let r = b
        .comment(&account_only, "Ohne Konto", &[("name", "Anna")])
        .await;
    assert_eq!(r.error(""), Some("error.comment.login_required"));
    let citizen = app.demo("buerger").await;
    let r = citizen.comment(&account_only, "Mit Konto", &[]).await;
    assert_eq!(r.notice.as_deref(), Some("notice.comment.published"));
    // The receipt goes to the account's address, with the comment's number.
    let receipt = app.wait_for_mail("buerger@sachsen.example", 1).await;
    assert!(
        receipt.contains("Eingangsnummer 1") && receipt.contains("Mit Konto"),
        "{receipt}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_form_post_comes_back_with_the_error_and_the_input() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    let page = format!("/verfahren/{id}");
    let res = b
        .submit_plain(
            &page,
            "comment",
            &[
                ("procedure", &id),
                ("body", "Mein <b>Text</b>"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 302);
    let html = b.page(&page).await;
    assert!(
        html.contains(
            r#"<p id="field-name-error" class="field__error">Bitte geben Sie einen Namen ein."#
        ),
        "{html}"
    );
    assert!(
        html.contains("Mein &lt;b"),
        "the input is kept, as text: {html}"
    );
    // Sent again with the name: published, the notice shown after the redirect.
    b.submit_plain(
        &page,
        "comment",
        &[("procedure", &id), ("body", "Mein Text"), ("name", "Anna")],
    )
    .await;
    let html = b.page(&page).await;
    assert!(html.contains("Vielen Dank, Ihr Beitrag ist veröffentlicht."));
    assert!(html.contains(r#"id="beitrag-1""#) && html.contains("Mein Text"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_without_account_counts_once_its_address_is_confirmed() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    let r = b
        .comment(
            &id,
            "Der Radweg muss breiter werden.",
            &[
                ("name", "Jonas"),
                ("email", "jonas@example.org"),
                ("notify", "on"),
            ],
        )
        .await;
    assert_eq!(r.notice.as_deref(), Some("notice.comment.confirm_email"));
    let visitor = app.browser(SACHSEN);
    assert!(
        !visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("breiter werden"),
        "not before it is confirmed"
    );
    let mail = app.wait_for_mail("jonas@example.org", 1).await;
    let token = link_token(&mail, "/beitraege/bestaetigen");
    // The link opens a page with a button (mail scanners only follow links).
    assert!(
        visitor
            .page(&format!("/beitraege/bestaetigen?token={token}"))
            .await
            .contains("Beitrag bestätigen")
    );
    let forged = visitor
        .submit("comment-confirm", &[("token", "k0.1.abc")])
        .await;
    assert_eq!(forged.error("token"), Some("error.comment.link_invalid"));
    let res = visitor.call("comment-confirm", &[("token", &token)]).await;
    assert_eq!(
        res.headers()["location"],
        format!("/verfahren/{id}#beitraege").as_str()
    );
    assert!(
        visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("breiter werden")
    );
    assert!(
        app.wait_for_mail("jonas@example.org", 2)
            .await
            .contains("Eingangsnummer 1")
    );
    // Confirming again changes nothing and sends nothing.
    visitor.call("comment-confirm", &[("token", &token)]).await;

    // Jonas asked to hear of replies: a reply and the authority's answer reach him.
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let replier = app.browser(SACHSEN);
    let reply = replier
        .comment(
            &id,
            "Sehe ich anders.",
            &[
                ("parent", &comment_id),
                ("name", "Mia"),
                ("email", "mia@example.org"),
            ],
        )
        .await;
    assert_eq!(
        reply.notice.as_deref(),
        Some("notice.comment.confirm_email")
    );
    let mia = link_token(
        &app.wait_for_mail("mia@example.org", 1).await,
        "/beitraege/bestaetigen",
    );
    replier.call("comment-confirm", &[("token", &mia)]).await;
    let notified = app.wait_for_mail("jonas@example.org", 3).await;
    assert!(
        notified.contains("Mia hat auf Ihren Beitrag") && notified.contains("Sehe ich anders."),
        "{notified}"
    );
    assert!(
        notified.contains("List-Unsubscribe"),
        "a notification can be unsubscribed"
    );
    let staff = app.demo("staff").await;
    let answered = staff
        .submit(
            "comment-answer",
            &[
                ("id", &comment_id),
                ("answer", "Wir prüfen eine Breite von 4 m."),
            ],
        )
        .await;
    assert_eq!(answered.notice.as_deref(), Some("notice.comment.answered"));
    let answer_mail = app.wait_for_mail("jonas@example.org", 4).await;
    assert!(
        answer_mail.contains("Landesdirektion Sachsen hat Ihren Beitrag")
            && answer_mail.contains("4 m"),
        "{answer_mail}"
    );
    let page = visitor.page(&format!("/verfahren/{id}")).await;
    assert!(
        page.contains("Antwort von Landesdirektion Sachsen")
            && page.contains("Wir prüfen eine Breite von 4 m.")
    );
    assert_eq!(app.mails_to("jonas@example.org").len(), 4, "nothing twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supports_count_once_per_account_and_not_for_ones_own() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(&id, "Mehr Bäume!", &[("name", "Anna")])
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let anonymous = app
        .browser(SACHSEN)
        .call("comment-support", &[("id", &comment_id)])
        .await;
    assert_eq!(anonymous.headers()["location"], "/anmelden");
    let citizen = app.demo("buerger").await;
    let first = citizen
        .submit("comment-support", &[("id", &comment_id)])
        .await;
    assert_eq!(first.notice.as_deref(), Some("notice.comment.supported"));
    let twice = citizen
        .submit("comment-support", &[("id", &comment_id)])
        .await;
    assert_eq!(twice.error(""), Some("error.support.twice"));
    let count = "SELECT CAST(support_count AS BIGINT) FROM comments WHERE body = 'Mehr Bäume!'";
    assert_eq!(app.count(count).await, 1);
    let own = citizen.comment(&id, "Mein eigener", &[]).await;
    assert_eq!(own.notice.as_deref(), Some("notice.comment.published"));
    let own_id = app.comments_of(&id).await[1].1.clone();
    let mine = citizen.submit("comment-support", &[("id", &own_id)]).await;
    assert_eq!(mine.error(""), Some("error.support.own"));
    let page = citizen.page(&format!("/verfahren/{id}")).await;
    assert!(page.contains("Sie unterstützen diesen Beitrag"));
    // After the phase: no more supports.
    app.clock.advance(chrono::Duration::minutes(61));
    let other = app.demo("moderation").await;
    let late = other
        .submit("comment-support", &[("id", &comment_id)])
        .await;
    assert_eq!(late.error(""), Some("error.comment.closed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_hide_a_comment_at_the_threshold_until_a_moderator_decides() {
    let app = spawn_app().await;
    // The form sets the threshold to 2.
    let id = app.open_consultation("name", "after", 0, 60).await;
    app.browser(SACHSEN)
        .comment(&id, "Alle Planer sind Idioten.", &[("name", "Troll")])
        .await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let first = app.demo("buerger").await;
    let no_reason = first
        .submit("comment-report", &[("id", &comment_id), ("reason", " ")])
        .await;
    assert_eq!(no_reason.error("reason"), Some("error.reason.missing"));
    let reported = first
        .call(
            "comment-report",
            &[("id", &comment_id), ("reason", "Beleidigung")],
        )
        .await;
    assert_eq!(
        reported.headers()["location"],
        format!("/verfahren/{id}#beitraege").as_str()
    );
    let twice = first
        .submit(
            "comment-report",
            &[("id", &comment_id), ("reason", "Nochmal")],
        )
        .await;
    assert_eq!(twice.error("reason"), Some("error.report.twice"));
    let visitor = app.browser(SACHSEN);
    assert!(
        visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Idioten"),
        "one report hides nothing"
    );
    app.demo("staff")
        .await
        .submit(
            "comment-report",
            &[("id", &comment_id), ("reason", "Netiquette")],
        )
        .await;
    assert_eq!(app.comments_of(&id).await[0].2, "reported");
    assert!(
        !visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Idioten")
    );
    // The moderator sees both reasons and restores it; the reports are resolved.
    let moderator = app.demo("moderation").await;
    let queue = moderator.page("/moderation").await;
    assert!(
        queue.contains("Beleidigung") && queue.contains("Netiquette") && queue.contains("Idioten"),
        "{queue}"
    );
    let decided = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(decided.notice.as_deref(), Some("notice.moderation.decided"));
    assert_eq!(app.comments_of(&id).await[0].2, "published");
    assert!(
        !moderator.page("/moderation").await.contains("Idioten"),
        "out of the queue"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM comment_reports WHERE resolved_at IS NULL")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authors_edit_and_withdraw_their_comments_while_the_phase_runs() {
    let app = spawn_app().await;
    let id = app.open_consultation("account", "after", 0, 60).await;
    let citizen = app.demo("buerger").await;
    citizen.comment(&id, "Erste Fassung", &[]).await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let someone = app.demo("staff").await;
    let foreign = someone
        .submit("comment-edit", &[("id", &comment_id), ("body", "Gekapert")])
        .await;
    assert_eq!(foreign.error(""), Some("error.forbidden"));
    let empty = citizen
        .submit("comment-edit", &[("id", &comment_id), ("body", "")])
        .await;
    assert_eq!(empty.error("body"), Some("error.comment.empty"));
    citizen
        .call(
            "comment-edit",
            &[("id", &comment_id), ("body", "Zweite Fassung")],
        )
        .await;
    let page = citizen.page(&format!("/verfahren/{id}")).await;
    assert!(
        page.contains("Zweite Fassung")
            && page.contains("bearbeitet")
            && !page.contains("Erste Fassung")
    );
    citizen
        .call("comment-withdraw", &[("id", &comment_id)])
        .await;
    assert_eq!(app.comments_of(&id).await[0].2, "withdrawn");
    assert!(
        !citizen
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Zweite Fassung")
    );

    citizen.comment(&id, "Noch einer", &[]).await;
    let second = app.comments_of(&id).await[1].1.clone();
    app.clock.advance(chrono::Duration::minutes(61));
    let citizen = app.demo("buerger").await;
    let late = citizen
        .submit("comment-edit", &[("id", &second), ("body", "Zu spät")])
        .await;
    assert_eq!(late.error(""), Some("error.comment.closed"));
    let late = citizen.submit("comment-withdraw", &[("id", &second)]).await;
    assert_eq!(late.error(""), Some("error.comment.closed"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pre_moderation_holds_comments_back_until_approved_and_tells_the_author() {
    let app = spawn_app().await;
    let id = app.open_consultation("account", "before", 0, 60).await;
    let citizen = app.demo("buerger").await;
    let r = citizen.comment(&id, "Bitte prüfen", &[]).await;
    assert_eq!(r.notice.as_deref(), Some("notice.comment.pending"));
    let visitor = app.browser(SACHSEN);
    assert!(
        !visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Bitte prüfen")
    );
    assert!(
        app.wait_for_mail("buerger@sachsen.example", 1)
            .await
            .contains("vor der Veröffentlichung geprüft")
    );
    let moderator = app.demo("moderation").await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "approve"),
            ],
        )
        .await;
    assert!(
        visitor
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Bitte prüfen")
    );
    let mail = app.wait_for_mail("buerger@sachsen.example", 2).await;
    assert!(
        mail.contains("wurde geprüft und ist veröffentlicht"),
        "{mail}"
    );
}

/// Payloads that try to run script, in every text a user or staff member writes.
const XSS: [&str; 6] = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "\"><svg onload=alert('x3')>",
    "javascript:alert('x4')",
    "[klick](javascript:alert('x5'))",
    "<a href=\"javascript:alert('x6')\">x</a>",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn html_and_script_in_every_field_stays_text() {
    let app = spawn_app().await;
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let all = XSS.join(" ");
    let mut form = consultation_form(&org, &all, "name", "after");
    form.retain(|(k, _)| !matches!(*k, "summary" | "body" | "contact" | "place"));
    form.extend([
        ("summary", all.as_str()),
        ("body", all.as_str()),
        ("contact", all.as_str()),
        ("place", all.as_str()),
    ]);
    let id = staff.create(&form).await;
    let now = app.clock_now();
    staff
        .submit(
            "phase-add",
            &[
                ("id", &id),
                ("starts", &local_in(now, 0)),
                ("ends", &local_in(now, 60)),
            ],
        )
        .await;
    staff
        .submit(
            "document-text-add",
            &[
                ("id", &id),
                ("doc_title", &all),
                ("text", &format!("# {}\n{all}", XSS[0])),
            ],
        )
        .await;
    staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    let b = app.browser(SACHSEN);
    for p in XSS {
        let r = b.comment(&id, p, &[("name", p)]).await;
        assert_eq!(r.notice.as_deref(), Some("notice.comment.published"), "{p}");
    }
    let html = b.page(&format!("/verfahren/{id}")).await;
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    // Text is escaped, so only real markup starts with a literal `<`.
    for bad in [
        "<script>alert",
        "<img",
        "<svg",
        "<a href=\"javascript",
        "<a rel=\"nofollow ugc\" href=\"javascript",
    ] {
        let at = main
            .find(bad)
            .map(|i| &main[i.saturating_sub(300)..(i + 200).min(main.len())]);
        assert!(at.is_none(), "{bad} in the page: {at:?}");
    }
    assert!(
        main.contains("&lt;script&gt;alert(&#x27;x1&#x27;)&lt;/script&gt;")
            || main.contains("&lt;script&gt;alert('x1')&lt;/script&gt;"),
        "shown as text"
    );
    // The list, the staff pages and the moderation queue too.
    for path in [
        "/verfahren".to_string(),
        format!("/verwaltung/verfahren/{id}"),
        format!("/verwaltung/verfahren/{id}/beitraege"),
    ] {
        let page = staff.page(&path).await;
        let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
        for bad in ["<script>alert", "<img", "<svg", "<a href=\"javascript"] {
            assert!(!main.contains(bad), "{bad} in {path}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_account_leaves_its_comments_without_its_name() {
    let app = spawn_app().await;
    let id = app.open_consultation("account", "after", 0, 60).await;
    let citizen = app.demo("buerger").await;
    citizen
        .comment(&id, "Mein Hinweis zum Radweg", &[("notify", "on")])
        .await;
    let data = citizen.page("/konto/daten.json").await;
    assert!(
        data.contains("Mein Hinweis zum Radweg"),
        "the data export holds one's comments: {data}"
    );
    let deleted = citizen
        .submit("delete-account", &[("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(deleted.error(""), None, "{deleted:?}");
    let page = app.browser(SACHSEN).page(&format!("/verfahren/{id}")).await;
    assert!(page.contains("Mein Hinweis zum Radweg") && page.contains("Gelöschtes Konto"));
    assert!(!page.contains("Berta Bürgerin"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM comments WHERE author_email = 'buerger@sachsen.example'")
            .await,
        0
    );
}
