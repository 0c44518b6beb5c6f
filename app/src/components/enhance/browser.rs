//! The island's work in the browser (see `super`).
use super::REGION_ID;
use crate::domain::text::thousands;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Document, DomParser, Element, FormData, HtmlElement, HtmlFormElement, HtmlTextAreaElement,
    Request, RequestInit, Response, SubmitEvent, SupportedType, UrlSearchParams,
};

/// Marks the requests of this island, so the server answers them as it answers a plain
/// form post (the flash carries the answer) and not as data for a hydrated form.
const ENHANCED_HEADER: &str = "x-mitwirken-enhanced";

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A form was submitted: post it in the background, if it is one this island posts.
pub fn submit(ev: SubmitEvent) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let posts = form.method().eq_ignore_ascii_case("post");
    let uploads = form.enctype().eq_ignore_ascii_case("multipart/form-data");
    if !posts || uploads || ev.default_prevented() {
        return;
    }
    let Ok(data) = FormData::new_with_form(&form) else {
        return;
    };
    // The pressed button's name and value belong to the form's data, as in a plain post.
    if let Some(button) = ev.submitter() {
        if let (Some(name), Some(value)) =
            (button.get_attribute("name"), button.get_attribute("value"))
        {
            let _ = data.append_with_str(&name, &value);
        }
    }
    let Ok(body) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
        return;
    };
    ev.prevent_default();
    form.set_attribute("aria-busy", "true").ok();
    leptos::task::spawn_local(async move {
        if post(&form, &body).await.is_err() {
            // Whatever went wrong, the plain post still works: let the browser send it.
            form.remove_attribute("aria-busy").ok();
            let _ = form.submit();
        }
    });
}

async fn fetch(request: &Request) -> Result<Response, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: Response = JsFuture::from(window.fetch_with_request(request))
        .await?
        .dyn_into()?;
    if response.ok() {
        Ok(response)
    } else {
        Err(JsValue::from(response.status()))
    }
}

async fn post(form: &HtmlFormElement, body: &UrlSearchParams) -> Result<(), JsValue> {
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_body(body);
    let request = Request::new_with_str_and_init(&form.action(), &init)?;
    request.headers().set("accept", "application/json")?;
    request.headers().set(ENHANCED_HEADER, "1")?;
    let response = fetch(&request).await?;
    let location = web_sys::window().ok_or(JsValue::NULL)?.location();
    // A server function names the page of its answer; a plain route (the one-click
    // unsubscribe) redirects there, which the request followed.
    let elsewhere = match response.headers().get("location")? {
        Some(target) => Some(target),
        None if response.redirected() && response.url() != location.href()? => Some(response.url()),
        None => None,
    };
    if let Some(target) = elsewhere {
        // The answer is on another page: go there (it shows the notice).
        return location.assign(&target);
    }
    // The answer is on this page: load it again and show what changed.
    let page = Request::new_with_str(&location.href()?)?;
    page.headers().set("accept", "text/html")?;
    let html = JsFuture::from(fetch(&page).await?.text()?).await?;
    swap(&html.as_string().unwrap_or_default())
}

/// Puts the content of the freshly rendered page in place of the current one.
fn swap(html: &str) -> Result<(), JsValue> {
    let fresh = DomParser::new()?.parse_from_string(html, SupportedType::TextHtml)?;
    let doc = document().ok_or(JsValue::NULL)?;
    let (Some(old), Some(new)) = (
        doc.get_element_by_id(REGION_ID),
        fresh.get_element_by_id(REGION_ID),
    ) else {
        return Err(JsValue::NULL);
    };
    old.set_inner_html(&new.inner_html());
    doc.set_title(&fresh.title());
    focus_answer(&old);
    Ok(())
}

/// Moves the focus to what the person needs to read first: the first field in error,
/// else the form's error, else the notice.
fn focus_answer(region: &Element) {
    for selector in [
        "[aria-invalid=\"true\"]",
        "[role=\"alert\"]",
        "[role=\"status\"]",
    ] {
        if let Ok(Some(target)) = region.query_selector(selector) {
            if let Ok(target) = target.dyn_into::<HtmlElement>() {
                if target.tab_index() < 0
                    && !target.matches("input, select, textarea").unwrap_or(false)
                {
                    target.set_tab_index(-1);
                }
                let _ = target.focus();
            }
            return;
        }
    }
}

/// Typing into a text area with a counter: the counter follows. The server renders the
/// counter with its template (`{used}` of `{max}` in the page's language), the limit and
/// the thousands separator as data attributes.
pub fn count(ev: web_sys::Event) {
    let Some(field) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let Some(counter) = field
        .get_attribute("data-counter")
        .and_then(|id| document()?.get_element_by_id(&id))
    else {
        return;
    };
    let template = counter.get_attribute("data-template").unwrap_or_default();
    let separator = counter.get_attribute("data-separator").unwrap_or_default();
    let max: usize = counter
        .get_attribute("data-max")
        .and_then(|m| m.parse().ok())
        .unwrap_or(usize::MAX);
    let used = field.value().chars().count();
    counter.set_text_content(Some(
        &template.replace("{used}", &thousands(used, &separator)),
    ));
    let _ = counter
        .class_list()
        .toggle_with_force("field__counter--over", used > max);
}
