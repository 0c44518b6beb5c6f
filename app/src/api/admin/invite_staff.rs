use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "invite-staff")]
pub async fn invite_staff(
    email: String,
    organization: String,
    role: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{admin, permissions::TenantAdmin};
    let req = request().await?;
    let result = match TenantAdmin::require(req.user.clone()) {
        Ok(adm) => admin::invite(
            &req.state,
            &req.tenant,
            &adm,
            req.lang,
            &email,
            &organization,
            &role,
        )
        .await
        .map(|()| Done::Notice("notice.invitation_sent")),
        Err(e) => Err(e),
    };
    finish(
        &req,
        "invite-staff",
        result,
        &[
            ("email", &email),
            ("organization", &organization),
            ("role", &role),
        ],
    )
}
