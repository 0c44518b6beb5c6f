//! The audit log for tenant admins: who did what, when and why, filtered.
use crate::admin::api::audit_log;
use crate::admin::types::{AuditFilter, AuditPage};
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::layout::PageHeading;
use crate::components::pagination::{Pagination, urlencode};
use crate::components::site::{t, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn href(f: &AuditFilter, page: u32) -> String {
    let mut parts = vec![];
    for (k, v) in [
        ("aktion", &f.action),
        ("person", &f.actor),
        ("text", &f.text),
        ("von", &f.from),
        ("bis", &f.to),
    ] {
        if !v.is_empty() {
            parts.push(format!("{k}={}", urlencode(v)));
        }
    }
    parts.push(format!("seite={page}"));
    format!("/verwaltung/protokoll?{}", parts.join("&"))
}

#[component]
pub fn AuditLog() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        AuditFilter {
            action: q.get("aktion").unwrap_or_default(),
            actor: q.get("person").unwrap_or_default(),
            text: q.get("text").unwrap_or_default(),
            from: q.get("von").unwrap_or_default(),
            to: q.get("bis").unwrap_or_default(),
            page: q.get("seite").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    };
    let log = Resource::new_blocking(filter, audit_log);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(page) => view! { <Log page /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Log(page: AuditPage) -> impl IntoView {
    let lang = use_lang();
    let f = page.filter.clone();
    let filter = page.filter.clone();
    view! {
        <PageHeading title=t("page.audit") />
        <p>{t("page.audit.intro")}</p>
        <form method="get" action="/verwaltung/protokoll" class="filters" role="search" aria-label=t("audit.filter")>
            <div class="field">
                <label for="audit-aktion">{t("audit.action")}</label>
                <select id="audit-aktion" name="aktion">
                    <option value="">{t("procedures.filter.all")}</option>
                    {page.actions.iter().map(|a| {
                        let is = *a == f.action;
                        view! { <option value=a.clone() selected=is>{a.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="audit-person">{t("audit.actor")}</label>
                <input id="audit-person" name="person" value=f.actor.clone() />
            </div>
            <div class="field">
                <label for="audit-text">{t("audit.text")}</label>
                <input id="audit-text" name="text" value=f.text.clone() />
            </div>
            <div class="field">
                <label for="audit-von">{t("audit.from")}</label>
                <input id="audit-von" name="von" type="date" value=f.from.clone() />
            </div>
            <div class="field">
                <label for="audit-bis">{t("audit.to")}</label>
                <input id="audit-bis" name="bis" type="date" value=f.to.clone() />
            </div>
            <button type="submit" class="button">{t("procedures.filter.submit")}</button>
        </form>
        <p role="status" class="result-count">{lang.tf("audit.count", &[("n", &page.total.to_string())])}</p>
        <table>
            <caption>{t("page.audit")}</caption>
            <thead><tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.subject")}</th>
                <th scope="col">{t("audit.detail")}</th>
            </tr></thead>
            <tbody>
                {page.entries.into_iter().map(|e| view! {
                    <tr>
                        <td>{e.date}</td>
                        <td>{if e.actor.is_empty() { t("audit.system").to_string() } else { e.actor }}</td>
                        <td><code>{e.action}</code></td>
                        <td class="small">{e.subject}</td>
                        <td>{e.detail}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pagination page=page.page pages=page.pages href=move |p| href(&filter, p) />
    }
}
