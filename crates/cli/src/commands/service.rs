//! What the service commands (`serve`, `migrate`, `backup`, `user`, `import`, `report`) share.
//!
//! Settings come from, in rising order: defaults, a TOML file (`--config`, `MUMSTRONG_CONFIG`, or
//! `config.toml` in the user's config directory when it exists), `MUMSTRONG_*` environment
//! variables, then flags (clap reads flag and variable as one value).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use mumstrong_app::config::{
    Config, parse_bind, parse_header_read_timeout, parse_max_open_connections, parse_shutdown_grace,
};
use mumstrong_store::{Durability, Role, Store, StoreOptions};

/// Where the database is and which settings file to read.
#[derive(Args, Clone)]
pub struct DbArgs {
    /// Database: sqlite://PATH (default: mumstrong.db in your data directory) or postgres://USER@HOST/DB.
    #[arg(long, env = "MUMSTRONG_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// A TOML settings file (keys: bind, database_url, durability, max_connections, session_ttl_days, secure_cookies, login_attempts, signup_attempts, trust_proxy, header_read_timeout_secs, max_open_connections, shutdown_grace_secs).
    #[arg(long, env = "MUMSTRONG_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `serve`'s own settings.
#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Database and settings file.
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "MUMSTRONG_BIND", value_name = "HOST:PORT")]
    pub bind: Option<String>,
    /// SQLite durability against power loss: full (default: fsync before every reply) or normal.
    #[arg(long, env = "MUMSTRONG_DURABILITY", value_name = "LEVEL")]
    pub durability: Option<String>,
    /// Database connections (readers on SQLite).
    #[arg(long, env = "MUMSTRONG_MAX_CONNECTIONS", value_name = "N")]
    pub max_connections: Option<u32>,
    /// Session lifetime in seconds without use (default 30 days).
    #[arg(long, env = "MUMSTRONG_SESSION_TTL_SECS", value_name = "SECONDS")]
    pub session_ttl_secs: Option<i64>,
    /// Always mark cookies Secure (default: when the proxy says the request came over HTTPS).
    #[arg(long, env = "MUMSTRONG_SECURE_COOKIES", value_name = "BOOL")]
    pub secure_cookies: Option<bool>,
    /// Trust X-Forwarded-For for the client address (only behind your own proxy).
    #[arg(long, env = "MUMSTRONG_TRUST_PROXY", value_name = "BOOL")]
    pub trust_proxy: Option<bool>,
    /// Seconds a client has to send a request's headers (and a kept-alive connection may stay
    /// idle) before it is closed (default 10).
    #[arg(
        long,
        env = "MUMSTRONG_HEADER_READ_TIMEOUT_SECS",
        value_name = "SECONDS"
    )]
    pub header_read_timeout_secs: Option<u64>,
    /// Open client connections at most (default 4096, fewer if the open-file limit is lower).
    #[arg(long, env = "MUMSTRONG_MAX_OPEN_CONNECTIONS", value_name = "N")]
    pub max_open_connections: Option<usize>,
    /// Seconds a stop (SIGTERM, Ctrl-C) waits for requests in flight (default 10).
    #[arg(long, env = "MUMSTRONG_SHUTDOWN_GRACE_SECS", value_name = "SECONDS")]
    pub shutdown_grace_secs: Option<u64>,
}

/// `user` subcommands.
#[derive(Subcommand, Clone)]
pub enum UserCommand {
    /// Make a coach account (or make an existing member a coach), or a member account (for a
    /// clinic that sets mums up, or to import a history before she first signs in). Prints a new
    /// password once, unless `--password-stdin` gives one.
    #[command(group(clap::ArgGroup::new("who").required(true).args(["coach", "member"])))]
    Add {
        /// A coach's email.
        #[arg(long, value_name = "EMAIL")]
        coach: Option<String>,
        /// A member's email.
        #[arg(long, value_name = "EMAIL")]
        member: Option<String>,
        /// The name others see.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        /// Database and settings file.
        #[command(flatten)]
        db: DbArgs,
    },
    /// Give an account a new password (she forgot hers, or it may be known to someone else).
    /// Ends every session and deletes every API token of hers. Prints a generated password
    /// once, unless `--password-stdin` gives one (same rules as sign-up: 10 to 256 characters).
    ResetPassword {
        /// The account's email.
        #[arg(value_name = "EMAIL")]
        email: String,
        /// Read the new password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        /// Database and settings file.
        #[command(flatten)]
        db: DbArgs,
    },
}

/// A service command's failure: message and exit code (2 bad input, 1 otherwise).
pub struct Failure {
    /// What went wrong.
    pub message: String,
    /// The exit code.
    pub code: u8,
}

pub(crate) fn bad(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 2,
    }
}

pub(crate) fn internal(message: impl std::fmt::Display) -> Failure {
    Failure {
        message: message.to_string(),
        code: 1,
    }
}

