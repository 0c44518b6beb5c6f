//! The portal's frame and the pages that belong to no area: the header with its
//! navigation, the footer, the home page, the tenant's legal pages, and "not found".
pub mod frame;
pub mod pages;
