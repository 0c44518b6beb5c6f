//! The objection register (staff): every objection with reference, receipt time,
//! channel and late flag, groups of identical objections, topics with the authority's
//! response (the weighing table), paper and e-mail objections entered by hand, exports.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::permits::api::{
    AddPermitTopic, EnterObjection, RespondPermitTopic, TagObjection, load_register,
};
use crate::permits::rules::{ADDRESS_MAX, OBJECTION_MAX};
use crate::permits::types::Register;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_register,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(r) => view! { <RegisterView r /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RegisterView(r: Register) -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let flash = site.get_untracked().flash;
    let paper = FormState::new("permit-objection", flash.clone());
    let topic_form = FormState::new("permit-topic", flash.clone());
    let tag_form = FormState::new("permit-tag", flash.clone());
    let id = r.id.clone();
    let channels = vec![
        ("paper".to_string(), t("permit.channel.paper").to_string()),
        ("email".to_string(), t("permit.channel.email").to_string()),
    ];
    let topic_options: Vec<(String, String)> =
        std::iter::once((String::new(), t("permit.topic.none").to_string()))
            .chain(r.topics.iter().map(|tp| (tp.id.clone(), tp.name.clone())))
            .collect();
    let rows = r.rows.clone().into_iter().map(|o| {
                            let id = id.clone();
                            let oid = o.id.clone();
                            let oref = o.reference.clone();
                            let topics = topic_options.clone();
                            let tag_id = format!("tag-{}", o.id);
                            view! {
                                <li class="register__entry" id=format!("einwendung-{}", o.reference)>
                                    <h3>{o.reference.clone()} " · " {o.received_at.clone()} " · " {t(&o.channel)}
                                        {o.late.then(|| view! { " " <span class="badge badge--draft">{t("permit.late")}</span> })}
                                    </h3>
                                    <p>
                                        {if o.name.is_empty() { t("permit.name_deleted").to_string() } else { o.name.clone() }}
                                        {(!o.address.is_empty()).then(|| format!(", {}", o.address.replace('\n', ", ")))}
                                        {(!o.email.is_empty()).then(|| format!(", {}", o.email))}
                                    </p>
                                    {(o.signers > 1).then(|| view! { <p>{lang.tf("permit.signers", &[("count", &o.signers.to_string()), ("representative", &o.representative)])}</p> })}
                                    {o.group.map(|g| view! { <p class="muted">{lang.tf("permit.in_group", &[("group", &g.to_string())])}</p> })}
                                    <blockquote class="prose">{o.text.clone()}</blockquote>
                                    {(!o.attachments.is_empty()).then(|| view! {
                                        <ul>
                                            {o.attachments.iter().map(|a| view! {
                                                <li><a href=format!("/verwaltung/genehmigungen/anlagen/{}.pdf", a.id) rel="external">{a.name.clone()}</a> " " <span class="muted">{format!("(PDF, {})", a.size)}</span></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                    <PostForm action=TagObjection::PATH class="inline-form">
                                        <input type="hidden" name="id" value=id.clone() />
                                        <input type="hidden" name="objection" value=oid />
                                        <label for=tag_id.clone()>{t("permit.topic")}</label>
                                        <select id=tag_id name="topic">
                                            {topics.into_iter().map(|(value, label)| {
                                                let selected = o.topic.as_deref() == Some(label.as_str());
                                                view! { <option value=value selected=selected>{label}</option> }
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="button button--secondary">{t("permit.tag.submit")}<span class="visually-hidden">{format!(" – {oref}")}</span></button>
                                    </PostForm>
                                </li>
                            }
    }).collect_view();
    let topics = r.topics.clone().into_iter().map(|tp| {
                let id = id.clone();
                let form = FormState::new(&format!("permit-topic-{}", tp.id), flash.clone());
                let field_id = format!("response-{}", tp.id);
                view! {
                    <article class="topic">
                        <h3>{lang.tf("permit.topic.heading", &[("name", &tp.name), ("count", &tp.objections.to_string())])}</h3>
                        <PostForm action=RespondPermitTopic::PATH novalidate=true>
                            <FormMessages form=form.clone() />
                            <input type="hidden" name="id" value=id.clone() />
                            <input type="hidden" name="topic" value=tp.id.clone() />
                            <TextArea form=form name="response" id=field_id label="permit.topic.response" max=OBJECTION_MAX rows=4 value=tp.response.clone() />
                            <SubmitButton label="permit.topic.response.submit" />
                        </PostForm>
                    </article>
                }
    }).collect_view();
    let empty = r.rows.is_empty();
    let (topic_id, paper_id) = (id.clone(), id.clone());
    view! {
        <PageHeading title=lang.tf("page.permit_register", &[("title", &r.title)]) />
        <p><A href=format!("/verwaltung/genehmigungen/{id}")>{t("permit.back_to_procedure")}</A></p>
        <p>{lang.tf("permit.register.summary", &[("count", &r.rows.len().to_string()), ("late", &r.late.to_string()), ("deadline", &r.deadline)])}</p>
        {r.personal_data_deleted.then(|| view! { <p class="notice notice--info">{t("permit.register.deleted")}</p> })}
        <p class="export-links">
            {t("permit.export")} " "
            <a href=format!("/verwaltung/genehmigungen/{id}/einwendungen.csv") rel="external">"CSV"</a> " · "
            <a href=format!("/verwaltung/genehmigungen/{id}/einwendungen.xlsx") rel="external">"XLSX"</a> " · "
            {t("permit.export.anonymized")} " "
            <a href=format!("/verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.csv") rel="external">"CSV"</a> " · "
            <a href=format!("/verwaltung/genehmigungen/{id}/einwendungen-anonymisiert.xlsx") rel="external">"XLSX"</a>
        </p>
        {(!r.groups.is_empty()).then(|| view! {
            <section aria-labelledby="gruppen">
                <h2 id="gruppen">{t("permit.groups")}</h2>
                <ul>
                    {r.groups.iter().map(|(g, n, s)| view! {
                        <li>{lang.tf("permit.group", &[("group", &g.to_string()), ("count", &n.to_string()), ("signers", &s.to_string())])}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}

        <section aria-labelledby="einwendungen">
            <h2 id="einwendungen">{t("permit.objections")}</h2>
            <FormMessages form=tag_form />
            {if empty {
                view! { <p>{t("permit.objections.none")}</p> }.into_any()
            } else {
                view! {
                    <ol class="register">
                        {rows}
                    </ol>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="themen">
            <h2 id="themen">{t("permit.topics")}</h2>
            <p class="field__hint">{t("permit.topics.hint")}</p>
            {topics}
            <PostForm action=AddPermitTopic::PATH novalidate=true>
                <FormMessages form=topic_form.clone() />
                <input type="hidden" name="id" value=topic_id />
                <Field form=topic_form name="topic_name" label="permit.topic.name" required=true />
                <SubmitButton label="permit.topic.add" />
            </PostForm>
        </section>

        <section aria-labelledby="papier">
            <h2 id="papier">{t("permit.enter")}</h2>
            <p class="field__hint">{t("permit.enter.hint")}</p>
            <PostForm action=EnterObjection::PATH novalidate=true>
                <FormMessages form=paper.clone() />
                <input type="hidden" name="id" value=paper_id />
                <SelectField form=paper.clone() name="channel" label="permit.enter.channel" options=channels />
                <Field form=paper.clone() name="received_at" label="permit.enter.received_at" kind="datetime-local" hint="permit.enter.received_at.hint" required=true />
                <Field form=paper.clone() name="name" label="permit.objection.name" required=true />
                <TextArea form=paper.clone() name="address" label="permit.objection.address" max=ADDRESS_MAX rows=3 required=true />
                <Field form=paper.clone() name="email" label="permit.objection.email" kind="email" />
                <TextArea form=paper.clone() name="text" label="permit.objection.text" max=OBJECTION_MAX rows=8 required=true />
                <Field form=paper.clone() name="signers" label="permit.enter.signers" kind="number" hint="permit.enter.signers.hint" />
                <Field form=paper.clone() name="representative" label="permit.enter.representative" hint="permit.enter.representative.hint" />
                <SubmitButton label="permit.enter.submit" />
            </PostForm>
        </section>
    }
}
