//! Page links for lists counted on the server. Plain links: they work without
//! JavaScript, and the router follows them in place with it.
use super::site::{t, use_lang};
use leptos::prelude::*;

/// `href(page)` builds the address of a page; nothing is shown for a single page.
#[component]
pub fn Pagination(page: u32, pages: u32, href: impl Fn(u32) -> String + 'static) -> impl IntoView {
    (pages > 1).then(|| {
        let lang = use_lang();
        view! {
            <nav class="pagination" aria-label=t("pagination.label")>
                {(page > 1).then(|| view! { <a href=href(page - 1) rel="prev">{t("pagination.previous")}</a> })}
                <span>{lang.tf("pagination.position", &[("page", &page.to_string()), ("pages", &pages.to_string())])}</span>
                {(page < pages).then(|| view! { <a href=href(page + 1) rel="next">{t("pagination.next")}</a> })}
            </nav>
        }
    })
}

/// A value for an address's query string.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
