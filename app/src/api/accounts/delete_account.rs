use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "delete-account")]
pub async fn delete_account(password: String) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{AppError, accounts, sessions};
    let req = request().await?;
    let result = match &req.user {
        Some(me) => accounts::delete(&req.state, me, &password).await.map(|()| {
            req.set_cookie(&sessions::cookie(&req.state.settings, None));
            Done::Redirect("/", "notice.account_deleted")
        }),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "delete-account", result, &[])
}
