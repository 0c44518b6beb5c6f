use crate::account::api::VerifyEmail as VerifyEmailFn;
use crate::components::confirm_link::ConfirmByLink;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The link in the verification mail opens this page; the button confirms.
#[component]
pub fn VerifyEmail() -> impl IntoView {
    view! {
        <ConfirmByLink
            action=VerifyEmailFn::PATH
            form="verify-email"
            title="page.verify"
            intro="page.verify.intro"
            submit="form.verify.submit"
        />
    }
}
