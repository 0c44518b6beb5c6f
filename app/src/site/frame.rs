//! The frame of every page: skip link, header with navigation, footer with legal pages.
use crate::account::api::Logout;
use crate::components::form::{PostForm, SubmitButton};
use crate::components::site::{t, use_lang, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#inhalt">{t("nav.skip")}</a> }
}

#[component]
pub fn Header() -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let location = use_location();
    let other = lang.other();
    let switch_href = move || {
        format!(
            "/sprache/{}?zurueck={}",
            other.code(),
            location.pathname.get()
        )
    };
    let signed_in = move || site.read().user.is_some();
    let is_staff = move || site.read().user.as_ref().is_some_and(|u| u.is_staff());
    let moderates = move || site.read().user.as_ref().is_some_and(|u| u.moderates());
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand">{move || site.read().tenant.name.clone()}</A>
                <nav aria-label=t("nav.main")>
                    <ul class="nav">
                        <li><A href="/">{t("nav.home")}</A></li>
                        <li><A href="/verfahren">{t("nav.procedures")}</A></li>
                        <li><A href="/petitionen">{t("nav.petitions")}</A></li>
                        <li><A href="/benachrichtigungen">{t("nav.subscriptions")}</A></li>
                        <Show when=is_staff>
                            <li><A href="/verwaltung">{t("nav.admin")}</A></li>
                        </Show>
                        <Show when=moderates>
                            <li><A href="/moderation">{t("nav.moderation")}</A></li>
                        </Show>
                        <Show
                            when=signed_in
                            fallback=|| view! {
                                <li><A href="/anmelden">{t("nav.login")}</A></li>
                                <li><A href="/registrieren">{t("nav.register")}</A></li>
                            }
                        >
                            <li><A href="/konto">{t("nav.account")}</A></li>
                            <li>
                                <PostForm action=Logout::PATH class="inline-form">
                                    <SubmitButton label="nav.logout" class="link-button" />
                                </PostForm>
                            </li>
                        </Show>
                    </ul>
                </nav>
                <a class="lang-switch" href=switch_href rel="external" hreflang=other.code() lang=other.code()>
                    {lang.t("nav.other_language")}
                </a>
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label=t("footer.legal")>
                <ul class="nav">
                    <li><A href="/impressum">{t("page.imprint")}</A></li>
                    <li><A href="/datenschutz">{t("page.privacy")}</A></li>
                    <li><A href="/barrierefreiheit">{t("page.accessibility")}</A></li>
                </ul>
            </nav>
            <p>{t("footer.powered_by")}</p>
        </footer>
    }
}
