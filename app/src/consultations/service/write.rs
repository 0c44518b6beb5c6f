//! Writing a comment, with the procedure's rules on who may and whether a moderator
//! looks first, and confirming one sent without an account through its mailed link.
//! Whether the phase is open is decided here, from the current time, on every request.
use crate::consultations::rules::CommentBody;
use crate::contributions::service::author::author;
use crate::contributions::service::blocked::refuse_blocked;
use crate::contributions::service::numbering::insert_numbered;
use crate::contributions::service::receipt::receipt;
use crate::contributions::service::replies::announce_reply;
use crate::contributions::service::{closed, confirmation, find};
use crate::domain::{CommentStatus, FieldErrors, Moderation, ProcedureKind, Scope, Stance};
use crate::i18n::Lang;
use crate::platform::entities::{comment, procedure, section, tenant};
use crate::platform::mail::{NewMail, Template};
use crate::platform::rate_limit;
use crate::platform::sessions::CurrentUser;
use crate::platform::{AppError, AppState, Write, tenants};
use crate::procedures::service::{accepts_contributions, parse_id, public_path, visible};
use crate::request::Client;
use crate::subscriptions::service::follow_confirmed;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

/// A comment as the form sends it.
#[derive(Clone, Debug, Default)]
pub struct NewComment {
    pub procedure: String,
    pub section: String,
    pub parent: String,
    pub body: String,
    pub name: String,
    pub email: String,
    pub notify: bool,
    /// For or against: asked of the arguments of a petition's debate (not of replies).
    pub stance: String,
}

/// What became of a submitted comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    Published,
    /// Waiting for a moderator.
    Pending,
    /// Waiting for its author to follow the link in the mail.
    ConfirmEmail,
}

/// Where a comment goes once its author is known for sure.
fn arrival_status(p: &procedure::Model) -> CommentStatus {
    if p.moderation == Moderation::Before {
        CommentStatus::Pending
    } else {
        CommentStatus::Published
    }
}

/// What happens once a comment's author is known for sure (at once, or after the mailed
/// link): the receipt, the reply subscription, and the reply notification.
async fn on_arrival(
    write: &Write<'_>,
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    c: &comment::Model,
    lang: Lang,
) -> Result<(), AppError> {
    if let Some(email) = &c.author_email {
        write
            .enqueue(receipt(state, tenant, p, c, email, lang))
            .await?;
        if c.notify_replies {
            let key = Scope::Comment(c.id.to_string()).key();
            follow_confirmed(&**write, write.now(), tenant.id, email, lang, &key).await?;
        }
    }
    if c.status == CommentStatus::Published {
        announce_reply(&**write, state, tenant, p, c).await?;
    }
    Ok(())
}

