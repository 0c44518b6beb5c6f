use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "register")]
pub async fn register(
    email: String,
    name: String,
    password: String,
) -> Result<FormReply, ServerFnError> {
    use crate::api::context::{Done, finish, request};
    use crate::services::accounts::{self, Registration};
    let req = request().await?;
    let input = Registration {
        email: email.clone(),
        name: name.clone(),
        password,
    };
    let result = accounts::register(&req.state, &req.tenant, &req.client(), input)
        .await
        .map(|()| Done::Redirect("/anmelden", "notice.registered"));
    finish(
        &req,
        "register",
        result,
        &[("email", &email), ("name", &name)],
    )
}
