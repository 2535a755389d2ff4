//! The service commands: `serve`, `migrate`, `backup`, `user add` and `user reset-password`.
//!
//! Settings come from, in rising order: defaults, a TOML file (`--config`, `MUMSTRONG_CONFIG`, or
//! `config.toml` in the user's config directory when it exists), `MUMSTRONG_*` environment
//! variables, then flags (clap reads flag and variable as one value).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Args, Subcommand};
use mumstrong_server::config::{
    Config, parse_bind, parse_header_read_timeout, parse_max_open_connections, parse_shutdown_grace,
};
use mumstrong_server::{Server, auth, shutdown_signal};
use mumstrong_store::{Durability, NewUser, Role, Store, StoreOptions, redact_url};

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
const RESERVED_FILES: u64 = 64;

/// Raises the soft open-file limit to the hard one (a flood of connections should meet the
/// connection cap, not "Too many open files"), and lowers the cap when even that is too few.
fn fit_open_files(config: &mut Config) {
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
    let mut config = serve_config(args)?;
    init_tracing();
    fit_open_files(&mut config);
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
    // A missing directory is her typo, not our failure: say which path, before opening anything.
    let dir = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(bad(format!(
            "--to {}: the directory {} does not exist; make it first or choose another path",
            to.display(),
            dir.display()
        )));
    }
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

/// A password from standard input (up to its final line break), checked like sign-up's.
fn password_from_stdin() -> Result<String, Failure> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| bad(format!("--password-stdin: {e}")))?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    mumstrong_server::app::accounts::check_password(&password)
        .map_err(|e| bad(format!("--password-stdin: {}", e.message)))?;
    Ok(password)
}

/// A generated password: 20 random base64url characters (120 bits).
fn generated_password() -> Result<String, Failure> {
    Ok(auth::new_secret().map_err(|e| internal(e.message))?[..20].to_owned())
}

/// `mumstrong user add …` or `mumstrong user reset-password EMAIL`.
pub fn user(command: &UserCommand) -> Result<ExitCode, Failure> {
    match command {
        UserCommand::Add { .. } => user_add(command),
        UserCommand::ResetPassword {
            email,
            password_stdin,
            db,
        } => reset_password(email, *password_stdin, db),
    }
}

