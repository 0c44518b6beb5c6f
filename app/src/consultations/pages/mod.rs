//! The pages of a consultation: the procedure with its documents and comments, the
//! small pages to reply to, report, edit and confirm a comment, and the comments for
//! staff with their answers.
mod comment_form;
mod comment_pages;
mod page;
mod staff_comments;

pub use comment_pages::{ConfirmComment, EditComment, ReplyToComment, ReportComment};
pub use page::ProcedurePage;
pub use staff_comments::StaffComments;

use leptos::prelude::*;
use leptos_router::components::Route;
use leptos_router::{MatchNestedRoutes, SsrMode, path};

#[component(transparent)]
pub fn ConsultationRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route ssr=SsrMode::Async path=path!("/verfahren/:id") view=ProcedurePage />
        <Route ssr=SsrMode::Async path=path!("/beitraege/bestaetigen") view=ConfirmComment />
        <Route ssr=SsrMode::Async path=path!("/beitraege/:id/antworten") view=ReplyToComment />
        <Route ssr=SsrMode::Async path=path!("/beitraege/:id/melden") view=ReportComment />
        <Route ssr=SsrMode::Async path=path!("/beitraege/:id/bearbeiten") view=EditComment />
        <Route ssr=SsrMode::Async path=path!("/verwaltung/verfahren/:id/beitraege") view=StaffComments />
    }
    .into_inner()
}
