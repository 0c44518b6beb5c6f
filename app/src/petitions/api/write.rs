use crate::domain::FormReply;
use leptos::prelude::*;

/// Saves one's petition as a draft (`intent` = `save`) or saves and submits it for
/// review (`submit`). A new petition has an empty `id`.
#[server(endpoint = "petition-save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_petition(
    #[server(default)] id: String,
    #[server(default)] addressee: String,
    #[server(default)] title: String,
    #[server(default)] request: String,
    #[server(default)] reasons: String,
    #[server(default)] category: String,
    #[server(default)] region: String,
    #[server(default)] visibility: String,
    #[server(default)] weeks: String,
    #[server(default)] intent: String,
) -> Result<FormReply, ServerFnError> {
    use crate::petitions::rules::PetitionForm;
    use crate::petitions::service::write;
    use crate::request::{Done, finish};
    let req = crate::request::request().await?;
    let form = PetitionForm {
        addressee: addressee.clone(),
        title: title.clone(),
        request: request.clone(),
        reasons: reasons.clone(),
        category: category.clone(),
        region: region.clone(),
        visibility: visibility.clone(),
        weeks: weeks.clone(),
    };
    let result = async {
        let me = req.user()?;
        let saved = write::save(&req.state, &req.tenant, me, &id, &form).await?;
        if intent == "submit" {
            write::submit(&req.state, &req.tenant, me, &saved.to_string()).await?;
            Ok(Done::RedirectTo(
                format!("/petitionen/{saved}"),
                "notice.petition.submitted",
            ))
        } else {
            Ok(Done::RedirectTo(
                format!("/petitionen/{saved}/bearbeiten"),
                "notice.petition.saved",
            ))
        }
    }
    .await;
    finish(
        &req,
        "petition",
        result,
        &[
            ("addressee", &addressee),
            ("title", &title),
            ("request", &request),
            ("reasons", &reasons),
            ("category", &category),
            ("region", &region),
            ("visibility", &visibility),
            ("weeks", &weeks),
        ],
    )
}

/// Removes an attachment of one's petition while it may be changed.
#[server(endpoint = "petition-file-remove")]
pub async fn remove_petition_file(id: String, file: String) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::write;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        write::remove_file(&req.state, &req.tenant, req.user()?, &id, &file).await?;
        Ok(Done::Notice("notice.petition.file_removed"))
    }
    .await;
    finish(&req, "petition-file", result, &[])
}

/// The petitioner's news about a public petition.
#[server(endpoint = "petition-update")]
pub async fn post_petition_update(id: String, body: String) -> Result<FormReply, ServerFnError> {
    use crate::petitions::service::write;
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let result = async {
        write::post_update(&req.state, &req.tenant, req.user()?, &id, &body).await?;
        Ok(Done::Notice("notice.petition.update_posted"))
    }
    .await;
    finish(&req, "petition-update", result, &[("body", &body)])
}
