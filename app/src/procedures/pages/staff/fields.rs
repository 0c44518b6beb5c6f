//! The fields of a consultation, shared by the create and the edit form.
use crate::components::form::{Field, FormState, SelectField, TextArea};
use crate::components::site::t;
use crate::domain::scope::TOPICS;
use crate::domain::{Moderation, WhoMayComment};
use crate::procedures::rules::fields::{self, ProcedureForm};
use leptos::prelude::*;

#[component]
pub fn ProcedureFields(
    form: FormState,
    /// The stored values (edit form); the create form starts empty.
    #[prop(optional)]
    stored: Option<ProcedureForm>,
    /// The organizations to choose from (create form only).
    #[prop(optional)]
    organizations: Option<Vec<(String, String)>>,
) -> impl IntoView {
    let s = stored.unwrap_or_else(|| ProcedureForm {
        who_may_comment: WhoMayComment::Account.as_str().into(),
        moderation: Moderation::After.as_str().into(),
        report_threshold: fields::DEFAULT_REPORT_THRESHOLD.to_string(),
        ..Default::default()
    });
    let topics_chosen = if form.has_input() {
        form.values("topics[]")
    } else {
        s.topics.clone()
    };
    let topics_error = form.error("topics");
    let who: Vec<(String, String)> = WhoMayComment::ALL
        .iter()
        .map(|w| (w.as_str().to_string(), t(w.label_key()).to_string()))
        .collect();
    let moderation: Vec<(String, String)> = Moderation::ALL
        .iter()
        .map(|m| (m.as_str().to_string(), t(m.label_key()).to_string()))
        .collect();
    view! {
        {organizations.map(|orgs| view! {
            <SelectField form=form.clone() name="organization" label="staff.field.organization" options=orgs />
        })}
        <Field form=form.clone() name="title" label="staff.field.title" required=true value=s.title.clone() />
        <TextArea form=form.clone() name="summary" label="staff.field.summary" hint="staff.field.summary.hint" max=fields::SUMMARY_MAX rows=3 required=true value=s.summary.clone() />
        <TextArea form=form.clone() name="body" label="staff.field.body" hint="staff.field.body.hint" max=fields::BODY_MAX rows=12 value=s.body.clone() />
        <Field form=form.clone() name="place" label="staff.field.place" hint="staff.field.place.hint" value=s.place.clone() />
        <fieldset>
            <legend>{t("staff.field.coordinates")}</legend>
            <p class="field__hint">{t("staff.field.coordinates.hint")}</p>
            <Field form=form.clone() name="latitude" label="staff.field.latitude" value=s.latitude.clone() />
            <Field form=form.clone() name="longitude" label="staff.field.longitude" value=s.longitude.clone() />
        </fieldset>
        <fieldset class:field--invalid=topics_error.is_some() aria-describedby=topics_error.as_ref().map(|_| "topics-error")>
            <legend>{t("staff.field.topics")}</legend>
            {topics_error.clone().map(|key| view! { <p class="field__error" id="topics-error">{t(&key)}</p> })}
            {TOPICS.iter().map(|slug| {
                let id = format!("topic-{slug}");
                let checked = topics_chosen.iter().any(|c| c == slug);
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() name="topics[]" value=*slug checked=checked />
                        <label for=id>{t(&format!("topic.{slug}"))}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
        <TextArea form=form.clone() name="contact" label="staff.field.contact" hint="staff.field.contact.hint" max=fields::CONTACT_MAX rows=3 required=true value=s.contact.clone() />
        <fieldset>
            <legend>{t("staff.field.participation")}</legend>
            <SelectField form=form.clone() name="who_may_comment" label="staff.field.who" options=who selected=s.who_may_comment.clone() />
            <SelectField form=form.clone() name="moderation" label="staff.field.moderation" options=moderation selected=s.moderation.clone() />
            <Field form=form.clone() name="report_threshold" label="staff.field.threshold" hint="staff.field.threshold.hint" kind="number" value=s.report_threshold.clone() />
        </fieldset>
    }
}
