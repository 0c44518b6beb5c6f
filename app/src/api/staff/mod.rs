//! Staff work on procedures: one server function per action. Each asks for the `Staff`
//! guard; the service checks that the person runs the procedure's organization.
mod answer;
mod comments;
mod create;
mod documents;
mod editor;
mod phases;
mod results;
mod status;
pub mod types;
mod update;

pub use answer::*;
pub use comments::*;
pub use create::*;
pub use documents::*;
pub use editor::*;
pub use phases::*;
pub use results::*;
pub use status::*;
pub use update::*;

/// What a procedure form keeps when it comes back with errors.
#[cfg(feature = "ssr")]
pub(crate) fn kept(form: &crate::domain::procedure::ProcedureForm) -> Vec<(String, String)> {
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
