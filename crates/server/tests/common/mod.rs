//! Test harness: the real server on a random port with a fresh database, on either backend.
//!
//! SQLite: a new file in a temporary directory. PostgreSQL: a new database on the server named by
//! `MUMSTRONG_TEST_POSTGRES_URL` (`.ci/run` starts one); without it the PostgreSQL tests print a
//! loud SKIPPED line and pass, so a laptop without PostgreSQL can still run the suite.
#![allow(dead_code, missing_docs)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, AtomicU32, Ordering};

use mumstrong_server::{Clock, Config, Server};
use mumstrong_store::{NewUser, Role, Store, StoreOptions};
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use time::{Date, Duration, OffsetDateTime};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// A fresh database URL for one test, or `None` (with a loud message) when the backend is absent.
pub async fn fresh_database(db: Db, test: &str) -> Option<String> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let unique = format!(
        "{}_{}_{}",
        std::process::id(),
        n,
        OffsetDateTime::now_utc().unix_timestamp_nanos() % 1_000_000_000
    );
    match db {
        Db::Sqlite => {
            let dir = std::env::temp_dir().join(format!("mumstrong-test-{unique}"));
            std::fs::create_dir_all(&dir).ok()?;
            Some(format!("sqlite://{}", dir.join("test.db").display()))
        }
        Db::Postgres => {
            let Ok(admin) = std::env::var("MUMSTRONG_TEST_POSTGRES_URL") else {
                // Straight to the process's stderr: the test harness would hide an eprintln!
                // from a passing test, and a skip must be seen.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\n!!! SKIPPED: PostgreSQL test `{test}`: MUMSTRONG_TEST_POSTGRES_URL is not set \
                     (.ci/run starts a PostgreSQL and sets it) !!!"
                );
                return None;
            };
            let pool = sqlx::PgPool::connect(&admin).await.unwrap_or_else(|e| {
                panic!("MUMSTRONG_TEST_POSTGRES_URL is set but unreachable: {e}")
            });
            let name = format!("mumstrong_t_{unique}");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .expect("create test database");
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_owned())
                .unwrap_or(admin.clone());
            Some(format!("{base}/{name}"))
        }
    }
}

/// Drops a PostgreSQL test database once its test is done (best effort), so a long run does not
/// fill the disk with hundreds of copies of the template (a full disk crashed PostgreSQL mid-run
/// once in CI). SQLite directories are removed by [`TestApp::stop`].
pub async fn drop_database(database_url: &str) {
    let Ok(admin) = std::env::var("MUMSTRONG_TEST_POSTGRES_URL") else {
        return;
    };
    let Some((_, name)) = database_url.rsplit_once('/') else {
        return;
    };
    if !database_url.starts_with("postgres") || !name.starts_with("mumstrong_t_") {
        return;
    }
    if let Ok(pool) = sqlx::PgPool::connect(&admin).await {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&pool)
        .await;
        pool.close().await;
    }
}

/// A running server and the handles a test needs.
pub struct TestApp {
    pub addr: SocketAddr,
    pub url: String,
    pub database_url: String,
    pub store: Store,
    /// Seconds added to the real clock: lets a test move time forward without sleeping.
    pub clock_offset: Arc<AtomicI64>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

impl TestApp {
    pub fn base(&self) -> &str {
        &self.url
    }

