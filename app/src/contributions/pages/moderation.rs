//! Moderation: the queue of comments waiting for a decision, and the reasons moderators
//! pick from. Each comment has its own forms (approve; hide or block with a reason), so
//! a problem shows at the comment it concerns.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::contributions::api::moderation::{
    AddReason, Decide, RemoveReason, moderation_queue, moderation_reasons,
};
use crate::contributions::types::{QueueItem, ReasonView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn ModerationQueue() -> impl IntoView {
    // A decided comment leaves the queue: the page is shown again with the outcome (the
    // flash's notice) above it.
    let query = leptos_router::hooks::use_query_map();
    let queue = Resource::new_blocking(
        move || query.read().get("beitrag").unwrap_or_default(),
        moderation_queue,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let q = match queue.await {
                    Ok(q) => q,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    <PageHeading title=t("page.moderation") />
                    <p>{t("page.moderation.intro")} " " <A href="/moderation/gruende">{t("moderation.reasons.link")}</A> " · " <A href="/moderation/petitionen">{t("moderation.petitions.link")}</A></p>
                    <p class="result-count">{lang.tf("moderation.count", &[("n", &q.items.len().to_string())])}</p>
                    {if q.items.is_empty() {
                        view! { <p>{t("moderation.empty")}</p> }.into_any()
                    } else {
                        let reasons = q.reasons.clone();
                        view! {
                            <ol class="comments">
                                {q.items.into_iter().map(|item| view! {
                                    <li><Item item reasons=reasons.clone() /></li>
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Item(item: QueueItem, reasons: Vec<ReasonView>) -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let form_name = format!("moderation-{}", item.id);
    let flash = site.get_untracked().flash;
    let approve_form = FormState::new(&form_name, flash.clone());
    let hide_form = FormState::new(&form_name, flash);
    let head_id = format!("moderation-{}-kopf", item.id);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t("moderation.template.none").to_string()))
            .chain(reasons.into_iter().map(|r| (r.id, r.text)))
            .collect();
    let number = lang.tf("comment.number", &[("n", &item.number.to_string())]);
    let (about_approve, about_hide) = (format!(" – {number}"), format!(" – {number}"));
    let id = item.id.clone();
    let (id1, id2) = (id.clone(), id.clone());
    let (version1, version2) = (item.version.clone(), item.version.clone());
    let (template_id, reason_id) = (format!("template-{id}"), format!("reason-{id}"));
    let (hide_id, block_id) = (format!("hide-{id}"), format!("block-{id}"));
    let (hide_for, block_for) = (hide_id.clone(), block_id.clone());
    let labelled_by = head_id.clone();
    view! {
        <article class="comment" aria-labelledby=labelled_by>
            <header class="comment__head" id=head_id>
                <strong>{item.author.clone()}</strong>
                {item.email.clone().map(|e| view! { " <" {e} ">" })}
                " · " {number.clone()} " · " {item.date.clone()} " · " {t(&item.status)}
            </header>
            <p class="comment__meta">
                <A href=format!("/verfahren/{}", item.procedure_id)>{item.procedure_title.clone()}</A>
            </p>
            <div class="comment__body"><PlainText text=item.body.clone() /></div>
            {(!item.reports.is_empty()).then(|| view! {
                <div class="reports">
                    <p><strong>{lang.tf("moderation.reports", &[("n", &item.reports.len().to_string())])}</strong></p>
                    <ul>
                        {item.reports.iter().map(|r| view! { <li>{r.reason.clone()} " (" {r.date.clone()} ")"</li> }).collect_view()}
                    </ul>
                </div>
            })}
            <PostForm action=Decide::PATH class="inline-form">
                <FormMessages form=approve_form />
                <input type="hidden" name="id" value=id1 />
                <input type="hidden" name="version" value=version1 />
                <input type="hidden" name="decision" value="approve" />
                <button type="submit" class="button">
                    {t("moderation.approve")}<span class="visually-hidden">{about_approve}</span>
                </button>
            </PostForm>
            <details class="decision">
                <summary>{t("moderation.hide")}<span class="visually-hidden">{about_hide}</span></summary>
                <PostForm action=Decide::PATH novalidate=true>
                    <FormMessages form=hide_form.clone() />
                    <input type="hidden" name="id" value=id2 />
                    <input type="hidden" name="version" value=version2 />
                    <SelectField form=hide_form.clone() name="template" id=template_id label="moderation.template" options=options />
                    <TextArea form=hide_form.clone() name="reason" id=reason_id label="moderation.reason" hint="moderation.reason.hint" rows=3 max=1000 />
                    <fieldset>
                        <legend>{t("moderation.decision")}</legend>
                        <div class="checkbox">
                            <input type="radio" id=hide_id name="decision" value="hide" checked=true />
                            <label for=hide_for>{t("moderation.decision.hide")}</label>
                        </div>
                        <div class="checkbox">
                            <input type="radio" id=block_id name="decision" value="block" />
                            <label for=block_for>{t("moderation.decision.block")}</label>
                        </div>
                    </fieldset>
                    <SubmitButton label="moderation.decide" />
                </PostForm>
            </details>
        </article>
    }
}

#[component]
pub fn ModerationReasons() -> impl IntoView {
    let site = use_site();
    let reasons = Resource::new_blocking(|| (), |_| moderation_reasons());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match reasons.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let flash = site.get_untracked().flash;
                let add_form = FormState::new("moderation-reason-add", flash.clone());
                let remove_form = FormState::new("moderation-reason-remove", flash);
                view! {
                    <PageHeading title=t("page.moderation_reasons") />
                    <p>{t("page.moderation_reasons.intro")} " " <A href="/moderation">{t("moderation.back")}</A></p>
                    <FormMessages form=remove_form />
                    <ul class="reasons">
                        {list.into_iter().map(|r| view! {
                            <li>
                                {r.text.clone()} " "
                                <PostForm action=RemoveReason::PATH class="inline-form">
                                    <input type="hidden" name="id" value=r.id />
                                    <button type="submit" class="link-button">
                                        {t("staff.remove")}<span class="visually-hidden">{format!(": {}", r.text)}</span>
                                    </button>
                                </PostForm>
                            </li>
                        }).collect_view()}
                    </ul>
                    <h2>{t("moderation.reasons.add")}</h2>
                    <PostForm action=AddReason::PATH novalidate=true>
                        <FormMessages form=add_form.clone() />
                        <Field form=add_form name="text" label="moderation.reasons.text" required=true />
                        <SubmitButton label="moderation.reasons.add.submit" />
                    </PostForm>
                }.into_any()
            })}
        </Suspense>
    }
}
