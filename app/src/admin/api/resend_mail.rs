use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "admin-resend-mail")]
pub async fn resend_mail(id: i64) -> Result<FormReply, ServerFnError> {
    use crate::admin::service::mails;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        mails::resend_mail(&req.state, &req.tenant, &req.tenant_admin()?, id).await?;
        Ok(Done::Notice("notice.mail_resent"))
    }
    .await;
    finish(&req, "admin-resend-mail", result, &[])
}
