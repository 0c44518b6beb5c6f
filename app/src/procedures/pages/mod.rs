//! The pages of procedures: the public list, and the staff pages.
mod list;
pub mod staff;

pub use list::ProcedureList;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn ProcedureRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/verfahren") view=ProcedureList />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/verfahren") view=staff::StaffProcedureList />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/verfahren/neu") view=staff::NewProcedure />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/verfahren/:id") view=staff::ManageProcedure />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/verfahren/:id/status/:ziel") view=staff::ConfirmStatus />
    }
    .into_inner()
}
