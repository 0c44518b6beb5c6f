//! One module per page or area.
pub mod account;
pub mod admin;
pub mod admin_mails;
pub mod audit;
pub mod home;
pub mod invitation;
pub mod legal;
pub mod login;
pub mod moderation;
pub mod not_found;
pub mod password;
pub mod procedures;
pub mod register;
pub mod staff;
pub mod subscriptions;
pub mod verify;
