use crate::account::api::Register;
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn Register() -> impl IntoView {
    let site = use_site();
    view! {
        <PageHeading title=t("page.register") />
        <p>{t("page.register.intro")}</p>
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                let form = FormState::new("register", flash);
                view! {
                    <PostForm action=Register::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <Field form=form.clone() name="email" label="form.email" kind="email" autocomplete="email" required=true />
                        <Field form=form.clone() name="name" label="form.name" hint="form.name.hint" autocomplete="name" required=true />
                        <Field form=form.clone() name="password" label="form.password" kind="password" hint="form.password.hint" autocomplete="new-password" required=true />
                        <SubmitButton label="form.register.submit" />
                    </PostForm>
                }
            })}
        </Suspense>
        <p>{t("page.register.have_account")} " " <A href="/anmelden">{t("nav.login")}</A></p>
    }
}
