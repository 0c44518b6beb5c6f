//! One error type for every service. What the user reads (a message key) is kept apart
//! from what is logged (the source error).
use crate::domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Input the user can correct: shown next to the fields.
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("not logged in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Too many attempts: shown as a form error with this message key.
    #[error("rate limited")]
    RateLimited,
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("mail: {0}")]
    Mail(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    pub fn field(field: &str, key: &str) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, key);
        AppError::Invalid(errors)
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) => 422,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::RateLimited => 429,
            AppError::Database(_) | AppError::Mail(_) | AppError::Internal(_) => 500,
        }
    }

    /// The message key a user may read; internal details stay in the log.
    pub fn user_message_key(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "error.form.invalid",
            AppError::Unauthenticated => "error.unauthenticated",
            AppError::Forbidden => "error.forbidden",
            AppError::NotFound => "error.not_found",
            AppError::RateLimited => "error.rate_limited",
            AppError::Database(_) | AppError::Mail(_) | AppError::Internal(_) => "error.internal",
        }
    }
}

/// True when the database refused a row because of a unique constraint.
pub fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
