use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::platform::sessions;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = service::login(&req.state, &req.tenant, &req.client(), &email, &password)
        .await
        .map(|token| {
            // Rotate: the old session (if any) ends, the new token replaces the cookie.
            req.set_cookie(&sessions::cookie(&req.state.settings, Some(&token)));
            Done::Redirect("/konto", "notice.logged_in")
        });
    if result.is_ok() {
        if let Some(old) = &req.session_token {
            let _ = sessions::close(&req.state, old).await;
        }
    }
    finish(&req, "login", result, &[("email", &email)])
}
