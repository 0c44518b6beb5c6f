//! Tenants, organizations, people, roles, sessions, one-time tokens, rate limits, audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(
    from_table: &'static str,
    from_col: &'static str,
    to_table: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("tenants")
                .col(pk_uuid("id"))
                .col(string_uniq("slug"))
                .col(string("name"))
                .col(string_len("state_code", 2))
                .col(string("brand_color"))
                .col(string_null("logo_url"))
                .col(string_null("primary_host"))
                .col(string("sender_email"))
                .col(text("imprint"))
                .col(text("privacy"))
                .col(text("accessibility"))
                .col(boolean("is_default"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("tenant_hosts")
                .col(string("host").primary_key())
                .col(uuid("tenant_id"))
                .foreign_key(&mut fk("tenant_hosts", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("organizations")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string("name"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("organizations", "tenant_id", "tenants"))
                .index(
                    Index::create()
                        .name("uq_organizations_tenant_name")
                        .col("tenant_id")
                        .col("name")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        // A person belongs to exactly one tenant: the same address may hold separate
        // accounts on two tenants, and a session of one tenant is never valid on another.
        m.create_table(
            Table::create()
                .table("users")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string("email"))
                .col(string("display_name"))
                .col(string("password_hash"))
                .col(timestamp_with_time_zone_null("email_verified_at"))
                .col(string_len("locale", 2))
                .col(boolean("is_platform_admin"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("users", "tenant_id", "tenants"))
                .index(
                    Index::create()
                        .name("uq_users_tenant_email")
                        .col("tenant_id")
                        .col("email")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        // Roles: staff, moderator, org_admin (with an organization), tenant_admin (without).
        m.create_table(
            Table::create()
                .table("role_assignments")
                .col(pk_uuid("id"))
                .col(uuid("user_id"))
                .col(uuid("tenant_id"))
                .col(uuid_null("organization_id"))
                .col(string("role"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("role_assignments", "user_id", "users"))
                .foreign_key(&mut fk("role_assignments", "tenant_id", "tenants"))
                .foreign_key(&mut fk(
                    "role_assignments",
                    "organization_id",
                    "organizations",
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_role_assignments_user")
                .table("role_assignments")
                .col("user_id")
                .to_owned(),
        )
        .await?;

        // Only the SHA-256 of a session token is stored: a leaked table opens no session.
        m.create_table(
            Table::create()
                .table("sessions")
                .col(string("token_hash").primary_key())
                .col(uuid("user_id"))
                .col(uuid("tenant_id"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("last_seen_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .foreign_key(&mut fk("sessions", "user_id", "users"))
                .to_owned(),
        )
        .await?;

        // Single-use links (e-mail verification, password reset, staff invitation).
        m.create_table(
            Table::create()
                .table("one_time_tokens")
                .col(string("token_hash").primary_key())
                .col(string("purpose"))
                .col(uuid("tenant_id"))
                .col(uuid_null("user_id"))
                .col(string("email"))
                .col(json_null("payload"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .foreign_key(&mut fk("one_time_tokens", "tenant_id", "tenants"))
                .foreign_key(&mut fk("one_time_tokens", "user_id", "users"))
                .to_owned(),
        )
        .await?;

        // Fixed-window counters, in the database so several processes share them.
        m.create_table(
            Table::create()
                .table("rate_limits")
                .col(string("bucket").primary_key())
                .col(timestamp_with_time_zone("window_start"))
                .col(integer("hits"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid_null("actor_id"))
                .col(string("action"))
                .col(string("subject"))
                .col(text("detail"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("audit_log", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "audit_log",
            "rate_limits",
            "one_time_tokens",
            "sessions",
            "role_assignments",
            "users",
            "organizations",
            "tenant_hosts",
            "tenants",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
