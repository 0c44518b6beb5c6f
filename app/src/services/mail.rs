//! Sending mail through the configured transport: SMTP (pooled) or `.eml` files.
//! The outbox (issue "notifications") will put its worker in front of this.
use super::entities::tenant;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Mailer {
    /// `smtp://host:port` (plain, for localhost), `smtp://…?tls=required` (STARTTLS),
    /// `smtps://user:pass@host` (implicit TLS).
    pub fn smtp(url: &str) -> Result<Self, String> {
        let builder =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| e.to_string())?;
        Ok(Mailer::Smtp(builder.build()))
    }

    /// Each mail becomes an `.eml` file in `dir` (created if missing).
    pub fn files(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::Files(AsyncFileTransport::new(dir)))
    }

    pub async fn send(&self, tenant: &tenant::Model, mail: OutgoingMail) -> Result<(), String> {
        let from = Mailbox::new(
            Some(tenant.name.clone()),
            tenant.sender_email.parse().map_err(|e| format!("{e}"))?,
        );
        let to: Mailbox = mail.to.parse().map_err(|e| format!("{e}"))?;
        let message = Message::builder()
            .from(from)
            .to(to)
            .subject(mail.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text)
            .map_err(|e| e.to_string())?;
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Mailer::Files(t) => t.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
        }
    }
}

pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}
