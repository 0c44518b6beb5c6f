//! What every contribution form shares: why it is not offered (closed, login or a
//! confirmed address first), and the author's fields as the procedure's rule asks.
use crate::components::form::{Checkbox, Field, FormState};
use crate::components::site::{t, use_lang};
use crate::contributions::types::Viewer;
use crate::domain::WhoMayComment;
use leptos::prelude::*;
use leptos_router::components::A;

/// Why the form is not offered, if it is not.
pub fn unavailable(accepting: bool, who: WhoMayComment, viewer: &Viewer) -> Option<AnyView> {
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
pub fn AuthorFields(form: FormState, who: WhoMayComment, viewer: Viewer) -> impl IntoView {
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
