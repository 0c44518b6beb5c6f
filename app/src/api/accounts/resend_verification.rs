use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "resend-verification")]
pub async fn resend_verification() -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{AppError, accounts};
    let req = request().await?;
    let result = match &req.user {
        Some(me) => accounts::resend_verification(&req.state, &req.tenant, me)
            .await
            .map(|()| Done::Notice("notice.verification_sent")),
        None => Err(AppError::Unauthenticated),
    };
    finish(&req, "resend-verification", result, &[])
}
