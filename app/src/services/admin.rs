//! What a tenant admin manages: organizations and the staff invited into them.
use super::accounts::link_mail;
use super::entities::{organization, role_assignment, tenant, user};
use super::mail::{Template, outbox};
use super::permissions::{Staff, TenantAdmin};
use super::tokens::{self, NewToken, Purpose};
use super::{AppError, AppState, audit, tenants};
use crate::domain::{EmailAddress, FieldErrors, NewPassword, PersonName, Role};
use crate::i18n::Lang;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The organizations the holder may see: all of the tenant for its admin, else their own.
pub async fn organizations(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
) -> Result<Vec<organization::Model>, AppError> {
    Ok(organization::Entity::find()
        .filter(organization::Column::TenantId.eq(tenant.id))
        .order_by_asc(organization::Column::Name)
        .all(&state.db)
        .await?
        .into_iter()
        .filter(|o| staff.sees_organization(o))
        .collect())
}

/// The members of an organization with their roles (staff pages of that organization).
pub async fn members(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    organization_id: Uuid,
) -> Result<Vec<(user::Model, Role)>, AppError> {
    let org = find_organization(&state.db, tenant, organization_id).await?;
    if !staff.sees_organization(&org) {
        return Err(AppError::Forbidden);
    }
    let roles = role_assignment::Entity::find()
        .filter(role_assignment::Column::OrganizationId.eq(org.id))
        .all(&state.db)
        .await?;
    let mut out = Vec::new();
    for r in roles {
        if let (Some(u), Some(role)) = (
            user::Entity::find_by_id(r.user_id).one(&state.db).await?,
            Role::parse(&r.role),
        ) {
            out.push((u, role));
        }
    }
    out.sort_by(|a, b| a.0.display_name.cmp(&b.0.display_name));
    Ok(out)
}

