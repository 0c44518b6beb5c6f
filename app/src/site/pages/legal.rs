use crate::components::layout::PageHeading;
use crate::components::site::t;
use crate::site::{LegalPage, get_legal_text};
use leptos::prelude::*;

/// A legal page: the tenant's own text, paragraphs split at blank lines, as plain text.
#[component]
fn LegalText(page: LegalPage, title: &'static str) -> impl IntoView {
    let text = Resource::new_blocking(|| (), move |_| get_legal_text(page));
    view! {
        <PageHeading title=t(title) />
        <Suspense>
            {move || Suspend::new(async move {
                text.await
                    .unwrap_or_default()
                    .split("\n\n")
                    .map(|p| view! { <p>{p.to_string()}</p> })
                    .collect_view()
            })}
        </Suspense>
    }
}

#[component]
pub fn Imprint() -> impl IntoView {
    view! { <LegalText page=LegalPage::Imprint title="page.imprint" /> }
}

#[component]
pub fn Privacy() -> impl IntoView {
    view! { <LegalText page=LegalPage::Privacy title="page.privacy" /> }
}

#[component]
pub fn Accessibility() -> impl IntoView {
    view! { <LegalText page=LegalPage::Accessibility title="page.accessibility" /> }
}
