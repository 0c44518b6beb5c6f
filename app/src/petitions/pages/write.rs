//! Writing a petition: the guided form (addressee, title, request, reasons, category,
//! region, public or not, signing period), saved as a draft as often as needed and
//! submitted for review; PDF attachments; and the list of one's own petitions.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::domain::scope::TOPICS;
use crate::petitions::api::{RemovePetitionFile, SavePetition, load_petition_draft, my_petitions};
use crate::petitions::rules::{MAX_WEEKS, MIN_WEEKS, REASONS_MAX, REQUEST_MAX};
use crate::petitions::types::PetitionDraft;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn NewPetition() -> impl IntoView {
    let draft = Resource::new_blocking(|| (), |_| load_petition_draft(String::new()));
    view! { <Loaded draft /> }
}

#[component]
pub fn EditPetition() -> impl IntoView {
    let params = use_params_map();
    let draft = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_petition_draft,
    );
    view! { <Loaded draft /> }
}

#[component]
fn Loaded(draft: Resource<Result<PetitionDraft, ServerFnError>>) -> impl IntoView {
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match draft.await {
                    Ok(d) => view! { <Editor d /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(d: PetitionDraft) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let flash = site.get_untracked().flash;
    let form = FormState::new("petition", flash);
    let verified = site.get_untracked().user.is_some_and(|u| u.email_verified);
    let title = if d.id.is_some() {
        "page.petition_edit"
    } else {
        "page.petition_new"
    };
    let editable = d.status.editable();
    let addressees: Vec<(String, String)> = std::iter::once((
        String::new(),
        t("petition.form.addressee.choose").to_string(),
    ))
    .chain(d.addressees.iter().map(|a| {
        (
            a.id.clone(),
            lang.tf(
                "petition.form.addressee.option",
                &[
                    ("name", &a.name),
                    ("quorum", &a.quorum.to_string()),
                    ("weeks", &a.max_weeks.to_string()),
                ],
            ),
        )
    }))
    .collect();
    let categories: Vec<(String, String)> = std::iter::once((
        String::new(),
        t("petition.form.category.choose").to_string(),
    ))
    .chain(
        TOPICS
            .iter()
            .map(|s| (s.to_string(), t(&format!("topic.{s}")).to_string())),
    )
    .collect();
    let weeks: Vec<(String, String)> = (MIN_WEEKS..=MAX_WEEKS)
        .map(|w| {
            (
                w.to_string(),
                lang.tf("petition.form.weeks.option", &[("n", &w.to_string())]),
            )
        })
        .collect();
    let visibility = Some(form.value("visibility"))
        .filter(|v| !v.is_empty())
        .unwrap_or(d.form.visibility.clone());
    let vis_error = form.error("visibility");
    let stored = d.form.clone();
    let id = d.id.clone().unwrap_or_default();
    view! {
        <PageHeading title=t(title) />
        {d.reference.clone().map(|r| view! { <p class="card__meta">{lang.tf("petition.reference", &[("reference", &r)])} " · " {t(d.status.label_key())}</p> })}
        {d.moderation_reason.clone().filter(|_| d.status == crate::domain::PetitionStatus::ChangesRequested).map(|why| view! {
            <div class="notice notice--info"><p><strong>{t("petition.changes_because")}</strong></p><p>{why}</p></div>
        })}
        {(!verified).then(|| view! { <p class="notice notice--info">{t("error.petition.verify_first")}</p> })}
        {if !editable {
            view! { <p class="notice notice--info">{t("error.petition.not_editable")}</p> }.into_any()
        } else {
            view! {
                <p>{t("petition.form.intro")}</p>
                <PostForm action=SavePetition::PATH novalidate=true>
                    <FormMessages form=form.clone() />
                    <input type="hidden" name="id" value=id.clone() />
                    <SelectField form=form.clone() name="addressee" label="petition.form.addressee" hint="petition.form.addressee.hint" options=addressees selected=stored.addressee.clone() />
                    <Field form=form.clone() name="title" label="petition.form.title" hint="petition.form.title.hint" required=true value=stored.title.clone() />
                    <TextArea form=form.clone() name="request" label="petition.form.request" hint="petition.form.request.hint" max=REQUEST_MAX rows=5 required=true value=stored.request.clone() />
                    <TextArea form=form.clone() name="reasons" label="petition.form.reasons" hint="petition.form.reasons.hint" max=REASONS_MAX rows=10 required=true value=stored.reasons.clone() />
                    <SelectField form=form.clone() name="category" label="petition.form.category" options=categories selected=stored.category.clone() />
                    <Field form=form.clone() name="region" label="petition.form.region" hint="petition.form.region.hint" value=stored.region.clone() />
                    <fieldset class="field" class:field--invalid=vis_error.is_some() aria-describedby=vis_error.as_ref().map(|_| "field-visibility-error")>
                        <legend>{t("petition.form.visibility")}</legend>
                        {vis_error.clone().map(|key| view! { <p class="field__error" id="field-visibility-error">{t(&key)}</p> })}
                        <div class="checkbox">
                            <input type="radio" id="visibility-public" name="visibility" value="public" checked=visibility == "public" />
                            <label for="visibility-public">{t("petition.form.public")}</label>
                        </div>
                        <div class="checkbox">
                            <input type="radio" id="visibility-private" name="visibility" value="private" checked=visibility == "private" />
                            <label for="visibility-private">{t("petition.form.private")}</label>
                        </div>
                    </fieldset>
                    <SelectField form=form.clone() name="weeks" label="petition.form.weeks" hint="petition.form.weeks.hint" options=weeks selected=stored.weeks.clone() />
                    <div class="actions">
                        <button type="submit" class="button button--secondary" name="intent" value="save">{t("petition.form.save")}</button>
                        " "
                        <button type="submit" class="button" name="intent" value="submit">{t("petition.form.submit")}</button>
                    </div>
                    <p class="field__hint">{t("petition.form.submit.hint")}</p>
                </PostForm>
                {d.id.clone().map(|id| view! { <Attachments id files=d.files.clone() /> })}
            }.into_any()
        }}
    }
}

/// The PDFs attached to a draft: a list with remove buttons and a plain multipart form
/// (with and without JavaScript) whose outcome comes back in the flash.
#[component]
fn Attachments(id: String, files: Vec<crate::petitions::types::FileView>) -> impl IntoView {
    let site = use_site();
    let flash = site.get_untracked().flash;
    let upload = FormState::new("petition-upload", flash.clone());
    let remove = FormState::new("petition-file", flash);
    let action = format!("/petitionen/{id}/anhaenge");
    view! {
        <section aria-labelledby="anhaenge">
            <h2 id="anhaenge">{t("petition.files")}</h2>
            <FormMessages form=remove />
            {if files.is_empty() {
                view! { <p>{t("petition.files.none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="documents">
                        {files.into_iter().map(|f| {
                            let id = id.clone();
                            view! {
                                <li>
                                    <a href=format!("/petitionen/anhaenge/{}.pdf", f.id) rel="external">{f.title.clone()}</a>
                                    " " <span class="muted">{format!("(PDF, {})", f.size)}</span>
                                    <PostForm action=RemovePetitionFile::PATH class="inline-form">
                                        <input type="hidden" name="id" value=id />
                                        <input type="hidden" name="file" value=f.id.clone() />
                                        <button type="submit" class="link-button">
                                            {t("petition.files.remove")}<span class="visually-hidden">{format!(" – {}", f.title)}</span>
                                        </button>
                                    </PostForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form method="post" action=action enctype="multipart/form-data" novalidate=true>
                <FormMessages form=upload.clone() />
                <Field form=upload.clone() name="title" label="petition.files.title" hint="petition.files.title.hint" />
                <Field form=upload.clone() name="file" label="petition.files.file" kind="file" hint="petition.files.file.hint" required=true />
                <SubmitButton label="petition.files.upload" />
            </form>
        </section>
    }
}

#[component]
pub fn MyPetitions() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| my_petitions());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    <PageHeading title=t("page.my_petitions") />
                    <p><A href="/petitionen/neu" attr:class="button">{t("petitions.start")}</A></p>
                    {if list.is_empty() {
                        view! { <p>{t("petitions.mine.none")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{t("page.my_petitions")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("petition.column.reference")}</th>
                                    <th scope="col">{t("petition.column.title")}</th>
                                    <th scope="col">{t("petition.column.status")}</th>
                                    <th scope="col">{t("petition.column.signatures")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|p| {
                                        let href = if p.status.editable() {
                                            format!("/petitionen/{}/bearbeiten", p.id)
                                        } else {
                                            format!("/petitionen/{}", p.id)
                                        };
                                        view! {
                                            <tr>
                                                <td>{p.reference}</td>
                                                <td><A href=href>{p.title}</A></td>
                                                <td>{t(p.status.label_key())}</td>
                                                <td>{lang.tf("petition.count", &[("n", &p.count.to_string())])}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}
