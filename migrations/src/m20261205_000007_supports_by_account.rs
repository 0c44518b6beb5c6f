//! A person's supports found by their account: the procedure page asks which comments its
//! reader supports on every logged-in view, and the account's data export and deletion
//! ask for all of them. The primary key (comment, account) answers neither without a
//! scan of every support.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("ix_comment_supports_user_comment")
                .table("comment_supports")
                .col("user_id")
                .col("comment_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_comment_supports_user_comment")
                .table("comment_supports")
                .to_owned(),
        )
        .await
    }
}
