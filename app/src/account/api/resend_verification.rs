use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "resend-verification")]
pub async fn resend_verification() -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        service::resend_verification(&req.state, &req.tenant, req.user()?).await?;
        Ok(Done::Notice("notice.verification_sent"))
    }
    .await;
    finish(&req, "resend-verification", result, &[])
}
