use crate::account::api::{ChangePassword, DeleteAccount, ResendVerification};
use crate::components::form::{Field, FormMessages, FormState, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Account() -> impl IntoView {
    let site = use_site();
    let change = ServerAction::<ChangePassword>::new();
    let delete = ServerAction::<DeleteAccount>::new();
    let resend = ServerAction::<ResendVerification>::new();
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
                let change_form = FormState::new("change-password", change.value().into(), flash.clone());
                let delete_form = FormState::new("delete-account", delete.value().into(), flash.clone());
                let resend_form = FormState::new("resend-verification", resend.value().into(), flash);
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
                            <ActionForm action=resend>
                                <FormMessages form=resend_form />
                                <SubmitButton label="account.resend_verification" />
                            </ActionForm>
                        })}
                        <p><a href="/konto/daten.json" rel="external" download="meine-daten.json">{t("account.download")}</a></p>
                    </section>
                    <section aria-labelledby="account-password">
                        <h2 id="account-password">{t("account.change_password")}</h2>
                        <ActionForm action=change attr:novalidate=true>
                            <FormMessages form=change_form.clone() />
                            <Field form=change_form.clone() name="current_password" label="form.current_password" kind="password" autocomplete="current-password" required=true />
                            <Field form=change_form.clone() name="new_password" label="form.new_password" kind="password" hint="form.password.hint" autocomplete="new-password" required=true />
                            <SubmitButton label="account.change_password.submit" />
                        </ActionForm>
                    </section>
                    <section aria-labelledby="account-delete">
                        <h2 id="account-delete">{t("account.delete")}</h2>
                        <p>{t("account.delete.warning")}</p>
                        <ActionForm action=delete attr:novalidate=true>
                            <FormMessages form=delete_form.clone() />
                            <Field form=delete_form.clone() name="password" label="form.confirm_password" kind="password" autocomplete="current-password" required=true />
                            <SubmitButton label="account.delete.submit" class="button button--danger" />
                        </ActionForm>
                    </section>
                }.into_any()
            }}
    }
}
