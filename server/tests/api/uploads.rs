//! PDF documents: checked by content, size-limited, stored outside the web root, served
//! with a Content-Disposition; a draft's files only to its staff.
use crate::helpers::*;
use reqwest::multipart::{Form, Part};

async fn upload(
    b: &Browser,
    procedure: &str,
    name: &str,
    bytes: Vec<u8>,
    title: &str,
) -> reqwest::Response {
    let form = Form::new()
        .text("purpose", "procedure")
        .text("upload_title", title.to_string())
        .part(
            "file",
            Part::bytes(bytes)
                .file_name(name.to_string())
                .mime_str("application/pdf")
                .unwrap(),
        );
    b.client
        .post(format!(
            "{}/verwaltung/verfahren/{procedure}/dokumente",
            b.origin
        ))
        .header("Origin", &b.origin)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn pdfs_of(app: &TestApp, procedure: &str) -> u64 {
    use app::platform::entities::document;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    document::Entity::find()
        .filter(document::Column::ProcedureId.eq(uuid::Uuid::parse_str(procedure).unwrap()))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_upload_pdfs_that_are_pdfs_and_not_too_large() {
    let app = spawn_app().await;
    let staff = app.demo("staff").await;
    let org = app.organization_id("Landesdirektion Sachsen").await;
    let id = staff
        .create(&consultation_form(&org, "Mit Plan", "name", "after"))
        .await;
    let pdf = app::demo::demo_pdf("Planzeichnung");

    // Not a PDF (whatever its name says): refused next to the field, title kept.
    let res = upload(
        &staff,
        &id,
        "plan.pdf",
        b"<html><script>alert(1)</script>".to_vec(),
        "Mein Titel",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/verwaltung/verfahren/{id}").as_str()
    );
    let page = staff.page(&format!("/verwaltung/verfahren/{id}")).await;
    assert!(page.contains("Das ist keine PDF-Datei."), "{page}");
    assert!(page.contains(r#"value="Mein Titel""#));
    // Too large.
    let mut big = pdf.clone();
    big.resize(21 * 1024 * 1024, b' ');
    upload(&staff, &id, "gross.pdf", big, "").await;
    assert!(
        staff
            .page(&format!("/verwaltung/verfahren/{id}"))
            .await
            .contains("größer als 20 MB")
    );
    // Nothing was stored for this procedure (the demo's own PDFs aside).
    assert_eq!(pdfs_of(&app, &id).await, 0);

    // A real PDF: stored, listed, downloadable with its name.
    upload(&staff, &id, "Plan Entwurf.pdf", pdf.clone(), "").await;
    let page = staff.page(&format!("/verwaltung/verfahren/{id}")).await;
    assert!(
        page.contains("Das Dokument ist hinzugefügt.") && page.contains("Plan Entwurf"),
        "{page}"
    );
    let doc = page
        .split("/dokumente/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let files: Vec<_> = std::fs::read_dir(&app.state.settings.files_dir)
        .unwrap()
        .collect();
    assert!(
        files.len() >= 2,
        "the demo's and this one, outside the web root"
    );

    // While a draft: only for its staff.
    let visitor = app.browser(SACHSEN);
    assert_eq!(
        visitor.get(&format!("/dokumente/{doc}")).await.status(),
        404
    );
    let res = staff.get(&format!("/dokumente/{doc}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("Plan%20Entwurf.pdf"),
        "{disposition}"
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);
    // A PDF is compressed already: it goes as it is, also to a browser asking for gzip.
    let res = staff
        .get_encoded(&format!("/dokumente/{doc}"), "gzip, br")
        .await;
    assert!(res.headers().get("content-encoding").is_none());
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf);

    // Published: for everyone. Another tenant's host does not know it.
    let now = app.clock_now();
    staff
        .submit(
            "phase-add",
            &[
                ("id", &id),
                ("starts", &local_in(now, 60)),
                ("ends", &local_in(now, 120)),
            ],
        )
        .await;
    staff
        .submit("status-confirm", &[("id", &id), ("target", "announced")])
        .await;
    assert_eq!(
        visitor.get(&format!("/dokumente/{doc}")).await.status(),
        200
    );
    assert_eq!(
        app.browser(HESSEN)
            .get(&format!("/dokumente/{doc}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        visitor.get("/dokumente/../../secret.key").await.status(),
        404
    );

    // Citizens cannot upload.
    let citizen = app.demo("buerger").await;
    assert_eq!(upload(&citizen, &id, "x.pdf", pdf, "").await.status(), 403);
}
