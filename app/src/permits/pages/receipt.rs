//! The receipt of an objection (printable: the page is the printout) and the public check
//! of a receipt's signed code.
use crate::components::error_page::{ErrorPage, error_key};
use crate::components::layout::PageHeading;
use crate::components::site::{t, use_lang};
use crate::components::text::PlainText;
use crate::permits::api::{check_receipt, load_receipt};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let query = use_query_map();
    let receipt = Resource::new_blocking(
        move || query.read().get("token").unwrap_or_default(),
        load_receipt,
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let r = match receipt.await {
                    Ok(r) => r,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    <PageHeading title=t("page.permit_receipt") />
                    <div class="receipt">
                        <p class="notice" role="status">{lang.tf("permit.receipt.received", &[("reference", &r.reference), ("date", &r.received_at)])}</p>
                        <dl class="facts">
                            <dt>{t("permit.receipt.procedure")}</dt>
                            <dd><a href=format!("/genehmigungen/{}", r.procedure_id)>{r.procedure_title.clone()}</a></dd>
                            <dt>{t("permit.receipt.reference")}</dt><dd>{r.reference.clone()}</dd>
                            <dt>{t("permit.receipt.received_at")}</dt><dd>{r.received_at.clone()}</dd>
                            <dt>{t("permit.receipt.hash")}</dt><dd><code class="hash">{r.content_hash.clone()}</code></dd>
                        </dl>
                        {r.text.clone().map(|text| view! {
                            <h2>{t("permit.receipt.text")}</h2>
                            <div class="prose"><PlainText text /></div>
                        })}
                        {(!r.attachments.is_empty()).then(|| view! {
                            <h2>{t("permit.receipt.files")}</h2>
                            <ul>
                                {r.attachments.iter().map(|f| view! {
                                    <li>{format!("{} (PDF, {})", f.name, f.size)} <br /><code class="hash">{format!("SHA-256 {}", f.sha256)}</code></li>
                                }).collect_view()}
                            </ul>
                        })}
                        <h2>{t("permit.receipt.signature")}</h2>
                        <p class="field__hint">{t("permit.receipt.signature.hint")}</p>
                        <p><code class="hash" id="quittungscode">{r.code.clone()}</code></p>
                        <p class="field__hint">{lang.tf("permit.receipt.key", &[("key", &r.public_key)])}</p>
                        <p><a href=format!("/genehmigungen/quittung-pruefen?code={}", r.code)>{t("permit.check.link")}</a></p>
                        <p class="field__hint">{t("permit.receipt.print")}</p>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Anyone can check a receipt's code here: the signature, and whether that objection is
/// on record. Nothing of the objection itself is shown.
#[component]
pub fn CheckReceipt() -> impl IntoView {
    let query = use_query_map();
    let check = Resource::new_blocking(
        move || query.read().get("code").unwrap_or_default(),
        check_receipt,
    );
    view! {
        <PageHeading title=t("page.permit_check") />
        <p>{t("permit.check.intro")}</p>
        <form method="get" action="/genehmigungen/quittung-pruefen">
            <div class="field">
                <label for="field-code">{t("permit.check.code")}</label>
                <textarea id="field-code" name="code" rows="4" required=true>{move || query.read().get("code").unwrap_or_default()}</textarea>
            </div>
            <button type="submit" class="button">{t("permit.check.submit")}</button>
        </form>
        <Suspense>
            {move || Suspend::new(async move {
                let c = match check.await {
                    Ok(c) => c,
                    Err(e) => return view! { <ErrorPage key=error_key(&e) /> }.into_any(),
                };
                let lang = use_lang();
                view! {
                    {c.asked.then(|| {
                        let ok = c.outcome == "permit.check.valid";
                        view! {
                            <section aria-labelledby="ergebnis" class="check-result">
                                <h2 id="ergebnis">{t("permit.check.result")}</h2>
                                <p class=if ok { "notice" } else { "notice notice--error" } role="status">{t(&c.outcome)}</p>
                                {(!c.reference.is_empty()).then(|| view! {
                                    <dl class="facts">
                                        {(!c.procedure_title.is_empty()).then(|| view! { <dt>{t("permit.receipt.procedure")}</dt><dd>{c.procedure_title.clone()}</dd> })}
                                        <dt>{t("permit.receipt.reference")}</dt><dd>{c.reference.clone()}</dd>
                                        <dt>{t("permit.receipt.received_at")}</dt><dd>{c.received_at.clone()}</dd>
                                        <dt>{t("permit.receipt.hash")}</dt><dd><code class="hash">{c.content_hash.clone()}</code></dd>
                                    </dl>
                                })}
                            </section>
                        }
                    })}
                    <p class="field__hint">{lang.tf("permit.receipt.key", &[("key", &c.public_key)])}</p>
                }.into_any()
            })}
        </Suspense>
    }
}
