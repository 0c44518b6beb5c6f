//! Which tenant a request belongs to, chosen by its Host header.
use super::Settings;
use super::entities::{tenant, tenant_host};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The host name without port, lower-cased: `Hessen.localhost:3000` → `hessen.localhost`.
pub fn normalize_host(host_header: &str) -> String {
    let host = host_header.trim().to_ascii_lowercase();
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or(host);
    }
    host.rsplit_once(':')
        .map(|(h, _)| h.to_string())
        .unwrap_or(host)
}

/// The tenant configured for `host`, else the default tenant.
pub async fn for_host(
    db: &impl ConnectionTrait,
    host_header: &str,
) -> Result<tenant::Model, DbErr> {
    let host = normalize_host(host_header);
    if let Some(mapping) = tenant_host::Entity::find_by_id(host).one(db).await? {
        if let Some(t) = tenant::Entity::find_by_id(mapping.tenant_id)
            .one(db)
            .await?
        {
            return Ok(t);
        }
    }
    tenant::Entity::find()
        .filter(tenant::Column::IsDefault.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| {
            DbErr::RecordNotFound(
                "no default tenant: run `mitwirken seed-demo` or create one".into(),
            )
        })
}

/// A fresh installation gets one default tenant so the portal works before any setup;
/// `seed-demo` and the admin tools replace or extend it.
pub async fn ensure_default(
    db: &impl ConnectionTrait,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), DbErr> {
    use sea_orm::{ActiveModelTrait, PaginatorTrait, Set};
    if tenant::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    tenant::ActiveModel {
        id: Set(uuid::Uuid::new_v4()),
        slug: Set("portal".into()),
        name: Set("Beteiligungsportal".into()),
        state_code: Set("SN".into()),
        brand_color: Set("#0b5394".into()),
        logo_url: Set(None),
        primary_host: Set(None),
        sender_email: Set("noreply@localhost".into()),
        imprint: Set("Impressum: bitte in der Portalverwaltung eintragen.".into()),
        privacy: Set("Datenschutzerklärung: bitte in der Portalverwaltung eintragen.".into()),
        accessibility: Set(
            "Erklärung zur Barrierefreiheit: bitte in der Portalverwaltung eintragen.".into(),
        ),
        is_default: Set(true),
        created_at: Set(now),
    }
    .insert(db)
    .await
    .map(|_| ())
}

pub async fn by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<tenant::Model>, DbErr> {
    tenant::Entity::find()
        .filter(tenant::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// Where links in this tenant's mails point: the configured base URL, with the
/// tenant's own host name when it has one. Never derived from a request's Host header.
pub fn base_url(settings: &Settings, tenant: &tenant::Model) -> String {
    let base = settings.base_url.trim_end_matches('/');
    let Some(host) = &tenant.primary_host else {
        return base.to_string();
    };
    let Some((scheme, rest)) = base.split_once("://") else {
        return base.to_string();
    };
    let authority = rest.split('/').next().unwrap_or(rest);
    let port = authority
        .rsplit_once(':')
        .map(|(_, p)| format!(":{p}"))
        .unwrap_or_default();
    format!("{scheme}://{host}{port}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_host_headers() {
        assert_eq!(normalize_host("Hessen.Localhost:3000"), "hessen.localhost");
        assert_eq!(normalize_host("127.0.0.1"), "127.0.0.1");
        assert_eq!(normalize_host("[::1]:3000"), "[::1]");
    }

    #[test]
    fn links_use_the_tenant_host_with_the_base_url_scheme_and_port() {
        let settings = Settings {
            base_url: "http://127.0.0.1:3000/".into(),
            secure_cookies: false,
            ip_rate_limit: 1,
            trusted_proxies: Default::default(),
            digest_hour: 7,
            files_dir: std::path::PathBuf::new(),
            receipt_key: crate::platform::receipt_key::ReceiptKey::generate(),
            permit_retention: chrono::Duration::days(365),
        };
        let mut t = tenant::Model {
            id: uuid::Uuid::nil(),
            slug: "he".into(),
            name: "Hessen".into(),
            state_code: "HE".into(),
            brand_color: "#000".into(),
            logo_url: None,
            primary_host: None,
            sender_email: "a@b.de".into(),
            imprint: String::new(),
            privacy: String::new(),
            accessibility: String::new(),
            is_default: false,
            created_at: chrono::Utc::now(),
        };
        assert_eq!(base_url(&settings, &t), "http://127.0.0.1:3000");
        t.primary_host = Some("hessen.localhost".into());
        assert_eq!(base_url(&settings, &t), "http://hessen.localhost:3000");
    }
}
