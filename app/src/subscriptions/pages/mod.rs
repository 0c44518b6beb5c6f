//! Notifications without an account: subscribe, confirm (double opt-in), manage and
//! unsubscribe through the signed links every notification carries.
use crate::components::confirm_link::ConfirmByLink;
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::form::{
    Field, FormMessages, FormState, PostForm, SelectField, SubmitButton,
};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_site};
use crate::domain::Frequency;
use crate::domain::scope::TOPICS;
use crate::subscriptions::api::{
    AddSubscription, ConfirmSubscription as ConfirmSubscriptionFn, RemoveSubscription,
    SetFrequency, Subscribe as SubscribeFn, subscription_options, subscription_overview,
};
use crate::subscriptions::types::SubscriberView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

fn organization_options(orgs: Vec<(String, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), t("subscription.choose").to_string()))
        .chain(orgs)
        .collect()
}

fn topic_options() -> Vec<(String, String)> {
    std::iter::once((String::new(), t("subscription.choose").to_string()))
        .chain(
            TOPICS
                .iter()
                .map(|slug| (slug.to_string(), t(&format!("topic.{slug}")).to_string())),
        )
        .collect()
}

fn frequency_options() -> Vec<(String, String)> {
    Frequency::ALL
        .iter()
        .map(|f| (f.as_str().to_string(), t(f.label_key()).to_string()))
        .collect()
}

/// The scope fields shared by the subscribe form and the manage page's add form.
#[component]
fn ScopeFields(form: FormState, organizations: Vec<(String, String)>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{t("subscription.what")}</legend>
            <SelectField form=form.clone() name="organization" label="subscription.scope.organization" options=organization_options(organizations) />
            <SelectField form=form.clone() name="topic" label="subscription.scope.topic" options=topic_options() />
            <Field form=form.clone() name="area" label="subscription.scope.area" hint="subscription.area.hint" />
        </fieldset>
    }
}

