use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "delete-account")]
pub async fn delete_account(password: String) -> Result<FormReply, ServerFnError> {
    use crate::account::service;
    use crate::platform::sessions;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        service::personal_data::delete_account(&req.state, req.user()?, &req.client(), &password)
            .await?;
        req.set_cookie(&sessions::cookie(&req.state.settings, None));
        Ok(Done::Redirect("/", "notice.account_deleted"))
    }
    .await;
    finish(&req, "delete-account", result, &[])
}
