//! Accounts: one server function per file.
mod change_password;
mod delete_account;
mod login;
mod logout;
mod register;
mod resend_verification;
mod reset_password;
mod verify_email;

pub use change_password::*;
pub use delete_account::*;
pub use login::*;
pub use logout::*;
pub use register::*;
pub use resend_verification::*;
pub use reset_password::*;
pub use verify_email::*;
