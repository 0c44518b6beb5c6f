//! The public page of a permit procedure: the announcement, the dates with their legal
//! basis, where the documents can be seen offline, the documents on display (business
//! secrets replaced by their summaries), hearing and decision, and the objection form
//! while objections are accepted.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{CheckField, Field, FormMessages, FormState, SubmitButton, TextArea};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::domain::Hearing;
use crate::permits::api::load_permit;
use crate::permits::rules::{ADDRESS_MAX, OBJECTION_MAX};
use crate::permits::types::PermitPage as Page;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PermitPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_permit,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Permit p /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Permit(p: Page) -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageHeading title=p.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", p.status.as_str())>{t(&p.stage)}</span>
            " " {p.organization.clone()}
        </p>
        {p.manages.then(|| view! {
            <p><A href=format!("/verwaltung/genehmigungen/{}", p.id)>{t("permit.staff_page")}</A></p>
        })}
        <p class="lead">{p.summary.clone()}</p>
        <p><a href=format!("/benachrichtigungen?verfahren={}", p.id)>{t("procedure.subscribe")}</a></p>
        <dl class="facts">
            <dt>{t("permit.applicant")}</dt><dd>{p.applicant.clone()}</dd>
            <dt>{t("permit.installation")}</dt><dd>{p.installation.clone()}</dd>
            <dt>{t("permit.site")}</dt><dd>{p.site_address.clone()}</dd>
            {p.coordinates.clone().map(|c| view! { <dt>{t("permit.coordinates")}</dt><dd>{c}</dd> })}
        </dl>

        <section aria-labelledby="termine">
            <h2 id="termine">{t("permit.dates")}</h2>
            <table class="dates">
                <caption class="visually-hidden">{t("permit.dates")}</caption>
                <thead><tr><th scope="col">{t("permit.dates.what")}</th><th scope="col">{t("permit.dates.date")}</th><th scope="col">{t("permit.dates.basis")}</th></tr></thead>
                <tbody>
                    {p.dates.iter().map(|d| view! {
                        <tr><th scope="row">{t(&d.label)}</th><td>{d.date.clone()}</td><td class="muted">{d.basis.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {p.override_reason.clone().map(|why| view! { <p class="notice notice--info">{lang.tf("permit.overridden", &[("reason", &why)])}</p> })}
        </section>

        <section aria-labelledby="bekanntmachung">
            <h2 id="bekanntmachung">{t("permit.announcement")}</h2>
            <div class="prose" inner_html=p.announcement_html.clone()></div>
        </section>

        <section aria-labelledby="unterlagen">
            <h2 id="unterlagen">{t("permit.documents")}</h2>
            {if p.documents.is_empty() {
                view! { <p>{t("permit.documents.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="documents">
                        {p.documents.iter().map(|d| view! {
                            <li>
                                <a href=format!("/dokumente/{}.pdf", d.id) rel="external">{d.title.clone()}</a>
                                " " <span class="muted">{format!("(PDF, {})", d.size)}</span>
                                {d.summary_of.clone().map(|of| view! { <br /><span class="muted">{lang.tf("permit.summary_of", &[("title", &of)])}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(p.withheld > 0).then(|| view! { <p class="field__hint">{lang.tf("permit.withheld", &[("count", &p.withheld.to_string())])}</p> })}
            <h3>{t("permit.office")}</h3>
            <p><PlainText text=p.office_address.clone() /></p>
            <p>{t("permit.office.hours")} " " {p.office_hours.clone()}</p>
            <h3>{t("permit.contact")}</h3>
            <PlainText text=p.contact.clone() />
        </section>

        {(p.hearing != Hearing::Undecided).then(|| view! {
            <section aria-labelledby="eroerterung">
                <h2 id="eroerterung">{t("permit.hearing")}</h2>
                {match (&p.hearing_at, p.hearing) {
                    (Some(at), Hearing::Held) => view! {
                        <p>{lang.tf("permit.hearing.when", &[("date", at), ("place", &p.hearing_place)])}</p>
                    }.into_any(),
                    _ => view! { <p>{t("permit.hearing.none")}</p> }.into_any(),
                }}
                <p class="muted">{p.hearing_reason.clone()}</p>
            </section>
        })}

        {p.decision_html.clone().map(|html| view! {
            <section aria-labelledby="entscheidung">
                <h2 id="entscheidung">{t("permit.decision")}</h2>
                {p.decision_announced.clone().map(|d| view! { <p>{lang.tf("permit.decision.announced", &[("date", &d)])}</p> })}
                {p.delivery_effective.clone().map(|d| view! { <p><strong>{lang.tf("permit.decision.delivered", &[("date", &d)])}</strong></p> })}
                <div class="prose" inner_html=html></div>
                {(!p.decision_documents.is_empty()).then(|| view! {
                    <ul class="documents">
                        {p.decision_documents.iter().map(|d| view! {
                            <li><a href=format!("/dokumente/{}.pdf", d.id) rel="external">{d.title.clone()}</a> " " <span class="muted">{format!("(PDF, {})", d.size)}</span></li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
        })}

        <section aria-labelledby="einwendung" class="comment-form">
            <h2 id="einwendung">{t("permit.objection")}</h2>
            {if p.accepting {
                view! { <ObjectionForm id=p.id.clone() deadline=p.deadline.clone() /> }.into_any()
            } else {
                // A direct POST outside the window comes back here with its message.
                let form = FormState::new("objection", use_site().get_untracked().flash);
                view! { <FormMessages form /> <p class="phase-note">{t(if p.decision_html.is_some() || p.stage == "permit.stage.evaluation" || p.stage == "permit.stage.hearing" { "permit.objection.closed" } else { "permit.objection.not_yet" })}</p> }.into_any()
            }}
            <p><a href="/genehmigungen/quittung-pruefen">{t("permit.check.link")}</a></p>
        </section>
    }
}

/// The objection: name and postal address (the law asks for them), an optional address
/// for the receipt, the text, PDFs, and the assurance about third persons' data. A plain
/// multipart form, with and without JavaScript.
#[component]
fn ObjectionForm(id: String, deadline: String) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let form = FormState::new("objection", site.get_untracked().flash);
    let files_error = form.error("attachments");
    view! {
        <p class="phase-note phase-note--open">{lang.tf("permit.objection.until", &[("deadline", &deadline)])}</p>
        <p class="field__hint">{t("permit.objection.intro")}</p>
        <form method="post" action=format!("/genehmigungen/{id}/einwendungen") enctype="multipart/form-data" novalidate=true>
            <FormMessages form=form.clone() />
            <Field form=form.clone() name="name" label="permit.objection.name" autocomplete="name" required=true />
            <TextArea form=form.clone() name="address" label="permit.objection.address" hint="permit.objection.address.hint" max=ADDRESS_MAX rows=3 required=true />
            <Field form=form.clone() name="email" label="permit.objection.email" kind="email" hint="permit.objection.email.hint" autocomplete="email" />
            <TextArea form=form.clone() name="text" label="permit.objection.text" max=OBJECTION_MAX rows=10 required=true />
            <div class="field" class:field--invalid=files_error.is_some()>
                <label for="field-attachments">{t("permit.objection.files")}</label>
                <p class="field__hint" id="field-attachments-hint">{t("permit.objection.files.hint")}</p>
                {files_error.clone().map(|key| view! { <p class="field__error" id="field-attachments-error">{t(&key)}</p> })}
                <input
                    type="file"
                    id="field-attachments"
                    name="attachments"
                    accept="application/pdf"
                    multiple=true
                    aria-invalid=files_error.is_some().then_some("true")
                    aria-describedby=if files_error.is_some() { "field-attachments-hint field-attachments-error" } else { "field-attachments-hint" }
                />
            </div>
            <CheckField form=form.clone() name="no_third_parties" required=true>{t("permit.objection.third_parties")}</CheckField>
            <SubmitButton label="permit.objection.submit" />
        </form>
    }
}
