use crate::components::layout::PageHeading;
use crate::components::site::t;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The tenant's legal pages (Impressum, Datenschutz, Barrierefreiheit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LegalPage {
    Imprint,
    Privacy,
    Accessibility,
}

#[server(endpoint = "legal", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_legal_text(page: LegalPage) -> Result<String, ServerFnError> {
    let req = crate::request::request().await?;
    Ok(match page {
        LegalPage::Imprint => req.tenant.imprint.clone(),
        LegalPage::Privacy => req.tenant.privacy.clone(),
        LegalPage::Accessibility => req.tenant.accessibility.clone(),
    })
}

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
