//! Integration tests: the real router on a random port, a fresh database each.
mod accounts;
mod comments;
mod consultations;
mod forms;
mod health;
mod helpers;
mod listing;
mod mail;
mod mail_crash;
mod moderation;
mod permissions;
mod petitions;
mod security;
mod staff;
mod tenants;
mod uploads;
