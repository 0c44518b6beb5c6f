//! Consultations' comments (server only): writing one (`write`), its author's edits
//! (`own`), supports (`support`), the comment for the reply, report and edit pages
//! (`read`), the procedure's page with its threads (`page`), the staff side (`staff`,
//! `exports`), the person's data (`personal_data`) and the demo consultations (`demo`).
//! Reports, answers and moderation come from the contributions core.
pub mod demo;
pub mod exports;
pub mod own;
pub mod page;
pub mod personal_data;
pub mod read;
pub mod staff;
pub mod support;
pub mod write;

pub use write::{NewComment, Submitted, confirm, submit};