pub(crate) fn base_config(db: &DbArgs) -> Result<Config, Failure> {
    let file = db.config.clone().or_else(|| {
        directories::ProjectDirs::from("", "", "mumstrong")
            .map(|d| d.config_dir().join("config.toml"))
            .filter(|p| p.exists())
    });
    let mut config = match file {
        Some(path) => Config::from_file(&path).map_err(|e| bad(e.to_string()))?,
        None => Config::defaults(),
    };
    if let Some(url) = &db.database_url {
        config.database_url = url.clone();
    }
    Ok(config)
}

pub(crate) fn serve_config(args: &ServeArgs) -> Result<Config, Failure> {
    let mut config = base_config(&args.db)?;
    if let Some(bind) = &args.bind {
        config.bind = parse_bind(bind).map_err(|e| bad(format!("--bind: {e}")))?;
    }
    if let Some(d) = &args.durability {
        config.durability = d
            .parse::<Durability>()
            .map_err(|e| bad(format!("--durability: {e}")))?;
    }
    if let Some(n) = args.max_connections {
        if !(1..=1000).contains(&n) {
            return Err(bad(format!("--max-connections: {n}; expected 1 to 1000")));
        }
        config.max_connections = n;
    }
    if let Some(secs) = args.session_ttl_secs {
        if !(1..=365 * 86_400).contains(&secs) {
            return Err(bad(format!(
                "--session-ttl-secs: {secs}; expected 1 to 31536000 (a year)"
            )));
        }
        config.session_ttl_secs = secs;
    }
    if let Some(s) = args.secure_cookies {
        config.secure_cookies = Some(s);
    }
    if let Some(t) = args.trust_proxy {
        config.trust_proxy = t;
    }
    if let Some(secs) = args.header_read_timeout_secs {
        config.header_read_timeout = parse_header_read_timeout(secs)
            .map_err(|e| bad(format!("--header-read-timeout-secs: {e}")))?;
    }
    if let Some(n) = args.max_open_connections {
        config.max_open_connections = parse_max_open_connections(n)
            .map_err(|e| bad(format!("--max-open-connections: {e}")))?;
    }
    if let Some(secs) = args.shutdown_grace_secs {
        config.shutdown_grace =
            parse_shutdown_grace(secs).map_err(|e| bad(format!("--shutdown-grace-secs: {e}")))?;
    }
    Ok(config)
}

/// Files the server needs besides client connections: database connections, the WAL, logs.
pub(crate) const RESERVED_FILES: u64 = 64;

/// Raises the soft open-file limit to the hard one (a flood of connections should meet the
/// connection cap, not "Too many open files"), and lowers the cap when even that is too few.
pub(crate) fn fit_open_files(config: &mut Config) {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    let mut soft = limit.current;
    if limit.current < limit.maximum {
        let raised = rustix::process::Rlimit {
            current: limit.maximum,
            maximum: limit.maximum,
        };
        match setrlimit(Resource::Nofile, raised) {
            Ok(()) => soft = limit.maximum,
            Err(e) => tracing::warn!(error = %e, "could not raise the open-file limit"),
        }
    }
    if let Some(soft) = soft {
        let room = soft.saturating_sub(RESERVED_FILES + u64::from(config.max_connections));
        let room = usize::try_from(room).unwrap_or(usize::MAX).max(16);
        if room < config.max_open_connections {
            tracing::warn!(
                open_files = soft,
                max_open_connections = room,
                "the open-file limit allows fewer connections than asked; serving at most this many"
            );
            config.max_open_connections = room;
        }
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(internal)
}

pub(crate) fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MUMSTRONG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

pub(crate) async fn open(db: &DbArgs) -> Result<Store, Failure> {
    let config = base_config(db)?;
    Store::open(&config.database_url, &StoreOptions::default())
        .await
        .map_err(|e| match e {
            mumstrong_store::StoreError::Url(m) => bad(format!("--database-url: {m}")),
            other => internal(other),
        })
}

pub(crate) async fn member_id(store: &Store, email: &str) -> Result<i64, Failure> {
    let email = email.trim().to_lowercase();
    match store.user_by_email(&email).await.map_err(internal)? {
        Some((user, _)) if user.role == Role::Member => Ok(user.id),
        Some(_) => Err(bad(format!(
            "--user: {email} is a coach account, not a member"
        ))),
        None => Err(bad(format!("--user: no account for {email}"))),
    }
}

pub(crate) fn app_state(store: Store, url: String) -> mumstrong_app::AppState {
    let mut config = Config::defaults();
    config.database_url = url;
    mumstrong_app::AppState {
        store,
        config: std::sync::Arc::new(config),
        clock: std::sync::Arc::new(time::OffsetDateTime::now_utc),
    }
}
