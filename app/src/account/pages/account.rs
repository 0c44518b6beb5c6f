use crate::account::api::{ChangePassword, DeleteAccount, ResendVerification};
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn Account() -> impl IntoView {
    let site = use_site();
    view! {
        <PageHeading title=t("page.account") />
        {move || {
                let ctx = Some(site.get());
                let flash = ctx.as_ref().and_then(|c| c.flash.clone());
                let Some(user) = ctx.and_then(|c| c.user) else {
                    return view! {
                        <p>{t("notice.login_required")}</p>
                        <p><A href="/anmelden">{t("nav.login")}</A></p>
                    }.into_any();
                };
                let change_form = FormState::new("change-password", flash.clone());
                let delete_form = FormState::new("delete-account", flash.clone());
                let resend_form = FormState::new("resend-verification", flash);
                view! {
                    <section aria-labelledby="account-data">
                        <h2 id="account-data">{t("account.data")}</h2>
                        <dl class="facts">
                            <dt>{t("form.name")}</dt><dd>{user.display_name.clone()}</dd>
                            <dt>{t("form.email")}</dt><dd>{user.email.clone()}</dd>
                            <dt>{t("account.email_status")}</dt>
                            <dd>{if user.email_verified { t("account.verified") } else { t("account.not_verified") }}</dd>
                        </dl>
                        {(!user.email_verified).then(|| view! {
                            <PostForm action=ResendVerification::PATH>
                                <FormMessages form=resend_form />
                                <SubmitButton label="account.resend_verification" />
                            </PostForm>
                        })}
                        <p><a href="/konto/daten.json" rel="external" download="meine-daten.json">{t("account.download")}</a></p>
                    </section>
                    <section aria-labelledby="account-password">
                        <h2 id="account-password">{t("account.change_password")}</h2>
                        <PostForm action=ChangePassword::PATH novalidate=true>
                            <FormMessages form=change_form.clone() />
                            <Field form=change_form.clone() name="current_password" label="form.current_password" kind="password" autocomplete="current-password" required=true />
                            <Field form=change_form.clone() name="new_password" label="form.new_password" kind="password" hint="form.password.hint" autocomplete="new-password" required=true />
                            <SubmitButton label="account.change_password.submit" />
                        </PostForm>
                    </section>
                    <section aria-labelledby="account-delete">
                        <h2 id="account-delete">{t("account.delete")}</h2>
                        <p>{t("account.delete.warning")}</p>
                        <PostForm action=DeleteAccount::PATH novalidate=true>
                            <FormMessages form=delete_form.clone() />
                            <Field form=delete_form.clone() name="password" label="form.confirm_password" kind="password" autocomplete="current-password" required=true />
                            <SubmitButton label="account.delete.submit" class="button button--danger" />
                        </PostForm>
                    </section>
                }.into_any()
            }}
    }
}
