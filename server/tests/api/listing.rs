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
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(
        all[0], "Bebauungsplan Nr. 12 „Wohnen am Elbufer“",
        "newest first"
    );
    for (query, expected) in [
        (
            "status=open",
            vec!["Bebauungsplan Nr. 12 „Wohnen am Elbufer“"],
        ),
        (
            "status=upcoming",
            vec!["Radverkehrskonzept Landkreis Meißen"],
        ),
        (
            "status=concluded",
            vec!["Lärmaktionsplan Sachsen 2026 (Stufe 4)"],
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
                "Lärmaktionsplan Sachsen 2026 (Stufe 4)",
            ],
        ),
    ] {
        let got = titles(&b.page(&format!("/verfahren?{query}")).await);
        assert_eq!(got, expected, "{query}");
    }
    // Drafts and the other tenant's procedures never show.
    assert!(!b.page("/verfahren").await.contains("Regionalplan"));
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    staff
        .create(&consultation_form(
            &org,
            "Geheimer Entwurf",
            "name",
            "after",
        ))
        .await;
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
        first.contains("Gefundene Verfahren: 24") && first.contains("Seite 1 von 2"),
        "{first}"
    );
    let second = b.page("/verfahren?seite=2").await;
    assert_eq!(titles(&second).len(), 4);
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