/// An organization of this tenant; another tenant's id is "not found", not "forbidden".
async fn find_organization(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    id: Uuid,
) -> Result<organization::Model, AppError> {
    organization::Entity::find_by_id(id)
        .filter(organization::Column::TenantId.eq(tenant.id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn create_organization(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    name: &str,
) -> Result<organization::Model, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("name", "error.organization.name_missing"));
    }
    if name.chars().count() > 200 {
        return Err(AppError::field("name", "error.organization.name_too_long"));
    }
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let org = organization::ActiveModel {
        id: Set(Uuid::new_v4()),
        tenant_id: Set(tenant.id),
        name: Set(name.to_string()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(|e| {
        if super::error::is_unique_violation(&e) {
            AppError::field("name", "error.organization.name_taken")
        } else {
            e.into()
        }
    })?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(admin.0.user.id),
        "organization.created",
        &org.id.to_string(),
        name,
    )
    .await?;
    txn.commit().await?;
    Ok(org)
}

#[derive(Serialize, Deserialize)]
struct InvitationPayload {
    organization_id: Uuid,
    role: String,
}

/// E-mails a link with which the invitee joins the organization in `role`.
pub async fn invite(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    lang: Lang,
    email: &str,
    organization_id: &str,
    role: &str,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", EmailAddress::parse(email));
    let role = errors.check(
        "role",
        Role::parse(role)
            .filter(|r| Role::ORGANIZATION_ROLES.contains(r))
            .ok_or("error.role.invalid"),
    );
    let org_id = errors.check(
        "organization",
        Uuid::parse_str(organization_id).map_err(|_| "error.organization.invalid"),
    );
    let (Some(email), Some(role), Some(org_id)) = (email, role, org_id) else {
        return Err(AppError::Invalid(errors));
    };
    let org = find_organization(&state.db, tenant, org_id)
        .await
        .map_err(|_| AppError::field("organization", "error.organization.invalid"))?;
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    let payload = serde_json::to_value(InvitationPayload {
        organization_id: org.id,
        role: role.as_str().into(),
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let token = tokens::issue(
        &txn,
        now,
        NewToken {
            purpose: Purpose::Invitation,
            tenant_id: tenant.id,
            user_id: None,
            email: email.as_str(),
            payload: Some(payload),
        },
    )
    .await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(admin.0.user.id),
        "staff.invited",
        &org.id.to_string(),
        &format!("{} {}", email.as_str(), role.as_str()),
    )
    .await?;
    let link = format!(
        "{}/einladung?token={token}",
        tenants::base_url(&state.settings, tenant)
    );
    let mut mail = link_mail(
        tenant,
        email.as_str(),
        lang,
        Template::StaffInvitation,
        &link,
    );
    mail.data["organization"] = org.name.clone().into();
    mail.data["role"] = lang.t(role.label_key()).into();
    // Questions about the invitation go to the admin who sent it.
    mail.data["reply_to"] = admin.0.user.email.clone().into();
    outbox::enqueue(&txn, now, mail).await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}

/// What the invitation page shows before it is accepted.
pub struct InvitationView {
    pub email: String,
    pub organization: String,
    pub role: Role,
    pub has_account: bool,
}

pub async fn invitation(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<InvitationView, AppError> {
    let row = tokens::peek(
        &state.db,
        state.now(),
        Purpose::Invitation,
        tenant.id,
        token,
    )
    .await?;
    let payload: InvitationPayload =
        serde_json::from_value(row.payload.clone().unwrap_or_default())
            .map_err(|e| AppError::Internal(e.to_string()))?;
    let org = find_organization(&state.db, tenant, payload.organization_id).await?;
    let has_account = user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant.id))
        .filter(user::Column::Email.eq(&row.email))
        .one(&state.db)
        .await?
        .is_some();
    Ok(InvitationView {
        email: row.email,
        organization: org.name,
        role: Role::parse(&payload.role).unwrap_or(Role::Staff),
        has_account,
    })
}

/// Accepts an invitation: an existing account of the invited address proves itself with
/// its password; a new one is created with the name and password given here.
pub async fn accept_invitation(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
    name: &str,
    password: &str,
) -> Result<user::Model, AppError> {
    let now = state.now();
    let view = invitation(state, tenant, token).await?;
    let existing = user::Entity::find()
        .filter(user::Column::TenantId.eq(tenant.id))
        .filter(user::Column::Email.eq(&view.email))
        .one(&state.db)
        .await?;
    let new_account = if let Some(u) = &existing {
        if !super::crypto::verify_password(password.to_string(), u.password_hash.clone()).await {
            return Err(AppError::field("password", "error.password.wrong_current"));
        }
        None
    } else {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", PersonName::parse(name));
        let password = errors.check("password", NewPassword::parse(password, &view.email));
        match (name, password) {
            (Some(n), Some(p)) => Some((n, p)),
            _ => return Err(AppError::Invalid(errors)),
        }
    };
    let txn = crate::services::db::begin_write(&state.db).await?;
    let row = tokens::consume(&txn, now, Purpose::Invitation, tenant.id, token).await?;
    let payload: InvitationPayload = serde_json::from_value(row.payload.unwrap_or_default())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match (existing, new_account) {
        (Some(u), _) => u,
        (None, Some((name, password))) => {
            let email =
                EmailAddress::parse(&view.email).map_err(|k| AppError::field("email", k))?;
            super::accounts::create_verified(&txn, now, tenant.id, &email, name.as_str(), &password)
                .await?
        }
        (None, None) => return Err(AppError::Internal("unreachable invitation state".into())),
    };
    grant(
        &txn,
        now,
        tenant.id,
        user.id,
        Some(payload.organization_id),
        Role::parse(&payload.role).unwrap_or(Role::Staff),
    )
    .await?;
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(user.id),
        "staff.joined",
        &payload.organization_id.to_string(),
        &payload.role,
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// Gives a role (idempotent: an existing identical assignment is kept).
pub async fn grant(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
    tenant_id: Uuid,
    user_id: Uuid,
    organization_id: Option<Uuid>,
    role: Role,
) -> Result<(), AppError> {
    let mut q = role_assignment::Entity::find()
        .filter(role_assignment::Column::UserId.eq(user_id))
        .filter(role_assignment::Column::Role.eq(role.as_str()));
    q = match organization_id {
        Some(o) => q.filter(role_assignment::Column::OrganizationId.eq(o)),
        None => q.filter(role_assignment::Column::OrganizationId.is_null()),
    };
    if q.one(db).await?.is_none() {
        role_assignment::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(user_id),
            tenant_id: Set(tenant_id),
            organization_id: Set(organization_id),
            role: Set(role.as_str().to_string()),
            created_at: Set(now),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A mail that gave up, as tenant admins see it.
pub struct DeadMail {
    pub id: i64,
    pub recipient: String,
    pub template: String,
    pub attempts: i32,
    pub last_error: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// Mails of this tenant that could not be delivered.
pub async fn dead_mails(
    state: &AppState,
    tenant: &tenant::Model,
    _admin: &TenantAdmin,
) -> Result<Vec<DeadMail>, AppError> {
    Ok(outbox::dead(&state.db, tenant.id)
        .await?
        .into_iter()
        .map(|m| DeadMail {
            id: m.id,
            recipient: m.recipient,
            template: m.template,
            attempts: m.attempts,
            last_error: m.last_error.unwrap_or_default(),
            created_at: m.created_at,
        })
        .collect())
}

/// Queues a dead mail again (after the admin fixed the cause, say a full mailbox).
pub async fn resend_mail(
    state: &AppState,
    tenant: &tenant::Model,
    admin: &TenantAdmin,
    id: i64,
) -> Result<(), AppError> {
    let now = state.now();
    let txn = crate::services::db::begin_write(&state.db).await?;
    if !outbox::retry_dead(&txn, now, tenant.id, id).await? {
        return Err(AppError::field("", "error.mail.not_dead"));
    }
    audit::record(
        &txn,
        now,
        tenant.id,
        Some(admin.0.user.id),
        "outbox.resent",
        &id.to_string(),
        "",
    )
    .await?;
    txn.commit().await?;
    state.mail_queued.notify_one();
    Ok(())
}
