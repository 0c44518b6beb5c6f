use crate::domain::Channel;
use sea_orm::entity::prelude::*;

/// What an objection has beyond its comment (same id, on the contributions core): the
/// postal address, how and when it arrived, the receipt's hash and signature, its group
/// of identical objections, the signers of a list and their representative (§17 VwVfG),
/// and its topic in the weighing table.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "objections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub comment_id: Uuid,
    pub tenant_id: Uuid,
    pub procedure_id: Uuid,
    pub postal_address: String,
    pub channel: Channel,
    pub received_at: DateTimeUtc,
    /// Received after the objection deadline (precluded, §10(3) sentence 5 BImSchG).
    pub late: bool,
    /// SHA-256 (hex) of the text and attachments, as the receipt states it.
    pub content_hash: String,
    /// The receipt's Ed25519 signature (base64url) of its statement (`receipts::statement`).
    pub signature: String,
    /// SHA-256 of the normalized text: identical objections share it.
    pub group_key: String,
    pub signers: i32,
    pub representative: String,
    pub topic_id: Option<Uuid>,
    pub entered_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