/// `mumstrong user reset-password EMAIL [--password-stdin]`.
fn reset_password(
    given_email: &str,
    password_stdin: bool,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let email = mumstrong_server::app::accounts::normalise_email(given_email)
        .map_err(|e| bad(format!("EMAIL: {}", e.message)))?;
    let password = if password_stdin {
        password_from_stdin()?
    } else {
        generated_password()?
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        let Some((user, _)) = store.user_by_email(&email).await.map_err(internal)? else {
            store.close().await;
            return Err(bad(format!("EMAIL: no account for {email}")));
        };
        let hash = auth::hash_password(password.clone())
            .await
            .map_err(|e| internal(e.message))?;
        let ended = store
            .set_password(user.id, &hash, None)
            .await
            .map_err(internal)?;
        store.close().await;
        let (sessions, tokens) = ended.unwrap_or((0, 0));
        println!(
            "password reset for {email}; {sessions} session{} ended and {tokens} API token{} deleted",
            if sessions == 1 { "" } else { "s" },
            if tokens == 1 { "" } else { "s" },
        );
        if !password_stdin {
            println!("new password (shown once; give it to her safely): {password}");
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong user add --coach EMAIL` or `--member EMAIL`.
fn user_add(command: &UserCommand) -> Result<ExitCode, Failure> {
    let UserCommand::Add {
        coach,
        member,
        name,
        password_stdin,
        db,
    } = command
    else {
        return Err(internal("user_add called for another command"));
    };
    let (flag, given_email, role) = match (coach, member) {
        (Some(c), _) => ("--coach", c, Role::Coach),
        (None, Some(m)) => ("--member", m, Role::Member),
        (None, None) => return Err(bad("give --coach EMAIL or --member EMAIL")),
    };
    let word = if role == Role::Coach {
        "coach"
    } else {
        "member"
    };
    let email = mumstrong_server::app::accounts::normalise_email(given_email)
        .map_err(|e| bad(format!("{flag}: {}", e.message)))?;
    if let Some(name) = name {
        mumstrong_server::text::check("--name", name)
            .map_err(|e| bad(format!("--name: {}", e.message)))?;
    }
    let given = if *password_stdin {
        Some(password_from_stdin()?)
    } else {
        None
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        if let Some((user, _)) = store.user_by_email(&email).await.map_err(internal)? {
            if role == Role::Member {
                store.close().await;
                return Err(bad(format!(
                    "--member: {email} already has an account ({})",
                    if user.role == Role::Coach {
                        "a coach"
                    } else {
                        "a member"
                    }
                )));
            }
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
            None => generated_password()?,
        };
        let hash = auth::hash_password(password.clone())
            .await
            .map_err(|e| internal(e.message))?;
        let display = name
            .clone()
            .unwrap_or_else(|| email.split('@').next().unwrap_or(word).to_owned());
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        store
            .create_user(
                &NewUser {
                    email: &email,
                    password_hash: &hash,
                    role,
                    display_name: &display,
                },
                now,
            )
            .await
            .map_err(internal)?;
        store.close().await;
        println!("{word} account made for {email}");
        if !*password_stdin {
            println!("password (shown once; ask them to keep it safe): {password}");
        }
        Ok(ExitCode::SUCCESS)
    })
}

async fn member_id(store: &Store, email: &str) -> Result<i64, Failure> {
    let email = email.trim().to_lowercase();
    match store.user_by_email(&email).await.map_err(internal)? {
        Some((user, _)) if user.role == Role::Member => Ok(user.id),
        Some(_) => Err(bad(format!(
            "--user: {email} is a coach account, not a member"
        ))),
        None => Err(bad(format!("--user: no account for {email}"))),
    }
}

fn app_state(store: Store, url: String) -> mumstrong_server::AppState {
    let mut config = Config::defaults();
    config.database_url = url;
    mumstrong_server::AppState {
        store,
        config: std::sync::Arc::new(config),
        clock: std::sync::Arc::new(time::OffsetDateTime::now_utc),
    }
}

/// `mumstrong import FILE --user EMAIL [--unit kg|lb] [--dry-run]` and `--undo ID`.
pub fn import(
    file: Option<&Path>,
    user: &str,
    unit: Option<&str>,
    dry_run: bool,
    undo: Option<i64>,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let unit = match unit {
        None => None,
        Some(word) => Some(
            mumstrong_core::import::WeightUnit::from_word(word)
                .ok_or_else(|| bad(format!("--unit: `{word}`; expected kg or lb")))?,
        ),
    };
    let bytes = match (file, undo) {
        (Some(path), None) => {
            let meta =
                std::fs::metadata(path).map_err(|e| bad(format!("{}: {e}", path.display())))?;
            if meta.len() > mumstrong_core::import::MAX_IMPORT_BYTES as u64 {
                return Err(bad(format!(
                    "{}: {} bytes; an export of at most 20 MB is expected",
                    path.display(),
                    meta.len()
                )));
            }
            Some(std::fs::read(path).map_err(|e| bad(format!("{}: {e}", path.display())))?)
        }
        (None, Some(_)) => None,
        _ => return Err(bad("give a FILE to import, or --undo ID (not both)")),
    };
    runtime()?.block_on(async move {
        let store = open(db).await?;
        let user_id = member_id(&store, user).await?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        if let Some(id) = undo {
            let removed = store.undo_import(user_id, id, now).await.map_err(internal)?;
            store.close().await;
            return match removed {
                Some(n) => {
                    println!("import {id} undone: {n} sets removed");
                    Ok(ExitCode::SUCCESS)
                }
                None => Err(bad(format!("--undo: no import {id} to undo for {user}"))),
            };
        }
        let bytes = bytes.unwrap_or_default();
        let started = std::time::Instant::now();
        let prepared = mumstrong_server::app::imports::prepare(&bytes, unit)
            .map_err(|e| bad(format!("{}: {}", e.field.unwrap_or_default(), e.message)))?;
        // A progress bar on the terminal for large files (hidden when output is not a terminal).
        let bar = if prepared.rows.len() >= 5000 && !dry_run {
            indicatif::ProgressBar::new(prepared.rows.len() as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sets {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        let ticker = bar.clone();
        let outcome = mumstrong_server::app::imports::run(
            &store,
            user_id,
            prepared,
            dry_run,
            now,
            &move |done| ticker.set_position(done),
        )
        .await
        .map_err(|e| internal(e.message))?;
        bar.finish_and_clear();
        store.close().await;
        let s = &outcome.summary;
        println!(
            "{}: {} sessions, {} sets ({} on library exercises), {} to {}",
            serde_json::to_value(s.format).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            s.sessions,
            s.sets,
            s.library_sets,
            s.first.map_or("-".to_owned(), |d| d.date().to_string()),
            s.last.map_or("-".to_owned(), |d| d.date().to_string()),
        );
        for e in s.exercises.iter().take(40) {
            let mapped = match (&e.mapping, &e.library_name) {
                (mumstrong_core::import::Mapping::Library { score, .. }, Some(name)) => {
                    format!("{name} ({:.0} %)", score * 100.0)
                }
                _ => "custom exercise (not in the library)".to_owned(),
            };
            println!("  {:>5} × {} → {mapped}", e.sets, e.name);
        }
        if s.exercises.len() > 40 {
            println!("  … and {} more names", s.exercises.len() - 40);
        }
        for odd in &s.suspicious {
            println!("  check line {}: {} ({})", odd.line, odd.message, odd.exercise_name);
        }
        match outcome.import_id {
            None if outcome.status == "nothing_new" => println!(
                "nothing new: all {} sets in this file are already stored, so nothing was imported",
                outcome.duplicate_sets
            ),
            None => println!(
                "preview only: {} new sets, {} already stored. Run again without --dry-run to import.",
                outcome.new_sets, outcome.duplicate_sets
            ),
            Some(id) => println!(
                "imported {} new sets ({} already stored) in {:.1} s as import {id}; undo with `mumstrong import --undo {id} --user {user}`",
                outcome.new_sets,
                outcome.duplicate_sets,
                started.elapsed().as_secs_f64()
            ),
        }
        let o = outcome.others;
        if o.total() > 0 {
            println!(
                "{} {} check-ins, {} pelvic-floor ticks, {} baby weights, {} profile versions",
                if outcome.import_id.is_some() { "also added:" } else { "the file also holds:" },
                o.checkins,
                o.pelvic_floor,
                o.baby_weights,
                o.profiles
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// `mumstrong report --user EMAIL [--from] [--to] [--format html|pdf] --out FILE`.
pub fn report(
    user: &str,
    from: Option<&str>,
    to: Option<&str>,
    pdf: bool,
    out: &Path,
    db: &DbArgs,
) -> Result<ExitCode, Failure> {
    let date = |flag: &str, text: Option<&str>| {
        text.map(|t| {
            mumstrong_core::profile::parse_iso_date(t).map_err(|m| bad(format!("{flag}: {m}")))
        })
        .transpose()
    };
    let (from, to) = (date("--from", from)?, date("--to", to)?);
    let html = runtime()?.block_on(async move {
        let config = base_config(db)?;
        let store = open(db).await?;
        let user_id = member_id(&store, user).await?;
        let state = app_state(store.clone(), config.database_url);
        let html = mumstrong_server::app::report::report_html(&state, user_id, from, to)
            .await
            .map_err(|e| Failure {
                message: format!(
                    "{}{}",
                    e.field
                        .as_ref()
                        .map(|f| format!("{f}: "))
                        .unwrap_or_default(),
                    e.message
                ),
                code: e.exit_code(),
            })?;
        store.close().await;
        Ok::<_, Failure>(html)
    })?;
    if !pdf {
        std::fs::write(out, html).map_err(|e| bad(format!("--out {}: {e}", out.display())))?;
        println!("report written to {}", out.display());
        return Ok(ExitCode::SUCCESS);
    }
    // PDF: Chromium prints the same HTML, charts and all, better than any PDF crate here.
    let dir = std::env::temp_dir().join(format!("mumstrong-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(internal)?;
    let page = dir.join("report.html");
    std::fs::write(&page, html).map_err(internal)?;
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").output().is_ok())
        .ok_or_else(|| bad("--format pdf needs Chromium (apt-get install chromium); or use --format html and print it"))?;
    let out_abs = std::path::absolute(out).map_err(internal)?;
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", out_abs.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(internal)?;
    let _ = std::fs::remove_dir_all(&dir);
    if !status.success() || !out_abs.exists() {
        return Err(internal("Chromium could not print the report"));
    }
    println!("report written to {}", out.display());
    Ok(ExitCode::SUCCESS)
}
