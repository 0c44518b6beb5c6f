//! Database rows. They never travel to the browser: `api/` maps them to DTOs.
pub mod audit_log;
pub mod event;
pub mod event_key;
pub mod one_time_token;
pub mod organization;
pub mod outbox;
pub mod rate_limit;
pub mod role_assignment;
pub mod session;
pub mod subscriber;
pub mod subscription;
pub mod tenant;
pub mod tenant_host;
pub mod user;
