use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        let me = req.user()?;
        let token = req.session_token.as_deref().unwrap_or_default();
        service::change_password(
            &req.state,
            me,
            &req.client(),
            token,
            &current_password,
            &new_password,
        )
        .await?;
        Ok(Done::Notice("notice.password_changed"))
    }
    .await;
    finish(&req, "change-password", result, &[])
}
