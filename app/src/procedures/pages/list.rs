use crate::components::error_page::{ErrorPage, error_key};
use crate::components::layout::PageHeading;
use crate::components::pagination::{Pagination, urlencode};
use crate::components::site::{t, use_lang};
use crate::domain::scope::TOPICS;
use crate::procedures::api::list_procedures;
use crate::procedures::types::{ListFilter, ProcedureCard, ProcedureList as List};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The filter's address: `/verfahren?suche=…&status=…&behoerde=…&thema=…&sortierung=…&seite=…`.
fn href(f: &ListFilter, page: u32) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("suche", f.q.as_str()),
        ("status", f.status.as_str()),
        ("behoerde", f.organization.as_str()),
        ("thema", f.topic.as_str()),
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
        "/verfahren".into()
    } else {
        format!("/verfahren?{}", parts.join("&"))
    }
}

/// A select for the filter form, with "all" first.
#[component]
fn FilterSelect(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{t(label)}</label>
            <select id=id name=name>
                <option value="">{t("procedures.filter.all")}</option>
                {options.into_iter().map(|(value, text)| {
                    let is = value == selected;
                    view! { <option value=value selected=is>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn ProcedureList() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        ListFilter {
            q: q.get("suche").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            organization: q.get("behoerde").unwrap_or_default(),
            topic: q.get("thema").unwrap_or_default(),
            order: q.get("sortierung").unwrap_or_default(),
            page: q.get("seite").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let list = Resource::new_blocking(filter, list_procedures);
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
    let f = list.filter.clone();
    let statuses: Vec<(String, String)> = [
        ("upcoming", "procedures.filter.upcoming"),
        ("open", "procedures.filter.open"),
        ("evaluation", "procedures.filter.evaluation"),
        ("concluded", "procedures.filter.concluded"),
    ]
    .iter()
    .map(|(v, k)| (v.to_string(), t(k).to_string()))
    .collect();
    let topics: Vec<(String, String)> = TOPICS
        .iter()
        .map(|s| (s.to_string(), t(&format!("topic.{s}")).to_string()))
        .collect();
    let filter = list.filter.clone();
    view! {
        <PageHeading title=t("page.procedures") />
        <p>{t("page.procedures.intro")}</p>
        <form method="get" action="/verfahren" class="filters" role="search" aria-label=t("procedures.filter.label")>
            <div class="field">
                <label for="filter-suche">{t("procedures.filter.search")}</label>
                <input id="filter-suche" type="search" name="suche" value=f.q.clone() />
            </div>
            <FilterSelect name="status" label="procedures.filter.status" options=statuses selected=f.status.clone() />
            <FilterSelect name="behoerde" label="procedures.filter.organization" options=list.organizations.clone() selected=f.organization.clone() />
            <FilterSelect name="thema" label="procedures.filter.topic" options=topics selected=f.topic.clone() />
            <div class="field">
                <label for="filter-sortierung">{t("procedures.filter.order")}</label>
                <select id="filter-sortierung" name="sortierung">
                    <option value="" selected=f.order.is_empty()>{t("procedures.order.newest")}</option>
                    <option value="ends" selected=f.order == "ends">{t("procedures.order.ends")}</option>
                </select>
            </div>
            <button type="submit" class="button">{t("procedures.filter.submit")}</button>
        </form>
        <p role="status" class="result-count">{lang.tf("procedures.count", &[("n", &list.total.to_string())])}</p>
        {if list.items.is_empty() {
            view! { <p>{t("procedures.none")}</p> }.into_any()
        } else {
            view! {
                <ul class="cards">
                    {list.items.into_iter().map(|card| view! { <li><Card card /></li> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Pagination page=list.page pages=list.pages href=move |p| href(&filter, p) />
    }
}

#[component]
fn Card(card: ProcedureCard) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("card-{}", card.id);
    let labelled_by = heading_id.clone();
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id><a href=card.path.clone()>{card.title}</a></h2>
            <p class="card__meta">
                <span class=format!("badge badge--{}", card.status.as_str())>{t(card.status.label_key())}</span>
                " " {card.organization}
            </p>
            <p>{card.summary}</p>
            {card.phase.map(|p| view! { <p class="card__phase">{p}</p> })}
            <p class="card__meta">
                {lang.tf("procedures.comments", &[("n", &card.comment_count.to_string())])}
                {(!card.topics.is_empty()).then(|| {
                    let names: Vec<&str> = card.topics.iter().map(|k| t(k)).collect();
                    view! { " · " {names.join(", ")} }
                })}
            </p>
        </article>
    }
}
