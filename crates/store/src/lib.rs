//! mumstrong's storage: one API over SQLite (the embedded default) and PostgreSQL.
//!
//! The backend is chosen once, from the database URL's scheme. Both speak the same SQL (`$1`
//! placeholders work in both), so each statement is written once and run on whichever pool is in
//! use; each backend has its own migrations (`migrations/sqlite`, `migrations/postgres`, same file
//! names and tables) because their types differ. Domain data (profiles, screenings, plans) is
//! stored as JSON text produced by `mumstrong-core`: the store never interprets it.
//!
//! SQLite runs in WAL mode with one writer connection (writers queue in the pool instead of
//! spinning on `SQLITE_BUSY`) and several readers. Every write is its own transaction and is
//! committed before the call returns, so an acknowledged write survives a process crash.
//!
//! An `INSERT … RETURNING` outside a transaction is always read with `fetch_all`: with
//! `fetch_one`/`fetch_optional` sqlx stops after the first row and the statement is committed by
//! its reset, which skips SQLite's WAL hook, so the WAL would never be checkpointed and would grow
//! without limit under a stream of logged sets.
#![forbid(unsafe_code)]

mod rows;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use time::Date;

pub use rows::*;

/// Binds a set's values after `$first` (her user id, or her session's token hash) and before
/// `$now`, in the order every statement that stores a set uses:
/// `$1` first, `$2`-`$11` the set, `$12` the time.
macro_rules! bind_set {
    ($query:expr, $first:expr, $set:expr, $now:expr) => {
        $query
            .bind($first)
            .bind($set.done_on)
            .bind(&$set.exercise)
            .bind($set.set_number)
            .bind($set.reps)
            .bind($set.target_reps)
            .bind($set.load_kg)
            .bind($set.rpe)
            .bind(&$set.symptoms)
            .bind(&$set.red_flags)
            .bind(&$set.client_ref)
            .bind($now)
    };
}

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not one we can use.
    #[error("database URL: {0}")]
    Url(String),
    /// A uniqueness rule was broken (an email already taken, say); names the constraint.
    #[error("already exists: {0}")]
    Conflict(String),
    /// Migrations failed to apply.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// Something the store refuses, with the reason (e.g. a backup target that exists).
    #[error("{0}")]
    Refused(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if let Some(db) = e.as_database_error()
            && db.is_unique_violation()
        {
            return StoreError::Conflict(db.constraint().unwrap_or("unique").to_owned());
        }
        StoreError::Database(e)
    }
}

/// Store results.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How durable SQLite commits are against power loss (process crashes lose nothing either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Durability {
    /// `synchronous=NORMAL` in WAL mode: a commit is in the OS before the call returns, so a
    /// process crash loses nothing; a power cut can lose the last commits, never corrupt.
    Normal,
    /// `synchronous=FULL` (the default): every commit is fsynced before the call returns, so
    /// even a power cut loses nothing acknowledged. Logged sets are group-committed, so one
    /// fsync covers every set that arrived meanwhile.
    #[default]
    Full,
}

impl FromStr for Durability {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "normal" => Ok(Durability::Normal),
            "full" => Ok(Durability::Full),
            other => Err(format!("`{other}`: expected `normal` or `full`")),
        }
    }
}

/// Connection settings beyond the URL.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// SQLite's `synchronous` setting.
    pub durability: Durability,
    /// Connections for reads (SQLite) or for everything (PostgreSQL).
    pub max_connections: u32,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            durability: Durability::Full,
            max_connections: 8,
        }
    }
}

#[derive(Clone)]
enum Pools {
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        /// Sets logged through [`Store::insert_set_for_session`] go to one task that commits
        /// whatever has queued up in one transaction (group commit).
        sets: tokio::sync::mpsc::Sender<SetJob>,
    },
    Postgres(PgPool),
}

/// One set waiting for the group commit, and where to send its result.
struct SetJob {
    token_hash: String,
    set: NewSet,
    now: i64,
    slide: Slide,
    reply: tokio::sync::oneshot::Sender<Result<Option<SetRow>>>,
}

/// How a session's expiry slides when it is used: to `expires_at` when it ends before `if_before`.
#[derive(Debug, Clone, Copy)]
pub struct Slide {
    /// The new expiry.
    pub expires_at: i64,
    /// Only sessions ending before this are pushed forward (one write per half lifetime).
    pub if_before: i64,
}

/// Pushes a used session's expiry forward, at most once per half of its lifetime.
const SLIDE_SESSION: &str =
    "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2 AND expires_at < $3";

/// Imported sets per INSERT statement. Measured on 100,000 sets into SQLite: one per statement
/// 5.3 s, 50 per statement 2.9 s, 500 per statement 12.4 s (binding thousands of parameters to
/// one statement costs more than it saves).
const IMPORT_CHUNK: usize = 50;

/// The most sets committed in one transaction.
const MAX_SET_BATCH: usize = 64;

/// Checks a member's session and logs her set, in one statement.
const INSERT_SET_FOR_SESSION: &str = "INSERT INTO logged_sets (user_id, done_on, exercise, set_number, reps, target_reps, \
     load_kg, rpe, symptoms, red_flags, client_ref, created_at) \
     SELECT s.user_id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 \
     FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $1 AND s.expires_at > $12 AND u.role = 'member' \
     ON CONFLICT (user_id, client_ref) WHERE client_ref IS NOT NULL DO NOTHING \
     RETURNING id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
     red_flags, client_ref, created_at";

/// The group-commit task: takes every set that has queued up (at most [`MAX_SET_BATCH`]),
/// inserts them in one transaction and answers each once it is committed. One commit (one WAL
/// append, far fewer pages written) for many sets, and the same durability as one each: no set
/// is acknowledged before its transaction is committed.
async fn commit_sets(pool: SqlitePool, mut jobs: tokio::sync::mpsc::Receiver<SetJob>) {
    let mut batch = Vec::with_capacity(MAX_SET_BATCH);
    while let Some(first) = jobs.recv().await {
        batch.push(first);
        while batch.len() < MAX_SET_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match insert_batch(&pool, &batch).await {
            Ok(results) => {
                for (job, result) in batch.drain(..).zip(results) {
                    let _ = job.reply.send(result);
                }
            }
            Err(e) => {
                let message = e.to_string();
                for job in batch.drain(..) {
                    let _ = job.reply.send(Err(StoreError::Refused(format!(
                        "the set was not stored: {message}"
                    ))));
                }
            }
        }
    }
}

