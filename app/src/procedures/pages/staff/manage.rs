//! The manage page of one procedure: its fields, its comment phases, its documents, its
//! results, and the link to the next manual step of its lifecycle.
use super::fields::ProcedureFields;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton, TextArea};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::domain::Status;
use crate::procedures::api::staff::{
    AddPhase, AddTextDocument, RemoveDocument, RemovePhase, SaveResults, UpdateProcedure,
    procedure_editor,
};
use crate::procedures::rules::fields::BODY_MAX;
use crate::procedures::types::{Editor, EditorDocument};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The label of the button that leads to the confirmation of a manual step.
pub fn step_key(to: Status) -> &'static str {
    match to {
        Status::Announced => "staff.step.announced",
        Status::Concluded => "staff.step.concluded",
        _ => "staff.step.archived",
    }
}

#[component]
pub fn ManageProcedure() -> impl IntoView {
    let params = use_params_map();
    let editor = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        procedure_editor,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match editor.await {
                    Ok(e) => view! { <Manage e /> }.into_any(),
                    Err(err) => view! { <ErrorPage key=error_key(&err) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The state of one of the page's forms (the flash says which answered).
fn plain_form(name: &str) -> FormState {
    FormState::new(name, use_site().get_untracked().flash)
}

#[component]
fn Manage(e: Editor) -> impl IntoView {
    let lang = use_lang();
    let update_form = plain_form("procedure-update");
    let phase_form = plain_form("phase-add");
    let remove_phase_form = plain_form("phase-remove");
    let text_form = plain_form("document-text-add");
    let remove_doc_form = plain_form("document-remove");
    let results_form = plain_form("results-save");
    let id = e.id.clone();
    // One copy of the id per use in the view.
    let [
        id_public,
        id_comments,
        id_step,
        id_update,
        id_phase,
        id_docs,
        id_upload,
        id_text,
        id_results,
        id_results_docs,
        id_results_upload,
    ] = std::array::from_fn(|_| id.clone());
    view! {
        <PageHeading title=e.form.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", e.status.as_str())>{t(e.status.label_key())}</span>
            " " {e.organization_name.clone()}
        </p>
        <ul class="links">
            <li><A href=format!("/verfahren/{id_public}")>{t("staff.public_page")}</A></li>
            <li><A href=format!("/verwaltung/verfahren/{id_comments}/beitraege")>{lang.tf("staff.comments_link", &[("n", &e.comment_count.to_string())])}</A></li>
            <li><A href="/verwaltung/verfahren">{t("staff.back_to_list")}</A></li>
        </ul>
        {e.next.map(|to| view! {
            <p><A href=format!("/verwaltung/verfahren/{id_step}/status/{}", to.as_str()) attr:class="button">{t(step_key(to))}</A></p>
        })}
        {(!e.editable).then(|| view! { <p class="notice notice--info">{t("staff.archived")}</p> })}

        <section aria-labelledby="angaben">
            <h2 id="angaben">{t("staff.section.fields")}</h2>
            <PostForm action=UpdateProcedure::PATH novalidate=true>
                <FormMessages form=update_form.clone() />
                <input type="hidden" name="id" value=id_update />
                <ProcedureFields form=update_form stored=e.form.clone() />
                <SubmitButton label="staff.save" />
            </PostForm>
        </section>

        <section aria-labelledby="phasen">
            <h2 id="phasen">{t("staff.section.phases")}</h2>
            <FormMessages form=remove_phase_form />
            {if e.phases.is_empty() {
                view! { <p>{t("staff.phases.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="phases">
                        {e.phases.clone().into_iter().map(|ph| {
                            let range = lang.tf("procedure.phase.range", &[("start", &ph.starts), ("end", &ph.ends)]);
                            let about = format!(": {range}");
                            let pid = id.clone();
                            let remove = ph.removable.then(move || view! {
                                " "
                                <PostForm action=RemovePhase::PATH class="inline-form">
                                    <input type="hidden" name="id" value=pid />
                                    <input type="hidden" name="phase" value=ph.id />
                                    <button type="submit" class="link-button">
                                        {t("staff.remove")}<span class="visually-hidden">{about}</span>
                                    </button>
                                </PostForm>
                            });
                            view! { <li>{range} {remove}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{t("staff.phases.add")}</h3>
            <PostForm action=AddPhase::PATH novalidate=true>
                <FormMessages form=phase_form.clone() />
                <input type="hidden" name="id" value=id_phase />
                <Field form=phase_form.clone() name="starts" label="staff.phase.starts" kind="datetime-local" hint="staff.phase.hint" required=true />
                <Field form=phase_form.clone() name="ends" label="staff.phase.ends" kind="datetime-local" required=true />
                <SubmitButton label="staff.phases.add.submit" />
            </PostForm>
        </section>

        <section aria-labelledby="unterlagen">
            <h2 id="unterlagen">{t("staff.section.documents")}</h2>
            <FormMessages form=remove_doc_form />
            <DocumentList documents=e.documents.clone() procedure_id=id_docs />
            <h3>{t("staff.documents.upload")}</h3>
            <UploadForm procedure_id=id_upload purpose="procedure" />
            <h3>{t("staff.documents.text")}</h3>
            <PostForm action=AddTextDocument::PATH novalidate=true>
                <FormMessages form=text_form.clone() />
                <input type="hidden" name="id" value=id_text />
                <Field form=text_form.clone() name="doc_title" label="staff.document.doc_title" required=true />
                <TextArea form=text_form.clone() name="text" label="staff.document.text" hint="staff.document.text.hint" rows=14 required=true />
                <SubmitButton label="staff.documents.text.submit" />
            </PostForm>
        </section>

        <section aria-labelledby="ergebnisse">
            <h2 id="ergebnisse">{t("staff.section.results")}</h2>
            <p>{t("staff.results.intro")}</p>
            <PostForm action=SaveResults::PATH novalidate=true>
                <FormMessages form=results_form.clone() />
                <input type="hidden" name="id" value=id_results />
                <TextArea form=results_form name="results" label="staff.results.text" hint="staff.field.body.hint" max=BODY_MAX rows=10 value=e.results_markdown.clone() />
                <SubmitButton label="staff.results.submit" />
            </PostForm>
            <DocumentList documents=e.results_documents.clone() procedure_id=id_results_docs />
            <h3>{t("staff.results.upload")}</h3>
            <UploadForm procedure_id=id_results_upload purpose="results" />
        </section>
    }
}

#[component]
fn DocumentList(documents: Vec<EditorDocument>, procedure_id: String) -> impl IntoView {
    (!documents.is_empty()).then(|| view! {
        <ul class="documents">
            {documents.into_iter().map(|d| {
                let link = (d.kind == crate::domain::DocumentKind::Pdf).then(|| format!("/dokumente/{}.pdf", d.id));
                let pid = procedure_id.clone();
                let about = format!(": {}", d.title);
                view! {
                    <li>
                        {match link {
                            Some(href) => view! { <a href=href rel="external">{d.title.clone()}</a> }.into_any(),
                            None => view! { <span>{d.title.clone()}</span> }.into_any(),
                        }}
                        " " <span class="muted">{format!("({})", d.detail)}</span>
                        {d.removable.then(move || view! {
                            " "
                            <PostForm action=RemoveDocument::PATH class="inline-form">
                                <input type="hidden" name="id" value=pid />
                                <input type="hidden" name="document" value=d.id />
                                <button type="submit" class="link-button">
                                    {t("staff.remove")}<span class="visually-hidden">{about}</span>
                                </button>
                            </PostForm>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// A plain multipart form (with and without JavaScript): the server checks the file,
/// stores it and comes back to this page with the outcome in the flash.
#[component]
fn UploadForm(procedure_id: String, purpose: &'static str) -> impl IntoView {
    let name = if purpose == "results" {
        "results-upload"
    } else {
        "document-upload"
    };
    let form = plain_form(name);
    let action = format!("/verwaltung/verfahren/{procedure_id}/dokumente");
    let title_field = if purpose == "results" {
        "results_title"
    } else {
        "upload_title"
    };
    let file_field = if purpose == "results" {
        "results_file"
    } else {
        "file"
    };
    view! {
        <form method="post" action=action enctype="multipart/form-data" novalidate=true>
            <FormMessages form=form.clone() />
            <input type="hidden" name="purpose" value=purpose />
            <Field form=form.clone() name=title_field label="staff.document.title" hint="staff.document.title.hint" />
            <Field form=form.clone() name=file_field label="staff.document.file" kind="file" hint="staff.document.file.hint" required=true />
            <SubmitButton label="staff.documents.upload.submit" />
        </form>
    }
}
