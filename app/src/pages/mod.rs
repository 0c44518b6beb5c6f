//! One module per page or area.
pub mod account;
pub mod admin;
pub mod admin_mails;
pub mod home;
pub mod invitation;
pub mod legal;
pub mod login;
pub mod not_found;
pub mod password;
pub mod register;
pub mod subscriptions;
pub mod verify;
