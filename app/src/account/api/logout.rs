use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "logout")]
pub async fn logout() -> Result<FormReply, ServerFnError> {
    use crate::platform::sessions;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    if let Some(token) = &req.session_token {
        sessions::close(&req.state, token)
            .await
            .map_err(|e| req.fail(e))?;
    }
    req.set_cookie(&sessions::cookie(&req.state.settings, None));
    finish(
        &req,
        "logout",
        Ok(Done::Redirect("/", "notice.logged_out")),
        &[],
    )
}
