//! Forms and their fields. Every form is a plain `<form method="post">` to its server
//! function (`PostForm`); fields carry their own label, hint and error, tied together for
//! assistive technology (`aria-describedby`, `aria-invalid`). After a post the server
//! renders the page again with the answer from the flash: the errors next to the fields
//! with the person's input kept (never a password), or the notice. With JavaScript the
//! `enhance` island does the same without leaving the page.
use super::site::t;
use crate::components::site::{FormFlash, use_lang};
use crate::domain::FormReply;
use crate::domain::text::thousands;
use leptos::prelude::*;

/// A form that posts to a server function (`<Fn as ServerFn>::PATH`).
#[component]
pub fn PostForm(
    action: &'static str,
    #[prop(optional)] class: Option<&'static str>,
    /// Leave the checks to the server, whose messages stand next to the fields.
    #[prop(optional)]
    novalidate: bool,
    children: Children,
) -> impl IntoView {
    let form =
        view! { <form method="post" action=action novalidate=novalidate>{children()}</form> };
    match class {
        Some(class) => form.attr("class", class).into_any(),
        None => form.into_any(),
    }
}

/// What a form shows after a post: the errors of its answer and the input to put back
/// into the fields (both from the flash, when it is this form's).
#[derive(Clone, Default)]
pub struct FormState {
    reply: Option<FormReply>,
    values: Vec<(String, String)>,
}

impl FormState {
    pub fn new(form: &str, flash: Option<FormFlash>) -> Self {
        let flash = flash.filter(|f| f.form == form);
        Self {
            values: flash.as_ref().map(|f| f.values.clone()).unwrap_or_default(),
            // Notices of the flash are shown by the page's `FlashNotice`, errors here.
            reply: flash.map(|f| FormReply {
                errors: f.reply.errors,
                notice: None,
            }),
        }
    }

    pub fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// Every value the form brought back under `name` (checkboxes).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Whether the form came back with the person's input (after an error).
    pub fn has_input(&self) -> bool {
        !self.values.is_empty()
    }

    /// The person's input if the form came back with it, else the stored value.
    pub fn value_or(&self, name: &str, stored: Option<String>) -> String {
        if self.has_input() {
            self.value(name)
        } else {
            stored.unwrap_or_default()
        }
    }

    /// The message key of the error of field `name` (`""` for the whole form).
    pub fn error(&self, name: &str) -> Option<String> {
        self.reply
            .as_ref()
            .and_then(|r| r.errors.get(name).map(str::to_string))
    }
}

