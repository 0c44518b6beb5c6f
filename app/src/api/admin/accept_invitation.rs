use crate::domain::{FormReply, Role};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationInfo {
    pub email: String,
    pub organization: String,
    pub role: Role,
    pub has_account: bool,
}

/// The invitation behind a link, or the message key of why it cannot be used.
#[server(endpoint = "invitation", input = leptos::server_fn::codec::GetUrl)]
pub async fn invitation_details(
    token: String,
) -> Result<Result<InvitationInfo, String>, ServerFnError> {
    use crate::services::{AppError, admin};
    let req = crate::api::context::request().await?;
    match admin::invitation(&req.state, &req.tenant, &token).await {
        Ok(v) => Ok(Ok(InvitationInfo {
            email: v.email,
            organization: v.organization,
            role: v.role,
            has_account: v.has_account,
        })),
        Err(AppError::Invalid(e)) => Ok(Err(e
            .get("token")
            .unwrap_or("error.token.invalid")
            .to_string())),
        Err(AppError::NotFound) => Ok(Err("error.token.invalid".into())),
        Err(e) => Err(req.fail(e)),
    }
}

#[server(endpoint = "accept-invitation")]
pub async fn accept_invitation(
    token: String,
    name: String,
    password: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::{admin, sessions};
    let req = request().await?;
    let result =
        match admin::accept_invitation(&req.state, &req.tenant, &token, &name, &password).await {
            Ok(user) => match sessions::open(&req.state.db, req.state.now(), &user).await {
                Ok(session) => {
                    req.set_cookie(&sessions::cookie(&req.state.settings, Some(&session)));
                    Ok(Done::Redirect("/verwaltung", "notice.invitation_accepted"))
                }
                Err(e) => Err(e),
            },
            Err(e) => Err(e),
        };
    finish(&req, "accept-invitation", result, &[("name", &name)])
}
