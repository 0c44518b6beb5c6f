//! The public list (filters, full-text search, ordering, pages) and the procedure page's
//! fixed number of queries.
use crate::helpers::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The titles of the cards on a list page, in order.
fn titles(page: &str) -> Vec<String> {
    page.split("<h2 id=\"card-")
        .skip(1)
        .map(|s| {
            let after = s.split("\">").nth(2).unwrap_or("");
            after.split("</a>").next().unwrap_or("").to_string()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_list_filters_searches_orders_and_counts_pages() {
    let app = spawn_app().await;
    let b = app.browser(SACHSEN);
    let all = titles(&b.page("/verfahren").await);
    // Three consultations and two permit procedures of the demo.
    assert_eq!(all.len(), 5, "{all:?}");
    assert_eq!(
        all[0], "Bebauungsplan Nr. 12 „Wohnen am Elbufer“",
        "newest first"
    );
    for (query, expected) in [
        (
            "status=open",
            vec![
                "Bebauungsplan Nr. 12 „Wohnen am Elbufer“",
                "Windpark Hohe Heide: fünf Windenergieanlagen",
            ],
        ),
        (
            "status=upcoming",
            vec!["Radverkehrskonzept Landkreis Meißen"],
        ),
        (
            "status=concluded",
            vec![
                "Lärmaktionsplan Sachsen 2026 (Stufe 4)",
                "Biogasanlage Auenhof: Erweiterung der Gärrestlagerung",
            ],
        ),
        ("thema=energie", vec![]),
        (
            "thema=umwelt&status=concluded",
            vec!["Lärmaktionsplan Sachsen 2026 (Stufe 4)"],
        ),
        (
            "suche=L%C3%A4rmaktion",
            vec!["Lärmaktionsplan Sachsen 2026 (Stufe 4)"],
        ),
        (
            "suche=radverkehr+mei%C3%9Fen",
            vec!["Radverkehrskonzept Landkreis Meißen"],
        ),
        // Words from the summary count too; search syntax typed in is only text.
        (
            "suche=Uferpark",
            vec!["Bebauungsplan Nr. 12 „Wohnen am Elbufer“"],
        ),
        ("suche=%22%29+OR+*+NEAR%28", vec![]),
        (
            "status=geheim",
            vec![
                "Bebauungsplan Nr. 12 „Wohnen am Elbufer“",
                "Radverkehrskonzept Landkreis Meißen",
                "Windpark Hohe Heide: fünf Windenergieanlagen",
                "Lärmaktionsplan Sachsen 2026 (Stufe 4)",
                "Biogasanlage Auenhof: Erweiterung der Gärrestlagerung",
            ],
        ),
    ] {
        let got = titles(&b.page(&format!("/verfahren?{query}")).await);
        assert_eq!(got, expected, "{query}");
    }
    // Drafts and the other tenant's procedures never show.
    assert!(!b.page("/verfahren").await.contains("Regionalplan"));
    let (staff, _) = app.staff_draft("Geheimer Entwurf", "name", "after").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    assert!(
        !b.page("/verfahren?suche=Geheimer")
            .await
            .contains("Geheimer Entwurf")
    );

    // "Ends soon": the running phase that ends first leads.
    let soon = app.open_consultation("name", "after", 0, 90).await;
    let ends = titles(&b.page("/verfahren?sortierung=ends").await);
    assert_eq!(ends[0], "Bebauungsplan Elbufer", "{ends:?} ({soon})");

    // Twenty per page, counted on the server.
    for i in 0..20 {
        let id = staff
            .create(&consultation_form(
                &org,
                &format!("Verfahren {i:02}"),
                "name",
                "after",
            ))
            .await;
        let now = app.clock_now();
        staff
            .submit(
                "phase-add",
                &[
                    ("id", &id),
                    ("starts", &local_in(now, 600)),
                    ("ends", &local_in(now, 700)),
                ],
            )
            .await;
        staff
            .submit("status-confirm", &[("id", &id), ("target", "announced")])
            .await;
    }
    let first = b.page("/verfahren").await;
    assert_eq!(titles(&first).len(), 20);
    assert!(
        first.contains("Gefundene Verfahren: 26") && first.contains("Seite 1 von 2"),
        "{first}"
    );
    let second = b.page("/verfahren?seite=2").await;
    assert_eq!(titles(&second).len(), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_procedure_page_takes_the_same_queries_for_10_and_for_100_comments() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let tenant = app::platform::tenants::by_slug(&app.db, "sachsen")
        .await
        .unwrap()
        .unwrap();
    let sections = app.sections_of(&id).await;
    let client = app::request::Client {
        ip: "127.0.0.9".into(),
        lang: app::i18n::Lang::De,
    };
    let write = |n: usize| {
        let (state, tenant, id, sections, client) = (
            app.state.clone(),
            tenant.clone(),
            id.clone(),
            sections.clone(),
            client.clone(),
        );
        async move {
            for i in 0..n {
                let input = app::consultations::service::NewComment {
                    procedure: id.clone(),
                    section: sections[i % sections.len()].1.clone(),
                    body: format!("Beitrag {i}"),
                    name: "Anna".into(),
                    ..Default::default()
                };
                app::consultations::service::submit(&state, &tenant, None, &client, input)
                    .await
                    .unwrap();
            }
        }
    };
    let queries = |state: &app::platform::AppState| {
        let counter = Arc::new(AtomicUsize::new(0));
        let mut db = state.db.clone();
        let c = counter.clone();
        db.set_metric_callback(move |_| {
            c.fetch_add(1, Ordering::SeqCst);
        });
        (
            app::platform::AppState {
                db,
                ..state.clone()
            },
            counter,
        )
    };
    let count_page = |state: app::platform::AppState, counter: Arc<AtomicUsize>| {
        let (tenant, id) = (tenant.clone(), id.clone());
        async move {
            let page = app::consultations::service::page::page(
                &state,
                &tenant,
                None,
                &id,
                Default::default(),
                app::i18n::Lang::De,
            )
            .await
            .unwrap();
            (page.threads.comment_count, counter.load(Ordering::SeqCst))
        }
    };
    write(10).await;
    let (s, c) = queries(&app.state);
    let (n10, q10) = count_page(s, c).await;
    write(90).await;
    let (s, c) = queries(&app.state);
    let (n100, q100) = count_page(s, c).await;
    assert_eq!((n10, n100), (10, 100));
    assert_eq!(q10, q100, "no query per comment");
    assert!(q100 <= 12, "{q100} queries");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_share_one_cached_page_and_changes_show_at_once() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let visitor = app.browser(SACHSEN);
    let path = format!("/verfahren/{id}");
    let mut pages = Vec::new();
    for _ in 0..3 {
        let res = visitor.get(&path).await;
        assert_eq!(res.status(), 200);
        pages.push(res.text().await.unwrap());
    }
    pages.dedup();
    assert_eq!(pages.len(), 1, "the same bytes for every visitor");
    // A new comment shows at once, for the writer and for everyone else.
    visitor
        .comment(&id, "Gerade geschrieben", &[("name", "Anna")])
        .await;
    assert!(
        app.browser(SACHSEN)
            .page(&path)
            .await
            .contains("Gerade geschrieben")
    );
    // Someone logged in gets their own page, never the visitors'.
    let citizen = app.demo("buerger").await;
    assert!(
        citizen
            .page(&path)
            .await
            .contains("Sie schreiben als Berta Bürgerin.")
    );
    assert!(
        !app.browser(SACHSEN)
            .page(&path)
            .await
            .contains("Sie schreiben als")
    );
}

/// Logged-in readers share one rendering of a page's comments, and each still sees their
/// own: the edit link at their comments, the mark at those they support, the support
/// button at the others'.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_share_the_comment_list_and_each_sees_their_own_markers() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let path = format!("/verfahren/{id}");
    let citizen = app.demo("buerger").await;
    let staff = app.demo("staff").await;
    citizen.comment(&id, "Von Berta", &[]).await;
    staff.comment(&id, "Von Sam", &[]).await;
    app.browser(SACHSEN)
        .comment(&id, "Von Anna", &[("name", "Anna")])
        .await;
    let ids: Vec<String> = app
        .comments_of(&id)
        .await
        .into_iter()
        .map(|c| c.1)
        .collect();
    let (berta, sam, anna) = (&ids[0], &ids[1], &ids[2]);
    let supported = citizen.submit("comment-support", &[("id", sam)]).await;
    assert_eq!(
        supported.notice.as_deref(),
        Some("notice.comment.supported")
    );
    let lists = || app.state.shared_renders.count("comments ");
    assert_eq!(lists(), 0);

    // (own comment, supported comment or none, comments with a support button)
    let markers = |page: &str| {
        let edit: Vec<&String> = ids
            .iter()
            .filter(|c| page.contains(&format!("/beitraege/{c}/bearbeiten")))
            .collect();
        let button: Vec<&String> = ids
            .iter()
            .filter(|c| page.contains(&format!("name=\"id\" value=\"{c}\"")))
            .collect();
        let marks = page.matches("Sie unterstützen diesen Beitrag").count();
        (edit, marks, button)
    };
    for round in 0..2 {
        let page = citizen.page(&path).await;
        assert_eq!(
            markers(&page),
            (vec![berta], 1, vec![anna]),
            "Berta, round {round}"
        );
        assert!(page.contains("Von Sam") && page.contains("Von Anna"));
        let page = staff.page(&path).await;
        assert_eq!(
            markers(&page),
            (vec![sam], 0, vec![berta, anna]),
            "Sam, round {round}"
        );
    }
    assert_eq!(lists(), 1, "one list for both");
    // A visitor (beside the page cache) and a moderator see other lists.
    assert!(
        !app.browser(SACHSEN)
            .page(&path)
            .await
            .contains("/bearbeiten")
    );
    let moderator = app.demo("moderation").await;
    assert!(moderator.page(&path).await.contains("/moderation?beitrag="));
    assert_eq!(lists(), 3);
}

/// A response body as the page it carries, decoded by its `Content-Encoding`.
fn decoded(body: &[u8], content_encoding: Option<&str>) -> String {
    let mut page = Vec::new();
    match content_encoding {
        Some("br") => brotli::BrotliDecompress(&mut &body[..], &mut page).unwrap(),
        Some("gzip") => {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut page).unwrap();
        }
        Some(other) => panic!("an encoding this test does not know: {other}"),
        None => page = body.to_vec(),
    }
    String::from_utf8(page).unwrap()
}

/// A page asked for with `asks` as its `Accept-Encoding`, answered `200` in `coding`: its
/// headers, its bytes as sent and the page decoded.
async fn encoded_page(
    reader: &Browser,
    path: &str,
    asks: &str,
    coding: Option<&str>,
) -> (reqwest::header::HeaderMap, bytes::Bytes, String) {
    let res = reader.get_encoded(path, asks).await;
    assert_eq!(res.status(), 200, "{asks}");
    let h = res.headers().clone();
    assert_eq!(
        h.get("content-encoding").map(|v| v.to_str().unwrap()),
        coding,
        "{asks}"
    );
    let body = res.bytes().await.unwrap();
    let page = decoded(&body, coding);
    (h, body, page)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_page_comes_compressed_as_asked_with_a_tag() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let path = format!("/verfahren/{id}");
    let plain = app.browser(SACHSEN).page(&path).await;
    let client = reqwest::Client::new();
    let url = format!("http://{SACHSEN}:{}{path}", app.port);
    for (asks, coding) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip")] {
        let res = client
            .get(&url)
            .header("Accept-Encoding", asks)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let h = res.headers().clone();
        assert_eq!(h["content-encoding"], coding, "{asks}");
        assert_eq!(h["vary"], "accept-encoding");
        assert_eq!(
            h["content-security-policy"].to_str().unwrap(),
            server::security::CSP,
            "the page's own scripts only"
        );
        let etag = h["etag"].to_str().unwrap().to_string();
        let body = res.bytes().await.unwrap();
        assert_eq!(decoded(&body, Some(coding)), plain, "the same page");
        assert!(
            body.len() < plain.len() / 2,
            "compressed: {} of {} bytes",
            body.len(),
            plain.len()
        );
        // The browser has it: 304, no body.
        let again = client
            .get(&url)
            .header("Accept-Encoding", asks)
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304);
        assert!(again.bytes().await.unwrap().is_empty());
    }
    // A form with a mistake changes nothing and keeps the cache; a comment is a change.
    let changes = || app.state.changes.load(std::sync::atomic::Ordering::SeqCst);
    let before = changes();
    let wrong = app
        .browser(SACHSEN)
        .comment(&id, "", &[("name", "Anna")])
        .await;
    assert!(!wrong.errors.is_empty());
    assert_eq!(changes(), before, "a refused form is no change");
    app.browser(SACHSEN)
        .comment(&id, "Jetzt aber", &[("name", "Anna")])
        .await;
    assert!(changes() > before);
    let res = client
        .get(&url)
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    let page = decoded(&res.bytes().await.unwrap(), Some("br"));
    assert!(page.contains("Jetzt aber"), "shown at once");
}

