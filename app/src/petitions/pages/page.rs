//! The page of one petition: its text, the signatures toward the quorum (a bar and the
//! same in words), the time left, the signing form, the latest public signers, the
//! petitioner's news, the hand-over and the response, and the debate for and against.
use super::progress::QuorumProgress;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    CheckField, Field, FormMessages, FormState, PostForm, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::components::text::PlainText;
use crate::consultations::api::SubmitComment;
use crate::consultations::rules::CommentBody;
use crate::contributions::pages::author::{AuthorFields, unavailable};
use crate::contributions::pages::threads::Comments;
use crate::domain::{PetitionStatus, WhoMayComment};
use crate::petitions::api::{PostPetitionUpdate, SignPetition, load_petition};
use crate::petitions::types::PetitionPage as Page;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn PetitionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let source = move || {
        let q = query.read();
        (
            params.read().get("id").unwrap_or_default(),
            q.get("sortierung").unwrap_or_default(),
            q.get("seite")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1),
        )
    };
    let page = Resource::new_blocking(source, |(id, order, page)| load_petition(id, order, page));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Petition p /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Petition(p: Page) -> impl IntoView {
    let lang = use_lang();
    let shown = p.public && p.status.is_public();
    let editable = p.mine && p.status.editable();
    view! {
        <PageHeading title=p.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", p.status.as_str())>{t(p.status.label_key())}</span>
            " " {lang.tf("petition.to", &[("addressee", &p.addressee)])}
            " · " {lang.tf("petition.reference", &[("reference", &p.reference)])}
        </p>
        {(!p.public).then(|| view! { <p class="notice notice--info">{t("petition.not_public")}</p> })}
        {p.moderation_reason.clone().filter(|_| matches!(p.status, PetitionStatus::ChangesRequested | PetitionStatus::Rejected)).map(|why| view! {
            <div class="notice notice--info">
                <p><strong>{t(if p.status == PetitionStatus::Rejected { "petition.rejected_because" } else { "petition.changes_because" })}</strong></p>
                <PlainText text=why />
            </div>
        })}
        {(p.mine && p.status == PetitionStatus::Submitted).then(|| view! { <p class="notice notice--info">{t("petition.in_review")}</p> })}
        {(editable || p.handles).then(|| view! {
            <p>
                {editable.then(|| view! { <A href=format!("/petitionen/{}/bearbeiten", p.id)>{t("petition.edit")}</A> })}
                {p.handles.then(|| view! { " " <A href=format!("/verwaltung/petitionen/{}", p.id)>{t("petition.staff_page")}</A> })}
            </p>
        })}
        {shown.then(|| view! {
            <section aria-labelledby="unterschriften" class="signatures">
                <h2 id="unterschriften">{t("petition.signatures")}</h2>
                <QuorumProgress id="fortschritt".to_string() count=p.count quorum=p.quorum progress=p.progress />
                {p.quorum_reached.then(|| view! { <p><strong>{t("petition.quorum_reached")}</strong></p> })}
                {match (&p.time_left, &p.closes) {
                    (Some(left), Some(closes)) => view! {
                        <p class="phase-note phase-note--open">{lang.tf("petition.closes", &[("date", closes), ("left", left)])}</p>
                    }.into_any(),
                    (None, Some(closes)) => view! {
                        <p class="phase-note">{lang.tf("petition.closed_at", &[("date", closes)])}</p>
                    }.into_any(),
                    _ => ().into_any(),
                }}
                <p><a href=format!("/benachrichtigungen?verfahren={}", p.id)>{t("petition.follow")}</a></p>
            </section>
        })}
        {p.signing_open.then(|| view! { <SignForm p=p.clone() /> })}

        <section aria-labelledby="petition-text">
            <h2 id="petition-text">{t("petition.request")}</h2>
            <div class="prose"><PlainText text=p.request.clone() /></div>
            <h3>{t("petition.reasons")}</h3>
            <div class="prose"><PlainText text=p.reasons.clone() /></div>
            <dl class="facts">
                <dt>{t("petition.category")}</dt><dd>{t(&p.category)}</dd>
                {(!p.region.is_empty()).then(|| view! { <dt>{t("petition.region")}</dt><dd>{p.region.clone()}</dd> })}
            </dl>
            {(!p.files.is_empty()).then(|| view! {
                <h3>{t("petition.files")}</h3>
                <ul class="documents">
                    {p.files.iter().map(|f| view! {
                        <li>
                            <a href=format!("/petitionen/anhaenge/{}.pdf", f.id) rel="external">{f.title.clone()}</a>
                            " " <span class="muted">{format!("(PDF, {})", f.size)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>

        {shown.then(|| view! {
            <section aria-labelledby="verlauf">
                <h2 id="verlauf">{t("petition.per_day")}</h2>
                <figure class="chart">
                    <img src=format!("/petitionen/{}/verlauf.svg", p.id) alt=t("petition.per_day.alt") width="640" height="200" />
                    <figcaption>
                        <a href=format!("/petitionen/{}/verlauf.csv", p.id) rel="external">{t("petition.per_day.csv")}</a>
                    </figcaption>
                </figure>
            </section>
        })}

        {(shown && !p.signers.is_empty()).then(|| view! {
            <section aria-labelledby="unterzeichnende">
                <h2 id="unterzeichnende">{t("petition.signers")}</h2>
                <ul class="signers">
                    {p.signers.iter().map(|s| view! {
                        <li>{format!("{}, {}", s.name, s.place)} " " <span class="muted">{s.date.clone()}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        })}

        {(!p.updates.is_empty() || (p.mine && shown)).then(|| view! {
            <section aria-labelledby="neuigkeiten">
                <h2 id="neuigkeiten">{t("petition.updates")}</h2>
                {p.updates.iter().map(|u| view! {
                    <article class="update">
                        <p class="comment__meta">{u.date.clone()}</p>
                        <PlainText text=u.body.clone() />
                    </article>
                }).collect_view()}
                {(p.mine && shown).then(|| view! { <UpdateForm id=p.id.clone() /> })}
            </section>
        })}

        {(p.handed_over.is_some() || p.response.is_some()).then(|| view! {
            <section aria-labelledby="antwort">
                <h2 id="antwort">{t("petition.response")}</h2>
                {p.handed_over.clone().map(|d| view! { <p>{lang.tf("petition.handed_over_at", &[("date", &d)])}</p> })}
                {p.response.clone().map(|r| view! {
                    {p.answered.clone().map(|d| view! { <p class="comment__meta">{lang.tf("petition.answered_at", &[("date", &d)])}</p> })}
                    <div class="prose answer"><PlainText text=r /></div>
                })}
            </section>
        })}

        {p.debate.clone().map(|threads| view! {
            <Comments threads base=format!("/petitionen/{}", p.id) accepting=p.debate_open viewer=p.viewer.clone() />
            <DebateForm p=p.clone() />
        })}
    }
}

/// Co-signing: name, postal code and place, address, whether to show the name, consent,
/// news by mail. The hidden field and the signed start time keep bots out.
#[component]
fn SignForm(p: Page) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("signature", site.get_untracked().flash);
    view! {
        <section aria-labelledby="unterschreiben" class="sign-form">
            <h2 id="unterschreiben">{t("petition.sign")}</h2>
            <p class="field__hint">{t("petition.sign.intro")}</p>
            <PostForm action=SignPetition::PATH novalidate=true>
                <FormMessages form=form.clone() />
                <input type="hidden" name="petition" value=p.id.clone() />
                <input type="hidden" name="started" value=p.started.clone() />
                <Field form=form.clone() name="name" label="signature.name" autocomplete="name" required=true />
                <div class="field-row">
                    <Field form=form.clone() name="postal_code" label="signature.postal_code" autocomplete="postal-code" required=true />
                    <Field form=form.clone() name="place" label="signature.place" autocomplete="address-level2" required=true />
                </div>
                <Field form=form.clone() name="email" label="form.email" kind="email" hint="signature.email.hint" autocomplete="email" required=true />
                // People do not see this field; bots fill it in.
                <div class="honeypot" aria-hidden="true">
                    <label for="field-website">{t("signature.website")}</label>
                    <input id="field-website" type="text" name="website" tabindex="-1" autocomplete="off" />
                </div>
                <CheckField form=form.clone() name="show_name">{t("signature.show_name")}</CheckField>
                <CheckField form=form.clone() name="updates">{t("signature.updates")}</CheckField>
                <CheckField form=form.clone() name="privacy" required=true>
                    {t("signature.privacy")} " " <A href="/datenschutz">{t("signature.privacy.link")}</A>
                </CheckField>
                <SubmitButton label="petition.sign.submit" />
            </PostForm>
        </section>
    }
}

/// The petitioner's news for the followers.
#[component]
fn UpdateForm(id: String) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("petition-update", site.get_untracked().flash);
    view! {
        <PostForm action=PostPetitionUpdate::PATH novalidate=true>
            <FormMessages form=form.clone() />
            <input type="hidden" name="id" value=id />
            <TextArea form=form.clone() name="body" id="update-body" label="petition.update.body" hint="petition.update.hint" max=5000 rows=4 required=true />
            <SubmitButton label="petition.update.submit" />
        </PostForm>
    }
}

/// An argument for or against, on the contributions core (reported and moderated as
/// comments are).
#[component]
fn DebateForm(p: Page) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("comment", site.get_untracked().flash);
    let blocked = unavailable(p.debate_open, WhoMayComment::Account, &p.viewer);
    let error = form.error("stance");
    let chosen = form.value("stance");
    view! {
        <section aria-labelledby="kommentieren" class="comment-form">
            <h2 id="kommentieren">{t("debate.form.heading")}</h2>
            {match blocked {
                Some(reason) => reason,
                None => view! {
                    <PostForm action=SubmitComment::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="procedure" value=p.id.clone() />
                        <fieldset class="field" class:field--invalid=error.is_some() aria-describedby=error.as_ref().map(|_| "field-stance-error")>
                            <legend>{t("debate.form.stance")}</legend>
                            {error.clone().map(|key| view! { <p class="field__error" id="field-stance-error">{t(&key)}</p> })}
                            <div class="checkbox">
                                <input type="radio" id="stance-for" name="stance" value="for" checked=chosen == "for" />
                                <label for="stance-for">{t("stance.for")}</label>
                            </div>
                            <div class="checkbox">
                                <input type="radio" id="stance-against" name="stance" value="against" checked=chosen == "against" />
                                <label for="stance-against">{t("stance.against")}</label>
                            </div>
                        </fieldset>
                        <TextArea form=form.clone() name="body" label="debate.form.body" max=CommentBody::MAX_CHARS rows=6 required=true />
                        <AuthorFields form=form.clone() who=WhoMayComment::Account viewer=p.viewer.clone() />
                        <p class="field__hint">{t("comment.form.netiquette")}</p>
                        <SubmitButton label="debate.form.submit" />
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}
