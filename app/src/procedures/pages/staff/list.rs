//! The procedures of one's organizations, and the form for a new one.
use super::fields::ProcedureFields;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use crate::procedures::api::staff::{CreateProcedure, list_staff_procedures};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

#[component]
pub fn StaffProcedureList() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| list_staff_procedures());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                view! {
                    <PageHeading title=t("page.staff_procedures") />
                    {(!list.organizations.is_empty()).then(|| view! {
                        <p>
                            <A href="/verwaltung/verfahren/neu" attr:class="button">{t("staff.new")}</A>
                            " " <A href="/verwaltung/genehmigungen/neu" attr:class="button button--secondary">{t("staff.new_permit")}</A>
                        </p>
                    })}
                    {if list.items.is_empty() {
                        view! { <p>{t("staff.none")}</p> }.into_any()
                    } else {
                        view! {
                            <table>
                                <caption>{t("staff.list.caption")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("staff.field.title")}</th>
                                    <th scope="col">{t("staff.field.organization")}</th>
                                    <th scope="col">{t("staff.list.status")}</th>
                                    <th scope="col">{t("staff.list.comments")}</th>
                                    <th scope="col">{t("staff.list.waiting")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|p| view! {
                                        <tr>
                                            <td><A href=p.path.clone()>{p.title}</A></td>
                                            <td>{p.organization}</td>
                                            <td>{t(p.status.label_key())}</td>
                                            <td>{p.comment_count}</td>
                                            <td>{p.waiting_count}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn NewProcedure() -> impl IntoView {
    let site = use_site();
    let list = Resource::new_blocking(|| (), |_| list_staff_procedures());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let form = FormState::new("procedure-create", site.get_untracked().flash);
                view! {
                    <PageHeading title=t("page.new_procedure") />
                    <p>{t("page.new_procedure.intro")}</p>
                    <PostForm action=CreateProcedure::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <ProcedureFields form=form.clone() organizations=list.organizations />
                        <SubmitButton label="staff.create.submit" />
                    </PostForm>
                }.into_any()
            })}
        </Suspense>
    }
}
