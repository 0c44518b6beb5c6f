//! The staff overview, invitations, undeliverable mails and the audit log.
pub mod audit;
pub mod invitation;
pub mod mails;
pub mod overview;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/verwaltung") view=overview::Admin />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/e-mails") view=mails::DeadMails />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/protokoll") view=audit::AuditLog />
        <Route ssr=SsrMode::Async path=path!("/einladung") view=invitation::Invitation />
    }
    .into_inner()
}
