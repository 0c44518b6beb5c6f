use serde::{Deserialize, Serialize};

/// Problems with a submitted form: field name → message key. A form-wide problem
/// (such as a wrong login) uses the field name `""`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, key: &str) {
        self.0.push((field.to_string(), key.to_string()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, k)| k.as_str())
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, &'static str>) -> Option<T> {
        parsed.map_err(|key| self.add(field, key)).ok()
    }
}

/// What a form's server function answers when it did not redirect: the errors to show
/// next to the fields, or a notice (a message key) when it succeeded in place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormReply {
    pub errors: FieldErrors,
    pub notice: Option<String>,
}

impl FormReply {
    pub fn invalid(errors: FieldErrors) -> Self {
        Self {
            errors,
            notice: None,
        }
    }

    pub fn notice(key: &str) -> Self {
        Self {
            errors: FieldErrors::default(),
            notice: Some(key.to_string()),
        }
    }
}

impl FieldErrors {
    /// A single error.
    pub fn one(field: &str, key: &str) -> Self {
        let mut errors = Self::default();
        errors.add(field, key);
        errors
    }
}
