//! The pages of permit procedures: the public page with the objection form, the receipt
//! and its public check, and the staff's pages (create and manage, the register).
mod page;
mod receipt;
mod register;
mod staff;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn PermitRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/genehmigungen/quittung") view=receipt::ReceiptPage />
        <Route ssr=SsrMode::Async path=path!("/genehmigungen/quittung-pruefen") view=receipt::CheckReceipt />
        <Route ssr=SsrMode::Async path=path!("/genehmigungen/:id") view=page::PermitPage />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/genehmigungen/neu") view=staff::NewPermit />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/genehmigungen/:id") view=staff::ManagePermit />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/genehmigungen/:id/einwendungen") view=register::RegisterPage />
    }
    .into_inner()
}
