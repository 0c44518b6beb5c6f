//! The wire: builds the MIME message and hands it to SMTP (pooled) or to `.eml` files.
use super::smtp_pool::SmtpPool;
use super::templates::Rendered;
use lettre::message::header::{ContentTransferEncoding, ContentType, HeaderName, HeaderValue};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub enum Mailer {
    /// `smtp://` (plain or STARTTLS): our pool of connections without Nagle's delay.
    Pool(Arc<SmtpPool>),
    /// `smtps://` (implicit TLS): lettre's pooled transport.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

/// Connections the SMTP pool keeps open; the worker sends this many mails at once.
pub const SMTP_CONNECTIONS: u32 = 8;

impl Mailer {
    /// `smtp://host:port` (plain, for localhost), `smtp://…?tls=required` (STARTTLS),
    /// `smtps://user:pass@host` (implicit TLS).
    pub fn smtp(url: &str) -> Result<Self, String> {
        if url.starts_with("smtp://") {
            return Ok(Mailer::Pool(Arc::new(SmtpPool::from_url(
                url,
                SMTP_CONNECTIONS as usize,
            )?)));
        }
        let builder =
            AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| e.to_string())?;
        Ok(Mailer::Smtp(
            builder
                .pool_config(PoolConfig::new().max_size(SMTP_CONNECTIONS))
                .timeout(Some(std::time::Duration::from_secs(30)))
                .build(),
        ))
    }

    /// Each mail becomes an `.eml` file in `dir` (created if missing).
    pub fn files(dir: PathBuf) -> std::io::Result<Self> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::Files(AsyncFileTransport::new(dir)))
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Mailer::Pool(pool) => {
                let raw = message.formatted();
                pool.send(message.envelope(), &raw)
                    .await
                    .map_err(|(permanent, message)| SendError { permanent, message })
            }
            Mailer::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| SendError {
                // A 5xx answer will not change on retry; a 4xx, a refused connection or
                // a timeout may.
                permanent: e.is_permanent(),
                message: e.to_string(),
            }),
            Mailer::Files(t) => t.send(message).await.map(|_| ()).map_err(|e| SendError {
                permanent: false,
                message: e.to_string(),
            }),
        }
    }
}

#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

/// Everything about one mail except its body.
pub struct Envelope<'a> {
    pub from_name: &'a str,
    pub from_address: &'a str,
    pub to: &'a str,
    pub reply_to: Option<&'a str>,
    /// Stable per outbox row, so a receiver can recognise a repeated delivery.
    pub message_id: String,
    /// For notifications: the one-click unsubscribe URL (RFC 8058).
    pub unsubscribe_url: Option<&'a str>,
}

/// Quoted-printable keeps the parts readable on the wire (and in `.eml` files), where
/// lettre's own choice would often be base64 for German text.
fn readable(text: String) -> Body {
    Body::new_with_encoding(text, ContentTransferEncoding::QuotedPrintable)
        .expect("any text can be quoted-printable")
}

fn header(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_string())
}

pub fn build(envelope: &Envelope, mail: Rendered) -> Result<Message, SendError> {
    let bad = |what: &str, e: &dyn std::fmt::Display| SendError {
        permanent: true,
        message: format!("{what}: {e}"),
    };
    let from = Mailbox::new(
        Some(envelope.from_name.to_string()),
        envelope
            .from_address
            .parse()
            .map_err(|e| bad("sender", &e))?,
    );
    let to: Mailbox = envelope.to.parse().map_err(|e| bad("recipient", &e))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject)
        .message_id(Some(envelope.message_id.clone()))
        .date_now()
        .raw_header(header("Auto-Submitted", "auto-generated"));
    if let Some(reply_to) = envelope.reply_to {
        builder = builder.reply_to(reply_to.parse().map_err(|e| bad("reply-to", &e))?);
    }
    if let Some(url) = envelope.unsubscribe_url {
        builder = builder
            .raw_header(header("List-Unsubscribe", &format!("<{url}>")))
            .raw_header(header(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click",
            ));
    }
    let body = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(readable(mail.text)),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(readable(mail.html)),
        );
    let body = match mail.calendar {
        // An invitation: the text, and the appointment as a calendar file beside it.
        Some(ics) => MultiPart::mixed().multipart(body).singlepart(
            lettre::message::Attachment::new("termin.ics".to_string()).body(
                ics,
                ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .map_err(|e| bad("calendar", &e))?,
            ),
        ),
        None => body,
    };
    builder.multipart(body).map_err(|e| bad("message", &e))
}
