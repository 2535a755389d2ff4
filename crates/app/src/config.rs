//! Settings: defaults, then an optional TOML file, then `MUMSTRONG_*` environment variables,
//! then command-line flags (the CLI does the merging; this module knows the file and defaults).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use mumstrong_store::{Durability, redact_url};
use serde::Deserialize;

/// Everything the server needs to start.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// SQLite's `synchronous` setting.
    pub durability: Durability,
    /// Database connections (readers on SQLite).
    pub max_connections: u32,
    /// How long a session lasts without use, in seconds (sliding).
    pub session_ttl_secs: i64,
    /// Mark cookies `Secure`: `Some(true)` always, `Some(false)` never, `None` when the request
    /// came over TLS (a proxy's `X-Forwarded-Proto: https`).
    pub secure_cookies: Option<bool>,
    /// Failed logins allowed per email in the window before logins are refused.
    pub login_attempts: i64,
    /// The login rate-limit window, in seconds.
    pub login_window_secs: i64,
    /// Accounts one client address may make in the sign-up window before sign-ups from it are
    /// refused (429).
    pub signup_attempts: i64,
    /// The sign-up rate-limit window, in seconds.
    pub signup_window_secs: i64,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// How long a client has to send a request's headers, and how long a kept-alive connection
    /// may sit idle between requests, before it is closed.
    pub header_read_timeout: Duration,
    /// Open client connections at most; more wait in the kernel's queue until one closes.
    pub max_open_connections: usize,
    /// How long a stop (SIGTERM) waits for requests in flight before closing what is left.
    pub shutdown_grace: Duration,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("database_url", &redact_url(&self.database_url))
            .field("durability", &self.durability)
            .field("max_connections", &self.max_connections)
            .field("session_ttl_secs", &self.session_ttl_secs)
            .field("secure_cookies", &self.secure_cookies)
            .field("login_attempts", &self.login_attempts)
            .field("login_window_secs", &self.login_window_secs)
            .field("signup_attempts", &self.signup_attempts)
            .field("signup_window_secs", &self.signup_window_secs)
            .field("trust_proxy", &self.trust_proxy)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_open_connections", &self.max_open_connections)
            .field("shutdown_grace", &self.shutdown_grace)
            .finish()
    }
}

/// Open connections allowed by default (the server raises its open-file limit to fit, and
/// lowers this when the system allows fewer files).
pub const DEFAULT_MAX_OPEN_CONNECTIONS: usize = 4096;

/// The default address: loopback only, so a first run exposes nothing.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

impl Config {
    /// The defaults, with the database in the user's data directory.
    pub fn defaults() -> Config {
        Config {
            bind: DEFAULT_BIND
                .parse()
                .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080))),
            database_url: default_database_url(),
            durability: Durability::Full,
            max_connections: 8,
            session_ttl_secs: 30 * 86_400,
            secure_cookies: None,
            login_attempts: 5,
            login_window_secs: 15 * 60,
            signup_attempts: 10,
            signup_window_secs: 3600,
            trust_proxy: false,
            header_read_timeout: Duration::from_secs(10),
            max_open_connections: DEFAULT_MAX_OPEN_CONNECTIONS,
            shutdown_grace: Duration::from_secs(10),
        }
    }

    /// The defaults with a TOML file's settings on top.
    ///
    /// # Errors
    /// A file that cannot be read, is not TOML, or has an unknown key or a bad value (named).
    pub fn from_file(path: &Path) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
        let file: FileConfig = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
        let mut config = Config::defaults();
        file.apply(&mut config)
            .map_err(|e| anyhow::anyhow!("config file {}: {e}", path.display()))?;
        Ok(config)
    }
}