#[component]
pub fn Subscribe() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let options = Resource::new_blocking(|| (), |_| subscription_options());
    // The heading is part of each outcome: an error page brings its own h1.
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let options = match options.await {
                    Ok(o) => o,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let flash = site.get_untracked().flash;
                let form = FormState::new("subscribe", flash);
                let procedure = query.read_untracked().get("verfahren").unwrap_or_default();
                view! {
                    <PageHeading title=t("page.subscribe") />
                    <p>{t("page.subscribe.intro")}</p>
                    <PostForm action=SubscribeFn::PATH novalidate=true>
                        <FormMessages form=form.clone() />
                        <Field form=form.clone() name="email" label="form.email" kind="email" autocomplete="email" required=true />
                        <ScopeFields form=form.clone() organizations=options.organizations />
                        <input type="hidden" name="procedure" value=procedure />
                        <SelectField form=form.clone() name="frequency" label="subscription.frequency" options=frequency_options() />
                        <p>{t("subscription.privacy")}</p>
                        <SubmitButton label="subscription.submit" />
                    </PostForm>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The link in the confirmation mail opens this page; the button confirms.
#[component]
pub fn ConfirmSubscription() -> impl IntoView {
    view! {
        <ConfirmByLink
            action=ConfirmSubscriptionFn::PATH
            form="subscription-confirm"
            title="page.subscription_confirm"
            intro="page.subscription_confirm.intro"
            submit="subscription.confirm.submit"
        />
    }
}

#[component]
pub fn ManageSubscriptions() -> impl IntoView {
    let site = use_site();
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let overview = Resource::new_blocking(token, subscription_overview);
    let options = Resource::new_blocking(|| (), |_| subscription_options());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let me = match overview.await {
                    Ok(Some(me)) => me,
                    Ok(None) => return view! { <PageHeading title=t("page.subscriptions") /> <NothingLeft /> }.into_any(),
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let organizations = options.await.map(|o| o.organizations).unwrap_or_default();
                let flash = site.get_untracked().flash;
                let token = token();
                let (t1, t2, t3, t4) = (token.clone(), token.clone(), token.clone(), token);
                let forms = (
                    FormState::new("subscription-frequency", flash.clone()),
                    FormState::new("subscription-add", flash.clone()),
                    FormState::new("subscription-remove", flash),
                );
                view! {
                    <PageHeading title=t("page.subscriptions") />
                    <Subscriptions me=me.clone() token=t1 form=forms.2 />
                    <section aria-labelledby="subscription-frequency">
                        <h2 id="subscription-frequency">{t("subscription.frequency.heading")}</h2>
                        <PostForm action=SetFrequency::PATH>
                            <FormMessages form=forms.0.clone() />
                            <input type="hidden" name="token" value=t2 />
                            <SelectField form=forms.0.clone() name="frequency" label="subscription.frequency" options=frequency_options() selected=me.frequency.as_str().to_string() />
                            <SubmitButton label="subscription.frequency.submit" />
                        </PostForm>
                    </section>
                    <section aria-labelledby="subscription-add">
                        <h2 id="subscription-add">{t("subscription.add")}</h2>
                        <PostForm action=AddSubscription::PATH novalidate=true>
                            <FormMessages form=forms.1.clone() />
                            <input type="hidden" name="token" value=t3 />
                            <ScopeFields form=forms.1.clone() organizations=organizations />
                            <SubmitButton label="subscription.add.submit" />
                        </PostForm>
                    </section>
                    <section aria-labelledby="subscription-unsubscribe">
                        <h2 id="subscription-unsubscribe">{t("subscription.unsubscribe")}</h2>
                        <UnsubscribeForm token=t4 />
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Subscriptions(me: SubscriberView, token: String, form: FormState) -> impl IntoView {
    view! {
        <section aria-labelledby="subscription-list">
            <h2 id="subscription-list">{t("subscription.list")}</h2>
            <p>{t("subscription.address")} " " <strong>{me.email}</strong></p>
            <FormMessages form=form />
            {if me.subscriptions.is_empty() {
                view! { <p>{t("subscription.list.empty")}</p> }.into_any()
            } else {
                view! {
                    <ul class="subscriptions">
                        {me.subscriptions.into_iter().map(|s| {
                            let token = token.clone();
                            view! {
                                <li>
                                    <span>{s.label.clone()}</span>
                                    {(!s.confirmed).then(|| view! { " " <em>{t("subscription.unconfirmed")}</em> })}
                                    <PostForm action=RemoveSubscription::PATH class="inline-form">
                                        <input type="hidden" name="token" value=token />
                                        <input type="hidden" name="id" value=s.id.to_string() />
                                        <button type="submit" class="link-button">
                                            {t("subscription.remove")}
                                            <span class="visually-hidden">": " {s.label}</span>
                                        </button>
                                    </PostForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// A plain form: it posts to the same address mail providers use for the RFC 8058
/// one-click unsubscribe, with or without JavaScript.
#[component]
fn UnsubscribeForm(token: String) -> impl IntoView {
    let action = format!("/benachrichtigungen/abmelden?token={token}");
    view! {
        <form method="post" action=action>
            <SubmitButton label="subscription.unsubscribe.submit" />
        </form>
    }
}

#[component]
fn NothingLeft() -> impl IntoView {
    view! {
        <p role="status">{t("subscription.gone")}</p>
        <p><A href="/benachrichtigungen">{t("subscription.again")}</A></p>
    }
}

/// Opened from a mail's unsubscribe link: one button, no login.
#[component]
pub fn Unsubscribe() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let overview = Resource::new_blocking(token, subscription_overview);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match overview.await {
                    Ok(Some(me)) => view! {
                        <PageHeading title=t("page.unsubscribe") />
                        <p>{t("page.unsubscribe.intro")} " " <strong>{me.email}</strong></p>
                        <UnsubscribeForm token=token() />
                        <p><A href=format!("/benachrichtigungen/verwalten?token={}", token())>{t("subscription.manage_instead")}</A></p>
                    }.into_any(),
                    Ok(None) => view! { <PageHeading title=t("page.unsubscribe") /> <NothingLeft /> }.into_any(),
                    Err(e) => view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn Unsubscribed() -> impl IntoView {
    view! {
        <PageHeading title=t("page.unsubscribed") />
        <NothingLeft />
    }
}

#[component(transparent)]
pub fn SubscriptionRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    use leptos_router::components::Route;
    use leptos_router::{SsrMode, path};
    view! {
        <Route ssr=SsrMode::Async path=path!("/benachrichtigungen") view=Subscribe />
        <Route ssr=SsrMode::Async path=path!("/benachrichtigungen/bestaetigen") view=ConfirmSubscription />
        <Route ssr=SsrMode::Async path=path!("/benachrichtigungen/verwalten") view=ManageSubscriptions />
        <Route ssr=SsrMode::Async path=path!("/benachrichtigungen/abmelden") view=Unsubscribe />
        <Route ssr=SsrMode::Async path=path!("/benachrichtigungen/abgemeldet") view=Unsubscribed />
    }
    .into_inner()
}
