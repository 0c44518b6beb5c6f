//! BImSchG permit procedures (§10 BImSchG, 9. BImSchV). A permit procedure is a procedure
//! of kind `permit` (documents, phase, lifecycle, listing and subscriptions are the
//! engine's) with a `permits` row of the same id for what only permits have. Objections
//! are comments on the contributions core (author, number, receipt mail) with an
//! `objections` row for the postal address, channel, receipt hash and signature, group,
//! signers and topic. Documents may be business secrets (§10(2) BImSchG): never public,
//! replaced by a public summary.
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
                .table("permits")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string("applicant"))
                .col(string("installation"))
                .col(string("site_address"))
                .col(boolean("ied"))
                .col(boolean("uvp"))
                .col(text("office_address"))
                .col(text("office_hours"))
                .col(date("display_start"))
                .col(date_null("display_end_override"))
                .col(date_null("objection_deadline_override"))
                .col(text("override_reason"))
                .col(string("hearing"))
                .col(text("hearing_reason"))
                .col(timestamp_with_time_zone_null("hearing_at"))
                .col(string("hearing_place"))
                .col(text("decision_text"))
                .col(date_null("decision_announced"))
                .col(boolean("delivery_by_announcement"))
                .col(timestamp_with_time_zone_null("personal_data_deleted_at"))
                .foreign_key(&mut fk("permits", "id", "procedures"))
                .foreign_key(&mut fk("permits", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;

        // Topics of the weighing table: the authority's response per topic.
        m.create_table(
            Table::create()
                .table("permit_topics")
                .col(pk_uuid("id"))
                .col(uuid("procedure_id"))
                .col(string("name"))
                .col(text("response"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("permit_topics", "procedure_id", "procedures"))
                .index(
                    Index::create()
                        .name("uq_permit_topics_name")
                        .col("procedure_id")
                        .col("name")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("objections")
                .col(pk_uuid("comment_id"))
                .col(uuid("tenant_id"))
                .col(uuid("procedure_id"))
                .col(text("postal_address"))
                .col(string("channel"))
                .col(timestamp_with_time_zone("received_at"))
                .col(boolean("late"))
                .col(string("content_hash"))
                .col(string("signature"))
                .col(string("group_key"))
                .col(integer("signers"))
                .col(string("representative"))
                .col(uuid_null("topic_id"))
                .col(uuid_null("entered_by"))
                .foreign_key(&mut fk("objections", "comment_id", "comments"))
                .foreign_key(&mut fk("objections", "procedure_id", "procedures"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_objections_procedure")
                .table("objections")
                .col("procedure_id")
                .col("group_key")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("objection_files")
                .col(pk_uuid("id"))
                .col(uuid("comment_id"))
                .col(string("file_name"))
                .col(string("stored_name"))
                .col(big_integer("size_bytes"))
                .col(string("sha256"))
                .foreign_key(&mut fk("objection_files", "comment_id", "comments"))
                .to_owned(),
        )
        .await?;

        // SQLite adds one column per statement.
        m.alter_table(
            Table::alter()
                .table("documents")
                .add_column(boolean("confidential").default(false))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("documents")
                .add_column(uuid_null("summary_of"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["objection_files", "objections", "permit_topics", "permits"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table("documents")
                .drop_column("summary_of")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("documents")
                .drop_column("confidential")
                .to_owned(),
        )
        .await
    }
}
