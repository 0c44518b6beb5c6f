//! The moderation queue and the reasons moderators pick from; the threads of comments
//! and the author's fields that every page with contributions shows.
pub mod author;
pub mod moderation;
pub mod threads;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn ContributionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/moderation") view=moderation::ModerationQueue />
        <Route ssr=SsrMode::Async path=path!("/moderation/gruende") view=moderation::ModerationReasons />
    }
    .into_inner()
}
