//! Undeliverable mails of the tenant, for tenant admins: what failed, why, and a
//! button to queue it again once the cause is fixed.
use crate::admin::api::{ResendMail, dead_mails};
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{FormMessages, FormState, PostForm};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn DeadMails() -> impl IntoView {
    let site = use_site();
    let mails = Resource::new_blocking(|| (), |_| dead_mails());
    // The heading is part of each outcome: an error page brings its own h1.
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let mails = match mails.await {
                    Ok(m) => m,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let form = FormState::new("admin-resend-mail", site.get_untracked().flash);
                let heading = view! {
                    <PageHeading title=t("page.dead_mails") />
                    <p>{t("page.dead_mails.intro")}</p>
                };
                if mails.is_empty() {
                    return view! { {heading} <FormMessages form=form /> <p role="status">{t("admin.dead_mails.none")}</p> }.into_any();
                }
                view! {
                    {heading}
                    <FormMessages form=form />
                    <table>
                        <caption>{t("admin.dead_mails")}</caption>
                        <thead><tr>
                            <th scope="col">{t("admin.dead_mails.created")}</th>
                            <th scope="col">{t("admin.dead_mails.recipient")}</th>
                            <th scope="col">{t("admin.dead_mails.kind")}</th>
                            <th scope="col">{t("admin.dead_mails.error")}</th>
                            <th scope="col"><span class="visually-hidden">{t("admin.dead_mails.action")}</span></th>
                        </tr></thead>
                        <tbody>
                            {mails.into_iter().map(|m| view! {
                                <tr>
                                    <td>{m.created_at}</td>
                                    <td>{m.recipient.clone()}</td>
                                    <td>{m.template}</td>
                                    <td>{m.last_error} " (" {m.attempts} ")"</td>
                                    <td>
                                        <PostForm action=ResendMail::PATH class="inline-form">
                                            <input type="hidden" name="id" value=m.id.to_string() />
                                            <button type="submit" class="link-button">
                                                {t("admin.dead_mails.resend")}
                                                <span class="visually-hidden">": " {m.recipient}</span>
                                            </button>
                                        </PostForm>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}
