//! Database rows (server only). They never travel to the browser: each area maps them
//! to the types of its pages. Columns that hold a fixed set of words have the type of
//! their enum (`domain`), so a row with an unknown word fails to load.
pub mod audit_log;
pub mod blocked_address;
pub mod comment;
pub mod comment_report;
pub mod comment_support;
pub mod document;
pub mod event;
pub mod event_key;
pub mod flash;
pub mod moderation_reason;
pub mod objection;
pub mod objection_file;
pub mod one_time_token;
pub mod organization;
pub mod outbox;
pub mod paper_batch;
pub mod permit;
pub mod permit_topic;
pub mod petition;
pub mod petition_addressee;
pub mod petition_file;
pub mod petition_update;
pub mod phase;
pub mod procedure;
pub mod procedure_topic;
pub mod rate_limit;
pub mod role_assignment;
pub mod section;
pub mod session;
pub mod signature;
pub mod subscriber;
pub mod subscription;
pub mod tenant;
pub mod tenant_host;
pub mod user;
