use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "admin-resend-mail")]
pub async fn resend_mail(id: i64) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{admin, permissions::TenantAdmin};
    let req = request().await?;
    let result = match TenantAdmin::require(req.user.clone()) {
        Ok(adm) => admin::resend_mail(&req.state, &req.tenant, &adm, id)
            .await
            .map(|()| Done::Notice("notice.mail_resent")),
        Err(e) => Err(e),
    };
    finish(&req, "admin-resend-mail", result, &[])
}
