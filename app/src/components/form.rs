//! Form fields that carry their own label, hint and error, tied together for assistive
//! technology (`aria-describedby`, `aria-invalid`). The same markup serves the plain
//! form post (errors and input come back in the flash) and the hydrated form (errors
//! come back as the action's value).
use super::site::t;
use crate::components::site::FormFlash;
use crate::domain::FormReply;
use leptos::prelude::*;

/// What a form shows: the latest reply (from the action, else from the flash) and the
/// input to put back into the fields after a plain form post.
#[derive(Clone)]
pub struct FormState {
    pub reply: Signal<Option<FormReply>>,
    /// Whether the hydrated form's latest submission succeeded.
    succeeded: Signal<bool>,
    values: Vec<(String, String)>,
}

impl FormState {
    pub fn new(
        form: &str,
        action_value: Signal<Option<Result<FormReply, ServerFnError>>>,
        flash: Option<FormFlash>,
    ) -> Self {
        let flash = flash.filter(|f| f.form == form);
        let values = flash.as_ref().map(|f| f.values.clone()).unwrap_or_default();
        // Notices of the flash are shown by the page's `FlashNotice`, errors here.
        let flash_reply = flash.map(|f| FormReply {
            errors: f.reply.errors,
            notice: None,
        });
        let reply = Signal::derive(move || match action_value.get() {
            Some(Ok(reply)) => Some(reply),
            Some(Err(e)) => {
                let mut reply = FormReply::default();
                let key = match e {
                    ServerFnError::ServerError(key) if key.starts_with("error.") => key,
                    _ => "error.internal".to_string(),
                };
                reply.errors.add("", &key);
                Some(reply)
            }
            None => flash_reply.clone(),
        });
        let succeeded = Signal::derive(move || {
            action_value.with(|v| matches!(v, Some(Ok(reply)) if reply.errors.is_empty()))
        });
        Self {
            reply,
            succeeded,
            values,
        }
    }

    /// Runs `empty` whenever the hydrated form's submission succeeds. A reloaded page
    /// shows a field for new input (no stored value) empty again; the hydrated form is
    /// rendered anew onto the same elements, where the browser keeps typed text.
    fn after_success(&self, empty: impl Fn() + 'static) {
        let succeeded = self.succeeded;
        Effect::watch(
            move || succeeded.get(),
            move |succeeded, _, _| {
                if *succeeded {
                    empty();
                }
            },
            false,
        );
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

    pub fn error(&self, name: &'static str) -> Signal<Option<String>> {
        let reply = self.reply;
        Signal::derive(move || {
            reply
                .get()
                .and_then(|r| r.errors.get(name).map(str::to_string))
        })
    }
}

/// The ids a field's `aria-describedby` names: its hint, and its error while there is one.
pub(crate) fn described_by(
    has_hint: bool,
    error: Signal<Option<String>>,
    hint_id: String,
    error_id: String,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hint_id.clone());
        }
        if error.get().is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The label of a field, its hint and its error (while there is one), in that order.
#[component]
fn FieldHead(
    for_id: String,
    label: &'static str,
    hint: Option<&'static str>,
    hint_id: String,
    error: Signal<Option<String>>,
    error_id: String,
) -> impl IntoView {
    view! {
        <label for=for_id>{t(label)}</label>
        {hint.map(|h| view! { <p class="field__hint" id=hint_id>{t(h)}</p> })}
        {move || error.get().map(|key| view! { <p class="field__error" id=error_id.clone()>{t(&key)}</p> })}
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
    /// Without one the field is for new input, emptied when the form has succeeded.
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let error = form.error(name);
    let reply = form.reply;
    let input = NodeRef::<leptos::html::Input>::new();
    // A password field is emptied whenever the form answers: the plain post gets an empty
    // field from the server, the hydrated form must clear the one the person typed into.
    Effect::new(move |previous: Option<()>| {
        reply.track();
        if kind == "password" && previous.is_some() {
            if let Some(el) = input.get() {
                el.set_value("");
            }
        }
    });
    let described_by = described_by(hint.is_some(), error, hint_id.clone(), error_id.clone());
    let new_input = value.is_none();
    // A password is never sent back into the page.
    let value = if kind == "password" {
        String::new()
    } else {
        form.value_or(name, value)
    };
    if new_input {
        form.after_success(move || {
            if let Some(el) = input.get_untracked() {
                el.set_value("");
            }
        });
    }
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldHead for_id=id.clone() label hint hint_id=hint_id.clone() error error_id=error_id.clone() />
            <input
                id=id
                name=name
                type=kind
                value=value
                node_ref=input
                autocomplete=autocomplete
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described_by
            />
        </div>
    }
}

