//! Large form answers waiting for the next page view: a plain form's rejected input (a
//! 5,000-character comment, a long description) is over the 4 KB a browser keeps in a
//! cookie, so it waits here for a few minutes and the cookie names it.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("flashes")
                .col(string("id").primary_key())
                .col(text("data"))
                .col(timestamp_with_time_zone("expires_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_flashes_expires_at")
                .table("flashes")
                .col("expires_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("flashes").to_owned())
            .await
    }
}
