//! Citizens' comments: write (with the procedure's rules on who may and whether a
//! moderator looks first), confirm by mail, edit and withdraw while the phase runs,
//! support, report; staff answer them. The server decides whether the phase is open,
//! from the current time, on every request.
use super::crypto::{sign, verify_signature};
use super::entities::{
    blocked_address, comment, comment_report, comment_support, procedure, section, tenant,
};
use super::mail::{NewMail, Template, outbox};
use super::permissions::Staff;
use super::procedures::{self, page::visible};
use super::sessions::CurrentUser;
use super::{AppError, AppState, audit, notifications, rate_limit, subscriptions};
use crate::api::procedures::types::CommentContext;
use crate::api::staff::types::{StaffComment, StaffComments};
use crate::domain::berlin;
use crate::domain::comment::{excerpt, reason};
use crate::domain::lifecycle;
use crate::domain::procedure::clean;
use crate::domain::{
    CommentBody, CommentStatus, EmailAddress, FieldErrors, Moderation, PersonName, Scope,
    WhoMayComment,
};
use crate::i18n::Lang;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    FromQueryResult, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

/// How long the confirmation link of a comment without account works.
const CONFIRM_LIFETIME: Duration = Duration::days(7);
pub const ANSWER_MAX: usize = 10_000;

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