    /// Moves the server's clock forward.
    pub fn advance(&self, seconds: i64) {
        self.clock_offset.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Makes a coach account directly in the store (what `mumstrong user add --coach` does).
    pub async fn coach(&self, email: &str, password: &str) -> User {
        self.account(email, password, Role::Coach, "Coach").await
    }

    /// Makes a member directly in the store, named by her email's local part, and signs her in:
    /// for a caseload larger than the sign-up rate limit lets one address make.
    pub async fn member_in_store(&self, email: &str) -> User {
        let name = email.split('@').next().unwrap_or(email).to_owned();
        self.account(email, PASSWORD, Role::Member, &name).await
    }

    async fn account(&self, email: &str, password: &str, role: Role, name: &str) -> User {
        let hash = mumstrong_server::auth::hash_password(password.to_owned())
            .await
            .expect("hash");
        self.store
            .create_user(
                &NewUser {
                    email,
                    password_hash: &hash,
                    role,
                    display_name: name,
                },
                OffsetDateTime::now_utc().unix_timestamp(),
            )
            .await
            .expect("account");
        let user = User::new(self);
        let r = user
            .post(
                "/api/v1/auth/login",
                json!({"email": email, "password": password}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{email} signs in");
        user
    }

    /// Signs up a new member.
    pub async fn member(&self, email: &str) -> User {
        let user = User::new(self);
        let r = user
            .post(
                "/api/v1/auth/signup",
                json!({"email": email, "password": PASSWORD, "display_name": email.split('@').next()}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED, "sign up {email}");
        user
    }

    /// An account's id, from the store.
    pub async fn id_of(&self, email: &str) -> i64 {
        self.store
            .user_by_email(email)
            .await
            .expect("store")
            .expect("user")
            .0
            .id
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(h) = self.handle.take() {
            let _ = h.await;
        }
        self.store.close().await;
        if let Some(path) = self.database_url.strip_prefix("sqlite://")
            && let Some(dir) = std::path::Path::new(path).parent()
            && dir.starts_with(std::env::temp_dir())
        {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

pub const PASSWORD: &str = "a long enough password";

/// Starts the real server on 127.0.0.1:0 with a database URL.
pub async fn spawn_on(database_url: &str, tweak: impl FnOnce(&mut Config)) -> TestApp {
    let mut config = Config::defaults();
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.database_url = database_url.to_owned();
    config.max_connections = 4;
    tweak(&mut config);
    let offset = Arc::new(AtomicI64::new(0));
    let o = offset.clone();
    let clock: Clock =
        Arc::new(move || OffsetDateTime::now_utc() + Duration::seconds(o.load(Ordering::SeqCst)));
    let server = Server::build_with_clock(config, clock)
        .await
        .expect("server starts");
    let addr = server.addr;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let handle = tokio::spawn(async move {
        server
            .run(async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
    });
    let store = Store::connect(database_url, &StoreOptions::default())
        .await
        .expect("test store");
    TestApp {
        addr,
        url: format!("http://{addr}"),
        database_url: database_url.to_owned(),
        store,
        clock_offset: offset,
        shutdown: Some(tx),
        handle: Some(handle),
    }
}

/// Starts the server on a fresh database of the given backend, or `None` when it is absent.
pub async fn spawn(db: Db, test: &str) -> Option<TestApp> {
    let url = fresh_database(db, test).await?;
    Some(spawn_on(&url, |_| {}).await)
}

/// One person's browser: a cookie jar and the server's address.
#[derive(Clone)]
pub struct User {
    pub client: Client,
    pub base: String,
    pub bearer: Option<String>,
}

impl User {
    pub fn new(app: &TestApp) -> User {
        User {
            client: Client::builder()
                .cookie_store(true)
                .build()
                .expect("client"),
            base: app.url.clone(),
            bearer: None,
        }
    }

    /// The same cookie jar against another server (two servers, one database).
    pub fn on(&self, other_base: &str) -> User {
        User {
            client: self.client.clone(),
            base: other_base.to_owned(),
            bearer: self.bearer.clone(),
        }
    }

    fn req(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self
            .client
            .request(method, format!("{}{}", self.base, path));
        match &self.bearer {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.req(reqwest::Method::GET, path)
            .send()
            .await
            .expect("GET")
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.req(reqwest::Method::POST, path)
            .json(&body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn put(&self, path: &str, body: Value) -> Response {
        self.req(reqwest::Method::PUT, path)
            .json(&body)
            .send()
            .await
            .expect("PUT")
    }

    pub async fn delete(&self, path: &str, body: Option<Value>) -> Response {
        let r = self.req(reqwest::Method::DELETE, path);
        let r = match body {
            Some(b) => r.json(&b),
            None => r,
        };
        r.send().await.expect("DELETE")
    }

    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: &str,
    ) -> Response {
        self.req(method, path)
            .header("content-type", content_type)
            .body(body.to_owned())
            .send()
            .await
            .expect("raw request")
    }
}

/// Reads a JSON body, asserting the status first (with the body in the message).
pub async fn json_of(r: Response, status: StatusCode) -> Value {
    let got = r.status();
    let text = r.text().await.expect("body");
    assert_eq!(got, status, "unexpected status; body: {text}");
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }
}

/// Asserts an error reply's status, code and (when given) field.
pub async fn error_of(r: Response, status: StatusCode, code: &str, field: Option<&str>) -> Value {
    let body = json_of(r, status).await;
    assert_eq!(body["error"]["code"], code, "error code in {body}");
    if let Some(field) = field {
        assert_eq!(body["error"]["field"], field, "error field in {body}");
    }
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "error message in {body}"
    );
    body
}

/// The value of the first `name="csrf"` hidden field in a page, if any.
pub fn csrf_in(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let rest = &html[at..];
    Some(rest[..rest.find('"')?].to_owned())
}

impl User {
    /// GETs a page (following redirects like a browser): status, final path and HTML.
    pub async fn page(&self, path: &str) -> (StatusCode, String, String) {
        let r = self.get(path).await;
        let status = r.status();
        let at = r.url().path().to_owned();
        let html = r.text().await.expect("page body");
        (status, at, html)
    }

    /// The browser's CSRF token, read from a page's form (the cookie is HttpOnly).
    pub async fn csrf(&self) -> String {
        // A signed-in page has the sign-out form; a signed-out browser gets the sign-in form.
        let (_, _, html) = self.page("/about").await;
        if let Some(token) = csrf_in(&html) {
            return token;
        }
        let (_, _, html) = self.page("/login").await;
        csrf_in(&html).unwrap_or_default()
    }

    /// Signs in through the sign-in form with the test password, asking to go to `next`
    /// (empty: her home page): status, final path and HTML.
    pub async fn sign_in(&self, email: &str, next: &str) -> (StatusCode, String, String) {
        self.submit(
            "/login",
            &[("email", email), ("password", PASSWORD), ("next", next)],
        )
        .await
    }

    /// Submits a form as a browser does (urlencoded, with this browser's CSRF token added),
    /// following the redirect: status, final path and HTML.
    pub async fn submit(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, String, String) {
        let csrf = self.csrf().await;
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("csrf", &csrf);
        for (k, v) in fields {
            body.append_pair(k, v);
        }
        let r = self
            .req(reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.finish())
            .send()
            .await
            .expect("POST form");
        let status = r.status();
        let at = r.url().path().to_owned();
        let html = r.text().await.expect("page body");
        (status, at, html)
    }
}

/// Today (UTC), as the server sees it.
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// A profile JSON: `weeks` after a vaginal birth, checked by a GP, with dumbbells.
pub fn profile(weeks: i64) -> Value {
    let birth = today() - Duration::weeks(weeks);
    json!({
        "birth": {"date": birth.to_string(), "delivery": "vaginal"},
        "health": {"postnatal_check_done": true},
        "training": {
            "experience": "returning",
            "days_per_week": 3,
            "minutes_per_session": 30,
            "equipment": ["bodyweight", "dumbbells:4,6,8,10", "mat"],
            "goals": ["strength"]
        }
    })
}

/// Runs a test body on both backends; PostgreSQL is skipped loudly when absent.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) =
                    $crate::common::spawn($crate::common::Db::Sqlite, stringify!($name)).await
                {
                    super::$name(&app).await;
                    app.stop().await;
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) =
                    $crate::common::spawn($crate::common::Db::Postgres, stringify!($name)).await
                {
                    super::$name(&app).await;
                    let url = app.database_url.clone();
                    app.stop().await;
                    $crate::common::drop_database(&url).await;
                }
            }
        }
    };
}
