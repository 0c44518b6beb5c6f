//! The pages that belong to no area: the home page, the legal pages, not found.
pub mod home;
pub mod legal;
pub mod not_found;
