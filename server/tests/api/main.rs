//! Integration tests: the real router on a random port, a fresh database each.
mod accounts;
mod forms;
mod health;
mod helpers;
mod mail;
mod mail_crash;
mod security;
mod staff;
mod tenants;
