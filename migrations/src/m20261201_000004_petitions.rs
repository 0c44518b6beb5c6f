//! Online petitions: the addressees a tenant offers (with quorum and longest signing
//! period), petitions with their attachments, signatures (online with confirmation by
//! mail, or from paper lists), counted paper batches, the petitioner's updates. A
//! petition's debate is a procedure of kind `debate` with the petition's id, so its
//! arguments are comments on the contributions core; a comment's `stance` says for or
//! against.
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
        // Who a petition is addressed to (a parliament, a council), handled by the staff
        // of an organization of the tenant.
        m.create_table(
            Table::create()
                .table("petition_addressees")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("organization_id"))
                .col(string("name"))
                .col(integer("quorum"))
                .col(integer("max_weeks"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("petition_addressees", "tenant_id", "tenants"))
                .foreign_key(&mut fk(
                    "petition_addressees",
                    "organization_id",
                    "organizations",
                ))
                .index(
                    Index::create()
                        .name("uq_petition_addressees_name")
                        .col("tenant_id")
                        .col("name")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("petitions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("addressee_id"))
                .col(uuid_null("petitioner_id"))
                .col(integer("number"))
                .col(string("status"))
                .col(boolean("public"))
                .col(integer("weeks"))
                .col(string("title"))
                .col(text("request"))
                .col(text("reasons"))
                .col(string("category"))
                .col(string("region"))
                .col(text_null("moderation_reason"))
                .col(integer("signature_count"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone_null("closes_at"))
                .col(timestamp_with_time_zone_null("quorum_reached_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone_null("handed_over_at"))
                .col(text_null("handover_note"))
                .col(text_null("response"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .foreign_key(&mut fk("petitions", "tenant_id", "tenants"))
                .foreign_key(&mut fk("petitions", "addressee_id", "petition_addressees"))
                .index(
                    Index::create()
                        .name("uq_petitions_number")
                        .col("tenant_id")
                        .col("number")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_petitions_tenant_status")
                .table("petitions")
                .col("tenant_id")
                .col("status")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("petition_files")
                .col(pk_uuid("id"))
                .col(uuid("petition_id"))
                .col(string("title"))
                .col(string("file_name"))
                .col(string("stored_name"))
                .col(big_integer("size_bytes"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("petition_files", "petition_id", "petitions"))
                .to_owned(),
        )
        .await?;

        // One signature per address and petition (the unique index); paper signatures
        // have no address.
        m.create_table(
            Table::create()
                .table("signatures")
                .col(pk_uuid("id"))
                .col(uuid("petition_id"))
                .col(string("name"))
                .col(string("postal_code"))
                .col(string("place"))
                .col(string_null("email"))
                .col(boolean("show_name"))
                .col(boolean("wants_updates"))
                .col(string("source"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("confirmed_at"))
                .foreign_key(&mut fk("signatures", "petition_id", "petitions"))
                .index(
                    Index::create()
                        .name("uq_signatures_email")
                        .col("petition_id")
                        .col("email")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_signatures_confirmed")
                .table("signatures")
                .col("petition_id")
                .col("confirmed_at")
                .to_owned(),
        )
        .await?;

        // Paper lists entered as a counted batch (with the scan of the lists).
        m.create_table(
            Table::create()
                .table("paper_batches")
                .col(pk_uuid("id"))
                .col(uuid("petition_id"))
                .col(integer("count"))
                .col(string("note"))
                .col(string_null("stored_name"))
                .col(uuid_null("entered_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("paper_batches", "petition_id", "petitions"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("petition_updates")
                .col(pk_uuid("id"))
                .col(uuid("petition_id"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("petition_updates", "petition_id", "petitions"))
                .to_owned(),
        )
        .await?;

        // For or against, on the arguments of a petition's debate.
        m.alter_table(
            Table::alter()
                .table("comments")
                .add_column(string_null("stance"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("comments")
                .drop_column("stance")
                .to_owned(),
        )
        .await?;
        for t in [
            "petition_updates",
            "paper_batches",
            "signatures",
            "petition_files",
            "petitions",
            "petition_addressees",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
