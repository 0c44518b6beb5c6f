use crate::api::accounts::VerifyEmail as VerifyEmailFn;
use crate::components::form::{FormMessages, FormState, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The link in the mail opens this page; the button confirms. (Mail scanners follow
/// links with GET; a POST is only sent by a person.)
#[component]
pub fn VerifyEmail() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let action = ServerAction::<VerifyEmailFn>::new();
    view! {
        <PageHeading title=t("page.verify") />
        <p>{t("page.verify.intro")}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                let form = FormState::new("verify-email", action.value().into(), flash);
                let token = query.read_untracked().get("token").unwrap_or_default();
                view! {
                    <ActionForm action=action>
                        <FormMessages form=form.clone() />
                        <input type="hidden" name="token" value=token />
                        <SubmitButton label="form.verify.submit" />
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}
