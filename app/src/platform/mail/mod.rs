//! Mail: the outbox (every mail a row, written with the change that causes it), the
//! templates, the transport and the worker that connects them.
pub mod outbox;
mod smtp_pool;
pub mod templates;
pub mod transport;
pub mod worker;

pub use outbox::NewMail;
pub use templates::Template;
pub use transport::Mailer;
