use crate::account::api::Login;
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn Login() -> impl IntoView {
    let site = use_site();
    view! {
        <PageHeading title=t("page.login") />
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                let form = FormState::new("login", flash);
                view! {
                    <PostForm action=Login::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <Field form=form.clone() name="email" label="form.email" kind="email" autocomplete="username" required=true />
                        <Field form=form.clone() name="password" label="form.password" kind="password" autocomplete="current-password" required=true />
                        <SubmitButton label="form.login.submit" />
                    </PostForm>
                }
            })}
        </Suspense>
        <p><A href="/passwort-vergessen">{t("page.forgot_password")}</A></p>
        <p>{t("page.login.no_account")} " " <A href="/registrieren">{t("nav.register")}</A></p>
    }
}
