//! BImSchG permit participation (§10 BImSchG, 9. BImSchV): the authority announces an
//! installation's application, displays its documents for a month, the public files
//! objections until the legal deadline (computed by `domain::deadlines`), staff keep the
//! register, decide on a hearing and publish the decision. A permit procedure is a
//! procedure of kind `permit` on the procedure engine; objections are on the
//! contributions core.
pub mod api;
pub mod pages;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
