//! The public list of petitions: open, closed, answered; filters by addressee, category
//! and region; search; newest, close to the quorum, ends soon. Petitions in review are
//! only counted.
use super::progress::QuorumProgress;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::layout::PageHeading;
use crate::components::pagination::{Pagination, urlencode};
use crate::components::site::{t, use_lang, use_site};
use crate::domain::scope::TOPICS;
use crate::petitions::api::list_petitions;
use crate::petitions::types::{PetitionCard, PetitionFilter, PetitionList as List};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// The filter's address: `/petitionen?suche=…&status=…&adressat=…&kategorie=…&region=…&sortierung=…&seite=…`.
fn href(f: &PetitionFilter, page: u32) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("suche", f.q.as_str()),
        ("status", f.status.as_str()),
        ("adressat", f.addressee.as_str()),
        ("kategorie", f.category.as_str()),
        ("region", f.region.as_str()),
        ("sortierung", f.order.as_str()),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", urlencode(v)));
        }
    }
    if page > 1 {
        parts.push(format!("seite={page}"));
    }
    if parts.is_empty() {
        "/petitionen".into()
    } else {
        format!("/petitionen?{}", parts.join("&"))
    }
}

#[component]
fn FilterSelect(
    name: &'static str,
    label: &'static str,
    /// The label of the empty choice.
    all: &'static str,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name>
                <option value="">{t(all)}</option>
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn PetitionList() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        PetitionFilter {
            q: q.get("suche").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            addressee: q.get("adressat").unwrap_or_default(),
            category: q.get("kategorie").unwrap_or_default(),
            region: q.get("region").unwrap_or_default(),
            order: q.get("sortierung").unwrap_or_default(),
            page: q.get("seite").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let list = Resource::new_blocking(filter, list_petitions);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => view! { <Listing list /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Listing(list: List) -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let signed_in = site.get_untracked().user.is_some();
    let f = list.filter.clone();
    let statuses: Vec<(String, String)> = [
        ("closed", "petitions.filter.closed"),
        ("answered", "petitions.filter.answered"),
        ("all", "petitions.filter.all_public"),
    ]
    .iter()
    .map(|(v, k)| (v.to_string(), t(k).to_string()))
    .collect();
    let categories: Vec<(String, String)> = TOPICS
        .iter()
        .map(|s| (s.to_string(), t(&format!("topic.{s}")).to_string()))
        .collect();
    let filter = list.filter.clone();
    view! {
        <PageHeading title=t("page.petitions") />
        <p>{t("page.petitions.intro")}</p>
        <p>
            <A href="/petitionen/neu" attr:class="button">{t("petitions.start")}</A>
            {signed_in.then(|| view! { " " <A href="/petitionen/meine">{t("petitions.mine")}</A> })}
        </p>
        <form method="get" action="/petitionen" class="filters" role="search" aria-label=t("petitions.filter.label")>
            <div class="field">
                <label for="filter-suche">{t("petitions.filter.search")}</label>
                <input id="filter-suche" type="search" name="suche" value=f.q.clone() />
            </div>
            <FilterSelect name="status" label="petitions.filter.status" all="petitions.filter.open" options=statuses selected=f.status.clone() />
            <FilterSelect name="adressat" label="petitions.filter.addressee" all="petitions.filter.any" options=list.addressees.clone() selected=f.addressee.clone() />
            <FilterSelect name="kategorie" label="petitions.filter.category" all="petitions.filter.any" options=categories selected=f.category.clone() />
            <div class="field">
                <label for="filter-region">{t("petitions.filter.region")}</label>
                <input id="filter-region" type="text" name="region" value=f.region.clone() />
            </div>
            <div class="field">
                <label for="filter-sortierung">{t("petitions.filter.order")}</label>
                <select id="filter-sortierung" name="sortierung">
                    <option value="" selected=f.order.is_empty()>{t("petitions.order.newest")}</option>
                    <option value="quorum" selected=f.order == "quorum">{t("petitions.order.quorum")}</option>
                    <option value="ends" selected=f.order == "ends">{t("petitions.order.ends")}</option>
                </select>
            </div>
            <button type="submit" class="button">{t("petitions.filter.submit")}</button>
        </form>
        <p role="status" class="result-count">
            {lang.tf("petitions.count", &[("n", &list.total.to_string())])}
            " " {lang.tf("petitions.in_review", &[("n", &list.in_review.to_string())])}
        </p>
        {if list.items.is_empty() {
            view! { <p>{t("petitions.none")}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {list.items.into_iter().map(|card| view! { <li><PetitionCardView card level=2 /></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination page=list.page pages=list.pages href=move |p| href(&filter, p) />
    }
}

/// One petition in a list (the petitions page, the home page).
#[component]
pub fn PetitionCardView(
    card: PetitionCard,
    /// The heading level of its title (2 on the list, 3 under a section of the home page).
    level: u8,
) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("petition-{}", card.id);
    let labelled_by = heading_id.clone();
    let link = view! { <a href=format!("/petitionen/{}", card.id)>{card.title.clone()}</a> };
    let heading = if level <= 2 {
        view! { <h2 id=heading_id>{link}</h2> }.into_any()
    } else {
        view! { <h3 id=heading_id>{link}</h3> }.into_any()
    };
    view! {
        <article class="card" aria-labelledby=labelled_by>
            {heading}
            <p class="card__meta">
                <span class=format!("badge badge--{}", card.status.as_str())>{t(card.status.label_key())}</span>
                " " {lang.tf("petition.to", &[("addressee", &card.addressee)])}
            </p>
            <QuorumProgress id=format!("fortschritt-{}", card.id) count=card.count quorum=card.quorum progress=card.progress />
            {card.time_left.map(|left| view! { <p class="card__phase">{lang.tf("petition.time_left", &[("left", &left)])}</p> })}
            <p class="card__meta">
                {t(&card.category)}
                {(!card.region.is_empty()).then(|| view! { " · " {card.region.clone()} })}
                " · " {card.reference.clone()}
            </p>
        </article>
    }
}
