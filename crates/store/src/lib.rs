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

mod calendar;
mod coaching;
mod imports;
mod login;
mod logs;
mod profiles;
mod programmes;
mod sessions;
mod settings;
mod users;

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
}
