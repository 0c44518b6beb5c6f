use crate::domain::FormReply;
use leptos::prelude::*;

#[server(endpoint = "register")]
pub async fn register(
    email: String,
    name: String,
    password: String,
) -> Result<FormReply, ServerFnError> {
    use crate::account::service::{self, Registration};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let input = Registration {
        email: email.clone(),
        name: name.clone(),
        password,
    };
    let result = service::register(&req.state, &req.tenant, &req.client(), input)
        .await
        .map(|()| Done::Redirect("/anmelden", "notice.registered"));
    finish(
        &req,
        "register",
        result,
        &[("email", &email), ("name", &name)],
    )
}
