//! The one way to change data: a transaction that takes SQLite's write lock at `BEGIN`,
//! the audit entry of the change written inside it, and after the commit a nudge to
//! this process's mail worker (the change may have queued mail in the outbox) and one
//! more on the count of changes (cached pages older than it are stale).
//!
//! ```text
//! let write = Write::begin(state).await?;
//! row.insert(&*write).await?;
//! write.record(Audit::new(tenant.id, "procedure.created").by(user.id).on(p.id).detail(&p.title)).await?;
//! write.commit().await?;
//! ```
use super::audit::{self, Audit};
use super::mail::{NewMail, outbox};
use super::{AppError, AppState};
use sea_orm::DatabaseTransaction;

pub struct Write<'s> {
    txn: DatabaseTransaction,
    state: &'s AppState,
}

impl<'s> Write<'s> {
    pub async fn begin(state: &'s AppState) -> Result<Self, AppError> {
        Ok(Self {
            txn: super::db::begin_write(&state.db).await?,
            state,
        })
    }

    /// Writes the audit entry of this change, in its transaction, at the state's "now".
    pub async fn record(&self, entry: Audit) -> Result<(), AppError> {
        audit::record(&self.txn, self.state.now(), entry).await?;
        Ok(())
    }

    /// The time of this change (the state's clock).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.state.now()
    }

    /// Queues a mail in this transaction: it is sent only if the change commits.
    pub async fn enqueue(&self, mail: NewMail) -> Result<bool, AppError> {
        outbox::enqueue(&self.txn, self.state.now(), mail).await
    }

    /// Commits and wakes the mail worker. Dropping a `Write` without committing rolls
    /// everything back, so an error anywhere leaves nothing half-written.
    pub async fn commit(self) -> Result<(), AppError> {
        self.txn.commit().await?;
        self.state.count_change();
        self.state.mail_queued.notify_one();
        Ok(())
    }

    /// Rolls back explicitly (to try again, say).
    pub async fn rollback(self) -> Result<(), AppError> {
        self.txn.rollback().await?;
        Ok(())
    }
}

impl std::ops::Deref for Write<'_> {
    type Target = DatabaseTransaction;

    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}