/// The ids a field's `aria-describedby` names: its hint, and its error while there is one.
pub(crate) fn described_by(
    has_hint: bool,
    has_error: bool,
    hint_id: &str,
    error_id: &str,
) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(hint_id);
    }
    if has_error {
        ids.push(error_id);
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The label of a field, its hint and its error (if there is one), in that order.
#[component]
fn FieldHead(
    for_id: String,
    label: &'static str,
    hint: Option<&'static str>,
    hint_id: String,
    error: Option<String>,
    error_id: String,
) -> impl IntoView {
    view! {
        <label for=for_id>{t(label)}</label>
        {hint.map(|h| view! { <p class="field__hint" id=hint_id>{t(h)}</p> })}
        {error.map(|key| view! { <p class="field__error" id=error_id>{t(&key)}</p> })}
    }
}

/// A labelled input with its hint and error.
#[component]
pub fn Field(
    form: FormState,
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// The stored value, shown unless the form came back with the person's input.
    /// Without one the field is for new input: empty unless the form came back with it.
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let error = form.error(name);
    let described_by = described_by(hint.is_some(), error.is_some(), &hint_id, &error_id);
    // A password is never sent back into the page.
    let value = if kind == "password" {
        String::new()
    } else {
        form.value_or(name, value)
    };
    let invalid = error.is_some();
    view! {
        <div class="field" class:field--invalid=invalid>
            <FieldHead for_id=id.clone() label hint hint_id error error_id />
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=described_by
            />
        </div>
    }
}
/// Form-wide errors (such as a wrong login).
#[component]
pub fn FormMessages(form: FormState) -> impl IntoView {
    form.error("")
        .map(|key| view! { <p class="form-error" role="alert">{t(&key)}</p> })
}

#[component]
pub fn SubmitButton(
    label: &'static str,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    view! { <button type="submit" class=class.unwrap_or("button")>{t(label)}</button> }
}

/// A labelled select with its hint and error. `options` are (value, label) pairs,
/// labels already in the page's language; the first is selected unless the flash
/// brought back another choice.
#[component]
pub fn SelectField(
    form: FormState,
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<&'static str>,
    /// The stored choice, shown unless the flash brought back the person's input.
    #[prop(optional)]
    selected: Option<String>,
    /// The element's id, where one page has several forms with this field.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let error = form.error(name);
    let invalid = error.is_some();
    let chosen = Some(form.value(name))
        .filter(|v| !v.is_empty())
        .or(selected)
        .unwrap_or_default();
    let described_by = described_by(hint.is_some(), invalid, &hint_id, &error_id);
    view! {
        <div class="field" class:field--invalid=invalid>
            <FieldHead for_id=id.clone() label hint hint_id error error_id />
            <select
                id=id
                name=name
                aria-invalid=invalid.then_some("true")
                aria-describedby=described_by
            >
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled text area with its hint and error. With `max`, a counter under it shows
/// how many characters are used; the `enhance` island makes it follow the typing (the
/// counter carries its template, limit and separator for that).
#[component]
pub fn TextArea(
    form: FormState,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] max: Option<usize>,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] required: bool,
    /// The stored value, shown unless the form came back with the person's input.
    /// Without one the field is for new input: empty unless the form came back with it.
    #[prop(optional, into)]
    value: Option<String>,
    /// The element's id, where one page has several forms with this field.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("field-{name}"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let counter_id = format!("{id}-counter");
    let error = form.error(name);
    let invalid = error.is_some();
    let initial = form.value_or(name, value);
    let used = initial.chars().count();
    let mut described: Vec<String> = described_by(hint.is_some(), invalid, &hint_id, &error_id)
        .into_iter()
        .collect();
    if max.is_some() {
        described.push(counter_id.clone());
    }
    let described = (!described.is_empty()).then(|| described.join(" "));
    let lang = use_lang();
    let separator = lang.t("form.thousands_separator");
    let counter = max.map(|max| {
        // "{used} von 5.000 Zeichen": the island fills in the count as one types.
        let template = lang.tf("form.counter", &[("max", &thousands(max, separator))]);
        let text = template.replace("{used}", &thousands(used, separator));
        view! {
            <p
                class=counter_class(used > max)
                id=counter_id.clone()
                data-template=template
                data-max=max.to_string()
                data-separator=separator
            >
                {text}
            </p>
        }
    });
    view! {
        <div class="field" class:field--invalid=invalid>
            <FieldHead for_id=id.clone() label hint hint_id error error_id />
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
                data-counter=max.map(|_| counter_id.clone())
            >
                {textarea_text(initial)}
            </textarea>
            {counter}
        </div>
    }
}

/// The text inside a `<textarea>`. Leptos 0.8 (tachys 0.2.19) writes a textarea's
/// children into the server's HTML unescaped, so `</textarea><script>` in a stored text
/// would break out of the field; it is escaped here.
fn textarea_text(text: String) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn counter_class(over: bool) -> &'static str {
    if over {
        "field__counter field__counter--over"
    } else {
        "field__counter"
    }
}

/// A checkbox with its label after it.
#[component]
pub fn Checkbox(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] checked: bool,
    #[prop(default = "on")] value: &'static str,
) -> impl IntoView {
    let id = format!("field-{name}");
    view! {
        <div class="checkbox">
            <input type="checkbox" id=id.clone() name=name value=value checked=checked />
            <label for=id>{t(label)}</label>
        </div>
    }
}

/// A checkbox that can carry an error (a consent that must be given), kept checked when
/// the form came back with it checked.
#[component]
pub fn CheckField(
    form: FormState,
    name: &'static str,
    /// The label, already in the page's language (it may hold a link).
    children: Children,
    #[prop(optional)] required: bool,
    /// Checked on a fresh form.
    #[prop(optional)]
    checked: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let error = form.error(name);
    let invalid = error.is_some();
    let checked = if form.has_input() {
        !form.value(name).is_empty()
    } else {
        checked
    };
    view! {
        <div class="checkbox" class:field--invalid=invalid>
            {error.map(|key| view! { <p class="field__error" id=error_id.clone()>{t(&key)}</p> })}
            <input
                type="checkbox"
                id=id.clone()
                name=name
                value="on"
                checked=checked
                required=required
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then(|| error_id.clone())
            />
            <label for=id>{children()}</label>
        </div>
    }
}
