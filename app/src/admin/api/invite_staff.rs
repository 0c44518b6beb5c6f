use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "invite-staff")]
pub async fn invite_staff(
    email: String,
    organization: String,
    role: String,
) -> Result<FormReply, ServerFnError> {
    use crate::admin::service::invitations;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let admin = req.tenant_admin()?;
        invitations::invite(
            &req.state,
            &req.tenant,
            &admin,
            req.lang,
            &email,
            &organization,
            &role,
        )
        .await?;
        Ok(Done::Notice("notice.invitation_sent"))
    }
    .await;
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
