//! The public pages of procedures: the list, the page of one procedure with its
//! documents and comments, and the small pages to reply to, report, edit and confirm
//! a comment.
mod comment_form;
mod comment_pages;
mod list;
mod page;
mod thread;

pub use comment_pages::{ConfirmComment, EditComment, ReplyToComment, ReportComment};
pub use list::ProcedureList;
pub use page::ProcedurePage;
