use crate::components::layout::PageHeading;
use crate::components::site::t;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <PageHeading title=t("home.title") />
        <p class="lead">{t("home.lead")}</p>
        <p><A href="/verfahren" attr:class="button">{t("home.cta_procedures")}</A></p>
        <section aria-labelledby="home-how">
            <h2 id="home-how">{t("home.how")}</h2>
            <ul>
                <li>{t("home.how.read")}</li>
                <li>{t("home.how.comment")}</li>
                <li>{t("home.how.informed")}</li>
            </ul>
            <p><A href="/registrieren">{t("home.cta_register")}</A></p>
        </section>
    }
}
