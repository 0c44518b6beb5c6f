//! The mail outbox, subscriptions (double opt-in) and the events they are notified of.
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

fn index(name: &str, table: &'static str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // People who receive notifications, with or without an account: one row per
        // address and tenant. Frequency: immediate, daily or weekly.
        m.create_table(
            Table::create()
                .table("subscribers")
                .col(big_pk_auto("id"))
                .col(uuid("tenant_id"))
                .col(string("email"))
                .col(string_len("language", 2))
                .col(string("frequency"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("subscribers", "tenant_id", "tenants"))
                .index(
                    Index::create()
                        .name("uq_subscribers_tenant_email")
                        .col("tenant_id")
                        .col("email")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        // What a subscriber follows, as a key such as `organization:<id>`, `topic:verkehr`,
        // `area:01067` or `procedure:<id>`. Counts only once confirmed (double opt-in).
        m.create_table(
            Table::create()
                .table("subscriptions")
                .col(big_pk_auto("id"))
                .col(big_integer("subscriber_id"))
                .col(string("topic_key"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .foreign_key(&mut fk("subscriptions", "subscriber_id", "subscribers"))
                .index(
                    Index::create()
                        .name("uq_subscriptions_subscriber_key")
                        .col("subscriber_id")
                        .col("topic_key")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_subscriptions_key",
            "subscriptions",
            &["topic_key"],
        ))
        .await?;

        // Something subscribers may want to hear about (a phase opened, results out, a new
        // procedure), with the keys it matches. Digests are built from this table.
        m.create_table(
            Table::create()
                .table("events")
                .col(big_pk_auto("id"))
                .col(uuid("tenant_id"))
                .col(string("template"))
                .col(json("data"))
                .col(timestamp_with_time_zone("occurred_at"))
                .foreign_key(&mut fk("events", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_events_tenant_time",
            "events",
            &["tenant_id", "occurred_at"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table("event_keys")
                .col(big_integer("event_id"))
                .col(string("topic_key"))
                .primary_key(Index::create().col("event_id").col("topic_key"))
                .foreign_key(&mut fk("event_keys", "event_id", "events"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_event_keys_key",
            "event_keys",
            &["topic_key", "event_id"],
        ))
        .await?;

        // Every mail, written in the transaction of the change that causes it. The unique
        // idempotency key makes a second enqueue of the same mail a no-op.
        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(uuid("tenant_id"))
                .col(string_uniq("idempotency_key"))
                .col(string("template"))
                .col(string("recipient"))
                .col(string_len("language", 2))
                .col(json_null("data"))
                .col(big_integer_null("subscriber_id"))
                .col(string("status"))
                .col(integer("attempts"))
                .col(timestamp_with_time_zone("next_attempt_at"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(text_null("last_error"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .foreign_key(&mut fk("outbox", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_outbox_due",
            "outbox",
            &["status", "next_attempt_at"],
        ))
        .await?;

        // One row per digest period that has been built, so a run is never repeated.
        m.create_table(
            Table::create()
                .table("digest_runs")
                .col(string("frequency"))
                .col(timestamp_with_time_zone("period_end"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("frequency").col("period_end"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "digest_runs",
            "outbox",
            "event_keys",
            "events",
            "subscriptions",
            "subscribers",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
