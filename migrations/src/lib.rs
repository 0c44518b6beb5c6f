//! The only place the schema changes. Each migration runs on SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261123_000001_foundation;
mod m20261123_000002_mail;
mod m20261123_000003_consultations;
mod m20261201_000004_petitions;
mod m20261203_000005_flashes;
mod m20261203_000006_permits;
mod m20261205_000007_supports_by_account;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_foundation::Migration),
            Box::new(m20261123_000002_mail::Migration),
            Box::new(m20261123_000003_consultations::Migration),
            Box::new(m20261201_000004_petitions::Migration),
            Box::new(m20261203_000005_flashes::Migration),
            Box::new(m20261203_000006_permits::Migration),
            Box::new(m20261205_000007_supports_by_account::Migration),
        ]
    }
}