/// A page rendered for one person comes compressed as the client asked (gzip for a browser,
/// which costs least per response; brotli for a client that takes nothing else) and is
/// never a copy from the cache. (That a PDF is not compressed again: `uploads.rs`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logged_in_page_is_rendered_for_them_and_comes_compressed() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let path = format!("/verfahren/{id}");
    let citizen = app.demo("buerger").await;
    // Visitors' requests fill the cache first (a page is kept from its second ask).
    for _ in 0..2 {
        assert!(
            !app.browser(SACHSEN)
                .page(&path)
                .await
                .contains("Sie schreiben als")
        );
    }
    for (asks, coding) in [
        ("gzip, deflate, br, zstd", Some("gzip")),
        ("br", Some("br")),
        ("identity", None),
    ] {
        let (h, body, page) = encoded_page(&citizen, &path, asks, coding).await;
        assert!(h.get("etag").is_none(), "not the cached page: {asks}");
        assert!(
            page.contains("Sie schreiben als Berta Bürgerin."),
            "their own page: {asks}"
        );
        // A page without comments is small (6 KB) and compresses less than the big ones.
        if coding.is_some() {
            assert!(
                body.len() < page.len() * 2 / 3,
                "compressed: {asks}: {} of {} bytes",
                body.len(),
                page.len()
            );
        }
    }
}

