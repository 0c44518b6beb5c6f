use crate::domain::FormReply;
use leptos::prelude::*;

/// Step 1: ask for a reset link. The answer is the same whether or not the address exists.
#[server(endpoint = "request-password-reset")]
pub async fn request_password_reset(email: String) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = service::request_password_reset(&req.state, &req.tenant, &req.client(), &email)
        .await
        .map(|()| Done::Notice("notice.reset_requested"));
    finish(&req, "request-reset", result, &[("email", &email)])
}

/// Whether a reset link can still be used, so the page can say so before the form.
#[server(endpoint = "reset-link-status", input = leptos::server_fn::codec::GetUrl)]
pub async fn reset_link_status(token: String) -> Result<Option<String>, ServerFnError> {
    use crate::account::service;
    use crate::platform::AppError;
    let req = crate::request::request().await?;
    match service::check_reset_token(&req.state, &req.tenant, &token).await {
        Ok(()) => Ok(None),
        Err(AppError::Invalid(errors)) => Ok(errors.get("token").map(str::to_string)),
        Err(e) => Err(req.fail(e)),
    }
}

/// Step 2: set the new password through the link.
#[server(endpoint = "reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = service::reset_password(&req.state, &req.tenant, &token, &password)
        .await
        .map(|()| Done::Redirect("/anmelden", "notice.password_reset"));
    finish(&req, "reset-password", result, &[])
}
