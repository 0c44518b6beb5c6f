//! The fields of a procedure as staff write them: create a draft, change it.
use super::access::Managed;
use crate::platform::audit::Audit;
use crate::platform::entities::{organization, tenant};
use crate::platform::entities::{procedure, procedure_topic};
use crate::platform::markdown::to_safe_html;
use crate::platform::permissions::Staff;
use crate::platform::{AppError, AppState, Write};
use crate::procedures::rules::fields::{ProcedureFields, ProcedureForm, area_keys};
use crate::procedures::rules::{ProcedureKind, Status};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

async fn write_topics(
    db: &impl ConnectionTrait,
    procedure_id: Uuid,
    topics: &[String],
) -> Result<(), AppError> {
    procedure_topic::Entity::delete_many()
        .filter(procedure_topic::Column::ProcedureId.eq(procedure_id))
        .exec(db)
        .await?;
    if !topics.is_empty() {
        procedure_topic::Entity::insert_many(topics.iter().map(|t| procedure_topic::ActiveModel {
            procedure_id: Set(procedure_id),
            topic: Set(t.clone()),
        }))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

fn apply(active: &mut procedure::ActiveModel, f: &ProcedureFields, now: DateTime<Utc>) {
    active.title = Set(f.title.clone());
    active.summary = Set(f.summary.clone());
    active.body_html = Set(to_safe_html(&f.body));
    active.body_markdown = Set(f.body.clone());
    active.place = Set(f.place.clone());
    active.area_keys = Set(area_keys(&f.place).join(" "));
    active.latitude = Set(f.coordinates.map(|c| c.0));
    active.longitude = Set(f.coordinates.map(|c| c.1));
    active.contact = Set(f.contact.clone());
    active.who_may_comment = Set(f.who_may_comment);
    active.moderation = Set(f.moderation);
    active.report_threshold = Set(f.report_threshold);
    active.updated_at = Set(now);
}

/// The organization a new procedure is for, as chosen in a form: one of this tenant's that
/// `staff` runs, else `None` (the form says so next to the field).
pub async fn chosen_organization(
    db: &impl ConnectionTrait,
    tenant: &tenant::Model,
    staff: &Staff,
    input: &str,
) -> Result<Option<Uuid>, AppError> {
    let Ok(id) = Uuid::parse_str(input.trim()) else {
        return Ok(None);
    };
    Ok(organization::Entity::find_by_id(id)
        .filter(organization::Column::TenantId.eq(tenant.id))
        .one(db)
        .await?
        .filter(|o| staff.runs(o.id))
        .map(|o| o.id))
}

/// Creates a consultation as a draft of the chosen organization; returns its id.
pub async fn create(
    state: &AppState,
    tenant: &tenant::Model,
    staff: &Staff,
    form: &ProcedureForm,
) -> Result<Uuid, AppError> {
    let org_id = chosen_organization(&state.db, tenant, staff, &form.organization).await?;
    let (fields, org_id) = match (form.parse(), org_id) {
        (Ok(f), Some(id)) => (f, id),
        (result, org_id) => {
            let mut errors = result.err().unwrap_or_default();
            if org_id.is_none() {
                errors.add("organization", "error.organization.invalid");
            }
            return Err(AppError::Invalid(errors));
        }
    };
    let write = Write::begin(state).await?;
    let id = Uuid::new_v4();
    let mut active = procedure::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant.id),
        organization_id: Set(org_id),
        kind: Set(ProcedureKind::Consultation),
        status: Set(Status::Draft),
        results_markdown: Set(String::new()),
        results_html: Set(String::new()),
        created_by: Set(Some(staff.0.user.id)),
        created_at: Set(write.now()),
        published_at: Set(None),
        concluded_at: Set(None),
        ..Default::default()
    };
    apply(&mut active, &fields, write.now());
    active.insert(&*write).await?;
    write_topics(&*write, id, &fields.topics).await?;
    write
        .record(
            Audit::new(tenant.id, "procedure.created")
                .by(staff.0.user.id)
                .on(id)
                .detail(&fields.title),
        )
        .await?;
    write.commit().await?;
    Ok(id)
}

/// Saves the fields of a procedure (its organization stays what it is).
pub async fn update(state: &AppState, m: &Managed, form: &ProcedureForm) -> Result<(), AppError> {
    let fields = form.parse().map_err(AppError::Invalid)?;
    let write = Write::begin(state).await?;
    let mut active: procedure::ActiveModel = m.procedure.clone().into();
    apply(&mut active, &fields, write.now());
    active.update(&*write).await?;
    write_topics(&*write, m.procedure.id, &fields.topics).await?;
    write
        .record(m.audit("procedure.updated").detail(&fields.title))
        .await?;
    write.commit().await
}