/// The documents section and the comment list are sent by reference to a reader whose
/// page finds them kept, and spliced into the gzip stream as deflated once: every
/// encoding must still carry the whole page, the same for the same reader.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kept_parts_reach_the_reader_whole_in_every_encoding() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let path = format!("/verfahren/{id}");
    let citizen = app.demo("buerger").await;
    for i in 1..=3 {
        let sent = app
            .browser(SACHSEN)
            .comment(&id, &format!("Hinweis {i} zum Radweg"), &[("name", "Anna")])
            .await;
        assert_eq!(sent.errors, Vec::new(), "{sent:?}");
    }
    // The first view renders and keeps the parts (and shows the notice of the login); the
    // later ones get them by reference.
    assert!(citizen.page(&path).await.contains("Hinweis 3 zum Radweg"));
    let mut pages = Vec::new();
    for (asks, coding) in [
        ("identity", None),
        ("gzip, deflate, br, zstd", Some("gzip")),
        ("br", Some("br")),
        ("identity", None),
        ("gzip", Some("gzip")),
    ] {
        let (h, body, page) = encoded_page(&citizen, &path, asks, coding).await;
        if let Some(length) = h.get("content-length") {
            assert_eq!(length.to_str().unwrap(), body.len().to_string(), "{asks}");
        }
        assert!(!page.contains("<!--kept"), "no marker left: {asks}");
        for i in 1..=3 {
            assert!(page.contains(&format!("Hinweis {i} zum Radweg")), "{asks}");
        }
        assert!(
            page.contains("Zu diesem Abschnitt Stellung nehmen"),
            "{asks}"
        );
        assert!(page.contains("Sie schreiben als Berta Bürgerin."), "{asks}");
        assert!(page.trim_end().ends_with("</html>"), "{asks}");
        pages.push(page);
    }
    assert!(
        pages.iter().all(|p| *p == pages[0]),
        "one reader, one page, whatever the encoding"
    );
    assert_eq!(app.state.shared_renders.count("comments "), 1);
    assert_eq!(app.state.shared_renders.count("procedure documents "), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_read_for_its_staff_is_shared_with_nobody_else() {
    let app = spawn_app().await;
    let (staff, draft) = app.staff_draft("Geheimer Entwurf", "name", "after").await;
    let path = format!("/verfahren/{draft}");
    assert!(staff.page(&path).await.contains("Geheimer Entwurf"));
    assert!(
        app.state.shared_renders.count("procedure facts") >= 1,
        "the draft's facts are kept for the next reader"
    );

    for (who, reader) in [
        ("visitor", app.browser(SACHSEN)),
        ("citizen", app.demo("buerger").await),
        ("staff of another tenant", {
            let b = app.browser(HESSEN);
            b.login("admin@hessen.example", DEMO_PASSWORD).await;
            b
        }),
    ] {
        let res = reader.get(&path).await;
        assert_eq!(res.status(), 404, "{who}");
        assert!(!res.text().await.unwrap().contains("Geheimer"), "{who}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_documents_are_rendered_once_for_all_readers_and_show_a_change_at_once() {
    let app = spawn_app().await;
    let id = app.open_consultation("name", "after", 0, 600).await;
    let path = format!("/verfahren/{id}");
    let (citizen, staff) = (app.demo("buerger").await, app.demo("staff").await);
    let kept = || app.state.shared_renders.count("procedure documents ");
    let counts = |page: &str| page.matches("Beiträge zu diesem Abschnitt: 0").count();
    assert_eq!(kept(), 0);
    for reader in [&citizen, &staff, &citizen] {
        let page = reader.page(&path).await;
        assert_eq!(counts(&page), 2, "both sections, no comments yet");
        assert!(page.contains("Zu diesem Abschnitt Stellung nehmen"));
    }
    assert_eq!(kept(), 1, "one section of documents for every reader");

    // A comment on the first section shows in its count for the next reader at once.
    let (_, first) = app.sections_of(&id).await.remove(0);
    let sent = citizen
        .comment(&id, "Zum Abschnitt", &[("section", &first)])
        .await;
    assert_eq!(sent.errors, Vec::new(), "{sent:?}");
    let page = staff.page(&path).await;
    assert!(page.contains("Beiträge zu diesem Abschnitt: 1"), "{page}");
    assert_eq!(counts(&page), 1);

    // Once the phase is over, nobody is offered to comment on a section.
    app.set_clock(&(app.clock_now() + chrono::Duration::minutes(601)).to_rfc3339());
    let page = citizen.page(&path).await;
    assert!(page.contains("Beiträge zu diesem Abschnitt: 1"));
    assert!(
        !page.contains("Zu diesem Abschnitt Stellung nehmen"),
        "{page}"
    );
}
