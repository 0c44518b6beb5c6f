use crate::domain::FormReply;
use leptos::prelude::*;

/// A co-signature without an account; counts once confirmed through the mailed link.
#[server(endpoint = "petition-sign")]
#[allow(clippy::too_many_arguments)]
pub async fn sign_petition(
    petition: String,
    #[server(default)] name: String,
    #[server(default)] postal_code: String,
    #[server(default)] place: String,
    #[server(default)] email: String,
    #[server(default)] show_name: Option<String>,
    #[server(default)] privacy: Option<String>,
    #[server(default)] updates: Option<String>,
    /// Left empty by people (the field is hidden); bots fill it.
    #[server(default)]
    website: String,
    /// The signed moment the form was shown.
    #[server(default)]
    started: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::rules::SignatureForm;
    use crate::petitions::service::signing::{self, Guards};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let form = SignatureForm {
        name: name.clone(),
        postal_code: postal_code.clone(),
        place: place.clone(),
        email: email.clone(),
        show_name: show_name.clone(),
        privacy: privacy.clone(),
        updates: updates.clone(),
    };
    let guards = Guards {
        website: &website,
        started: &started,
    };
    let result = signing::sign(
        &req.state,
        &req.tenant,
        &req.client(),
        &petition,
        &form,
        guards,
    )
    .await
    .map(|()| Done::Notice("notice.signature.confirm_email"));
    finish(
        &req,
        "signature",
        result,
        &[
            ("name", &name),
            ("postal_code", &postal_code),
            ("place", &place),
            ("email", &email),
            ("show_name", show_name.as_deref().unwrap_or("")),
            ("privacy", privacy.as_deref().unwrap_or("")),
            ("updates", updates.as_deref().unwrap_or("")),
        ],
    )
}

/// The button behind the link in the confirmation mail of a co-signature.
#[server(endpoint = "signature-confirm")]
pub async fn confirm_signature(token: String) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::signing::{self, Confirmed};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = signing::confirm(&req.state, &req.tenant, &token, req.lang)
        .await
        .map(|(id, outcome)| {
            let notice = match outcome {
                Confirmed::Counted => "notice.signature.confirmed",
                Confirmed::Already => "notice.signature.already",
            };
            Done::RedirectTo(format!("/petitionen/{id}"), notice)
        });
    finish(&req, "signature-confirm", result, &[])
}
