//! The pages of an account.
pub mod account;
pub mod login;
pub mod password;
pub mod register;
pub mod verify;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn AccountRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/registrieren") view=register::Register />
        <Route ssr=SsrMode::Async path=path!("/anmelden") view=login::Login />
        <Route ssr=SsrMode::Async path=path!("/passwort-vergessen") view=password::ForgotPassword />
        <Route ssr=SsrMode::Async path=path!("/passwort-zuruecksetzen") view=password::ResetPassword />
        <Route ssr=SsrMode::Async path=path!("/konto") view=account::Account />
        <Route ssr=SsrMode::Async path=path!("/konto/bestaetigen") view=verify::VerifyEmail />
    }
    .into_inner()
}
