use crate::admin::types::InvitationInfo;
use crate::domain::FormReply;
use leptos::prelude::*;

/// The invitation behind a link, or the message key of why it cannot be used.
#[server(endpoint = "invitation", input = leptos::server_fn::codec::GetUrl)]
pub async fn invitation_details(
    token: String,
) -> Result<Result<InvitationInfo, String>, ServerFnError> {
    use crate::admin::service::invitations;
    use crate::platform::AppError;
    let req = crate::request::request().await?;
    match invitations::invitation(&req.state, &req.tenant, &token).await {
        Ok(info) => Ok(Ok(info)),
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
    use crate::admin::service::invitations;
    use crate::platform::sessions;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let user = invitations::accept_invitation(
            &req.state,
            &req.tenant,
            &req.client(),
            &token,
            &name,
            &password,
        )
        .await?;
        let session = sessions::open(&req.state.db, req.state.now(), &user).await?;
        req.set_cookie(&sessions::cookie(&req.state.settings, Some(&session)));
        Ok(Done::Redirect("/verwaltung", "notice.invitation_accepted"))
    }
    .await;
    finish(&req, "accept-invitation", result, &[("name", &name)])
}
