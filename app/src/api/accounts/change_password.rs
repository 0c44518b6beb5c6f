use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{AppError, accounts};
    let req = request().await?;
    let result = match (&req.user, &req.session_token) {
        (Some(me), Some(token)) => {
            accounts::change_password(&req.state, me, token, &current_password, &new_password)
                .await
                .map(|()| Done::Notice("notice.password_changed"))
        }
        _ => Err(AppError::Unauthenticated),
    };
    finish(&req, "change-password", result, &[])
}
