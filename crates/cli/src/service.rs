//! The service commands: `serve`, `migrate`, `backup` and `user add`.
//!
//! Settings come from, in rising order: defaults, a TOML file (`--config`, `MUMSTRONG_CONFIG`, or
//! `config.toml` in the user's config directory when it exists), `MUMSTRONG_*` environment
//! variables, then flags (clap reads flag and variable as one value).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use mumstrong_server::config::{Config, parse_bind};
use mumstrong_server::{Server, auth, shutdown_signal};
use mumstrong_store::{Durability, NewUser, Role, Store, StoreOptions, redact_url};

/// Where the database is and which settings file to read.
#[derive(Args, Clone)]
pub struct DbArgs {
    /// Database: sqlite://PATH (default: mumstrong.db in your data directory) or postgres://USER@HOST/DB.
    #[arg(long, env = "MUMSTRONG_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// A TOML settings file (keys: bind, database_url, durability, max_connections, session_ttl_days, secure_cookies, login_attempts, trust_proxy).
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
}

/// `user` subcommands.
#[derive(Subcommand, Clone)]
pub enum UserCommand {
    /// Make a coach account (or make an existing member a coach). Prints a new password once,
    /// unless `--password-stdin` gives one.
    Add {
        /// The coach's email.
        #[arg(long, value_name = "EMAIL")]
        coach: String,
        /// The name members see.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Read the password from standard input instead of generating one.
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

fn bad(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 2,
    }
}

fn internal(message: impl std::fmt::Display) -> Failure {
    Failure {
        message: message.to_string(),
        code: 1,
    }
}

fn base_config(db: &DbArgs) -> Result<Config, Failure> {
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

fn serve_config(args: &ServeArgs) -> Result<Config, Failure> {
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
    Ok(config)
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(internal)
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MUMSTRONG_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// `mumstrong serve`: migrate, listen, and serve until SIGTERM or Ctrl-C.
pub fn serve(args: &ServeArgs) -> Result<ExitCode, Failure> {
    let config = serve_config(args)?;
    init_tracing();
    runtime()?.block_on(async move {
        let url = redact_url(&config.database_url);
        let server = Server::build(config)
            .await
            .map_err(|e| internal(format!("cannot start: {e:#}")))?;
        tracing::info!(addr = %server.addr, database = %url, "mumstrong is listening");
        println!("mumstrong is listening on http://{}", server.addr);
        server
            .run(shutdown_signal())
            .await
            .map_err(|e| internal(format!("server stopped: {e:#}")))?;
        tracing::info!("stopped cleanly");
        Ok(ExitCode::SUCCESS)
    })
}

async fn open(db: &DbArgs) -> Result<Store, Failure> {
    let config = base_config(db)?;
    Store::open(&config.database_url, &StoreOptions::default())
        .await
        .map_err(|e| match e {
            mumstrong_store::StoreError::Url(m) => bad(format!("--database-url: {m}")),
            other => internal(other),
        })
}

/// `mumstrong migrate`: apply pending migrations and say how many.
pub fn migrate(db: &DbArgs) -> Result<ExitCode, Failure> {
    runtime()?.block_on(async move {
        let config = base_config(db)?;
        let store = Store::connect(&config.database_url, &StoreOptions::default())
            .await
            .map_err(|e| match e {
                mumstrong_store::StoreError::Url(m) => bad(format!("--database-url: {m}")),
                other => internal(other),
            })?;
        let applied = store.migrate().await.map_err(internal)?;
        store.close().await;
        println!(
            "{} is up to date ({applied} migration{} applied now)",
            redact_url(&config.database_url),
            if applied == 1 { "" } else { "s" }
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong backup --to FILE`: a consistent copy of a live SQLite database.
pub fn backup(db: &DbArgs, to: &Path) -> Result<ExitCode, Failure> {
    runtime()?.block_on(async move {
        let store = open(db).await?;
        store.backup_to(to).await.map_err(|e| match e {
            mumstrong_store::StoreError::Refused(m) => bad(format!("--to: {m}")),
            other => internal(other),
        })?;
        store.close().await;
        println!("backup written to {}", to.display());
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong user add --coach EMAIL`.
pub fn user(command: &UserCommand) -> Result<ExitCode, Failure> {
    let UserCommand::Add {
        coach,
        name,
        password_stdin,
        db,
    } = command;
    let email = mumstrong_server::api::account::normalise_email(coach)
        .map_err(|e| bad(format!("--coach: {}", e.message)))?;
    let given = if *password_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| bad(format!("--password-stdin: {e}")))?;
        let password = text.trim_end_matches(['\n', '\r']).to_owned();
        mumstrong_server::api::account::check_password(&password)
            .map_err(|e| bad(format!("--password-stdin: {}", e.message)))?;
        Some(password)
    } else {
        None
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        if let Some((user, _)) = store.user_by_email(&email).await.map_err(internal)? {
            store
                .set_role(user.id, Role::Coach)
                .await
                .map_err(internal)?;
            println!(
                "{email} already had an account; it is now a coach account (password unchanged)"
            );
            store.close().await;
            return Ok(ExitCode::SUCCESS);
        }
        let password = match given {
            Some(p) => p,
            None => auth::new_secret().map_err(|e| internal(e.message))?[..20].to_owned(),
        };
        let hash = auth::hash_password(password.clone())
            .await
            .map_err(|e| internal(e.message))?;
        let display = name
            .clone()
            .unwrap_or_else(|| email.split('@').next().unwrap_or("coach").to_owned());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        store
            .create_user(
                &NewUser {
                    email: &email,
                    password_hash: &hash,
                    role: Role::Coach,
                    display_name: &display,
                },
                now,
            )
            .await
            .map_err(internal)?;
        store.close().await;
        println!("coach account made for {email}");
        if !*password_stdin {
            println!("password (shown once; ask them to keep it safe): {password}");
        }
        Ok(ExitCode::SUCCESS)
    })
}
