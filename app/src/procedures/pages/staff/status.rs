//! The confirmation step of a manual lifecycle step: what it does, then one button.
use super::manage::step_key;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::domain::Status;
use crate::procedures::api::staff::{ChangeStatus, load_status_change};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

fn explanation_key(to: Status) -> &'static str {
    match to {
        Status::Announced => "staff.step.announced.text",
        Status::Concluded => "staff.step.concluded.text",
        _ => "staff.step.archived.text",
    }
}

#[component]
pub fn ConfirmStatus() -> impl IntoView {
    let site = use_site();
    let params = use_params_map();
    let change = Resource::new_blocking(
        move || {
            let p = params.read();
            (
                p.get("id").unwrap_or_default(),
                p.get("ziel").unwrap_or_default(),
            )
        },
        |(id, target)| load_status_change(id, target),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let c = match change.await {
                    Ok(c) => c,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                let form = FormState::new("status-confirm", site.get_untracked().flash);
                let back = c.back.clone();
                view! {
                    <PageHeading title=t(step_key(c.to)) />
                    <p>{lang.tf("staff.step.procedure", &[("title", &c.title), ("from", t(c.from.label_key()))])}</p>
                    <p>{t(explanation_key(c.to))}</p>
                    {match c.blocked_by.clone() {
                        Some(key) => view! { <p class="form-error" role="alert">{t(&key)}</p> }.into_any(),
                        None => view! {
                            <PostForm action=ChangeStatus::PATH>
                                <FormMessages form />
                                <input type="hidden" name="id" value=c.procedure_id.clone() />
                                <input type="hidden" name="target" value=c.to.as_str() />
                                <SubmitButton label="staff.step.confirm" />
                            </PostForm>
                        }.into_any(),
                    }}
                    <p><A href=back>{t("staff.step.cancel")}</A></p>
                }.into_any()
            })}
        </Suspense>
    }
}
