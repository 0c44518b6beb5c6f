//! The home page: what the portal is for, the consultations open now and the petitions
//! open for signing, side by side.
use crate::components::layout::PageHeading;
use crate::components::site::t;
use crate::petitions::api::open_petitions;
use crate::petitions::pages::PetitionCardView;
use crate::procedures::api::list_procedures;
use crate::procedures::types::ListFilter;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many of each the home page shows.
const SHOWN: usize = 3;

#[component]
pub fn Home() -> impl IntoView {
    let procedures = Resource::new_blocking(
        || (),
        |_| {
            list_procedures(ListFilter {
                status: "open".into(),
                order: "ends".into(),
                page: 1,
                ..Default::default()
            })
        },
    );
    let petitions = Resource::new_blocking(|| (), |_| open_petitions());
    view! {
        <PageHeading title=t("home.title") />
        <p class="lead">{t("home.lead")}</p>
        <p>
            <A href="/verfahren" attr:class="button">{t("home.cta_procedures")}</A>
            " "
            <A href="/petitionen" attr:class="button button--secondary">{t("home.cta_petitions")}</A>
        </p>
        <div class="home-columns">
            <section aria-labelledby="home-procedures">
                <h2 id="home-procedures">{t("home.open_procedures")}</h2>
                <Suspense>
                    {move || Suspend::new(async move {
                        let items = procedures.await.map(|l| l.items).unwrap_or_default();
                        if items.is_empty() {
                            return view! { <p>{t("home.none_procedures")}</p> }.into_any();
                        }
                        view! {
                            <ul class="cards">
                                {items.into_iter().take(SHOWN).map(|c| view! {
                                    <li>
                                        <article class="card">
                                            <h3><a href=c.path.clone()>{c.title}</a></h3>
                                            <p class="card__meta">{c.organization}</p>
                                            {c.phase.map(|p| view! { <p class="card__phase">{p}</p> })}
                                        </article>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    })}
                </Suspense>
            </section>
            <section aria-labelledby="home-petitions">
                <h2 id="home-petitions">{t("home.open_petitions")}</h2>
                <Suspense>
                    {move || Suspend::new(async move {
                        let items = petitions.await.unwrap_or_default();
                        if items.is_empty() {
                            return view! { <p>{t("home.none_petitions")}</p> }.into_any();
                        }
                        view! {
                            <ul class="cards">
                                {items.into_iter().take(SHOWN).map(|card| view! { <li><PetitionCardView card level=3 /></li> }).collect_view()}
                            </ul>
                        }.into_any()
                    })}
                </Suspense>
            </section>
        </div>
        <section aria-labelledby="home-how">
            <h2 id="home-how">{t("home.how")}</h2>
            <ul>
                <li>{t("home.how.read")}</li>
                <li>{t("home.how.comment")}</li>
                <li>{t("home.how.sign")}</li>
                <li>{t("home.how.informed")}</li>
            </ul>
            <p><A href="/registrieren">{t("home.cta_register")}</A></p>
        </section>
    }
}
