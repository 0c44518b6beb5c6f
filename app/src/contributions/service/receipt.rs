//! The receipt a named author gets for a contribution that arrived (or was confirmed):
//! the procedure, when it was received, its reference number and an excerpt.
use super::comment_url;
use crate::domain::CommentStatus;
use crate::domain::text::excerpt;
use crate::i18n::Lang;
use crate::platform::AppState;
use crate::platform::entities::{comment, procedure, tenant};
use crate::platform::mail::{NewMail, Template};

pub fn receipt(
    state: &AppState,
    tenant: &tenant::Model,
    p: &procedure::Model,
    c: &comment::Model,
    to: &str,
    lang: Lang,
) -> NewMail {
    NewMail {
        tenant_id: tenant.id,
        key: format!("comment-receipt:{}", c.id),
        template: Template::ContributionReceipt,
        to: to.to_string(),
        lang,
        data: serde_json::json!({
            "procedure_title": p.title,
            "received_at": c.created_at.to_rfc3339(),
            "reference": c.number,
            "excerpt": excerpt(&c.body, 300),
            "pending_review": c.status == CommentStatus::Pending,
            "url": comment_url(&state.settings, tenant, p, c),
        }),
        subscriber_id: None,
    }
}
