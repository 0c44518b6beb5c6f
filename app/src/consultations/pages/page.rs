//! The public page of one procedure: what it is about, its phase, its documents with
//! their commentable sections, its results, its comments and the comment form.
use super::comment_form::CommentForm;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang};
use crate::components::text::PlainText;
use crate::consultations::api::load_procedure;
use crate::consultations::types::ProcedurePage as Page;
use crate::contributions::pages::threads::Comments;
use crate::contributions::types::Threads;
use crate::procedures::types::DocumentView;
use leptos::oco::Oco;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProcedurePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let source = move || {
        let q = query.read();
        (
            params.read().get("id").unwrap_or_default(),
            q.get("abschnitt").unwrap_or_default(),
            q.get("sortierung").unwrap_or_default(),
            q.get("seite")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1),
        )
    };
    let page = Resource::new_blocking(source, |(id, section, order, page)| {
        load_procedure(id, section, order, page)
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Procedure p /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Procedure(mut p: Page) -> impl IntoView {
    let lang = use_lang();
    // (id, "number heading") of every section, for the form's choice of what a comment is on.
    let sections: Vec<(String, String)> = p
        .documents
        .iter()
        .flat_map(|d| &d.sections)
        .map(|s| (s.id.clone(), format!("{} {}", s.number, s.heading)))
        .collect();
    let documents = (!p.documents.is_empty()).then(|| documents_section(&mut p));
    // The comments go to the list (the form needs only the section they are filtered to).
    let comments = std::mem::take(&mut p.threads.comments);
    let threads = Threads {
        comments,
        ..p.threads.clone()
    };
    let topics: Vec<&str> = p.topics.iter().map(|k| t(k)).collect();
    let map_link = p.coordinates.map(|(lat, lon)| {
        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}")
    });
    view! {
        <PageHeading title=p.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", p.status.as_str())>{t(p.status.label_key())}</span>
            " " {p.organization.clone()}
        </p>
        <p class="lead">{p.summary.clone()}</p>
        {p.phase_note.clone().map(|note| view! { <p class="phase-note" class:phase-note--open=p.accepting>{note}</p> })}
        <p><a href=format!("/benachrichtigungen?verfahren={}", p.id)>{t("procedure.subscribe")}</a></p>

        <section aria-labelledby="verfahren-beschreibung">
            <h2 id="verfahren-beschreibung">{t("procedure.about")}</h2>
            <div class="prose" inner_html=p.body_html.clone()></div>
            <dl class="facts">
                {(!p.place.is_empty()).then(|| view! {
                    <dt>{t("procedure.place")}</dt>
                    <dd>
                        {p.place.clone()}
                        {map_link.map(|href| view! { " " <a href=href rel="external noopener">{t("procedure.map")}</a> })}
                    </dd>
                })}
                {(!topics.is_empty()).then(|| view! { <dt>{t("procedure.topics")}</dt><dd>{topics.join(", ")}</dd> })}
                <dt>{t("procedure.who")}</dt>
                <dd>{t(p.who_may_comment.label_key())}
                    {p.pre_moderated.then(|| view! { " " {t("procedure.pre_moderated")} })}
                </dd>
                <dt>{t("procedure.contact")}</dt>
                <dd class="prewrap">{p.contact.clone()}</dd>
            </dl>
            {(!p.phases.is_empty()).then(|| view! {
                <h3>{t("procedure.phases")}</h3>
                <ul>
                    {p.phases.iter().map(|ph| view! {
                        <li>
                            {lang.tf("procedure.phase.range", &[("start", &ph.starts), ("end", &ph.ends)])}
                            {ph.running.then(|| view! { " " <strong>{t("procedure.phase.now")}</strong> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>

        {documents.map(|html| view! {
            <section aria-labelledby="verfahren-unterlagen" inner_html=html></section>
        })}

        {(!p.results_html.is_empty()).then(|| view! {
            <section aria-labelledby="verfahren-ergebnisse">
                <h2 id="verfahren-ergebnisse">{t("procedure.results")}</h2>
                <div class="prose" inner_html=p.results_html.clone()></div>
                <Documents documents=p.results_documents.clone() procedure_id=p.id.clone() accepting=false />
            </section>
        })}

        <Comments threads base=format!("/verfahren/{}", p.id) accepting=p.accepting viewer=p.viewer.clone() />
        <CommentForm p sections />
    }
}

/// The inside of the documents section: the same for every reader of the procedure in the
/// language while contributions are (or are not) accepted, so on the server it is rendered
/// once and shared (`platform::shared_renders::SharedHtml`).
fn documents_section(p: &mut Page) -> Oco<'static, str> {
    let documents = std::mem::take(&mut p.documents);
    let procedure_id = p.id.clone();
    let accepting = p.accepting;
    let render = move || {
        view! {
            <h2 id="verfahren-unterlagen">{t("procedure.documents")}</h2>
            <Documents documents procedure_id accepting />
        }
        .to_html()
    };
    #[cfg(feature = "ssr")]
    if let Some(shared) = p.shared_documents.take() {
        return shared.get_or_render(render).in_page();
    }
    Oco::Owned(render())
}

/// PDFs as download links; text documents with their numbered sections, each with its
/// comment count and a link to comment on it.
#[component]
fn Documents(documents: Vec<DocumentView>, procedure_id: String, accepting: bool) -> impl IntoView {
    let lang = use_lang();
    let (files, texts): (Vec<_>, Vec<_>) = documents.into_iter().partition(|d| d.size.is_some());
    view! {
        {(!files.is_empty()).then(|| view! {
            <ul class="documents">
                {files.into_iter().map(|d| view! {
                    <li>
                        <a href=format!("/dokumente/{}.pdf", d.id) rel="external">{d.title.clone()}</a>
                        " " <span class="muted">{format!("(PDF, {})", d.size.clone().unwrap_or_default())}</span>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {texts.into_iter().map(|d| {
            let pid = procedure_id.clone();
            view! {
                <h3>{d.title.clone()}</h3>
                <ol class="sections">
                    {d.sections.into_iter().map(|s| {
                        let base = format!("/verfahren/{pid}?abschnitt={}", s.id);
                        let heading_id = format!("abschnitt-{}", s.id);
                        view! {
                            <li class=format!("section section--{}", s.level) id=heading_id.clone()>
                                <h4>{format!("{} {}", s.number, s.heading)}</h4>
                                {(!s.body.is_empty()).then(|| view! { <PlainText text=s.body.clone() /> })}
                                <p class="section__actions">
                                    <a href=format!("{base}#beitraege")>
                                        {lang.tf("procedure.section.comments", &[("n", &s.comment_count.to_string())])}
                                        <span class="visually-hidden">{format!(" – {} {}", s.number, s.heading)}</span>
                                    </a>
                                    {accepting.then(|| view! {
                                        " · "
                                        <a href=format!("{base}#kommentieren")>
                                            {t("procedure.section.comment")}
                                            <span class="visually-hidden">{format!(" – {} {}", s.number, s.heading)}</span>
                                        </a>
                                    })}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
        }).collect_view()}
    }
}
