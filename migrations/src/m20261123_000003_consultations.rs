//! Consultations: procedures with their phases, documents and commentable sections;
//! comments with supports, reports and official answers; moderation (reason templates,
//! blocked addresses); full-text search over procedures on both databases.
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
        // A procedure of an organization. `status` follows the lifecycle draft → announced
        // → open → evaluation → concluded → archived; the body and the results are kept as
        // Markdown (what staff wrote) and as sanitized HTML (what is shown).
        m.create_table(
            Table::create()
                .table("procedures")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("organization_id"))
                .col(string("kind"))
                .col(string("status"))
                .col(string("title"))
                .col(text("summary"))
                .col(text("body_markdown"))
                .col(text("body_html"))
                .col(string("place"))
                .col(string("area_keys"))
                .col(double_null("latitude"))
                .col(double_null("longitude"))
                .col(text("contact"))
                .col(string("who_may_comment"))
                .col(string("moderation"))
                .col(integer("report_threshold"))
                .col(text("results_markdown"))
                .col(text("results_html"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(timestamp_with_time_zone_null("concluded_at"))
                .foreign_key(&mut fk("procedures", "tenant_id", "tenants"))
                .foreign_key(&mut fk("procedures", "organization_id", "organizations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_procedures_tenant_status",
            "procedures",
            &["tenant_id", "status"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("procedure_topics")
                .col(uuid("procedure_id"))
                .col(string("topic"))
                .primary_key(Index::create().col("procedure_id").col("topic"))
                .foreign_key(&mut fk("procedure_topics", "procedure_id", "procedures"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_procedure_topics_topic",
            "procedure_topics",
            &["topic"],
        ))
        .await?;

        // A comment phase: contributions are accepted from `starts_at` (inclusive) until
        // `ends_at` (exclusive). The `*_notified_at` columns make each notification of the
        // lifecycle worker happen once, however many workers run.
        m.create_table(
            Table::create()
                .table("phases")
                .col(pk_uuid("id"))
                .col(uuid("procedure_id"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(timestamp_with_time_zone_null("started_notified_at"))
                .col(timestamp_with_time_zone_null("ends_soon_notified_at"))
                .col(timestamp_with_time_zone_null("ended_notified_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("phases", "procedure_id", "procedures"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idx_phases_procedure", "phases", &["procedure_id"]))
            .await?;

        // A PDF (stored as a file outside the web root) or a text document made of
        // sections. `purpose` tells the procedure's documents from its results report.
        m.create_table(
            Table::create()
                .table("documents")
                .col(pk_uuid("id"))
                .col(uuid("procedure_id"))
                .col(string("kind"))
                .col(string("purpose"))
                .col(string("title"))
                .col(integer("position"))
                .col(string_null("file_name"))
                .col(string_null("stored_name"))
                .col(big_integer("size_bytes"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("documents", "procedure_id", "procedures"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_documents_procedure",
            "documents",
            &["procedure_id", "position"],
        ))
        .await?;

        // A numbered chapter (level 1) or paragraph (level 2) of a text document.
        m.create_table(
            Table::create()
                .table("sections")
                .col(pk_uuid("id"))
                .col(uuid("document_id"))
                .col(uuid("procedure_id"))
                .col(integer("position"))
                .col(integer("level"))
                .col(string("number"))
                .col(string("heading"))
                .col(text("body"))
                .foreign_key(&mut fk("sections", "document_id", "documents"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_sections_procedure",
            "sections",
            &["procedure_id", "position"],
        ))
        .await?;

        // A comment on a procedure, or on one of its sections, or a reply (`parent_id`;
        // `thread_id` is the top-level comment of its thread, itself for a top-level one).
        // Author: an account, or a name with a confirmed address, or a name only.
        m.create_table(
            Table::create()
                .table("comments")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("procedure_id"))
                .col(integer("number"))
                .col(uuid_null("section_id"))
                .col(uuid_null("parent_id"))
                .col(uuid("thread_id"))
                .col(uuid_null("author_user_id"))
                .col(string("author_name"))
                .col(string_null("author_email"))
                .col(boolean("notify_replies"))
                .col(string("status"))
                .col(text("body"))
                .col(integer("support_count"))
                .col(integer("report_count"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("edited_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(uuid_null("moderated_by"))
                .col(timestamp_with_time_zone_null("moderated_at"))
                .col(text_null("moderation_reason"))
                .col(text_null("answer"))
                .col(uuid_null("answered_by"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .foreign_key(&mut fk("comments", "procedure_id", "procedures"))
                .index(
                    Index::create()
                        .name("uq_comments_procedure_number")
                        .col("procedure_id")
                        .col("number")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_comments_procedure_status",
            "comments",
            &["procedure_id", "status", "created_at"],
        ))
        .await?;
        m.create_index(index("idx_comments_thread", "comments", &["thread_id"]))
            .await?;
        m.create_index(index(
            "idx_comments_tenant_status",
            "comments",
            &["tenant_id", "status"],
        ))
        .await?;

        // One support per account and comment (the primary key makes the second a no-op).
        m.create_table(
            Table::create()
                .table("comment_supports")
                .col(uuid("comment_id"))
                .col(uuid("user_id"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("comment_id").col("user_id"))
                .foreign_key(&mut fk("comment_supports", "comment_id", "comments"))
                .to_owned(),
        )
        .await?;

        // One report per account and comment; resolved by the moderator's decision.
        m.create_table(
            Table::create()
                .table("comment_reports")
                .col(pk_uuid("id"))
                .col(uuid("comment_id"))
                .col(uuid("user_id"))
                .col(text("reason"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("resolved_at"))
                .foreign_key(&mut fk("comment_reports", "comment_id", "comments"))
                .index(
                    Index::create()
                        .name("uq_comment_reports_comment_user")
                        .col("comment_id")
                        .col("user_id")
                        .unique(),
                )
                .to_owned(),
        )
        .await?;

        // Reasons moderators pick from (editable per tenant).
        m.create_table(
            Table::create()
                .table("moderation_reasons")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(text("text"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("moderation_reasons", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;

        // Addresses a moderator excluded from contributing on a tenant (an account's
        // address, or the address given with a comment).
        m.create_table(
            Table::create()
                .table("blocked_addresses")
                .col(uuid("tenant_id"))
                .col(string("email"))
                .col(text("reason"))
                .col(uuid_null("blocked_by"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("tenant_id").col("email"))
                .foreign_key(&mut fk("blocked_addresses", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;

        m.create_index(index(
            "idx_audit_log_tenant_time",
            "audit_log",
            &["tenant_id", "created_at"],
        ))
        .await?;

        // Full-text search over title and summary: FTS5 on SQLite (kept in step by
        // triggers), German text search on PostgreSQL (a generated column).
        let db = m.get_connection();
        match m.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "ALTER TABLE procedures ADD COLUMN search tsvector GENERATED ALWAYS AS \
                     (setweight(to_tsvector('german', title), 'A') || \
                      setweight(to_tsvector('german', summary), 'B')) STORED",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE INDEX idx_procedures_search ON procedures USING GIN (search)",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE procedures_fts USING fts5(procedure_id UNINDEXED, \
                     title, summary, tokenize = 'unicode61 remove_diacritics 2')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER procedures_fts_insert AFTER INSERT ON procedures BEGIN \
                     INSERT INTO procedures_fts (procedure_id, title, summary) \
                     VALUES (NEW.id, NEW.title, NEW.summary); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER procedures_fts_update AFTER UPDATE OF title, summary \
                     ON procedures BEGIN \
                     UPDATE procedures_fts SET title = NEW.title, summary = NEW.summary \
                     WHERE procedure_id = NEW.id; END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER procedures_fts_delete AFTER DELETE ON procedures BEGIN \
                     DELETE FROM procedures_fts WHERE procedure_id = OLD.id; END",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
            m.get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS procedures_fts")
                .await?;
        }
        m.drop_index(
            Index::drop()
                .name("idx_audit_log_tenant_time")
                .table("audit_log")
                .to_owned(),
        )
        .await?;
        for t in [
            "blocked_addresses",
            "moderation_reasons",
            "comment_reports",
            "comment_supports",
            "comments",
            "sections",
            "documents",
            "phases",
            "procedure_topics",
            "procedures",
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