pub async fn submit(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    client: &Client,
    input: NewComment,
) -> Result<(String, Submitted), AppError> {
    let db = &state.db;
    let now = state.now();
    let p = visible(db, tenant, user, parse_id(&input.procedure)?).await?;
    if !accepts_contributions(db, &p, now).await? {
        return Err(closed());
    }
    let mut errors = FieldErrors::default();
    let body = errors.check("body", CommentBody::parse(&input.body));
    let author = author(
        p.who_may_comment,
        user,
        &input.name,
        &input.email,
        &mut errors,
    );

    let mut section_id = None;
    if !input.section.trim().is_empty() {
        let found = match Uuid::parse_str(input.section.trim()) {
            Ok(sid) => {
                section::Entity::find_by_id(sid)
                    .filter(section::Column::ProcedureId.eq(p.id))
                    .one(db)
                    .await?
            }
            Err(_) => None,
        };
        match found {
            Some(s) => section_id = Some(s.id),
            None => errors.add("section", "error.comment.section_invalid"),
        }
    }
    let mut parent = None;
    if !input.parent.trim().is_empty() {
        match find(db, tenant.id, &input.parent).await {
            Ok(c) if c.procedure_id == p.id && c.status == CommentStatus::Published => {
                // A reply is about what its parent is about.
                section_id = c.section_id;
                parent = Some(c);
            }
            Ok(_) | Err(AppError::NotFound) => errors.add("", "error.comment.parent_invalid"),
            Err(e) => return Err(e),
        }
    }
    let stance = match (p.kind, &parent) {
        (ProcedureKind::Debate, None) => errors.check(
            "stance",
            input
                .stance
                .parse::<Stance>()
                .map_err(|_| "error.stance.missing"),
        ),
        _ => None,
    };
    let (Some(body), Some(author), true) = (body, author, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    // Whoever typed in an address is not yet known to own it: a blocked address learns it
    // is blocked from the link in its mailbox (`confirm`), not the person at the form.
    if !author.must_confirm {
        refuse_blocked(db, tenant.id, author.email.as_deref()).await?;
    }
    rate_limit::hit(
        db,
        now,
        rate_limit::per_ip("comment-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;

    let status = if author.must_confirm {
        CommentStatus::Unconfirmed
    } else {
        arrival_status(&p)
    };
    let id = Uuid::new_v4();
    let row = comment::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.id),
        procedure_id: Set(p.id),
        number: Set(0),
        section_id: Set(section_id),
        parent_id: Set(parent.as_ref().map(|c| c.id)),
        thread_id: Set(parent.as_ref().map(|c| c.thread_id).unwrap_or(id)),
        author_user_id: Set(author.user_id),
        author_name: Set(author.name),
        author_email: Set(author.email.clone()),
        notify_replies: Set(input.notify && author.email.is_some()),
        status: Set(status),
        body: Set(body.into_inner()),
        support_count: Set(0),
        report_count: Set(0),
        created_at: Set(now),
        edited_at: Set(None),
        published_at: Set((status == CommentStatus::Published).then_some(now)),
        moderated_by: Set(None),
        moderated_at: Set(None),
        moderation_reason: Set(None),
        answer: Set(None),
        answered_by: Set(None),
        answered_at: Set(None),
        stance: Set(stance),
    };
    let lang = client.lang;
    let (write, c) = insert_numbered(state, row, p.id).await?;
    let email = c.author_email.clone().unwrap_or_default();
    if author.must_confirm && rate_limit::may_mail(&*write, write.now(), tenant.id, &email).await? {
        let token = confirmation::link_token(state, c.id);
        let link = format!(
            "{}/beitraege/bestaetigen?token={token}",
            tenants::base_url(&state.settings, tenant)
        );
        write
            .enqueue(NewMail {
                tenant_id: tenant.id,
                key: format!("comment-confirm:{}", c.id),
                template: Template::CommentConfirm,
                to: email,
                lang,
                // Not the text: whoever typed the address in may not be its owner, and
                // the authority's mail must not carry a stranger's words to them.
                data: serde_json::json!({
                    "procedure_title": p.title,
                    "number": c.number,
                    "link": link,
                }),
                subscriber_id: None,
            })
            .await?;
    } else if !author.must_confirm {
        on_arrival(&write, state, tenant, &p, &c, lang).await?;
    }
    write.commit().await?;
    let outcome = match status {
        CommentStatus::Unconfirmed => Submitted::ConfirmEmail,
        CommentStatus::Pending => Submitted::Pending,
        _ => Submitted::Published,
    };
    Ok((public_path(&p), outcome))
}

/// The mailed link of a comment without account: the address is confirmed, the comment
/// goes to the moderator or is published, while the phase runs. Confirming twice is fine.
pub async fn confirm(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    lang: Lang,
) -> Result<(String, Submitted), AppError> {
    let id = confirmation::parse(state, token)?;
    let db = &state.db;
    let c = comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant.id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("token", "error.comment.link_invalid"))?;
    let p = crate::procedures::service::find(db, tenant.id, c.procedure_id).await?;
    match c.status {
        CommentStatus::Unconfirmed => {}
        CommentStatus::Pending => return Ok((public_path(&p), Submitted::Pending)),
        _ => return Ok((public_path(&p), Submitted::Published)),
    }
    refuse_blocked(db, tenant.id, c.author_email.as_deref()).await?;
    // A contribution counts once its author is confirmed: after the phase it is too late,
    // as a letter that arrives after the deadline is.
    if !accepts_contributions(db, &p, state.now()).await? {
        return Err(AppError::field("token", "error.comment.closed_unconfirmed"));
    }
    let status = arrival_status(&p);
    let write = Write::begin(state).await?;
    let mut update =
        comment::Entity::update_many().col_expr(comment::Column::Status, Expr::value(status));
    if status == CommentStatus::Published {
        update = update.col_expr(comment::Column::PublishedAt, Expr::value(Some(write.now())));
    }
    let done = update
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Unconfirmed))
        .exec(&*write)
        .await?;
    if done.rows_affected == 1 {
        let confirmed = comment::Model { status, ..c };
        on_arrival(&write, state, tenant, &p, &confirmed, lang).await?;
    }
    write.commit().await?;
    let outcome = if status == CommentStatus::Pending {
        Submitted::Pending
    } else {
        Submitted::Published
    };
    Ok((public_path(&p), outcome))
}
