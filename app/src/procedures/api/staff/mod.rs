//! Staff work on procedures: one server function per action. Each proves once that the
//! person runs the procedure (`managed`, `changeable`), then hands over to a service.
mod create;
mod documents;
mod editor;
mod phases;
mod results;
mod status;
mod update;

pub use create::*;
pub use documents::*;
pub use editor::*;
pub use phases::*;
pub use results::*;
pub use status::*;
pub use update::*;

#[cfg(feature = "ssr")]
use crate::{platform::AppError, procedures::service as procedures, request::Request};

/// The procedure `id` names, for staff who run it.
#[cfg(feature = "ssr")]
pub(crate) async fn managed(req: &Request, id: &str) -> Result<procedures::Managed, AppError> {
    let staff = req.staff()?;
    procedures::managed(
        &req.state.db,
        &req.tenant,
        &staff,
        procedures::parse_id(id)?,
    )
    .await
}

/// As `managed`, for a change (archived procedures are read-only).
#[cfg(feature = "ssr")]
pub(crate) async fn changeable(req: &Request, id: &str) -> Result<procedures::Managed, AppError> {
    let staff = req.staff()?;
    procedures::access::changeable(
        &req.state.db,
        &req.tenant,
        &staff,
        procedures::parse_id(id)?,
    )
    .await
}

/// What a procedure form keeps when it comes back with errors.
#[cfg(feature = "ssr")]
pub(crate) fn kept(
    form: &crate::procedures::rules::fields::ProcedureForm,
) -> Vec<(String, String)> {
    let mut v = vec![
        ("organization".to_string(), form.organization.clone()),
        ("title".into(), form.title.clone()),
        ("summary".into(), form.summary.clone()),
        ("body".into(), form.body.clone()),
        ("place".into(), form.place.clone()),
        ("latitude".into(), form.latitude.clone()),
        ("longitude".into(), form.longitude.clone()),
        ("contact".into(), form.contact.clone()),
        ("who_may_comment".into(), form.who_may_comment.clone()),
        ("moderation".into(), form.moderation.clone()),
        ("report_threshold".into(), form.report_threshold.clone()),
    ];
    v.extend(
        form.topics
            .iter()
            .map(|t| ("topics[]".to_string(), t.clone())),
    );
    v
}
