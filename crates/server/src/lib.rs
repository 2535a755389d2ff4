//! mumstrong's web service: the JSON API (`/api/v1`) over the pure domain (`mumstrong-core`) and
//! the store (`mumstrong-store`).
//!
//! Handlers are thin: they check who is asking, read or write the store, and call the domain.
//! Nothing a second server would need is kept in memory (sessions, rate limits and programmes
//! live in the database), so several servers can share one PostgreSQL.
#![forbid(unsafe_code)]

pub mod api;
pub mod auth;
pub mod body;
pub mod error;
pub mod extract;
pub mod reply;
pub mod security;
pub mod web;

/// The use cases every front end shares (the `mumstrong-app` crate), and the parts of it the
/// handlers name most.
pub use mumstrong_app as app;
pub use mumstrong_app::{AppState, Clock, config, domain, text, words};

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use mumstrong_store::{Store, StoreOptions};
use time::OffsetDateTime;
use tokio::net::TcpListener;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
pub use error::{ApiError, AppError};

/// Whether cookies must be `Secure`: as configured, else when the request came over TLS
/// (directly or through a proxy that says so).
pub fn cookies_secure(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
    state
        .config
        .secure_cookies
        .unwrap_or_else(|| api::over_tls(headers))
}

/// The largest request body accepted: a profile or a set is a few hundred bytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Builds the whole router: API, OpenAPI document and health check.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::routes().split_for_parts();
    let openapi = Arc::new(api::finish_openapi(openapi));
    // Every API write is checked against the content types its OpenAPI entry documents.
    let content_types = Arc::new(body::ContentTypes::from_openapi(&openapi));
    let api = api.route_layer(axum::middleware::from_fn_with_state(
        content_types,
        body::content_type_gate,
    ));
    Router::new()
        .merge(api)
        .route(
            "/api/v1/openapi.json",
            axum::routing::get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/healthz", axum::routing::get(api::healthz))
        .merge(web::routes())
        .fallback(web::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            refresh_session_cookie,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::web_layer,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Sends the session cookie again, with a fresh `Max-Age`, on every successful request made with
/// it: the server slides a used session's expiry, and the browser must keep the cookie as long.
async fn refresh_session_cookie(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let cookie = auth::session_cookie(request.headers())
        .and_then(|token| api::account::session_cookie(&state, request.headers(), token).ok());
    let mut response = next.run(request).await;
    if let Some(cookie) = cookie
        && response.status().is_success()
        && !response
            .headers()
            .contains_key(axum::http::header::SET_COOKIE)
    {
        response
            .headers_mut()
            .insert(axum::http::header::SET_COOKIE, cookie);
    }
    response
}

/// A running server: its address and a way to wait for it to finish.
pub struct Server {
    /// Where it listens (the real port when the config asked for port 0).
    pub addr: SocketAddr,
    listener: TcpListener,
    router: Router,
    store: Store,
    limits: ConnectionLimits,
}

/// What bounds the connections: how long headers may take, how many are open, how long a stop
/// waits.
#[derive(Debug, Clone, Copy)]
struct ConnectionLimits {
    header_read_timeout: Duration,
    max_open: usize,
    shutdown_grace: Duration,
}

impl Server {
    /// Opens (and migrates) the database and binds the address; does not serve yet.
    ///
    /// # Errors
    /// A database that cannot be opened or migrated, or an address that cannot be bound.
    pub async fn build(config: Config) -> anyhow::Result<Server> {
        let clock: Clock = Arc::new(OffsetDateTime::now_utc);
        Self::build_with_clock(config, clock).await
    }

    /// As [`Server::build`], with a clock of the caller's choosing.
    ///
    /// # Errors
    /// As [`Server::build`].
    pub async fn build_with_clock(config: Config, clock: Clock) -> anyhow::Result<Server> {
        let options = StoreOptions {
            durability: config.durability,
            max_connections: config.max_connections,
        };
        let store = Store::open(&config.database_url, &options).await?;
        let listener = TcpListener::bind(config.bind).await?;
        let addr = listener.local_addr()?;
        let limits = ConnectionLimits {
            header_read_timeout: config.header_read_timeout,
            max_open: config.max_open_connections.max(1),
            shutdown_grace: config.shutdown_grace,
        };
        let state = AppState {
            store: store.clone(),
            config: Arc::new(config),
            clock,
        };
        Ok(Server {
            addr,
            listener,
            router: router(state),
            store,
            limits,
        })
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests (for at most the
    /// configured grace period) and closes the database cleanly.
    ///
    /// # Errors
    /// An I/O error from the listener.
    pub async fn run(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let store = self.store.clone();
        let janitor_store = self.store.clone();
        let janitor = tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(3600));
            loop {
                every.tick().await;
                let now = OffsetDateTime::now_utc().unix_timestamp();
                if let Err(e) = janitor_store.purge_expired(now).await {
                    tracing::warn!(error = %e, "could not purge expired sessions");
                }
            }
        });
        serve_connections(self.listener, self.router, self.limits, shutdown).await;
        janitor.abort();
        store.close().await;
        Ok(())
    }
}

/// The accept loop: HTTP/1.1 connections with a header-read timeout (which also closes a
/// kept-alive connection left idle), at most `max_open` of them (a new one waits in the
/// kernel's queue until one closes, so the server never runs out of file descriptors), and a
/// stop that waits for requests in flight no longer than `shutdown_grace`.
async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::Service;

    let mut make_service = router.into_make_service_with_connect_info::<SocketAddr>();
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_open));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        // Forget connections that have ended.
        while connections.try_join_next().is_some() {}
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors or a connection reset before accept: wait a
                    // moment rather than spin.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = match make_service.call(remote).await {
            Ok(service) => service,
            Err(never) => match never {},
        };
        let connection = http.serve_connection(
            TokioIo::new(stream),
            hyper_util::service::TowerToHyperService::new(service),
        );
        let connection = graceful.watch(connection);
        connections.spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection closed with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!(
                still_open = connections.len(),
                "the shutdown deadline passed; closing the connections still open"
            );
        }
    }
    connections.abort_all();
    while connections.join_next().await.is_some() {}
}

/// Resolves when the process gets SIGTERM or Ctrl-C: the signal to stop taking new requests.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
