//! The confirmation link of a contribution sent without an account: a signed link
//! (`platform::signed_link`) naming the contribution, valid for seven days.
use crate::platform::signed_link::{LinkError, Purpose, sign_link, verify_link};
use crate::platform::{AppError, AppState};
use chrono::Duration;
use uuid::Uuid;

/// How long the confirmation link of a contribution without account works.
pub const LIFETIME: Duration = Duration::days(7);

pub fn link_token(state: &AppState, id: Uuid) -> String {
    sign_link(
        &state.secret,
        Purpose::ContributionConfirm,
        &id.simple().to_string(),
        state.now() + LIFETIME,
    )
}

/// The contribution a link names, or why the link does not work.
pub fn parse(state: &AppState, token: &str) -> Result<Uuid, AppError> {
    let invalid = || AppError::field("token", "error.comment.link_invalid");
    match verify_link(
        &state.secret,
        Purpose::ContributionConfirm,
        token,
        state.now(),
    ) {
        Ok(id) => Uuid::parse_str(&id).map_err(|_| invalid()),
        Err(LinkError::Expired) => Err(AppError::field("token", "error.comment.link_expired")),
        Err(LinkError::Invalid) => Err(invalid()),
    }
}
