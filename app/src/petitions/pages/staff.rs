//! The staff's pages: the petitions to their addressees, one petition (counts by
//! source, paper signatures one by one or as a batch with a scan, the signature list,
//! the hand-over and the response), and the tenant admin's addressees.
use super::progress::QuorumProgress;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    Field, FormMessages, FormState, PostForm, SelectField, SubmitButton, TextArea,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang, use_site};
use crate::domain::PetitionStatus;
use crate::petitions::api::{
    AddPaperSignature, AddPetitionAddressee, HandOverPetition, RespondToPetition,
    load_staff_petition, petition_addressees, staff_petitions,
};
use crate::petitions::types::StaffPetition;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffPetitions() -> impl IntoView {
    let list = Resource::new_blocking(|| (), |_| staff_petitions());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let list = match list.await {
                    Ok(l) => l,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                let admin = use_site().get_untracked().user.is_some_and(|u| u.roles.contains(&crate::domain::Role::TenantAdmin));
                view! {
                    <PageHeading title=t("page.staff_petitions") />
                    <p>{t("page.staff_petitions.intro")}
                        {admin.then(|| view! { " " <A href="/verwaltung/petitionen/adressaten">{t("page.addressees")}</A> })}
                    </p>
                    {if list.is_empty() {
                        view! { <p>{t("staff_petitions.none")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{t("page.staff_petitions")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("petition.column.reference")}</th>
                                    <th scope="col">{t("petition.column.title")}</th>
                                    <th scope="col">{t("petition.column.addressee")}</th>
                                    <th scope="col">{t("petition.column.status")}</th>
                                    <th scope="col">{t("petition.column.signatures")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|p| view! {
                                        <tr>
                                            <td>{p.reference}</td>
                                            <td><A href=format!("/verwaltung/petitionen/{}", p.id)>{p.title}</A></td>
                                            <td>{p.addressee}</td>
                                            <td>{t(p.status.label_key())}{(!p.public).then(|| view! { " (" {t("petition.private_short")} ")" })}</td>
                                            <td>{lang.tf("petition.count_of", &[("n", &p.count.to_string()), ("quorum", &p.quorum.to_string())])}</td>
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
pub fn StaffPetitionPage() -> impl IntoView {
    let params = use_params_map();
    let page = Resource::new_blocking(
        move || params.read().get("id").unwrap_or_default(),
        load_staff_petition,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(s) => view! { <Handling s /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Handling(s: StaffPetition) -> impl IntoView {
    let lang = use_lang();
    let site = use_site();
    let flash = site.get_untracked().flash;
    let p = s.page.clone();
    let takes_paper =
        p.public && matches!(p.status, PetitionStatus::Published | PetitionStatus::Closed);
    let hand_over = matches!(p.status, PetitionStatus::Closed | PetitionStatus::Forwarded);
    let respond = p.status == PetitionStatus::HandedOver;
    let id = p.id.clone();
    let (id_paper, id_batch, id_handover, id_response) =
        (id.clone(), id.clone(), id.clone(), id.clone());
    let paper = FormState::new("paper", flash.clone());
    let batch = FormState::new("paper-batch", flash.clone());
    let handover = FormState::new("handover", flash.clone());
    let response = FormState::new("response", flash);
    view! {
        <PageHeading title=p.title.clone() />
        <p class="card__meta">
            <span class=format!("badge badge--{}", p.status.as_str())>{t(p.status.label_key())}</span>
            " " {lang.tf("petition.to", &[("addressee", &p.addressee)])}
            " · " {lang.tf("petition.reference", &[("reference", &p.reference)])}
        </p>
        <p><A href=format!("/petitionen/{id}")>{t("staff_petition.public_page")}</A> " · " <A href="/verwaltung/petitionen">{t("staff_petition.back")}</A></p>
        <section aria-labelledby="zaehlung">
            <h2 id="zaehlung">{t("petition.signatures")}</h2>
            <QuorumProgress id="fortschritt".to_string() count=p.count quorum=p.quorum progress=p.progress />
            <p>{lang.tf("staff_petition.sources", &[("online", &s.online.to_string()), ("paper", &s.paper.to_string())])}</p>
            <p>
                <a href=format!("/verwaltung/petitionen/{id}/unterschriften.csv") rel="external">{t("staff_petition.export_csv")}</a>
                " · "
                <a href=format!("/verwaltung/petitionen/{id}/unterschriften.xlsx") rel="external">{t("staff_petition.export_xlsx")}</a>
            </p>
            {(!s.batches.is_empty()).then(|| view! {
                <h3>{t("staff_petition.batches")}</h3>
                <ul>
                    {s.batches.iter().map(|b| view! {
                        <li>
                            {lang.tf("staff_petition.batch", &[("n", &b.count.to_string()), ("date", &b.date)])}
                            {(!b.note.is_empty()).then(|| view! { " – " {b.note.clone()} })}
                            {b.scan.clone().map(|href| view! { " " <a href=href rel="external">{t("staff_petition.scan")}</a> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        {takes_paper.then(|| view! {
            <section aria-labelledby="papier">
                <h2 id="papier">{t("staff_petition.paper")}</h2>
                <h3>{t("staff_petition.paper.one")}</h3>
                <PostForm action=AddPaperSignature::PATH novalidate=true>
                    <FormMessages form=paper.clone() />
                    <input type="hidden" name="id" value=id_paper />
                    <Field form=paper.clone() name="name" label="signature.name" required=true />
                    <div class="field-row">
                        <Field form=paper.clone() name="postal_code" label="signature.postal_code" required=true />
                        <Field form=paper.clone() name="place" label="signature.place" required=true />
                    </div>
                    <SubmitButton label="staff_petition.paper.add" />
                </PostForm>
                <h3>{t("staff_petition.paper.batch")}</h3>
                <form method="post" action=format!("/verwaltung/petitionen/{id_batch}/papierlisten") enctype="multipart/form-data" novalidate=true>
                    <FormMessages form=batch.clone() />
                    <Field form=batch.clone() name="count" label="staff_petition.batch.count" kind="number" required=true />
                    <Field form=batch.clone() name="note" label="staff_petition.batch.note" hint="staff_petition.batch.note.hint" />
                    <Field form=batch.clone() name="scan" label="staff_petition.batch.scan" kind="file" hint="staff_petition.batch.scan.hint" />
                    <SubmitButton label="staff_petition.batch.add" />
                </form>
            </section>
        })}
        {hand_over.then(|| view! {
            <section aria-labelledby="uebergabe">
                <h2 id="uebergabe">{t("staff_petition.hand_over")}</h2>
                <PostForm action=HandOverPetition::PATH novalidate=true>
                    <FormMessages form=handover.clone() />
                    <input type="hidden" name="id" value=id_handover />
                    <TextArea form=handover.clone() name="note" label="staff_petition.hand_over.note" hint="staff_petition.hand_over.hint" rows=3 max=2000 />
                    <SubmitButton label="staff_petition.hand_over.submit" />
                </PostForm>
            </section>
        })}
        {respond.then(|| view! {
            <section aria-labelledby="stellungnahme">
                <h2 id="stellungnahme">{t("staff_petition.respond")}</h2>
                <PostForm action=RespondToPetition::PATH novalidate=true>
                    <FormMessages form=response.clone() />
                    <input type="hidden" name="id" value=id_response />
                    <TextArea form=response.clone() name="response" label="staff_petition.respond.text" hint="staff_petition.respond.hint" rows=10 max=20000 required=true />
                    <SubmitButton label="staff_petition.respond.submit" />
                </PostForm>
            </section>
        })}
    }
}

#[component]
pub fn Addressees() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| petition_addressees());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let (list, orgs) = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let form = FormState::new("addressee", use_site().get_untracked().flash);
                let lang = use_lang();
                view! {
                    <PageHeading title=t("page.addressees") />
                    <p>{t("page.addressees.intro")}</p>
                    {if list.is_empty() {
                        view! { <p>{t("addressees.none")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{t("page.addressees")}</caption>
                                <thead><tr>
                                    <th scope="col">{t("addressee.name")}</th>
                                    <th scope="col">{t("addressee.organization")}</th>
                                    <th scope="col">{t("addressee.quorum")}</th>
                                    <th scope="col">{t("addressee.max_weeks")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|a| view! {
                                        <tr>
                                            <td>{a.name}</td>
                                            <td>{a.organization}</td>
                                            <td>{a.quorum}</td>
                                            <td>{lang.tf("petition.form.weeks.option", &[("n", &a.max_weeks.to_string())])}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <h2>{t("addressees.add")}</h2>
                    <PostForm action=AddPetitionAddressee::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <Field form=form.clone() name="name" label="addressee.name" required=true />
                        <SelectField form=form.clone() name="organization" label="addressee.organization" hint="addressee.organization.hint" options=orgs />
                        <Field form=form.clone() name="quorum" label="addressee.quorum" kind="number" required=true />
                        <Field form=form.clone() name="max_weeks" label="addressee.max_weeks" kind="number" hint="addressee.max_weeks.hint" />
                        <SubmitButton label="addressees.add.submit" />
                    </PostForm>
                }.into_any()
            })}
        </Suspense>
    }
}