/// The config file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    /// `bind = "127.0.0.1:8080"`
    pub bind: Option<String>,
    /// `database_url = "sqlite:///var/lib/mumstrong/mumstrong.db"`
    pub database_url: Option<String>,
    /// `durability = "normal"` or `"full"`
    pub durability: Option<Durability>,
    /// `max_connections = 8`
    pub max_connections: Option<u32>,
    /// `session_ttl_days = 30`
    pub session_ttl_days: Option<u32>,
    /// `secure_cookies = true`
    pub secure_cookies: Option<bool>,
    /// `login_attempts = 5`
    pub login_attempts: Option<u32>,
    /// `signup_attempts = 10` (accounts per client address per hour)
    pub signup_attempts: Option<u32>,
    /// `trust_proxy = false`
    pub trust_proxy: Option<bool>,
    /// `header_read_timeout_secs = 10`
    pub header_read_timeout_secs: Option<u64>,
    /// `max_open_connections = 4096`
    pub max_open_connections: Option<usize>,
    /// `shutdown_grace_secs = 10`
    pub shutdown_grace_secs: Option<u64>,
}

impl FileConfig {
    fn apply(self, config: &mut Config) -> Result<(), String> {
        if let Some(bind) = self.bind {
            config.bind = parse_bind(&bind).map_err(|e| format!("bind: {e}"))?;
        }
        if let Some(url) = self.database_url {
            config.database_url = url;
        }
        if let Some(d) = self.durability {
            config.durability = d;
        }
        if let Some(n) = self.max_connections {
            config.max_connections = n.clamp(1, 1000);
        }
        if let Some(days) = self.session_ttl_days {
            if !(1..=365).contains(&days) {
                return Err(format!("session_ttl_days: {days}; expected 1 to 365"));
            }
            config.session_ttl_secs = i64::from(days) * 86_400;
        }
        if let Some(s) = self.secure_cookies {
            config.secure_cookies = Some(s);
        }
        if let Some(n) = self.login_attempts {
            config.login_attempts = i64::from(n.max(1));
        }
        if let Some(n) = self.signup_attempts {
            config.signup_attempts = i64::from(n.max(1));
        }
        if let Some(t) = self.trust_proxy {
            config.trust_proxy = t;
        }
        if let Some(secs) = self.header_read_timeout_secs {
            config.header_read_timeout = parse_header_read_timeout(secs)
                .map_err(|e| format!("header_read_timeout_secs: {e}"))?;
        }
        if let Some(n) = self.max_open_connections {
            config.max_open_connections =
                parse_max_open_connections(n).map_err(|e| format!("max_open_connections: {e}"))?;
        }
        if let Some(secs) = self.shutdown_grace_secs {
            config.shutdown_grace =
                parse_shutdown_grace(secs).map_err(|e| format!("shutdown_grace_secs: {e}"))?;
        }
        Ok(())
    }
}

/// Checks a header-read timeout in seconds: 1 to 300.
///
/// # Errors
/// What was expected.
pub fn parse_header_read_timeout(secs: u64) -> Result<Duration, String> {
    if (1..=300).contains(&secs) {
        Ok(Duration::from_secs(secs))
    } else {
        Err(format!("{secs}; expected 1 to 300 seconds"))
    }
}

/// Checks a connection cap: 16 to 1,000,000.
///
/// # Errors
/// What was expected.
pub fn parse_max_open_connections(n: usize) -> Result<usize, String> {
    if (16..=1_000_000).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n}; expected 16 to 1000000 connections"))
    }
}

/// Checks a shutdown grace period in seconds: 0 to 600.
///
/// # Errors
/// What was expected.
pub fn parse_shutdown_grace(secs: u64) -> Result<Duration, String> {
    if secs <= 600 {
        Ok(Duration::from_secs(secs))
    } else {
        Err(format!("{secs}; expected 0 to 600 seconds"))
    }
}

/// Reads `HOST:PORT`.
///
/// # Errors
/// What was expected.
pub fn parse_bind(text: &str) -> Result<SocketAddr, String> {
    text.parse().map_err(|_| {
        format!("`{text}` is not an address; expected HOST:PORT such as 127.0.0.1:8080")
    })
}

/// The database file in the user's data directory (`~/.local/share/mumstrong/mumstrong.db` on
/// Linux), or `./mumstrong.db` when there is no home directory.
pub fn default_database_url() -> String {
    let path = directories::ProjectDirs::from("", "", "mumstrong")
        .map(|d| d.data_dir().join("mumstrong.db"))
        .unwrap_or_else(|| PathBuf::from("mumstrong.db"));
    format!("sqlite://{}", path.display())
}
