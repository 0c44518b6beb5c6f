use crate::admin::api::{CreateOrganization, InviteStaff, admin_overview};
use crate::admin::types::OrganizationView;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{Field, FormMessages, FormState, PostForm, SubmitButton};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use crate::domain::Role;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

/// Staff page: the organizations one works for with their members; for a tenant admin
/// also the forms to create organizations and invite staff.
#[component]
pub fn Admin() -> impl IntoView {
    let site = use_site();
    let overview = Resource::new_blocking(|| (), |_| admin_overview());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let flash = site.get_untracked().flash;
                let overview = match overview.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let create_form = FormState::new("create-organization", flash.clone());
                let invite_form = FormState::new("invite-staff", flash);
                let orgs = overview.organizations.clone();
                view! {
                    <PageHeading title=t("page.admin") />
                    <ul class="links">
                        <li><A href="/verwaltung/verfahren">{t("admin.procedures.link")}</A></li>
                        <li><A href="/verwaltung/petitionen">{t("admin.petitions.link")}</A></li>
                        {overview.is_tenant_admin.then(|| view! { <li><A href="/verwaltung/petitionen/adressaten">{t("admin.addressees.link")}</A></li> })}
                        {overview.is_tenant_admin.then(|| view! { <li><A href="/verwaltung/protokoll">{t("admin.audit.link")}</A></li> })}
                    </ul>
                    {overview.organizations.into_iter().map(|org| view! { <Organization org /> }).collect_view()}
                    {overview.is_tenant_admin.then(|| view! {
                        <p><A href="/verwaltung/e-mails">{t("admin.dead_mails.link")}</A></p>
                        <section aria-labelledby="admin-invite">
                            <h2 id="admin-invite">{t("admin.invite")}</h2>
                            <PostForm action=InviteStaff::PATH novalidate=true>
                                <FormMessages form=invite_form.clone() />
                                <Field form=invite_form.clone() name="email" label="form.email" kind="email" required=true />
                                <div class="field">
                                    <label for="field-organization">{t("admin.organization")}</label>
                                    <select id="field-organization" name="organization">
                                        {orgs.iter().map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="field-role">{t("admin.role")}</label>
                                    <select id="field-role" name="role">
                                        {Role::ORGANIZATION_ROLES.iter().map(|r| view! { <option value=r.as_str()>{t(r.label_key())}</option> }).collect_view()}
                                    </select>
                                </div>
                                <SubmitButton label="admin.invite.submit" />
                            </PostForm>
                        </section>
                        <section aria-labelledby="admin-create">
                            <h2 id="admin-create">{t("admin.create_organization")}</h2>
                            <PostForm action=CreateOrganization::PATH novalidate=true>
                                <FormMessages form=create_form.clone() />
                                <Field form=create_form.clone() name="name" label="admin.organization_name" required=true />
                                <SubmitButton label="admin.create_organization.submit" />
                            </PostForm>
                        </section>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Organization(org: OrganizationView) -> impl IntoView {
    let heading_id = format!("org-{}", org.id);
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{org.name}</h2>
            <table>
                <caption>{t("admin.members")}</caption>
                <thead><tr><th scope="col">{t("form.name")}</th><th scope="col">{t("form.email")}</th><th scope="col">{t("admin.role")}</th></tr></thead>
                <tbody>
                    {org.members.into_iter().map(|m| view! {
                        <tr><td>{m.name}</td><td>{m.email}</td><td>{t(m.role.label_key())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
