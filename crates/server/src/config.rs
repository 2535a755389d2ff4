//! Settings: defaults, then an optional TOML file, then `MUMSTRONG_*` environment variables,
//! then command-line flags (the CLI does the merging; this module knows the file and defaults).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
            .finish()
    }
}

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
        Ok(())
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
