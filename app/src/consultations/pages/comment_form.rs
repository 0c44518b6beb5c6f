//! The comment form of a procedure page, and the author fields it shares with the reply
//! page. What the form asks for follows the procedure's rule on who may comment; the
//! server applies the same rule again.
use crate::components::form::{
    Checkbox, Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::site::{t, use_lang, use_site};
use crate::consultations::api::SubmitComment;
use crate::consultations::rules::CommentBody;
use crate::consultations::types::ProcedurePage as Page;
use crate::contributions::types::Viewer;
use crate::domain::WhoMayComment;
use crate::procedures::types::SectionView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// Why the form is not offered, if it is not.
pub(super) fn unavailable(accepting: bool, who: WhoMayComment, viewer: &Viewer) -> Option<AnyView> {
    if !accepting {
        return Some(
            view! { <p class="notice notice--info">{t("comment.form.closed")}</p> }.into_any(),
        );
    }
    if who == WhoMayComment::Account && !viewer.logged_in {
        return Some(view! {
            <p class="notice notice--info">
                {t("comment.form.login_first")} " "
                <A href="/anmelden">{t("nav.login")}</A> " · " <A href="/registrieren">{t("nav.register")}</A>
            </p>
        }.into_any());
    }
    if viewer.unverified && who != WhoMayComment::NameOnly {
        return Some(
            view! { <p class="notice notice--info">{t("comment.form.verify_first")}</p> }
                .into_any(),
        );
    }
    None
}

/// Name and address (as the rule asks) or who is writing, and the reply notification.
#[component]
pub(super) fn AuthorFields(form: FormState, who: WhoMayComment, viewer: Viewer) -> impl IntoView {
    let lang = use_lang();
    let asks_email = !viewer.logged_in && who == WhoMayComment::VerifiedEmail;
    let can_notify = (viewer.logged_in && !viewer.unverified) || asks_email;
    view! {
        {if viewer.logged_in {
            view! { <p>{lang.tf("comment.form.as", &[("name", &viewer.name)])}</p> }.into_any()
        } else {
            view! {
                <Field form=form.clone() name="name" label="comment.form.name" hint="comment.form.name.hint" autocomplete="name" required=true />
                {asks_email.then(|| view! {
                    <Field form=form.clone() name="email" label="form.email" kind="email" hint="comment.form.email.hint" autocomplete="email" required=true />
                })}
            }.into_any()
        }}
        {can_notify.then(|| view! { <Checkbox name="notify" label="comment.form.notify" /> })}
    }
}

#[component]
pub fn CommentForm(p: Page, sections: Vec<SectionView>) -> impl IntoView {
    let site = use_site();
    let form = FormState::new("comment", site.get_untracked().flash);
    let blocked = unavailable(p.accepting, p.who_may_comment, &p.viewer);
    let options: Vec<(String, String)> =
        std::iter::once((String::new(), t("comment.form.whole").to_string()))
            .chain(
                sections
                    .iter()
                    .map(|s| (s.id.clone(), format!("{} {}", s.number, s.heading))),
            )
            .collect();
    let selected = p.section.as_ref().map(|(id, _)| id.clone());
    view! {
        <section aria-labelledby="kommentieren" class="comment-form">
            <h2 id="kommentieren">{t("comment.form.heading")}</h2>
            {match blocked {
                Some(reason) => reason,
                None => view! {
                    <PostForm action=SubmitComment::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="procedure" value=p.id.clone() />
                        {(!sections.is_empty()).then(|| view! {
                            <SelectField form=form.clone() name="section" label="comment.form.section" options=options.clone() selected=selected.clone().unwrap_or_default() />
                        })}
                        <TextArea form=form.clone() name="body" label="comment.form.body" hint="comment.form.body.hint" max=CommentBody::MAX_CHARS rows=8 required=true />
                        <AuthorFields form=form.clone() who=p.who_may_comment viewer=p.viewer.clone() />
                        {p.pre_moderated.then(|| view! { <p class="field__hint">{t("comment.form.pre_moderated")}</p> })}
                        <p class="field__hint">{t("comment.form.netiquette")}</p>
                        <SubmitButton label="comment.form.submit" />
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}