async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: &str,
) -> Result<comment::Model, AppError> {
    let id = procedures::parse_id(id)?;
    comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the procedure takes contributions now (its phases decide, to the second).
async fn accepting(
    db: &impl ConnectionTrait,
    p: &procedure::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let phases = procedures::phases(db, p.id).await?;
    Ok(lifecycle::accepts_contributions(
        procedures::stored_status(p),
        &procedures::windows(&phases),
        now,
    ))
}

fn closed() -> AppError {
    AppError::field("", "error.comment.closed")
}

pub async fn is_blocked(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    email: &str,
) -> Result<bool, AppError> {
    Ok(
        blocked_address::Entity::find_by_id((tenant_id, email.to_string()))
            .one(db)
            .await?
            .is_some(),
    )
}

fn confirm_token(state: &AppState, id: Uuid, expires: DateTime<Utc>) -> String {
    let data = format!("k{}.{}", id.simple(), expires.timestamp());
    format!("{data}.{}", sign(&state.secret, &data))
}

fn parse_confirm_token(state: &AppState, token: &str) -> Result<Uuid, AppError> {
    let invalid = || AppError::field("token", "error.comment.link_invalid");
    let (data, sig) = token.trim().rsplit_once('.').ok_or_else(invalid)?;
    if !verify_signature(&state.secret, data, sig) {
        return Err(invalid());
    }
    let (id, expires) = data
        .strip_prefix('k')
        .and_then(|d| d.split_once('.'))
        .ok_or_else(invalid)?;
    let expires: i64 = expires.parse().map_err(|_| invalid())?;
    if state.now().timestamp() > expires {
        return Err(AppError::field("token", "error.comment.link_expired"));
    }
    Uuid::parse_str(id).map_err(|_| invalid())
}

/// Who wrote a comment, as the procedure's rules allow.
struct Author {
    user_id: Option<Uuid>,
    name: String,
    /// Confirmed already (an account's) or to be confirmed by mail.
    email: Option<String>,
    must_confirm: bool,
}

fn author(
    who: WhoMayComment,
    user: Option<&CurrentUser>,
    input: &NewComment,
    errors: &mut FieldErrors,
) -> Option<Author> {
    if let Some(u) = user {
        let verified = u.user.email_verified_at.is_some();
        if !verified && who != WhoMayComment::NameOnly {
            errors.add("", "error.comment.verify_first");
            return None;
        }
        return Some(Author {
            user_id: Some(u.user.id),
            name: u.user.display_name.clone(),
            email: verified.then(|| u.user.email.clone()),
            must_confirm: false,
        });
    }
    match who {
        WhoMayComment::Account => {
            errors.add("", "error.comment.login_required");
            None
        }
        WhoMayComment::VerifiedEmail => {
            let name = errors.check("name", PersonName::parse(&input.name));
            let email = errors.check("email", EmailAddress::parse(&input.email));
            Some(Author {
                user_id: None,
                name: name?.into_inner(),
                email: Some(email?.as_str().to_string()),
                must_confirm: true,
            })
        }
        WhoMayComment::NameOnly => {
            let name = errors.check("name", PersonName::parse(&input.name))?;
            Some(Author {
                user_id: None,
                name: name.into_inner(),
                email: None,
                must_confirm: false,
            })
        }
    }
}

/// The page a mail points to for a comment.
fn comment_url(state: &AppState, tenant: &tenant::Model, c: &comment::Model) -> String {
    format!(
        "{}#beitrag-{}",
        procedures::url(&state.settings, tenant, c.procedure_id),
        c.number
    )
}

#[derive(FromQueryResult)]
struct MaxNumber {
    n: Option<i32>,
}

/// Writes a comment, numbered next in its procedure, and returns the open transaction
/// for the caller to add what goes with it. Two comments arriving at the same moment on
/// PostgreSQL may pick the same number; the unique index refuses the second, which then
/// tries again.
async fn insert_numbered(
    state: &AppState,
    mut row: comment::ActiveModel,
    procedure_id: Uuid,
) -> Result<(DatabaseTransaction, comment::Model), AppError> {
    use sea_orm::QuerySelect;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let txn = crate::services::db::begin_write(&state.db).await?;
        let max = comment::Entity::find()
            .select_only()
            .column_as(comment::Column::Number.max(), "n")
            .filter(comment::Column::ProcedureId.eq(procedure_id))
            .into_model::<MaxNumber>()
            .one(&txn)
            .await?
            .and_then(|m| m.n)
            .unwrap_or(0);
        row.number = Set(max + 1);
        match row.clone().insert(&txn).await {
            Ok(saved) => return Ok((txn, saved)),
            Err(e) if attempt < 5 && super::error::is_unique_violation(&e) => {
                txn.rollback().await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The receipt a named author gets for a comment that arrived (or was confirmed).
fn receipt(
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    c: &comment::Model,
    to: &str,
    lang: Lang,
) -> NewMail {
    NewMail {
        tenant_id: tenant.id,
        key: format!("comment-receipt:{}", c.id),
        template: Template::ContributionReceipt,
        to: to.to_string(),
        lang,
        data: serde_json::json!({
            "procedure_title": p.title,
            "received_at": c.created_at.to_rfc3339(),
            "reference": c.number,
            "excerpt": excerpt(&c.body, 300),
            "pending_review": c.status() == CommentStatus::Pending,
            "url": comment_url(state, tenant, c),
        }),
        subscriber_id: None,
    }
}

/// Tells the author of the replied-to comment (if they follow it) that someone replied.
pub(crate) async fn announce_reply(
    db: &impl ConnectionTrait,
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    reply: &comment::Model,
) -> Result<(), AppError> {
    let Some(parent_id) = reply.parent_id else {
        return Ok(());
    };
    let Some(parent) = comment::Entity::find_by_id(parent_id).one(db).await? else {
        return Ok(());
    };
    let same_author = (parent.author_user_id.is_some()
        && parent.author_user_id == reply.author_user_id)
        || (parent.author_email.is_some() && parent.author_email == reply.author_email);
    if same_author {
        return Ok(());
    }
    notifications::publish(
        db,
        state.now(),
        tenant.id,
        Template::CommentReply,
        serde_json::json!({
            "procedure_title": p.title,
            "author": reply.author_name,
            "excerpt": excerpt(&reply.body, 300),
            "url": comment_url(state, tenant, reply),
        }),
        &[Scope::Comment(parent.id.to_string()).key()],
    )
    .await?;
    Ok(())
}

/// What happens once a comment's author is known for sure (at once, or after the mailed
/// link): the receipt, the reply subscription, and the reply notification.
async fn on_arrival(
    db: &impl ConnectionTrait,
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    c: &comment::Model,
    lang: Lang,
) -> Result<(), AppError> {
    if let Some(email) = &c.author_email {
        outbox::enqueue(db, state.now(), receipt(state, tenant, p, c, email, lang)).await?;
        if c.notify_replies {
            let key = Scope::Comment(c.id.to_string()).key();
            subscriptions::follow_confirmed(db, state.now(), tenant.id, email, lang, &key).await?;
        }
    }
    if c.status() == CommentStatus::Published {
        announce_reply(db, state, tenant, p, c).await?;
    }
    Ok(())
}

pub async fn submit(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    client: &super::accounts::Client,
    input: NewComment,
) -> Result<(Uuid, Submitted), AppError> {
    let db = &state.db;
    let now = state.now();
    let p = visible(db, tenant, user, procedures::parse_id(&input.procedure)?).await?;
    if !accepting(db, &p, now).await? {
        return Err(closed());
    }
    let mut errors = FieldErrors::default();
    let body = errors.check("body", CommentBody::parse(&input.body));
    let who = WhoMayComment::parse(&p.who_may_comment).unwrap_or_default();
    let author = author(who, user, &input, &mut errors);

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
            Ok(c) if c.procedure_id == p.id && c.status() == CommentStatus::Published => {
                // A reply is about what its parent is about.
                section_id = c.section_id;
                parent = Some(c);
            }
            Ok(_) | Err(AppError::NotFound) => errors.add("", "error.comment.parent_invalid"),
            Err(e) => return Err(e),
        }
    }
    let (Some(body), Some(author), true) = (body, author, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    if let Some(email) = &author.email {
        if is_blocked(db, tenant.id, email).await? {
            return Err(AppError::field("", "error.comment.blocked"));
        }
    }
    rate_limit::hit(
        db,
        now,
        rate_limit::per_ip("comment-ip", state.settings.ip_rate_limit),
        &client.ip,
    )
    .await?;

    let moderated = Moderation::parse(&p.moderation) == Ok(Moderation::Before);
    let status = if author.must_confirm {
        CommentStatus::Unconfirmed
    } else if moderated {
        CommentStatus::Pending
    } else {
        CommentStatus::Published
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
        status: Set(status.as_str().into()),
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
    };
    let lang = client.lang;
    let (txn, c) = insert_numbered(state, row, p.id).await?;
    if author.must_confirm {
        let token = confirm_token(state, c.id, now + CONFIRM_LIFETIME);
        let link = format!(
            "{}/beitraege/bestaetigen?token={token}",
            super::tenants::base_url(&state.settings, tenant)
        );
        let mail = NewMail {
            tenant_id: tenant.id,
            key: format!("comment-confirm:{}", c.id),
            template: Template::CommentConfirm,
            to: c.author_email.clone().unwrap_or_default(),
            lang,
            data: serde_json::json!({
                "procedure_title": p.title,
                "excerpt": excerpt(&c.body, 300),
                "link": link,
            }),
            subscriber_id: None,
        };
        outbox::enqueue(&txn, now, mail).await?;
    } else {
        on_arrival(&txn, state, tenant, &p, &c, lang).await?;
    }
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok((
        p.id,
        match status {
            CommentStatus::Unconfirmed => Submitted::ConfirmEmail,
            CommentStatus::Pending => Submitted::Pending,
            _ => Submitted::Published,
        },
    ))
}

/// The mailed link of a comment without account: the address is confirmed, the comment
/// goes to the moderator or is published. Confirming twice is fine.
pub async fn confirm(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    lang: Lang,
) -> Result<(Uuid, Submitted), AppError> {
    let id = parse_confirm_token(state, token)?;
    let db = &state.db;
    let c = comment::Entity::find_by_id(id)
        .filter(comment::Column::TenantId.eq(tenant.id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("token", "error.comment.link_invalid"))?;
    let p = procedures::find(db, tenant.id, c.procedure_id).await?;
    match c.status() {
        CommentStatus::Unconfirmed => {}
        CommentStatus::Pending => return Ok((p.id, Submitted::Pending)),
        _ => return Ok((p.id, Submitted::Published)),
    }
    if let Some(email) = &c.author_email {
        if is_blocked(db, tenant.id, email).await? {
            return Err(AppError::field("", "error.comment.blocked"));
        }
    }
    let now = state.now();
    let moderated = Moderation::parse(&p.moderation) == Ok(Moderation::Before);
    let status = if moderated {
        CommentStatus::Pending
    } else {
        CommentStatus::Published
    };
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut update = comment::Entity::update_many()
        .col_expr(comment::Column::Status, Expr::value(status.as_str()));
    if status == CommentStatus::Published {
        update = update.col_expr(comment::Column::PublishedAt, Expr::value(Some(now)));
    }
    let done = update
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Unconfirmed.as_str()))
        .exec(&txn)
        .await?;
    if done.rows_affected == 1 {
        let confirmed = comment::Model {
            status: status.as_str().into(),
            ..c
        };
        on_arrival(&txn, state, tenant, &p, &confirmed, lang).await?;
    }
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok((
        p.id,
        if moderated {
            Submitted::Pending
        } else {
            Submitted::Published
        },
    ))
}

/// One's own comment, while the phase runs.
async fn own_while_open(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<(comment::Model, procedure::Model), AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    if c.author_user_id != Some(user.user.id) {
        return Err(AppError::Forbidden);
    }
    if !matches!(
        c.status(),
        CommentStatus::Published | CommentStatus::Pending
    ) {
        return Err(AppError::field("", "error.comment.not_editable"));
    }
    let p = procedures::find(&state.db, tenant.id, c.procedure_id).await?;
    if !accepting(&state.db, &p, state.now()).await? {
        return Err(closed());
    }
    Ok((c, p))
}

/// Changes one's own comment while the phase runs. Under moderation before publication
/// the changed text is reviewed again.
pub async fn edit(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
    body: &str,
) -> Result<Uuid, AppError> {
    let (c, p) = own_while_open(state, tenant, user, id).await?;
    let body = CommentBody::parse(body).map_err(|k| AppError::field("body", k))?;
    let moderated = Moderation::parse(&p.moderation) == Ok(Moderation::Before);
    let mut active: comment::ActiveModel = c.clone().into();
    active.body = Set(body.into_inner());
    active.edited_at = Set(Some(state.now()));
    if moderated {
        active.status = Set(CommentStatus::Pending.as_str().into());
    }
    active.update(&state.db).await?;
    Ok(p.id)
}

pub async fn withdraw(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<Uuid, AppError> {
    let (c, p) = own_while_open(state, tenant, user, id).await?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            Expr::value(CommentStatus::Withdrawn.as_str()),
        )
        .col_expr(comment::Column::EditedAt, Expr::value(Some(state.now())))
        .filter(comment::Column::Id.eq(c.id))
        .exec(&state.db)
        .await?;
    Ok(p.id)
}

/// A published comment of a procedure this person may see.
async fn published(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<(comment::Model, procedure::Model), AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, Some(user), c.procedure_id).await?;
    if c.status() != CommentStatus::Published {
        return Err(AppError::NotFound);
    }
    Ok((c, p))
}

/// Supports a comment, once per account, while the phase runs.
pub async fn support(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
) -> Result<Uuid, AppError> {
    let (c, p) = published(state, tenant, user, id).await?;
    if user.user.email_verified_at.is_none() {
        return Err(AppError::field("", "error.comment.verify_first"));
    }
    if !accepting(&state.db, &p, state.now()).await? {
        return Err(closed());
    }
    if c.author_user_id == Some(user.user.id) {
        return Err(AppError::field("", "error.support.own"));
    }
    if is_blocked(&state.db, tenant.id, &user.user.email).await? {
        return Err(AppError::field("", "error.comment.blocked"));
    }
    let txn = crate::services::db::begin_write(&state.db).await?;
    let inserted = comment_support::Entity::insert(comment_support::ActiveModel {
        comment_id: Set(c.id),
        user_id: Set(user.user.id),
        created_at: Set(state.now()),
    })
    .on_conflict(
        OnConflict::columns([
            comment_support::Column::CommentId,
            comment_support::Column::UserId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Err(AppError::field("", "error.support.twice"));
    }
    count_one_more(&txn, c.id, comment::Column::SupportCount).await?;
    txn.commit().await?;
    Ok(p.id)
}

/// Adds one to a comment's counter in the database itself, so that two people
/// supporting at the same moment are both counted.
async fn count_one_more(
    txn: &DatabaseTransaction,
    id: Uuid,
    counter: comment::Column,
) -> Result<(), AppError> {
    comment::Entity::update_many()
        .col_expr(counter, Expr::col(counter).add(1))
        .filter(comment::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Reports a comment with a reason, once per account. When the reports reach the
/// procedure's threshold the comment is hidden until a moderator decides.
pub async fn report(
    state: &AppState,
    tenant: &tenant::Model,
    user: &CurrentUser,
    id: &str,
    why: &str,
) -> Result<Uuid, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, Some(user), c.procedure_id).await?;
    if !matches!(
        c.status(),
        CommentStatus::Published | CommentStatus::Reported
    ) {
        return Err(AppError::NotFound);
    }
    let why = reason(why).map_err(|k| AppError::field("reason", k))?;
    let txn = crate::services::db::begin_write(&state.db).await?;
    let saved = comment_report::ActiveModel {
        id: Set(Uuid::new_v4()),
        comment_id: Set(c.id),
        user_id: Set(user.user.id),
        reason: Set(why),
        created_at: Set(state.now()),
        resolved_at: Set(None),
    }
    .insert(&txn)
    .await;
    match saved {
        Ok(_) => {}
        Err(e) if super::error::is_unique_violation(&e) => {
            return Err(AppError::field("reason", "error.report.twice"));
        }
        Err(e) => return Err(e.into()),
    }
    count_one_more(&txn, c.id, comment::Column::ReportCount).await?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            Expr::value(CommentStatus::Reported.as_str()),
        )
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published.as_str()))
        .filter(comment::Column::ReportCount.gte(p.report_threshold))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(p.id)
}