async fn insert_batch(
    pool: &SqlitePool,
    batch: &[SetJob],
) -> std::result::Result<Vec<Result<Option<SetRow>>>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        let set = &job.set;
        // A failing statement is undone on its own; the others in the batch still commit.
        let result = bind_set!(
            sqlx::query_as::<_, SetRow>(INSERT_SET_FOR_SESSION),
            &job.token_hash,
            set,
            job.now
        )
        .fetch_all(&mut *tx)
        .await
        .map(|rows| rows.into_iter().next())
        .map_err(StoreError::from);
        results.push(result);
    }
    // Slide each session that logged a set, once per batch.
    let mut slid: Vec<&str> = Vec::new();
    for (job, result) in batch.iter().zip(&results) {
        if matches!(result, Ok(Some(_))) && !slid.contains(&job.token_hash.as_str()) {
            slid.push(&job.token_hash);
            sqlx::query(SLIDE_SESSION)
                .bind(job.slide.expires_at)
                .bind(&job.token_hash)
                .bind(job.slide.if_before)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(results)
}

/// The sign-in rate limits, for [`Store::begin_login_attempt`].
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    /// Seconds an attempt counts for.
    pub window_secs: i64,
    /// Attempts allowed for one email in the window.
    pub max_email: i64,
    /// Attempts allowed from one address in the window.
    pub max_ip: i64,
}

/// Whether a sign-in attempt may check its password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginGate {
    /// Counted; check the password.
    Open,
    /// Too many attempts: refused without being counted, until this unix time.
    Locked {
        /// The first second another attempt is allowed.
        until: i64,
    },
}

/// A handle on the database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    pools: Pools,
}

/// Runs `$body` with `$pool` bound to the read pool of whichever backend is in use.
macro_rules! read {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pools {
            Pools::Sqlite { read: $pool, .. } => $body,
            Pools::Postgres($pool) => $body,
        }
    };
}

/// Runs `$body` with `$pool` bound to the write pool of whichever backend is in use.
macro_rules! write {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pools {
            Pools::Sqlite { write: $pool, .. } => $body,
            Pools::Postgres($pool) => $body,
        }
    };
}

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://PATH` (or `sqlite::memory:`).
    Sqlite,
    /// `postgres://…` or `postgresql://…`.
    Postgres,
}

impl Backend {
    /// The backend a URL's scheme names.
    ///
    /// # Errors
    /// [`StoreError::Url`] for any other scheme.
    pub fn of_url(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::Url(format!(
                "`{}` is not supported; expected sqlite://PATH or postgres://USER@HOST/DB",
                redact_url(url)
            )))
        }
    }
}

/// The URL with any password replaced by `***`, for logs and messages.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((userinfo, host)) = rest.split_once('@')
        && let Some((user, _)) = userinfo.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_owned()
}

