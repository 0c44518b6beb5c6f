//! The pages of petitions: the list, one petition (with signing, news, response and
//! debate), writing one's own, confirming a signature, the moderators' review, and the
//! staff's pages (their petitions, one petition, the addressees).
mod confirm;
mod list;
mod page;
mod progress;
mod review;
mod staff;
mod write;

pub use list::{PetitionCardView, PetitionList};

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn PetitionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/petitionen") view=PetitionList />
        <Route ssr=SsrMode::Async path=path!("/petitionen/neu") view=write::NewPetition />
        <Route ssr=SsrMode::Async path=path!("/petitionen/meine") view=write::MyPetitions />
        <Route ssr=SsrMode::Async path=path!("/petitionen/bestaetigen") view=confirm::ConfirmSignature />
        <Route ssr=SsrMode::Async path=path!("/petitionen/:id") view=page::PetitionPage />
        <Route ssr=SsrMode::Async path=path!("/petitionen/:id/bearbeiten") view=write::EditPetition />
        <Route ssr=SsrMode::Async path=path!("/moderation/petitionen") view=review::PetitionReview />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/petitionen") view=staff::StaffPetitions />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/petitionen/adressaten") view=staff::Addressees />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/petitionen/:id") view=staff::StaffPetitionPage />
    }
    .into_inner()
}