/// The authority's official answer to a comment (writing it again replaces it).
pub async fn answer(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    id: &str,
    text: &str,
) -> Result<Uuid, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = procedures::find(&state.db, tenant.id, c.procedure_id).await?;
    if !staff.runs(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    if c.status() != CommentStatus::Published {
        return Err(AppError::field("answer", "error.answer.not_published"));
    }
    let text = clean(text);
    if text.is_empty() {
        return Err(AppError::field("answer", "error.answer.missing"));
    }
    if text.chars().count() > ANSWER_MAX {
        return Err(AppError::field("answer", "error.answer.too_long"));
    }
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let mut active: comment::ActiveModel = c.clone().into();
    active.answer = Set(Some(text.clone()));
    active.answered_by = Set(Some(staff.0.user.id));
    active.answered_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(staff.0.user.id),
        "comment.answered",
        &c.id.to_string(),
        &excerpt(&text, 200),
    )
    .await?;
    notifications::publish(
        &txn,
        now,
        tenant.id,
        Template::OfficialAnswer,
        serde_json::json!({
            "procedure_title": p.title,
            "organization": procedures::organization_name(&txn, p.organization_id).await?,
            "excerpt": excerpt(&text, 300),
            "url": comment_url(state, tenant, &c),
        }),
        &[Scope::Comment(c.id.to_string()).key()],
    )
    .await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(p.id)
}