impl Store {
    /// Connects to the database a URL names; creates a SQLite file (and its folder) if missing.
    /// Does not migrate: call [`Store::migrate`].
    ///
    /// # Errors
    /// A bad URL, or a database that cannot be reached.
    pub async fn connect(url: &str, options: &StoreOptions) -> Result<Store> {
        let pools = match Backend::of_url(url)? {
            Backend::Sqlite => {
                let connect = SqliteConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Url(e.to_string()))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(match options.durability {
                        Durability::Normal => SqliteSynchronous::Normal,
                        Durability::Full => SqliteSynchronous::Full,
                    })
                    .foreign_keys(true)
                    // Deleted rows are overwritten with zeros, in the table, its indexes and
                    // freed pages, so an erased account cannot be read back from the file.
                    .pragma("secure_delete", "ON")
                    .busy_timeout(Duration::from_secs(10));
                if let Some(parent) = Path::new(connect.get_filename()).parent()
                    && !parent.as_os_str().is_empty()
                    && !parent.exists()
                {
                    std::fs::create_dir_all(parent).map_err(|e| {
                        StoreError::Url(format!("cannot create {}: {e}", parent.display()))
                    })?;
                }
                // No ping before each use: a SQLite connection is a local file handle, and the
                // ping is a second trip to the connection's worker thread on every query.
                let write = SqlitePoolOptions::new()
                    .test_before_acquire(false)
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    .connect_with(connect.clone())
                    .await?;
                let read = SqlitePoolOptions::new()
                    .test_before_acquire(false)
                    .max_connections(options.max_connections.max(1))
                    .connect_with(connect.read_only(true))
                    .await?;
                let (sets, jobs) = tokio::sync::mpsc::channel(1024);
                tokio::spawn(commit_sets(write.clone(), jobs));
                Pools::Sqlite { read, write, sets }
            }
            Backend::Postgres => {
                let connect = PgConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Url(format!("{}: {e}", redact_url(url))))?;
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections.max(2))
                    .acquire_timeout(Duration::from_secs(30))
                    .connect_with(connect)
                    .await?;
                Pools::Postgres(pool)
            }
        };
        Ok(Store { pools })
    }

    /// Connects and applies any pending migrations: what `serve` does at start-up.
    ///
    /// # Errors
    /// As [`Store::connect`] and [`Store::migrate`].
    pub async fn open(url: &str, options: &StoreOptions) -> Result<Store> {
        let store = Store::connect(url, options).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations; returns how many were applied.
    ///
    /// # Errors
    /// A migration that fails, or one applied before that has since changed.
    pub async fn migrate(&self) -> Result<usize> {
        match &self.pools {
            Pools::Sqlite { write, .. } => {
                let migrator = sqlx::migrate!("./migrations/sqlite");
                let before = self.applied_migrations().await?;
                migrator.run(write).await?;
                Ok(migrator.iter().count().saturating_sub(before))
            }
            Pools::Postgres(pool) => {
                let migrator = sqlx::migrate!("./migrations/postgres");
                let before = self.applied_migrations().await?;
                migrator.run(pool).await?;
                Ok(migrator.iter().count().saturating_sub(before))
            }
        }
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let table: Option<String> = match &self.pools {
            Pools::Sqlite { write, .. } => sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
            )
            .fetch_optional(write)
            .await?,
            Pools::Postgres(pool) => {
                sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'",
                )
                .fetch_optional(pool)
                .await?
            }
        };
        if table.is_none() {
            return Ok(0);
        }
        let n: i64 = write!(self, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM _sqlx_migrations WHERE success"
        )
        .fetch_one(p)
        .await?);
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Which backend this store runs on.
    pub fn backend(&self) -> Backend {
        match self.pools {
            Pools::Sqlite { .. } => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Checks the database answers: for `/healthz`.
    ///
    /// # Errors
    /// The database error when it does not.
    pub async fn ping(&self) -> Result<()> {
        read!(self, |p| sqlx::query("SELECT 1")
            .execute(p)
            .await?
            .rows_affected());
        Ok(())
    }

    /// Writes a consistent copy of a live SQLite database to `target` (`VACUUM INTO`, which reads
    /// one snapshot while writers go on). PostgreSQL has `pg_dump` for this.
    ///
    /// # Errors
    /// A target that already exists, a PostgreSQL store, or a database error.
    pub async fn backup_to(&self, target: &Path) -> Result<()> {
        let Pools::Sqlite { write, .. } = &self.pools else {
            return Err(StoreError::Refused(
                "backup works on SQLite; for PostgreSQL use pg_dump".to_owned(),
            ));
        };
        if target.exists() {
            return Err(StoreError::Refused(format!(
                "{} already exists; choose a new file name so no backup is overwritten",
                target.display()
            )));
        }
        let path = target.to_str().ok_or_else(|| {
            StoreError::Refused(format!("{} is not valid UTF-8", target.display()))
        })?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(write)
            .await?;
        Ok(())
    }

    /// Closes every connection (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        match &self.pools {
            Pools::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Pools::Postgres(p) => p.close().await,
        }
    }

    // ---- users -------------------------------------------------------------------------------

    /// Adds an account. The email must be new (compared as given: callers lower-case it).
    ///
    /// # Errors
    /// [`StoreError::Conflict`] when the email is taken.
    pub async fn create_user(&self, new: &NewUser<'_>, now: i64) -> Result<User> {
        Ok(write!(self, |p| sqlx::query_as::<_, User>(
            "INSERT INTO users (email, password_hash, role, display_name, created_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, email, role, display_name, created_at"
        )
        .bind(new.email)
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(new.display_name)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// The account with this email, with its password hash, if any.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>> {
        let row: Option<UserWithHash> = read!(self, |p| sqlx::query_as(
            "SELECT id, email, role, display_name, created_at, password_hash \
             FROM users WHERE email = $1"
        )
        .bind(email)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.password_hash)))
    }

    /// The account with this id, with its password hash, if any.
    pub async fn user_by_id(&self, id: i64) -> Result<Option<(User, String)>> {
        let row: Option<UserWithHash> = read!(self, |p| sqlx::query_as(
            "SELECT id, email, role, display_name, created_at, password_hash \
             FROM users WHERE id = $1"
        )
        .bind(id)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.password_hash)))
    }

    /// Changes an account's role (an admin making a member a coach).
    pub async fn set_role(&self, user_id: i64, role: Role) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE users SET role = $1 WHERE id = $2"
        )
        .bind(role.as_str())
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Deletes an account and everything about her: profile versions, plans, logs, grants,
    /// sessions, tokens, pending uploads and the audit entries about her data. Returns whether
    /// she existed.
    ///
    /// On SQLite the deleted content is zeroed in the file (`secure_delete`) and the WAL, which
    /// still holds the pages as they were, is checkpointed into the file and truncated, so
    /// nothing of hers can be read from the `.db`, `-wal` or `-shm` files afterwards.
    /// PostgreSQL keeps dead rows in its files until `VACUUM` reuses the space (see the README).
    pub async fn delete_user(&self, user_id: i64) -> Result<bool> {
        let gone = self.delete_user_rows(user_id).await?;
        if gone {
            // Were a reader to hold the WAL for seconds, the next checkpoint finishes this.
            self.checkpoint_truncate().await?;
        }
        Ok(gone)
    }

    /// Copies SQLite's WAL into the database file and truncates it to nothing, retrying while a
    /// reader still uses an old snapshot; returns whether it finished (true on PostgreSQL, which
    /// has nothing to do).
    ///
    /// # Errors
    /// A database error.
    pub async fn checkpoint_truncate(&self) -> Result<bool> {
        let Pools::Sqlite { write, .. } = &self.pools else {
            return Ok(true);
        };
        for attempt in 0u64..50 {
            // (busy, frames in the WAL, frames checkpointed)
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(write)
                .await?;
            if busy == 0 {
                return Ok(true);
            }
            tokio::time::sleep(Duration::from_millis(20 * (attempt + 1).min(10))).await;
        }
        Ok(false)
    }

    async fn delete_user_rows(&self, user_id: i64) -> Result<bool> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM audit_log WHERE subject_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "DELETE FROM login_failures WHERE email = (SELECT email FROM users WHERE id = $1)",
            )
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            let gone = sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(gone > 0)
        })
    }

    /// Sets an account's password hash and, in the same transaction, ends every session of hers
    /// but `keep_session` (the one that changed it, by its hash; `None` ends all) and deletes
    /// every API token of hers. Returns (sessions ended, tokens deleted), or `None` when there is
    /// no such account.
    pub async fn set_password(
        &self,
        user_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<Option<(u64, u64)>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let found = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if found == 0 {
                return Ok(None);
            }
            let sessions = sqlx::query(
                "DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)",
            )
            .bind(user_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let tokens = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(Some((sessions, tokens)))
        })
    }

    // ---- sessions and tokens -----------------------------------------------------------------

    /// Records a login session by the hash of its cookie token.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Who a session token belongs to, with its expiry, whether or not it has expired (the
    /// caller tells "expired" from "unknown").
    pub async fn session_user(&self, token_hash: &str) -> Result<Option<(AuthUser, i64)>> {
        let row: Option<SessionRow> = read!(self, |p| sqlx::query_as(
            "SELECT u.id, u.email, u.role, u.display_name, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await?);
        Ok(row.map(|r| (r.user, r.expires_at)))
    }

    /// A session's account and expiry together with today in her current programme (and the
    /// next day with something to do): "today's session" in one round trip, the app's most
    /// frequent request. `None` when the session is unknown.
    pub async fn session_today(
        &self,
        token_hash: &str,
        today: Date,
    ) -> Result<Option<(AuthUser, i64, Vec<ProgrammeDay>)>> {
        let rows: Vec<SessionDayRow> = read!(self, |p| {
            sqlx::query_as(
            "SELECT u.id, u.email, u.role, u.display_name, s.expires_at, d.day_on, d.kind, d.day_json \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             LEFT JOIN programme_days d \
               ON d.programme_id = (SELECT MAX(id) FROM programmes WHERE user_id = s.user_id) \
              AND d.day_on >= $2 AND (d.day_on = $2 OR d.kind <> 'rest') \
             WHERE s.token_hash = $1 ORDER BY d.day_on LIMIT 2"
        )
        .bind(token_hash)
        .bind(today)
        .fetch_all(p)
        .await?
        });
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let user = AuthUser {
            id: first.id,
            email: first.email.clone(),
            role: Role::parse(&first.role),
            display_name: first.display_name.clone(),
        };
        let expires_at = first.expires_at;
        let days = rows
            .into_iter()
            .filter_map(|r| {
                Some(ProgrammeDay {
                    day_on: r.day_on?,
                    kind: r.kind?,
                    day_json: r.day_json?,
                })
            })
            .collect();
        Ok(Some((user, expires_at, days)))
    }

    /// Pushes a session's expiry forward (sliding sessions).
    pub async fn extend_session(&self, token_hash: &str, expires_at: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE sessions SET expires_at = $1 WHERE token_hash = $2"
        )
        .bind(expires_at)
        .bind(token_hash)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends one session (logout).
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM sessions WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends every session of an account (logout everywhere); returns how many ended.
    pub async fn delete_sessions_of(&self, user_id: i64) -> Result<u64> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected()))
    }

    /// Forgets sessions that expired before `now` (returns how many), login failures, sign-up
    /// attempts and unconfirmed import uploads older than a day.
    pub async fn purge_expired(&self, now: i64) -> Result<u64> {
        write!(self, |p| {
            let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
                .bind(now)
                .execute(p)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM login_failures WHERE at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            sqlx::query("DELETE FROM signup_attempts WHERE at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            // An upload she never confirmed or cancelled is dropped after a day.
            sqlx::query("DELETE FROM pending_imports WHERE created_at < $1")
                .bind(now - 86_400)
                .execute(p)
                .await?;
            Ok(sessions)
        })
    }

    /// Adds a personal API token (by hash) and returns its record.
    pub async fn create_token(
        &self,
        user_id: i64,
        name: &str,
        token_hash: &str,
        now: i64,
        expires_at: Option<i64>,
    ) -> Result<ApiToken> {
        Ok(write!(self, |p| sqlx::query_as::<_, ApiToken>(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) \
             RETURNING id, name, created_at, expires_at, last_used_at"
        )
        .bind(user_id)
        .bind(name)
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// Who an API token belongs to, if it exists and has not expired.
    pub async fn token_user(&self, token_hash: &str, now: i64) -> Result<Option<AuthUser>> {
        Ok(read!(self, |p| sqlx::query_as::<_, AuthUser>(
            "SELECT u.id, u.email, u.role, u.display_name \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND (t.expires_at IS NULL OR t.expires_at > $2)"
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(p)
        .await?))
    }

    /// Notes when a token was last used, at most once an hour per token (no write per request).
    pub async fn touch_token(&self, token_hash: &str, now: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 \
             AND (last_used_at IS NULL OR last_used_at < $3)"
        )
        .bind(now)
        .bind(token_hash)
        .bind(now - 3600)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// An account's API tokens (never the secrets).
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<ApiToken>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ApiToken>(
            "SELECT id, name, created_at, expires_at, last_used_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY id"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// Deletes one of her tokens; false when she has no token with that id.
    pub async fn delete_token(&self, user_id: i64, token_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM api_tokens WHERE id = $1 AND user_id = $2"
        )
        .bind(token_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    /// Counts a sign-up from a client address if it has made fewer than `limit` since `since`
    /// (one statement, so parallel sign-ups cannot all slip under the limit on SQLite; on
    /// PostgreSQL at most the requests in flight at once can). Returns `Ok(())` when counted,
    /// or `Err(oldest)`, the time of the oldest sign-up in the window, when the limit is reached
    /// (then nothing is written, so a flood adds no rows).
    pub async fn record_signup_attempt(
        &self,
        ip: &str,
        now: i64,
        since: i64,
        limit: i64,
    ) -> Result<std::result::Result<(), i64>> {
        let counted = write!(self, |p| sqlx::query(
            "INSERT INTO signup_attempts (ip, at) SELECT $1, $2 \
             WHERE (SELECT COUNT(*) FROM signup_attempts WHERE ip = $1 AND at >= $3) < $4"
        )
        .bind(ip)
        .bind(now)
        .bind(since)
        .bind(limit)
        .execute(p)
        .await?
        .rows_affected());
        if counted > 0 {
            return Ok(Ok(()));
        }
        let oldest: Option<i64> = read!(self, |p| sqlx::query_scalar(
            "SELECT MIN(at) FROM signup_attempts WHERE ip = $1 AND at >= $2"
        )
        .bind(ip)
        .bind(since)
        .fetch_one(p)
        .await?);
        Ok(Err(oldest.unwrap_or(now)))
    }

    /// Records a failed login, for rate limiting across every server sharing the database.
    pub async fn record_login_failure(&self, email: &str, ip: &str, now: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)"
        )
        .bind(email)
        .bind(ip)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Failed logins since `since`: (for this email, from this address).
    pub async fn login_failures(&self, email: &str, ip: &str, since: i64) -> Result<(i64, i64)> {
        let row: (i64, i64) = read!(self, |p| sqlx::query_as(
            "SELECT \
               (SELECT COUNT(*) FROM login_failures WHERE email = $1 AND at >= $3), \
               (SELECT COUNT(*) FROM login_failures WHERE ip = $2 AND at >= $3)"
        )
        .bind(email)
        .bind(ip)
        .bind(since)
        .fetch_one(p)
        .await?);
        Ok(row)
    }

    /// Counts a sign-in attempt against the limits before its password is checked, so parallel
    /// guesses cannot all slip under them: at most `max_email` attempts for one email and
    /// `max_ip` from one address within `window` seconds before `now`.
    ///
    /// A refused attempt writes nothing (so a flood of refused logins adds no rows), and each
    /// attempt first forgets that email's and address's attempts older than the window: the
    /// table holds at most about `max_email` rows per email and `max_ip` per address.
    pub async fn begin_login_attempt(
        &self,
        email: &str,
        ip: &str,
        now: i64,
        limits: LoginLimits,
    ) -> Result<LoginGate> {
        let since = now - limits.window_secs;
        write!(self, |p| {
            sqlx::query("DELETE FROM login_failures WHERE email = $1 AND at < $2")
                .bind(email)
                .bind(since)
                .execute(p)
                .await?;
            sqlx::query("DELETE FROM login_failures WHERE ip = $1 AND at < $2")
                .bind(ip)
                .bind(since)
                .execute(p)
                .await?;
            Ok::<_, StoreError>(())
        })?;
        let (by_email, by_ip) = self.login_failures(email, ip, since).await?;
        if by_email >= limits.max_email || by_ip >= limits.max_ip {
            return self
                .login_locked(email, ip, now, (by_email, by_ip), limits)
                .await;
        }
        self.record_login_failure(email, ip, now).await?;
        let counts = self.login_failures(email, ip, since).await?;
        if counts.0 > limits.max_email || counts.1 > limits.max_ip {
            // Others got in first: this one is over the limit after all.
            return self.login_locked(email, ip, now, counts, limits).await;
        }
        Ok(LoginGate::Open)
    }

    /// When enough of the counted attempts will have left the window for one more to be
    /// allowed (the first second it is).
    async fn login_locked(
        &self,
        email: &str,
        ip: &str,
        now: i64,
        (by_email, by_ip): (i64, i64),
        limits: LoginLimits,
    ) -> Result<LoginGate> {
        let since = now - limits.window_secs;
        let mut until = now + 1;
        for (by_email_limit, key, count, max) in [
            (true, email, by_email, limits.max_email),
            (false, ip, by_ip, limits.max_ip),
        ] {
            if count < max {
                continue;
            }
            // Of `count` attempts, `count - max + 1` must leave the window first; the last of
            // them to leave is the one at offset `count - max` in time order.
            let sql = if by_email_limit {
                "SELECT at FROM login_failures WHERE email = $1 AND at >= $2 \
                 ORDER BY at LIMIT 1 OFFSET $3"
            } else {
                "SELECT at FROM login_failures WHERE ip = $1 AND at >= $2 \
                 ORDER BY at LIMIT 1 OFFSET $3"
            };
            let at: Option<(i64,)> = read!(self, |p| sqlx::query_as(sql)
                .bind(key)
                .bind(since)
                .bind(count - max)
                .fetch_optional(p)
                .await?);
            let at = at.map_or(now, |(at,)| at);
            until = until.max(at + limits.window_secs + 1);
        }
        Ok(LoginGate::Locked { until })
    }

    /// Forgets an email's failed logins after a successful one.
    pub async fn clear_login_failures(&self, email: &str) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM login_failures WHERE email = $1"
        )
        .bind(email)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    // ---- profiles, screenings, programmes ----------------------------------------------------

    /// Saves a new version of her profile (never overwriting the old) and returns it.
    pub async fn insert_profile(
        &self,
        user_id: i64,
        profile_json: &str,
        now: i64,
    ) -> Result<ProfileVersion> {
        Ok(write!(self, |p| {
            sqlx::query_as::<_, ProfileVersion>(
            "INSERT INTO profiles (user_id, version, profile_json, created_at) \
             VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM profiles WHERE user_id = $1), $2, $3) \
             RETURNING version, profile_json, created_at"
        )
        .bind(user_id)
        .bind(profile_json)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?
        }))
    }

    /// Her latest profile version.
    pub async fn latest_profile(&self, user_id: i64) -> Result<Option<ProfileVersion>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProfileVersion>(
            "SELECT version, profile_json, created_at FROM profiles \
             WHERE user_id = $1 ORDER BY version DESC LIMIT 1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Every version of her profile, newest first.
    pub async fn profile_history(&self, user_id: i64) -> Result<Vec<ProfileVersion>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProfileVersion>(
            "SELECT version, profile_json, created_at FROM profiles \
             WHERE user_id = $1 ORDER BY version DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// Keeps a screening decision; one per profile version and day (a repeat is ignored).
    pub async fn record_screening(
        &self,
        user_id: i64,
        s: &NewScreening<'_>,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO screenings (user_id, profile_version, screened_on, outcome, screening_json, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (user_id, profile_version, screened_on) DO NOTHING"
        )
        .bind(user_id)
        .bind(s.profile_version)
        .bind(s.screened_on)
        .bind(s.outcome)
        .bind(s.screening_json)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her screening decisions, newest first (at most `limit`).
    pub async fn screenings(&self, user_id: i64, limit: i64) -> Result<Vec<ScreeningRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ScreeningRow>(
            "SELECT profile_version, screened_on, outcome, screening_json, created_at \
             FROM screenings WHERE user_id = $1 ORDER BY id DESC LIMIT $2"
        )
        .bind(user_id)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Stores a generated programme with its day-by-day view, in one transaction; returns its id.
    pub async fn insert_programme(
        &self,
        user_id: i64,
        programme: &NewProgramme<'_>,
        days: &[ProgrammeDay],
        now: i64,
    ) -> Result<i64> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO programmes (user_id, profile_version, library_version, start_on, weeks, \
                 status, reason, plan_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 RETURNING id",
            )
            .bind(user_id)
            .bind(programme.profile_version)
            .bind(programme.library_version)
            .bind(programme.start_on)
            .bind(programme.weeks)
            .bind(programme.status)
            .bind(programme.reason)
            .bind(programme.plan_json)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            for day in days {
                sqlx::query(
                    "INSERT INTO programme_days (programme_id, user_id, day_on, kind, day_json) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(user_id)
                .bind(day.day_on)
                .bind(&day.kind)
                .bind(&day.day_json)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Her current (latest) programme.
    pub async fn latest_programme(&self, user_id: i64) -> Result<Option<ProgrammeRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ProgrammeRow>(
            "SELECT id, profile_version, library_version, start_on, weeks, status, reason, plan_json, created_at \
             FROM programmes WHERE user_id = $1 ORDER BY id DESC LIMIT 1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?
        }))
    }

    /// Her programmes without their plans, newest first: the history of adaptations.
    pub async fn programme_history(&self, user_id: i64) -> Result<Vec<ProgrammeSummary>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ProgrammeSummary>(
            "SELECT id, profile_version, library_version, start_on, weeks, status, reason, created_at \
             FROM programmes WHERE user_id = $1 ORDER BY id DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?
        }))
    }

    /// Today in her current programme, and the next day with something to do when today is a
    /// rest day: at most two days, from `today` on.
    pub async fn programme_days_from(
        &self,
        user_id: i64,
        today: Date,
    ) -> Result<Vec<ProgrammeDay>> {
        Ok(read!(self, |p| sqlx::query_as::<_, ProgrammeDay>(
            "SELECT day_on, kind, day_json FROM programme_days \
             WHERE programme_id = (SELECT MAX(id) FROM programmes WHERE user_id = $1) \
             AND day_on >= $2 AND (day_on = $2 OR kind <> 'rest') ORDER BY day_on LIMIT 2"
        )
        .bind(user_id)
        .bind(today)
        .fetch_all(p)
        .await?))
    }

    // ---- logs --------------------------------------------------------------------------------

    /// Logs one set. With a `client_ref` the call is idempotent: a retry returns the set already
    /// stored instead of a second copy. The flag says whether this call stored it.
    pub async fn insert_set(&self, user_id: i64, set: &NewSet, now: i64) -> Result<(SetRow, bool)> {
        let inserted: Option<SetRow> = write!(self, |p| {
            bind_set!(sqlx::query_as::<_, SetRow>(
            "INSERT INTO logged_sets (user_id, done_on, exercise, set_number, reps, target_reps, \
             load_kg, rpe, symptoms, red_flags, client_ref, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (user_id, client_ref) WHERE client_ref IS NOT NULL DO NOTHING \
             RETURNING id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at"
        ), user_id, set, now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        });
        if let Some(row) = inserted {
            return Ok((row, true));
        }
        // Only a repeated client_ref gets here.
        Ok((
            write!(self, |p| {
                sqlx::query_as::<_, SetRow>(
            "SELECT id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at FROM logged_sets WHERE user_id = $1 AND client_ref = $2"
        )
        .bind(user_id)
        .bind(&set.client_ref)
        .fetch_one(p)
        .await?
            }),
            false,
        ))
    }

    /// Logs one set for whoever holds a live member session, in one statement: the check and the
    /// write together, for the app's most frequent write. `None` when the session is unknown,
    /// expired or not a member's, or the `client_ref` was stored before: the caller then takes the
    /// slow path, which says which.
    pub async fn insert_set_for_session(
        &self,
        token_hash: &str,
        set: &NewSet,
        now: i64,
        slide: Slide,
    ) -> Result<Option<SetRow>> {
        match &self.pools {
            Pools::Sqlite { sets, .. } => {
                let (reply, answer) = tokio::sync::oneshot::channel();
                let job = SetJob {
                    token_hash: token_hash.to_owned(),
                    set: set.clone(),
                    now,
                    slide,
                    reply,
                };
                let gone = || StoreError::Refused("the store is closing; try again".to_owned());
                sets.send(job).await.map_err(|_| gone())?;
                answer.await.map_err(|_| gone())?
            }
            Pools::Postgres(pool) => {
                let row = bind_set!(
                    sqlx::query_as::<_, SetRow>(INSERT_SET_FOR_SESSION),
                    token_hash,
                    set,
                    now
                )
                .fetch_all(pool)
                .await?
                .into_iter()
                .next();
                if row.is_some() {
                    sqlx::query(SLIDE_SESSION)
                        .bind(slide.expires_at)
                        .bind(token_hash)
                        .bind(slide.if_before)
                        .execute(pool)
                        .await?;
                }
                Ok(row)
            }
        }
    }

    /// Her sets between two dates (inclusive), oldest first, at most `limit`.
    pub async fn sets_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
        limit: i64,
    ) -> Result<Vec<SetRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, SetRow>(
            "SELECT id, done_on, exercise, set_number, reps, target_reps, load_kg, rpe, symptoms, \
             red_flags, client_ref, created_at FROM logged_sets \
             WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 ORDER BY done_on, id LIMIT $4"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Deletes one of her sets (a mistake); false when she has no set with that id.
    pub async fn delete_set(&self, user_id: i64, set_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM logged_sets WHERE id = $1 AND user_id = $2"
        )
        .bind(set_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    /// Deletes one of her check-ins (a mistake); false when she has no check-in with that id.
    pub async fn delete_checkin(&self, user_id: i64, checkin_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM checkins WHERE id = $1 AND user_id = $2"
        )
        .bind(checkin_id)
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    /// Logs a check-in.
    pub async fn insert_checkin(
        &self,
        user_id: i64,
        c: &NewCheckIn,
        now: i64,
    ) -> Result<CheckInRow> {
        Ok(write!(self, |p| {
            sqlx::query_as::<_, CheckInRow>(
            "INSERT INTO checkins (user_id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at"
        )
        .bind(user_id)
        .bind(c.done_on)
        .bind(&c.symptoms)
        .bind(&c.red_flags)
        .bind(c.rpe)
        .bind(c.mood)
        .bind(c.sleep_hours)
        .bind(&c.notes)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?
        }))
    }

    /// Her check-ins between two dates (inclusive), oldest first.
    pub async fn checkins_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
        limit: i64,
    ) -> Result<Vec<CheckInRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, CheckInRow>(
            "SELECT id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at \
             FROM checkins WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 \
             ORDER BY done_on, id LIMIT $4"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }

    /// Ticks one of the day's pelvic-floor sets (1-3); ticking it again changes nothing.
    pub async fn tick_pelvic_floor(
        &self,
        user_id: i64,
        done_on: Date,
        set_number: i64,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| sqlx::query(
            "INSERT INTO pelvic_floor_ticks (user_id, done_on, set_number, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, done_on, set_number) DO NOTHING"
        )
        .bind(user_id)
        .bind(done_on)
        .bind(set_number)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Her pelvic-floor ticks between two dates, oldest first.
    pub async fn pelvic_floor_between(
        &self,
        user_id: i64,
        from: Date,
        to: Date,
    ) -> Result<Vec<PelvicFloorTick>> {
        Ok(read!(self, |p| sqlx::query_as::<_, PelvicFloorTick>(
            "SELECT done_on, set_number, created_at FROM pelvic_floor_ticks \
             WHERE user_id = $1 AND done_on >= $2 AND done_on <= $3 ORDER BY done_on, set_number"
        )
        .bind(user_id)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await?))
    }

    /// Records her baby's weight on a day.
    pub async fn insert_baby_weight(
        &self,
        user_id: i64,
        measured_on: Date,
        weight_kg: f64,
        now: i64,
    ) -> Result<BabyWeight> {
        Ok(write!(self, |p| sqlx::query_as::<_, BabyWeight>(
            "INSERT INTO baby_weights (user_id, measured_on, weight_kg, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id, measured_on, weight_kg, created_at"
        )
        .bind(user_id)
        .bind(measured_on)
        .bind(weight_kg)
        .bind(now)
        .fetch_all(p)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)?))
    }

    /// Her baby's recorded weights, oldest first.
    pub async fn baby_weights(&self, user_id: i64) -> Result<Vec<BabyWeight>> {
        Ok(read!(self, |p| sqlx::query_as::<_, BabyWeight>(
            "SELECT id, measured_on, weight_kg, created_at FROM baby_weights \
             WHERE user_id = $1 ORDER BY measured_on, id"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?))
    }

    /// When she last logged anything (a set or a check-in), as a unix time.
    pub async fn last_activity(&self, user_id: i64) -> Result<Option<i64>> {
        Ok(read!(self, |p| sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(at) FROM (\
               SELECT MAX(created_at) AS at FROM logged_sets WHERE user_id = $1 \
               UNION ALL SELECT MAX(created_at) FROM checkins WHERE user_id = $1 \
               UNION ALL SELECT MAX(created_at) FROM pelvic_floor_ticks WHERE user_id = $1) AS a"
        )
        .bind(user_id)
        .fetch_one(p)
        .await?))
    }

    // ---- imports -------------------------------------------------------------------------------

    /// Stores an import in one transaction: the import's record and every set that is new.
    /// Each set's `client_ref` is derived from the file's content, so a set already stored (the
    /// same file imported twice, or overlapping exports) is skipped, not doubled. Returns the
    /// import's id, sets added and sets skipped.
    pub async fn import_sets(
        &self,
        user_id: i64,
        source: ImportSource<'_>,
        sets: &[ImportedSetRow],
        extras: &ImportExtras,
        now: i64,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<ImportCounts> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO imports (user_id, format, file_sha256, sets_added, sets_skipped, created_at) \
                 VALUES ($1, $2, $3, 0, 0, $4) RETURNING id",
            )
            .bind(user_id)
            .bind(source.format)
            .bind(source.file_sha256)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            let mut added = 0u64;
            // Many rows per statement: one trip to the database per chunk, not per set.
            for (chunk_no, chunk) in sets.chunks(IMPORT_CHUNK).enumerate() {
                progress((chunk_no * IMPORT_CHUNK) as u64);
                let mut sql = String::from(
                    "INSERT INTO logged_sets (user_id, done_on, exercise, set_number, reps, target_reps, \
                     load_kg, rpe, symptoms, red_flags, client_ref, created_at, import_id, set_type, exercise_name) VALUES ",
                );
                for n in 0..chunk.len() {
                    let b = n * 15;
                    if n > 0 {
                        sql.push(',');
                    }
                    sql.push('(');
                    for k in 1..=15 {
                        if k > 1 {
                            sql.push(',');
                        }
                        sql.push('$');
                        sql.push_str(&(b + k).to_string());
                    }
                    sql.push(')');
                }
                sql.push_str(
                    " ON CONFLICT (user_id, client_ref) WHERE client_ref IS NOT NULL DO NOTHING",
                );
                let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
                for row in chunk {
                    query = bind_set!(query, user_id, row.set, now)
                        .bind(id)
                        .bind(&row.set_type)
                        .bind(&row.exercise_name);
                }
                added += query.execute(&mut *tx).await?.rows_affected();
            }
            progress(sets.len() as u64);
            let skipped = sets.len() as u64 - added;
            let mut counts = ImportCounts {
                id,
                sets_added: added,
                sets_skipped: skipped,
                checkins_added: 0,
                pelvic_floor_added: 0,
                baby_weights_added: 0,
                profiles_added: 0,
            };
            for c in &extras.checkins {
                counts.checkins_added += sqlx::query(
                    "INSERT INTO checkins (user_id, done_on, symptoms, red_flags, rpe, mood, sleep_hours, notes, created_at, import_id) \
                     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE NOT EXISTS (SELECT 1 FROM checkins \
                     WHERE user_id = $1 AND done_on = $2 AND symptoms = $3 AND red_flags = $4 AND rpe IS NOT DISTINCT FROM $5 \
                     AND mood IS NOT DISTINCT FROM $6 AND sleep_hours IS NOT DISTINCT FROM $7 AND notes = $8)",
                )
                .bind(user_id)
                .bind(c.done_on)
                .bind(&c.symptoms)
                .bind(&c.red_flags)
                .bind(c.rpe)
                .bind(c.mood)
                .bind(c.sleep_hours)
                .bind(&c.notes)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for (day, set_number) in &extras.pelvic_floor {
                counts.pelvic_floor_added += sqlx::query(
                    "INSERT INTO pelvic_floor_ticks (user_id, done_on, set_number, created_at, import_id) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, done_on, set_number) DO NOTHING",
                )
                .bind(user_id)
                .bind(*day)
                .bind(*set_number)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for (day, kg) in &extras.baby_weights {
                counts.baby_weights_added += sqlx::query(
                    "INSERT INTO baby_weights (user_id, measured_on, weight_kg, created_at, import_id) \
                     SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM baby_weights \
                     WHERE user_id = $1 AND measured_on = $2 AND weight_kg = $3)",
                )
                .bind(user_id)
                .bind(*day)
                .bind(*kg)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            for json in &extras.profiles {
                counts.profiles_added += sqlx::query(
                    "INSERT INTO profiles (user_id, version, profile_json, created_at, import_id) \
                     SELECT $1, COALESCE((SELECT MAX(version) FROM profiles WHERE user_id = $1), 0) + 1, $2, $3, $4 \
                     WHERE NOT EXISTS (SELECT 1 FROM profiles WHERE user_id = $1 AND profile_json = $2)",
                )
                .bind(user_id)
                .bind(json)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            let others = counts.checkins_added
                + counts.pelvic_floor_added
                + counts.baby_weights_added
                + counts.profiles_added;
            if added == 0 && others == 0 {
                // Nothing new (the same file again): no import is recorded, so there is
                // nothing empty to undo. Id 0 says so.
                tx.rollback().await?;
                return Ok(ImportCounts { id: 0, ..counts });
            }
            sqlx::query(
                "UPDATE imports SET sets_added = $1, sets_skipped = $2, others_added = $3 WHERE id = $4",
            )
            .bind(i64::try_from(added).unwrap_or(i64::MAX))
            .bind(i64::try_from(skipped).unwrap_or(i64::MAX))
            .bind(i64::try_from(others).unwrap_or(i64::MAX))
            .bind(id)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(counts)
        })
    }

    /// Which of these client refs she already has (for an import's preview of duplicates).
    pub async fn known_client_refs(
        &self,
        user_id: i64,
        prefix: &str,
    ) -> Result<std::collections::HashSet<String>> {
        let pattern = format!("{prefix}%");
        let refs: Vec<String> = read!(self, |p| sqlx::query_scalar(
            "SELECT client_ref FROM logged_sets WHERE user_id = $1 AND client_ref LIKE $2"
        )
        .bind(user_id)
        .bind(&pattern)
        .fetch_all(p)
        .await?);
        Ok(refs.into_iter().collect())
    }

    /// Undoes an import: removes the sets it added. `None` when she has no such import, or it
    /// was undone already; else how many sets were removed.
    pub async fn undo_import(&self, user_id: i64, import_id: i64, now: i64) -> Result<Option<u64>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let marked = sqlx::query(
                "UPDATE imports SET undone_at = $1 WHERE id = $2 AND user_id = $3 AND undone_at IS NULL",
            )
            .bind(now)
            .bind(import_id)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if marked == 0 {
                return Ok(None);
            }
            let removed =
                sqlx::query("DELETE FROM logged_sets WHERE import_id = $1 AND user_id = $2")
                    .bind(import_id)
                    .bind(user_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            for table in ["checkins", "pelvic_floor_ticks", "baby_weights", "profiles"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE import_id = $1 AND user_id = $2"
                )))
                .bind(import_id)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(Some(removed))
        })
    }

    /// Her imports, newest first.
    pub async fn imports_of(&self, user_id: i64) -> Result<Vec<ImportRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, ImportRow>(
            "SELECT id, format, file_sha256, sets_added, sets_skipped, others_added, created_at, undone_at \
             FROM imports WHERE user_id = $1 ORDER BY id DESC"
        )
        .bind(user_id)
        .fetch_all(p)
        .await?
        }))
    }

    // ---- calendar feed ---------------------------------------------------------------------------

    /// Makes (or replaces, revoking the old URL) her calendar feed: the token's hash and the
    /// pelvic-floor reminder times (a JSON array of `"HH:MM"`).
    pub async fn set_calendar_feed(
        &self,
        user_id: i64,
        token_hash: &str,
        reminders: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO calendar_feeds (user_id, token_hash, reminders, created_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(user_id)
            .bind(token_hash)
            .bind(reminders)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Whose feed a token opens, with her reminder times (JSON) and when it was made.
    pub async fn calendar_feed_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<(i64, String, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (i64, String, i64)>(
            "SELECT user_id, reminders, created_at FROM calendar_feeds WHERE token_hash = $1"
        )
        .bind(token_hash)
        .fetch_optional(p)
        .await?))
    }

    /// Her feed's reminder times (JSON) and when it was made, if she has one.
    pub async fn calendar_feed_of(&self, user_id: i64) -> Result<Option<(String, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (String, i64)>(
            "SELECT reminders, created_at FROM calendar_feeds WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Revokes her calendar feed; false when she had none.
    pub async fn delete_calendar_feed(&self, user_id: i64) -> Result<bool> {
        Ok(write!(self, |p| sqlx::query(
            "DELETE FROM calendar_feeds WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected())
            > 0)
    }

    // ---- web settings and onboarding drafts ---------------------------------------------------

    /// Her unit of weight for the pages (`kg` or `lb`); `kg` until she picks one. Everything is
    /// stored in kg; the unit only changes what the pages show and read.
    pub async fn unit_of(&self, user_id: i64) -> Result<String> {
        Ok(read!(self, |p| sqlx::query_scalar::<_, String>(
            "SELECT unit FROM user_settings WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?)
        .unwrap_or_else(|| "kg".to_owned()))
    }

    /// Saves her unit of weight.
    pub async fn set_unit(&self, user_id: i64, unit: &str, now: i64) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO user_settings (user_id, unit, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET unit = excluded.unit, updated_at = excluded.updated_at"
        )
        .bind(user_id)
        .bind(unit)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her onboarding answers so far (a partial profile as JSON) and the step she reached.
    pub async fn onboarding_draft(&self, user_id: i64) -> Result<Option<(String, String)>> {
        Ok(read!(self, |p| sqlx::query_as::<_, (String, String)>(
            "SELECT draft_json, step FROM onboarding_drafts WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Saves her onboarding answers so far, so she can stop and come back.
    pub async fn save_onboarding_draft(
        &self,
        user_id: i64,
        draft_json: &str,
        step: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO onboarding_drafts (user_id, draft_json, step, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET draft_json = excluded.draft_json, step = excluded.step, \
             updated_at = excluded.updated_at"
        )
        .bind(user_id)
        .bind(draft_json)
        .bind(step)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Forgets her onboarding draft (once the profile is saved).
    pub async fn delete_onboarding_draft(&self, user_id: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM onboarding_drafts WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Keeps an uploaded file until she confirms its preview (replacing any earlier one).
    pub async fn save_pending_import(
        &self,
        user_id: i64,
        file_name: &str,
        unit: Option<&str>,
        file: &[u8],
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO pending_imports (user_id, file_name, unit, file, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id) DO UPDATE SET file_name = excluded.file_name, unit = excluded.unit, \
             file = excluded.file, created_at = excluded.created_at"
        )
        .bind(user_id)
        .bind(file_name)
        .bind(unit)
        .bind(file)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Her uploaded file waiting for confirmation: name, unit given, bytes, when uploaded.
    pub async fn pending_import(
        &self,
        user_id: i64,
    ) -> Result<Option<(String, Option<String>, Vec<u8>, i64)>> {
        Ok(read!(self, |p| sqlx::query_as::<
            _,
            (String, Option<String>, Vec<u8>, i64),
        >(
            "SELECT file_name, unit, file, created_at FROM pending_imports WHERE user_id = $1"
        )
        .bind(user_id)
        .fetch_optional(p)
        .await?))
    }

    /// Forgets her uploaded file (imported or cancelled).
    pub async fn delete_pending_import(&self, user_id: i64) -> Result<()> {
        write!(self, |p| sqlx::query(
            "DELETE FROM pending_imports WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(p)
        .await?
        .rows_affected());
        Ok(())
    }

    // ---- coaches, grants, audit --------------------------------------------------------------

    /// Stores an invitation code (by hash) a coach hands to a member.
    pub async fn create_invitation(
        &self,
        coach_id: i64,
        code_hash: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO invitations (code_hash, coach_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(code_hash)
        .bind(coach_id)
        .bind(now)
        .bind(expires_at)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// A member redeems a coach's invitation: the code is used up and the coach gains access.
    /// Returns the coach, or why not.
    pub async fn redeem_invitation(
        &self,
        member_id: i64,
        code_hash: &str,
        now: i64,
    ) -> Result<Result<User, RedeemError>> {
        write!(self, |p| {
            let mut tx = p.begin().await?;
            let invitation: Option<(i64, i64, Option<i64>)> = sqlx::query_as(
                "SELECT coach_id, expires_at, used_at FROM invitations WHERE code_hash = $1",
            )
            .bind(code_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((coach_id, expires_at, used_at)) = invitation else {
                return Ok(Err(RedeemError::Unknown));
            };
            if used_at.is_some() {
                return Ok(Err(RedeemError::Used));
            }
            if expires_at <= now {
                return Ok(Err(RedeemError::Expired));
            }
            if coach_id == member_id {
                return Ok(Err(RedeemError::Own));
            }
            sqlx::query("UPDATE invitations SET used_by = $1, used_at = $2 WHERE code_hash = $3")
                .bind(member_id)
                .bind(now)
                .bind(code_hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO grants (member_id, coach_id, created_at) SELECT $1, $2, $3 \
                 WHERE NOT EXISTS (SELECT 1 FROM grants WHERE member_id = $1 AND coach_id = $2 \
                 AND revoked_at IS NULL)",
            )
            .bind(member_id)
            .bind(coach_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let coach: User = sqlx::query_as(
                "SELECT id, email, role, display_name, created_at FROM users WHERE id = $1",
            )
            .bind(coach_id)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(Ok(coach))
        })
    }

    /// Whether a member has granted a coach access (and not revoked it).
    pub async fn has_grant(&self, coach_id: i64, member_id: i64) -> Result<bool> {
        let n: i64 = read!(self, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM grants WHERE coach_id = $1 AND member_id = $2 AND revoked_at IS NULL"
        )
        .bind(coach_id)
        .bind(member_id)
        .fetch_one(p)
        .await?
        });
        Ok(n > 0)
    }

    /// The coaches a member has granted access, current and revoked, newest first.
    pub async fn grants_of_member(&self, member_id: i64) -> Result<Vec<GrantRow>> {
        Ok(read!(self, |p| {
            sqlx::query_as::<_, GrantRow>(
            "SELECT u.id, u.email, u.display_name, g.created_at, g.revoked_at \
             FROM grants g JOIN users u ON u.id = g.coach_id WHERE g.member_id = $1 ORDER BY g.id DESC"
        )
        .bind(member_id)
        .fetch_all(p)
        .await?
        }))
    }

    /// The members who currently grant a coach access.
    pub async fn clients_of(&self, coach_id: i64) -> Result<Vec<GrantRow>> {
        Ok(read!(self, |p| sqlx::query_as::<_, GrantRow>(
            "SELECT u.id, u.email, u.display_name, g.created_at, g.revoked_at \
             FROM grants g JOIN users u ON u.id = g.member_id \
             WHERE g.coach_id = $1 AND g.revoked_at IS NULL ORDER BY u.display_name, u.id"
        )
        .bind(coach_id)
        .fetch_all(p)
        .await?))
    }

    /// A member withdraws a coach's access; false when there was none to withdraw.
    pub async fn revoke_grant(&self, member_id: i64, coach_id: i64, now: i64) -> Result<bool> {
        Ok(write!(self, |p| {
            sqlx::query(
            "UPDATE grants SET revoked_at = $1 WHERE member_id = $2 AND coach_id = $3 AND revoked_at IS NULL"
        )
        .bind(now)
        .bind(member_id)
        .bind(coach_id)
        .execute(p)
        .await?
        .rows_affected()
        }) > 0)
    }

    /// Notes that someone read another person's health data.
    pub async fn audit(
        &self,
        actor: &AuthUser,
        subject_id: i64,
        action: &str,
        now: i64,
    ) -> Result<()> {
        write!(self, |p| {
            sqlx::query(
            "INSERT INTO audit_log (actor_id, actor_email, subject_id, action, at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(actor.id)
        .bind(&actor.email)
        .bind(subject_id)
        .bind(action)
        .bind(now)
        .execute(p)
        .await?
        .rows_affected()
        });
        Ok(())
    }

    /// Whether this reader made this kind of read of her data since `since` (to keep repeated
    /// list views from flooding her audit log).
    pub async fn audited_since(
        &self,
        actor_id: i64,
        subject_id: i64,
        action: &str,
        since: i64,
    ) -> Result<bool> {
        let n: i64 = read!(self, |p| {
            sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE actor_id = $1 AND subject_id = $2 AND action = $3 AND at >= $4"
        )
        .bind(actor_id)
        .bind(subject_id)
        .bind(action)
        .bind(since)
        .fetch_one(p)
        .await?
        });
        Ok(n > 0)
    }

    /// Who read her data, newest first (at most `limit` entries).
    pub async fn audit_of(&self, subject_id: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(read!(self, |p| sqlx::query_as::<_, AuditEntry>(
            "SELECT actor_id, actor_email, action, at FROM audit_log WHERE subject_id = $1 \
             ORDER BY id DESC LIMIT $2"
        )
        .bind(subject_id)
        .bind(limit)
        .fetch_all(p)
        .await?))
    }
}
