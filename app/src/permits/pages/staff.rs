//! The staff's pages of a permit procedure: create it, and manage it (fields, dates with
//! overrides, documents with business secrets and their summaries, announcing, hearing,
//! decision).
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    CheckField, Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::domain::{Hearing, Status};
use crate::permits::api::{
    DecidePermitHearing, OverridePermitDates, PublishPermitDecision, SavePermit, load_staff_permit,
};
use crate::permits::rules::{ADDRESS_MAX, ANNOUNCEMENT_MAX, PermitForm};
use crate::permits::types::StaffPermit;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewPermit() -> impl IntoView {
    let page = Resource::new_blocking(|| (), |_| load_staff_permit(String::new()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(s) => view! {
                        <PageHeading title=t("page.permit_new") />
                        <p>{t("permit.new.intro")}</p>
                        <PermitFields s />
                    }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The fields of a permit procedure (create and edit).
#[component]
fn PermitFields(s: StaffPermit) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("permit", site.get_untracked().flash);
    let f: PermitForm = s.form.clone();
    let new = s.id.is_empty();
    let orgs = s.organizations.clone();
    view! {
        <PostForm action=SavePermit::PATH novalidate=true>
            <FormMessages form=form.clone() />
            <input type="hidden" name="id" value=s.id.clone() />
            {(new).then(|| view! { <SelectField form=form.clone() name="organization" label="staff.field.organization" options=orgs /> })}
            <Field form=form.clone() name="title" label="staff.field.title" required=true value=f.title.clone() />
            <TextArea form=form.clone() name="summary" label="staff.field.summary" max=600 rows=3 required=true value=f.summary.clone() />
            <fieldset>
                <legend>{t("permit.field.installation_group")}</legend>
                <Field form=form.clone() name="applicant" label="permit.field.applicant" required=true value=f.applicant.clone() />
                <Field form=form.clone() name="installation" label="permit.field.installation" hint="permit.field.installation.hint" required=true value=f.installation.clone() />
                <Field form=form.clone() name="site_address" label="permit.field.site" required=true value=f.site_address.clone() />
                <Field form=form.clone() name="latitude" label="staff.field.latitude" value=f.latitude.clone() />
                <Field form=form.clone() name="longitude" label="staff.field.longitude" value=f.longitude.clone() />
                <CheckField form=form.clone() name="ied" checked=!f.ied.is_empty()>{t("permit.field.ied")}</CheckField>
                <CheckField form=form.clone() name="uvp" checked=!f.uvp.is_empty()>{t("permit.field.uvp")}</CheckField>
            </fieldset>
            <fieldset>
                <legend>{t("permit.field.display_group")}</legend>
                <Field form=form.clone() name="display_start" label="permit.field.display_start" kind="date" hint="permit.field.display_start.hint" required=true value=f.display_start.clone() />
                <TextArea form=form.clone() name="office_address" label="permit.field.office" max=ADDRESS_MAX rows=3 required=true value=f.office_address.clone() />
                <Field form=form.clone() name="office_hours" label="permit.field.hours" required=true value=f.office_hours.clone() />
            </fieldset>
            <TextArea form=form.clone() name="announcement" label="permit.field.announcement" hint="permit.field.announcement.hint" max=ANNOUNCEMENT_MAX rows=14 value=f.announcement.clone() />
            <TextArea form=form.clone() name="contact" label="staff.field.contact" max=1000 rows=3 required=true value=f.contact.clone() />
            <SubmitButton label=if new { "permit.create" } else { "permit.save" } />
        </PostForm>
    }
}

#[component]
pub fn ManagePermit() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_staff_permit,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(s) => view! { <Manage s /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Manage(s: StaffPermit) -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let flash = site.get_untracked().flash;
    let dates_form = FormState::new("permit-dates", flash.clone());
    let upload = FormState::new("document-upload", flash.clone());
    let hearing_form = FormState::new("permit-hearing", flash.clone());
    let decision_form = FormState::new("permit-decision", flash.clone());
    let decision_upload = FormState::new("results-upload", flash);
    let id = s.id.clone();
    let secrets: Vec<(String, String)> =
        std::iter::once((String::new(), t("permit.doc.summary_of.none").to_string()))
            .chain(
                s.documents
                    .iter()
                    .filter(|d| d.confidential)
                    .map(|d| (d.id.clone(), d.title.clone())),
            )
            .collect();
    let hearing_choices = vec![
        (
            "not_held".to_string(),
            t("permit.hearing.not_held").to_string(),
        ),
        ("held".to_string(), t("permit.hearing.held").to_string()),
    ];
    let decided = s.status >= Status::Concluded;
    let hearing_id = id.clone();
    let hearing_view = if s.hearing == Hearing::Held {
        view! { <p>{lang.tf("permit.hearing.when", &[("date", &s.hearing_at), ("place", &s.hearing_place)])}</p> }.into_any()
    } else {
        let chosen = if s.hearing == Hearing::Undecided {
            String::new()
        } else {
            s.hearing.as_str().to_string()
        };
        let (reason, at, place) = (
            s.hearing_reason.clone(),
            s.hearing_at.clone(),
            s.hearing_place.clone(),
        );
        view! {
            <PostForm action=DecidePermitHearing::PATH novalidate=true>
                <FormMessages form=hearing_form.clone() />
                <input type="hidden" name="id" value=hearing_id />
                <SelectField form=hearing_form.clone() name="hearing" label="permit.hearing.choice" options=hearing_choices selected=chosen />
                <TextArea form=hearing_form.clone() name="hearing_reason" label="permit.hearing.reason" max=2000 rows=3 required=true value=reason />
                <Field form=hearing_form.clone() name="hearing_at" label="permit.hearing.at" kind="datetime-local" hint="permit.hearing.at.hint" value=at />
                <Field form=hearing_form.clone() name="hearing_place" label="permit.hearing.place" value=place />
                <SubmitButton label="permit.hearing.submit" />
            </PostForm>
        }.into_any()
    };
    let hearing_by = s.hearing_by.clone();
    let decision_docs = s.decision_documents.clone();
    let decision_upload_path = format!("/verwaltung/verfahren/{id}/dokumente");
    let decision_id = id.clone();
    let dates_id = id.clone();
    let display_end_override = s.display_end_override.clone();
    let deadline_override = s.deadline_override.clone();
    let override_reason = s.override_reason.clone();
    let decision_text = s.decision_text.clone();
    let decision_announced = s.decision_announced.clone();
    let by_announcement = s.delivery_by_announcement;
    view! {
        <PageHeading title=s.form.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", s.status.as_str())>{t(s.status.label_key())}</span>
            " " <A href=format!("/genehmigungen/{id}")>{t("permit.public_page")}</A>
            " · " <A href=format!("/verwaltung/genehmigungen/{id}/einwendungen")>{lang.tf("permit.register.link", &[("count", &s.objections.to_string())])}</A>
        </p>
        {(!s.missing_summaries.is_empty()).then(|| view! {
            <div class="notice notice--info">
                <p>{t("permit.summaries_missing")}</p>
                <ul>{s.missing_summaries.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
            </div>
        })}
        {s.can_announce.then(|| view! {
            <p><A href=format!("/verwaltung/verfahren/{id}/status/announced") attr:class="button">{t("permit.announce")}</A></p>
        })}
        {s.can_archive.then(|| view! {
            <p><A href=format!("/verwaltung/verfahren/{id}/status/archived") attr:class="button button--secondary">{t("permit.archive")}</A></p>
        })}

        <section aria-labelledby="termine">
            <h2 id="termine">{t("permit.dates")}</h2>
            <table class="dates">
                <caption class="visually-hidden">{t("permit.dates")}</caption>
                <thead><tr><th scope="col">{t("permit.dates.what")}</th><th scope="col">{t("permit.dates.date")}</th><th scope="col">{t("permit.dates.basis")}</th></tr></thead>
                <tbody>
                    {s.dates.iter().map(|d| view! {
                        <tr><th scope="row">{t(&d.label)}</th><td>{d.date.clone()}</td><td class="muted">{d.basis.clone()}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <details>
                <summary>{t("permit.override")}</summary>
                <p class="field__hint">{t("permit.override.hint")}</p>
                <PostForm action=OverridePermitDates::PATH novalidate=true>
                    <FormMessages form=dates_form.clone() />
                    <input type="hidden" name="id" value=dates_id />
                    <Field form=dates_form.clone() name="display_end" label="permit.date.display_end" kind="date" value=display_end_override />
                    <Field form=dates_form.clone() name="objection_deadline" label="permit.date.objection_deadline" kind="date" value=deadline_override />
                    <TextArea form=dates_form.clone() name="reason" label="permit.override.reason" max=2000 rows=3 value=override_reason />
                    <SubmitButton label="permit.override.submit" />
                </PostForm>
            </details>
        </section>

        <section aria-labelledby="unterlagen">
            <h2 id="unterlagen">{t("permit.documents")}</h2>
            <ul class="documents">
                {s.documents.iter().map(|d| view! {
                    <li>
                        <a href=format!("/dokumente/{}.pdf", d.id) rel="external">{d.title.clone()}</a>
                        " " <span class="muted">{format!("(PDF, {})", d.size)}</span>
                        {d.confidential.then(|| view! { " " <span class="badge badge--draft">{t("permit.doc.confidential")}</span> })}
                        {d.summary_of.clone().map(|of| view! { <br /><span class="muted">{lang.tf("permit.summary_of", &[("title", &of)])}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=format!("/verwaltung/verfahren/{id}/dokumente") enctype="multipart/form-data" novalidate=true>
                <FormMessages form=upload.clone() />
                <input type="hidden" name="purpose" value="procedure" />
                <Field form=upload.clone() name="upload_title" label="staff.document.title" hint="staff.document.title.hint" />
                <Field form=upload.clone() name="file" label="staff.document.file" kind="file" hint="staff.document.file.hint" required=true />
                <CheckField form=upload.clone() name="confidential">{t("permit.doc.confidential.label")}</CheckField>
                <SelectField form=upload.clone() name="summary_of" label="permit.doc.summary_of" options=secrets />
                <SubmitButton label="staff.documents.upload.submit" />
            </form>
        </section>

        {(!decided).then(move || view! {
            <section aria-labelledby="eroerterung">
                <h2 id="eroerterung">{t("permit.hearing")}</h2>
                <p class="field__hint">{t("permit.hearing.hint")}</p>
                <p class="field__hint">{lang.tf("permit.hearing.by", &[("date", &hearing_by)])}</p>
                {hearing_view}
            </section>
            <section aria-labelledby="entscheidung">
                <h2 id="entscheidung">{t("permit.decision")}</h2>
                <PostForm action=PublishPermitDecision::PATH novalidate=true>
                    <FormMessages form=decision_form.clone() />
                    <input type="hidden" name="id" value=decision_id />
                    <TextArea form=decision_form.clone() name="decision" label="permit.decision.text" hint="permit.decision.text.hint" max=ANNOUNCEMENT_MAX rows=8 required=true value=decision_text />
                    <Field form=decision_form.clone() name="announced" label="permit.decision.announced_on" kind="date" required=true value=decision_announced />
                    <CheckField form=decision_form.clone() name="by_announcement" checked=by_announcement>{t("permit.decision.by_announcement")}</CheckField>
                    <SubmitButton label="permit.decision.submit" />
                </PostForm>
                <h3>{t("permit.decision.files")}</h3>
                <p class="field__hint">{t("permit.decision.files.hint")}</p>
                <ul class="documents">
                    {decision_docs.into_iter().map(|d| view! {
                        <li><a href=format!("/dokumente/{}.pdf", d.id) rel="external">{d.title}</a> " " <span class="muted">{format!("(PDF, {})", d.size)}</span></li>
                    }).collect_view()}
                </ul>
                <form method="post" action=decision_upload_path enctype="multipart/form-data" novalidate=true>
                    <FormMessages form=decision_upload.clone() />
                    <input type="hidden" name="purpose" value="results" />
                    <Field form=decision_upload.clone() name="results_title" label="staff.document.title" hint="staff.document.title.hint" />
                    <Field form=decision_upload.clone() name="results_file" label="staff.document.file" kind="file" hint="staff.document.file.hint" required=true />
                    <SubmitButton label="staff.documents.upload.submit" />
                </form>
            </section>
        })}

        <section aria-labelledby="angaben">
            <h2 id="angaben">{t("permit.fields")}</h2>
            <PermitFields s=s.clone() />
        </section>
    }
}