/// A comment as the reply, report and edit pages show it: published, or one's own.
pub async fn context(
    state: &AppState,
    tenant: &tenant::Model,
    user: Option<&CurrentUser>,
    id: &str,
    lang: Lang,
) -> Result<CommentContext, AppError> {
    let c = find(&state.db, tenant.id, id).await?;
    let p = visible(&state.db, tenant, user, c.procedure_id).await?;
    let mine = user.is_some_and(|u| c.author_user_id == Some(u.user.id));
    let shown = match c.status() {
        CommentStatus::Published => true,
        CommentStatus::Pending => mine,
        _ => false,
    };
    if !shown {
        return Err(AppError::NotFound);
    }
    Ok(CommentContext {
        id: c.id.to_string(),
        number: c.number,
        procedure_id: p.id.to_string(),
        procedure_title: p.title.clone(),
        author: c.author_name.clone(),
        date: berlin::format(c.created_at, lang),
        body: c.body.clone(),
        accepting: accepting(&state.db, &p, state.now()).await?,
        who_may_comment: WhoMayComment::parse(&p.who_may_comment).unwrap_or_default(),
        mine,
        viewer: procedures::page::viewer(user, p.organization_id),
    })
}

/// Every comment of a procedure with its author's data, for its staff.
pub async fn for_staff(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    procedure_id: &str,
    lang: Lang,
) -> Result<StaffComments, AppError> {
    let p = procedures::find(&state.db, tenant.id, procedures::parse_id(procedure_id)?).await?;
    if !staff.runs(p.organization_id) {
        return Err(AppError::Forbidden);
    }
    let rows = all_of(&state.db, p.id).await?;
    let sections = section::Entity::find()
        .filter(section::Column::ProcedureId.eq(p.id))
        .all(&state.db)
        .await?;
    let number_of =
        |id: Option<Uuid>| id.and_then(|id| rows.iter().find(|c| c.id == id).map(|c| c.number));
    let comments = rows
        .iter()
        .filter(|c| c.status() != CommentStatus::Unconfirmed)
        .map(|c| StaffComment {
            id: c.id.to_string(),
            number: c.number,
            reply_to: number_of(c.parent_id),
            section: c.section_id.and_then(|sid| {
                sections
                    .iter()
                    .find(|s| s.id == sid)
                    .map(|s| format!("{} {}", s.number, s.heading))
            }),
            author: c.author_name.clone(),
            email: c.author_email.clone(),
            has_account: c.author_user_id.is_some(),
            status: c.status().label_key().to_string(),
            date: berlin::format(c.created_at, lang),
            body: c.body.clone(),
            supports: c.support_count,
            reports: c.report_count,
            answer: c.answer.clone(),
        })
        .collect();
    Ok(StaffComments {
        procedure_id: p.id.to_string(),
        procedure_title: p.title,
        comments,
    })
}

