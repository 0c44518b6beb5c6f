use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub state_code: String,
    pub brand_color: String,
    pub logo_url: Option<String>,
    /// Host name used in links to this tenant; `None` means the host of the base URL.
    pub primary_host: Option<String>,
    pub sender_email: String,
    pub imprint: String,
    pub privacy: String,
    pub accessibility: String,
    pub is_default: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
