use crate::components::confirm_link::ConfirmByLink;
use crate::petitions::api::ConfirmSignature as Confirm;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The page behind the link in the confirmation mail of a co-signature.
#[component]
pub fn ConfirmSignature() -> impl IntoView {
    view! {
        <ConfirmByLink
            action=Confirm::PATH
            form="signature-confirm"
            title="page.signature_confirm"
            intro="signature.confirm.intro"
            submit="signature.confirm.submit"
        />
    }
}