/// All comments of a procedure in the order of their numbers.
pub async fn all_of(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
) -> Result<Vec<comment::Model>, AppError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::ProcedureId.eq(procedure_id))
        .order_by_asc(comment::Column::Number)
        .all(db)
        .await?)
}

/// The comments of an account, for the person's data export.
pub async fn of_account(
    db: &impl ConnectionTrait,
    user_id: Uuid,
) -> Result<Vec<serde_json::Value>, AppError> {
    Ok(comment::Entity::find()
        .filter(comment::Column::AuthorUserId.eq(user_id))
        .order_by_asc(comment::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            serde_json::json!({
                "procedure_id": c.procedure_id,
                "number": c.number,
                "status": c.status,
                "text": c.body,
                "written_at": c.created_at,
                "edited_at": c.edited_at,
            })
        })
        .collect())
}

/// When an account is deleted its comments stay (they are part of the procedure's
/// record and of other people's threads) but no longer say who wrote them.
pub async fn anonymize_account(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), AppError> {
    comment::Entity::update_many()
        .col_expr(comment::Column::AuthorName, Expr::value(ANONYMOUS))
        .col_expr(
            comment::Column::AuthorEmail,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            comment::Column::AuthorUserId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(comment::Column::NotifyReplies, Expr::value(false))
        .filter(comment::Column::AuthorUserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The author shown for the comments of a deleted account.
pub const ANONYMOUS: &str = "Gelöschtes Konto";
