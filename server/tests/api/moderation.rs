//! Moderation decisions (with reasons, mailed, logged), blocks, reason templates, the
//! audit log and the exports of a procedure's comments.
use crate::helpers::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_comment_tells_its_author_why_and_a_block_keeps_them_out() {
    let app = spawn_app().await;
    let id = app.open_consultation("email", "after", 0, 60).await;
    let b = app.browser(SACHSEN);
    b.comment(
        &id,
        "Kauft billige Uhren bei uns!",
        &[("name", "Spam"), ("email", "spam@example.org")],
    )
    .await;
    let token = link_token(
        &app.wait_for_mail("spam@example.org", 1).await,
        "/beitraege/bestaetigen",
    );
    b.call("comment-confirm", &[("token", &token)]).await;
    let comment_id = app.comments_of(&id).await[0].1.clone();
    let moderator = app.demo("moderation").await;

    let no_reason = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "hide"),
            ],
        )
        .await;
    assert_eq!(
        no_reason.error("reason"),
        Some("error.moderation.reason_missing")
    );
    let bad = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "delete"),
            ],
        )
        .await;
    assert_eq!(bad.error("decision"), Some("error.moderation.decision"));
    // From the comment's page the moderator opens it in the queue, though nobody reported it.
    let page = moderator.page(&format!("/verfahren/{id}")).await;
    assert!(
        page.contains(&format!("/moderation?beitrag={comment_id}")),
        "{page}"
    );
    let queue = moderator
        .page(&format!("/moderation?beitrag={comment_id}"))
        .await;
    let template = queue
        .split("<option value=\"")
        .skip(1)
        .find(|o| o.contains("Werbung oder Spam"))
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let decided = moderator
        .submit(
            "moderation-decide",
            &[
                ("id", &comment_id),
                ("version", &app.version_of(&comment_id).await),
                ("decision", "block"),
                ("template", &template),
                ("reason", "Wiederholt."),
            ],
        )
        .await;
    assert_eq!(
        decided.notice.as_deref(),
        Some("notice.moderation.decided"),
        "{decided:?}"
    );
    assert_eq!(app.comments_of(&id).await[0].2, "hidden");
    assert!(
        !b.page(&format!("/verfahren/{id}"))
            .await
            .contains("billige Uhren")
    );
    let mail = app.wait_for_mail("spam@example.org", 3).await;
    assert!(
        mail.contains("ausgeblendet")
            && mail.contains("Werbung oder Spam")
            && mail.contains("Wiederholt."),
        "{mail}"
    );
    assert!(mail.contains("von weiteren Beiträgen auf diesem Portal ausgeschlossen"));
    // The blocked address cannot write again. The form answers as for anyone (it does not
    // tell whether an address is blocked); the link in the mailbox says it, and nothing
    // is published.
    let again = b
        .comment(
            &id,
            "Neue Uhren!",
            &[("name", "Spam"), ("email", "spam@example.org")],
        )
        .await;
    assert_eq!(
        again.notice.as_deref(),
        Some("notice.comment.confirm_email")
    );
    let token = link_token(
        &app.wait_for_mail("spam@example.org", 4).await,
        "/beitraege/bestaetigen",
    );
    let confirmed = b.submit("comment-confirm", &[("token", &token)]).await;
    assert_eq!(confirmed.error(""), Some("error.comment.blocked"));
    assert!(
        !app.browser(SACHSEN)
            .page(&format!("/verfahren/{id}"))
            .await
            .contains("Neue Uhren")
    );

    // The tenant admin reads the decision in the audit log: who, when, what, why.
    let admin = app.demo("admin").await;
    let log = admin
        .page("/verwaltung/protokoll?aktion=comment.blocked")
        .await;
    assert!(
        log.contains("Mo Moderation")
            && log.contains("Werbung oder Spam")
            && log.contains("Wiederholt."),
        "{log}"
    );
    assert!(log.contains("Einträge: 1"), "filtered by action");
    let by_person = admin
        .page("/verwaltung/protokoll?person=moderation%40sachsen")
        .await;
    assert!(by_person.contains("Wiederholt.") && !by_person.contains("Bebauungsplan Elbufer"));
    let by_text = admin.page("/verwaltung/protokoll?text=wiederholt").await;
    assert!(by_text.contains("Einträge: 1"), "{by_text}");
    // Moderators and staff do not read the log.
    assert_eq!(moderator.get("/verwaltung/protokoll").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_keep_their_reason_templates() {
    let app = spawn_app().await;
    let moderator = app.demo("moderation").await;
    let empty = moderator
        .submit("moderation-reason-add", &[("text", " ")])
        .await;
    assert_eq!(empty.error("text"), Some("error.reason.missing"));
    moderator
        .submit(
            "moderation-reason-add",
            &[("text", "Urheberrechtsverletzung")],
        )
        .await;
    let page = moderator.page("/moderation/gruende").await;
    assert!(page.contains("Urheberrechtsverletzung") && page.contains("Werbung oder Spam"));
    let citizen = app.demo("buerger").await;
    let refused = citizen
        .submit("moderation-reason-add", &[("text", "Meins")])
        .await;
    assert_eq!(refused.error(""), Some("error.forbidden"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM moderation_reasons WHERE text = 'Meins'")
            .await,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_export_the_comments_with_their_authors_as_csv_and_xlsx() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 60).await;
    let sections = app.sections_of(&id).await;
    let b = app.browser(SACHSEN);
    b.comment(
        &id,
        "=HYPERLINK(\"http://evil.example\")",
        &[("name", "Eva"), ("section", &sections[1].1)],
    )
    .await;
    let citizen = app.demo("buerger").await;
    citizen.comment(&id, "Zweiter; mit \"Zitat\"", &[]).await;
    let first = app.comments_of(&id).await[0].1.clone();
    citizen.submit("comment-support", &[("id", &first)]).await;
    let staff = app.demo("staff").await;
    staff
        .submit("comment-answer", &[("id", &first), ("answer", "Danke.")])
        .await;

    let res = staff
        .get(&format!("/verwaltung/verfahren/{id}/beitraege.csv"))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("beitraege-bebauungsplan-elbufer.csv")
    );
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].starts_with("\"Nr.\";\"Eingang\";\"Abschnitt\""),
        "{}",
        lines[0]
    );
    // Formula defused, section, supports, answer, author data for staff.
    assert!(
        lines[1].contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains("\"1.1 Verkehr\"")
            && lines[1].contains("\"Danke.\"")
            && lines[1].contains("\"Eva\"")
    );
    assert!(
        lines[2].contains("\"buerger@sachsen.example\"") && lines[2].contains("\"ja\""),
        "{}",
        lines[2]
    );
    let xlsx = staff
        .get(&format!("/verwaltung/verfahren/{id}/beitraege.xlsx"))
        .await;
    assert_eq!(xlsx.status(), 200);
    assert!(xlsx.bytes().await.unwrap().starts_with(b"PK"));
    // Exporting is logged; nobody else gets the file.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'comments.exported'")
            .await,
        2
    );
    assert_eq!(
        citizen
            .get(&format!("/verwaltung/verfahren/{id}/beitraege.csv"))
            .await
            .status(),
        403
    );
    let anonymous = app
        .browser(SACHSEN)
        .get(&format!("/verwaltung/verfahren/{id}/beitraege.csv"))
        .await;
    assert_eq!(anonymous.status(), 303);
}
