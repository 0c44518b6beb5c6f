use crate::account::api::{
    RequestPasswordReset, ResetPassword as ResetPasswordFn, reset_link_status,
};
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgotPassword() -> impl IntoView {
    let site = use_site();
    view! {
        <PageHeading title=t("page.forgot_password") />
        <p>{t("page.forgot_password.intro")}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                let form = FormState::new("request-reset", flash);
                view! {
                    <PostForm action=RequestPasswordReset::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <Field form=form.clone() name="email" label="form.email" kind="email" autocomplete="email" required=true />
                        <SubmitButton label="form.forgot.submit" />
                    </PostForm>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn ResetPassword() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let status = Resource::new_blocking(token, reset_link_status);
    view! {
        <PageHeading title=t("page.reset_password") />
        <Suspense>
            {move || Suspend::new(async move {
                let problem = status.await;
                let flash = site.get_untracked().flash;
                match problem {
                    Ok(None) => {
                        let form = FormState::new("reset-password", flash);
                        view! {
                            <PostForm action=ResetPasswordFn::PATH novalidate=true>
                                <FormMessages form=form.clone() />
                                <input type="hidden" name="token" value=token() />
                                <Field form=form.clone() name="password" label="form.new_password" kind="password" hint="form.password.hint" autocomplete="new-password" required=true />
                                <SubmitButton label="form.reset.submit" />
                            </PostForm>
                        }.into_any()
                    }
                    Ok(Some(key)) => view! {
                        <p class="form-error" role="alert">{t(&key)}</p>
                        <p><A href="/passwort-vergessen">{t("page.reset_password.again")}</A></p>
                    }.into_any(),
                    Err(e) => view! { <p class="form-error" role="alert">{t(&crate::components::error_page::error_key(&e))}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}
