use crate::domain::FormReply;
use leptos::prelude::*;

/// A comment on a procedure, on one of its sections, or a reply. Outside the comment
/// phase the server refuses it, whatever the page showed.
#[server(endpoint = "comment")]
pub async fn submit_comment(
    procedure: String,
    #[server(default)] section: String,
    #[server(default)] parent: String,
    body: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] notify: Option<String>,
    /// For or against (the arguments of a petition's debate).
    #[server(default)]
    stance: String,
    /// Where to go afterwards: the procedure page (a reply page goes back to it).
    #[server(default)]
    back: Option<String>,
) -> Result<FormReply, ServerFnError> {
    use crate::consultations::service::{self, NewComment, Submitted};
    use crate::request::{Done, finish, request};
    let req = request().await?;
    let input = NewComment {
        procedure: procedure.clone(),
        section: section.clone(),
        parent: parent.clone(),
        body: body.clone(),
        name: name.clone(),
        email: email.clone(),
        notify: notify.is_some(),
        stance: stance.clone(),
    };
    let result = service::submit(
        &req.state,
        &req.tenant,
        req.user.as_ref(),
        &req.client(),
        input,
    )
    .await
    .map(|(page, outcome)| {
        let notice = match outcome {
            Submitted::Published => "notice.comment.published",
            Submitted::Pending => "notice.comment.pending",
            Submitted::ConfirmEmail => "notice.comment.confirm_email",
        };
        if back.is_some() {
            Done::RedirectTo(format!("{page}#beitraege"), notice)
        } else {
            Done::Notice(notice)
        }
    });
    let form = if parent.is_empty() {
        "comment"
    } else {
        "reply"
    };
    finish(
        &req,
        form,
        result,
        &[
            ("body", &body),
            ("name", &name),
            ("email", &email),
            ("section", &section),
            ("stance", &stance),
        ],
    )
}
