//! Shared UI: the site context, the layout, and form fields with their errors.
pub mod form;
pub mod layout;
pub mod site;
