//! The moderators' review of submitted petitions: publish, ask for changes, or reject
//! with a reason (a template or one's own words). Each petition has its own forms, so a
//! problem shows at the petition it concerns.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::contributions::types::ReasonView;
use crate::petitions::api::{DecidePetition, petition_review};
use crate::petitions::types::ReviewItem;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn PetitionReview() -> impl IntoView {
    let review = Resource::new_blocking(|| (), |_| petition_review());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let r = match review.await {
                    Ok(r) => r,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    <PageHeading title=t("page.petition_review") />
                    <p>{t("page.petition_review.intro")} " " <A href="/moderation">{t("moderation.back")}</A></p>
                    <p class="result-count">{lang.tf("review.count", &[("n", &r.items.len().to_string())])}</p>
                    {if r.items.is_empty() {
                        view! { <p>{t("review.empty")}</p> }.into_any()
                    } else {
                        let reasons = r.reasons.clone();
                        view! {
                            <ol class="comments">
                                {r.items.into_iter().map(|item| view! { <li><Item item reasons=reasons.clone() /></li> }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Item(item: ReviewItem, reasons: Vec<ReasonView>) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let form_name = format!("petition-review-{}", item.id);
    let flash = site.get_untracked().flash;
    let publish_form = FormState::new(&form_name, flash.clone());
    let other_form = FormState::new(&form_name, flash);
    let head_id = format!("review-{}-kopf", item.id);
    let labelled_by = head_id.clone();
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t("moderation.template.none").to_string()))
            .chain(reasons.into_iter().map(|r| (r.id, r.text)))
            .collect();
    let id = item.id.clone();
    let (template_id, reason_id) = (format!("template-{id}"), format!("reason-{id}"));
    let (changes_id, reject_id) = (format!("changes-{id}"), format!("reject-{id}"));
    let (changes_for, reject_for) = (changes_id.clone(), reject_id.clone());
    let about = format!(" – {}", item.reference);
    let about_publish = about.clone();
    let id_publish = id.clone();
    let visibility = if item.public {
        lang.tf("review.public", &[("weeks", &item.weeks.to_string())])
    } else {
        t("review.private").to_string()
    };
    view! {
        <article class="comment" aria-labelledby=labelled_by>
            <h2 class="comment__head" id=head_id>{item.title.clone()}</h2>
            <p class="comment__meta">
                {item.reference.clone()} " · " {lang.tf("petition.to", &[("addressee", &item.addressee)])}
                " · " {item.submitted.clone()}
            </p>
            <p class="comment__meta">{item.petitioner.clone()} " · " {visibility} " · " {t(&item.category)}
                {(!item.region.is_empty()).then(|| view! { " · " {item.region.clone()} })}
            </p>
            <h3>{t("petition.request")}</h3>
            <div class="comment__body"><PlainText text=item.request.clone() /></div>
            <h3>{t("petition.reasons")}</h3>
            <div class="comment__body"><PlainText text=item.reasons.clone() /></div>
            {(!item.files.is_empty()).then(|| view! {
                <ul class="documents">
                    {item.files.iter().map(|f| view! {
                        <li><a href=format!("/petitionen/anhaenge/{}.pdf", f.id) rel="external">{f.title.clone()}</a> " " <span class="muted">{format!("(PDF, {})", f.size)}</span></li>
                    }).collect_view()}
                </ul>
            })}
            <PostForm action=DecidePetition::PATH class="inline-form">
                <FormMessages form=publish_form />
                <input type="hidden" name="id" value=id_publish />
                <input type="hidden" name="decision" value="publish" />
                <button type="submit" class="button">
                    {t("review.publish")}<span class="visually-hidden">{about_publish}</span>
                </button>
            </PostForm>
            <details class="decision">
                <summary>{t("review.other")}<span class="visually-hidden">{about}</span></summary>
                <PostForm action=DecidePetition::PATH novalidate=true>
                    <FormMessages form=other_form.clone() />
                    <input type="hidden" name="id" value=id />
                    <SelectField form=other_form.clone() name="template" id=template_id label="moderation.template" options=options />
                    <TextArea form=other_form.clone() name="reason" id=reason_id label="moderation.reason" hint="review.reason.hint" rows=3 max=1000 />
                    <fieldset>
                        <legend>{t("moderation.decision")}</legend>
                        <div class="checkbox">
                            <input type="radio" id=changes_id name="decision" value="changes" checked=true />
                            <label for=changes_for>{t("review.changes")}</label>
                        </div>
                        <div class="checkbox">
                            <input type="radio" id=reject_id name="decision" value="reject" />
                            <label for=reject_for>{t("review.reject")}</label>
                        </div>
                    </fieldset>
                    <SubmitButton label="moderation.decide" />
                </PostForm>
            </details>
        </article>
    }
}