/// Form-wide errors (such as a wrong login) and the success notice of an in-place form.
#[component]
pub fn FormMessages(form: FormState) -> impl IntoView {
    let reply = form.reply;
    view! {
        {move || reply.get().and_then(|r| r.errors.get("").map(str::to_string)).map(|key| view! {
            <p class="form-error" role="alert">{t(&key)}</p>
        })}
        {move || reply.get().and_then(|r| r.notice).map(|key| view! {
            <p class="notice" role="status">{t(&key)}</p>
        })}
    }
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
    let chosen = Some(form.value(name))
        .filter(|v| !v.is_empty())
        .or(selected)
        .unwrap_or_default();
    let described_by = described_by(hint.is_some(), error, hint_id.clone(), error_id.clone());
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldHead for_id=id.clone() label hint hint_id=hint_id.clone() error error_id=error_id.clone() />
            <select
                id=id
                name=name
                aria-invalid=move || error.get().map(|_| "true")
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

/// `5000` → `5.000`, as German numbers are written.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A labelled text area with its hint and error. With `max`, a counter under it shows
/// how many characters are used; it follows the typing once the page is hydrated.
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
    /// Without one the field is for new input, emptied when the form has succeeded.
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
    let new_input = value.is_none();
    let initial = form.value_or(name, value);
    let used = RwSignal::new(initial.chars().count());
    let node = NodeRef::<leptos::html::Textarea>::new();
    if new_input {
        form.after_success(move || {
            if let Some(el) = node.get_untracked() {
                el.set_value("");
                used.set(0);
            }
        });
    }
    let hint_and_error = described_by(hint.is_some(), error, hint_id.clone(), error_id.clone());
    let counter_ref = counter_id.clone();
    let described = move || {
        let mut ids: Vec<String> = hint_and_error().into_iter().collect();
        if max.is_some() {
            ids.push(counter_ref.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <FieldHead for_id=id.clone() label hint hint_id=hint_id.clone() error error_id=error_id.clone() />
            <textarea
                id=id
                name=name
                rows=rows
                required=required
                aria-invalid=move || error.get().map(|_| "true")
                aria-describedby=described
                node_ref=node
                on:input=move |ev| used.set(event_target_value(&ev).chars().count())
            >
                {textarea_text(initial)}
            </textarea>
            {max.map(|max| view! {
                <p class=move || counter_class(used.get() > max) id=counter_id.clone()>
                    {move || crate::components::site::use_lang().tf("form.counter", &[("used", &thousands(used.get())), ("max", &thousands(max))])}
                </p>
            })}
        </div>
    }
}

/// The text inside a `<textarea>`. Leptos 0.8 (tachys 0.2.19) writes a textarea's
/// children into the server's HTML unescaped, so `</textarea><script>` in a stored text
/// would break out of the field; on the server it is escaped here. The browser renders
/// a text node, which needs no escaping (and a hydrated textarea keeps the server's).
fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        text
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_get_german_thousands_separators() {
        assert_eq!(super::thousands(5), "5");
        assert_eq!(super::thousands(5000), "5.000");
        assert_eq!(super::thousands(1234567), "1.234.567");
    }
}
