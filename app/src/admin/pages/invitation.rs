use crate::admin::api::{AcceptInvitation, invitation_details};
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// Where the invitation link leads: join the organization with a new or existing account.
#[component]
pub fn Invitation() -> impl IntoView {
    let site = use_site();
    let lang = use_lang();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let details = Resource::new_blocking(token, invitation_details);
    view! {
        <PageHeading title=t("page.invitation") />
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                match details.await {
                    Ok(Ok(inv)) => {
                        let form = FormState::new("accept-invitation", flash);
                        let intro = lang.tf("page.invitation.intro", &[("organization", &inv.organization), ("role", lang.t(inv.role.label_key())), ("email", &inv.email)]);
                        view! {
                            <p>{intro}</p>
                            <PostForm action=AcceptInvitation::PATH novalidate=true>
                                <FormMessages form=form.clone() />
                                <input type="hidden" name="token" value=token() />
                                {if inv.has_account {
                                    view! {
                                        <input type="hidden" name="name" value="" />
                                        <Field form=form.clone() name="password" label="form.password" kind="password" hint="page.invitation.existing" autocomplete="current-password" required=true />
                                    }.into_any()
                                } else {
                                    view! {
                                        <Field form=form.clone() name="name" label="form.name" autocomplete="name" required=true />
                                        <Field form=form.clone() name="password" label="form.password" kind="password" hint="form.password.hint" autocomplete="new-password" required=true />
                                    }.into_any()
                                }}
                                <SubmitButton label="page.invitation.submit" />
                            </PostForm>
                        }.into_any()
                    }
                    Ok(Err(key)) => view! { <p class="form-error" role="alert">{t(&key)}</p> }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{t(&crate::components::error_page::error_key(&e))}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
