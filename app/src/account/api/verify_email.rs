use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "verify-email")]
pub async fn verify_email(token: String) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let target = if req.user.is_some() {
        "/konto"
    } else {
        "/anmelden"
    };
    let result = service::verify_email(&req.state, &req.tenant, &token)
        .await
        .map(|()| Done::Redirect(target, "notice.email_verified"));
    finish(&req, "verify-email", result, &[])
}
