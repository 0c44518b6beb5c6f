//! The page behind a link in a mail that confirms something: an e-mail address, a
//! subscription, a contribution sent without an account (and next, a co-signature).
//! The link only opens the page; the person's click on its button confirms, because mail
//! scanners follow links with GET and only a person sends the POST. The form is a plain
//! form to the server function's address: its answer comes back as a redirect with the
//! notice, or to this page with the error (from the flash).
use super::form::{FormMessages, FormState, SubmitButton};
use super::layout::PageHeading;
use super::site::{t, use_site};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ConfirmByLink(
    /// The address of the server function that confirms (`<Fn as ServerFn>::PATH`).
    action: &'static str,
    /// The form's name in the flash, as the server function's `finish` names it.
    form: &'static str,
    title: &'static str,
    intro: &'static str,
    submit: &'static str,
) -> impl IntoView {
    let site = use_site();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let state = FormState::new(form, site.get_untracked().flash);
    let token_error = state.error("token");
    view! {
        <PageHeading title=t(title) />
        <p>{t(intro)}</p>
        <form method="post" action=action>
            <FormMessages form=state />
            {token_error.map(|key| view! { <p class="form-error" role="alert">{t(&key)}</p> })}
            <input type="hidden" name="token" value=token />
            <SubmitButton label=submit />
        </form>
    }
}
