//! Staff invitations: a tenant admin invites an address into an organization with a
//! role; the mailed single-use link lets the invitee join (with a new account, or an
//! existing one proven by its password).
use super::find_organization;
use crate::account::service::{create_verified, link_mail};
use crate::admin::types::InvitationInfo;
use crate::domain::{EmailAddress, FieldErrors, NewPassword, PersonName, Role};
use crate::i18n::Lang;
use crate::platform::audit::Audit;
use crate::platform::crypto::verify_password;
use crate::platform::entities::{role_assignment, tenant, user};
use crate::platform::mail::Template;
use crate::platform::permissions::TenantAdmin;
use crate::platform::rate_limit;
use crate::platform::tokens::{self, NewToken, Purpose};
use crate::platform::{AppError, AppState, Write, tenants};
use crate::request::Client;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
    let write = Write::begin(state).await?;
    let payload = serde_json::to_value(InvitationPayload {
        organization_id: org.id,
        role: role.as_str().into(),
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let token = tokens::issue(
        &*write,
        write.now(),
        NewToken {
            purpose: Purpose::Invitation,
            tenant_id: tenant.id,
            user_id: None,
            email: email.as_str(),
            payload: Some(payload),
        },
    )
    .await?;
    write
        .record(
            Audit::new(tenant.id, "staff.invited")
                .by(admin.0.user.id)
                .on(org.id)
                .detail(format!("{} {}", email.as_str(), role.as_str())),
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
    write.enqueue(mail).await?;
    write.commit().await
}

pub async fn invitation(
    state: &AppState,
    tenant: &tenant::Model,
    token: &str,
) -> Result<InvitationInfo, AppError> {
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
    Ok(InvitationInfo {
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
    client: &Client,
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
        rate_limit::before_password_check(state, &client.ip, u.id).await?;
        if !verify_password(password.to_string(), u.password_hash.clone()).await {
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
    let write = Write::begin(state).await?;
    let row = tokens::consume(&*write, now, Purpose::Invitation, tenant.id, token).await?;
    let payload: InvitationPayload = serde_json::from_value(row.payload.unwrap_or_default())
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match (existing, new_account) {
        (Some(u), _) => u,
        (None, Some((name, password))) => {
            let email =
                EmailAddress::parse(&view.email).map_err(|k| AppError::field("email", k))?;
            create_verified(&*write, now, tenant.id, &email, name.as_str(), &password).await?
        }
        (None, None) => return Err(AppError::Internal("unreachable invitation state".into())),
    };
    grant(
        &*write,
        now,
        tenant.id,
        user.id,
        Some(payload.organization_id),
        Role::parse(&payload.role).unwrap_or(Role::Staff),
    )
    .await?;
    write
        .record(
            Audit::new(tenant.id, "staff.joined")
                .by(user.id)
                .on(payload.organization_id)
                .detail(&payload.role),
        )
        .await?;
    write.commit().await?;
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
