//! Shared UI: the site context, the layout, form fields with their errors, page links
//! and people's text.
pub mod confirm_link;
pub mod enhance;
pub mod error_page;
pub mod form;
pub mod layout;
pub mod pagination;
pub mod site;
pub mod text;
