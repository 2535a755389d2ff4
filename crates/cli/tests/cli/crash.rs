//! Crash safety: a set the server acknowledged survives the server being killed (SIGKILL, no
//! chance to clean up) while other requests are in flight.
//!
//! The test starts `mumstrong serve` on a fresh SQLite file, signs up, puts a profile, and has a
//! few client threads log sets with unique `client_ref`s, each remembering the refs that got a
//! 201. Once enough are acknowledged it kills the server mid-stream, starts it again on the same
//! file, retries the sets that got no reply (as the app would), and checks that every
//! acknowledged set is there exactly once and that no set is stored twice.
//!
//! HTTP is spoken by hand over `std::net::TcpStream` (one connection per request), so the test
//! needs no HTTP client crate.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Client threads posting sets at once.
const CLIENTS: usize = 4;
/// Acknowledged sets after which the server is killed.
const KILL_AFTER_ACKS: usize = 300;
/// ... or after this long, once at least one set is acknowledged (a slow disk under `full`).
const KILL_AFTER: Duration = Duration::from_secs(1);
/// How long to wait for anything at all (server start, the first acknowledged set) before
/// failing with a message instead of hanging.
const PATIENCE: Duration = Duration::from_secs(40);
/// Socket timeouts: a request that takes longer than this is treated as failed.
const IO_TIMEOUT: Duration = Duration::from_secs(15);

const EMAIL: &str = "crash@example.org";
const PASSWORD: &str = "a long enough password";

// ---- a temp dir and a server process -------------------------------------------------------------

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "mumstrong-crash-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("create the test's temp dir");
    dir
}

/// A running `mumstrong serve`; killed (SIGKILL) when dropped, so a failing test leaves no
/// server behind.
struct Server {
    child: Child,
    addr: SocketAddr,
    stdout: PathBuf,
    stderr: PathBuf,
}

impl Server {
    /// Starts `mumstrong serve` on port 0 and reads the real address from its stdout.
    fn start(dir: &Path, db: &Path, durability: &str, run: usize) -> Server {
        let stdout = dir.join(format!("server-{run}.stdout"));
        let stderr = dir.join(format!("server-{run}.stderr"));
        let child = Command::new(env!("CARGO_BIN_EXE_mumstrong"))
            .args(["serve", "--bind", "127.0.0.1:0", "--durability", durability])
            .arg("--database-url")
            .arg(format!("sqlite://{}", db.display()))
            // Keep the user's own settings out of the test.
            .env_remove("MUMSTRONG_DATABASE_URL")
            .env_remove("MUMSTRONG_CONFIG")
            .env_remove("MUMSTRONG_BIND")
            .env_remove("MUMSTRONG_DURABILITY")
            .env_remove("MUMSTRONG_MAX_CONNECTIONS")
            .env_remove("MUMSTRONG_SESSION_TTL_SECS")
            .env_remove("MUMSTRONG_SECURE_COOKIES")
            .env_remove("MUMSTRONG_TRUST_PROXY")
            .env("HOME", dir)
            .env("XDG_CONFIG_HOME", dir.join("no-config"))
            .env("MUMSTRONG_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&stdout).expect("create the stdout file"))
            .stderr(std::fs::File::create(&stderr).expect("create the stderr file"))
            .spawn()
            .expect("start mumstrong serve");
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stdout,
            stderr,
        };
        let started = Instant::now();
        loop {
            let text = std::fs::read_to_string(&server.stdout).unwrap_or_default();
            if let Some(addr) = text.lines().find_map(|line| {
                let rest = line.split("listening on http://").nth(1)?;
                rest.split_whitespace().next()?.parse::<SocketAddr>().ok()
            }) {
                server.addr = addr;
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "mumstrong serve (run {run}) exited before listening ({status}):\n{}",
                    server.output()
                );
            }
            assert!(
                started.elapsed() < PATIENCE,
                "mumstrong serve (run {run}) did not say where it listens within {PATIENCE:?}:\n{}",
                server.output()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// What the server printed, for failure messages.
    fn output(&self) -> String {
        format!(
            "--- stdout\n{}\n--- stderr\n{}",
            std::fs::read_to_string(&self.stdout).unwrap_or_default(),
            std::fs::read_to_string(&self.stderr).unwrap_or_default()
        )
    }

    /// SIGKILL: no graceful shutdown, no checkpoint, nothing flushed by the server itself.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

// ---- HTTP/1.1 by hand --------------------------------------------------------------------------

/// A complete reply: status, headers (names in lower case) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("reply is not JSON ({e}): {}", self.body))
    }
}

fn io_error(message: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.into())
}

/// One request on its own connection (`Connection: close`). An error means no complete reply:
/// refused, reset, timed out, or cut short.
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.set_nodelay(true)?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if method != "GET" {
        request.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(&body);
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> std::io::Result<Reply> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| io_error(format!("no complete head in {} bytes", raw.len())))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| io_error(e.to_string()))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| io_error(format!("bad status line `{status_line}`")))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let rest = &raw[end + 4..];
    let find = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let body = if let Some(length) = find("content-length") {
        let length: usize = length
            .parse()
            .map_err(|_| io_error(format!("bad content-length `{length}`")))?;
        if rest.len() < length {
            return Err(io_error(format!(
                "body cut short: {} of {length} bytes",
                rest.len()
            )));
        }
        rest[..length].to_vec()
    } else if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Reply {
        status,
        headers,
        body: String::from_utf8(body).map_err(|e| io_error(e.to_string()))?,
    })
}

fn dechunk(mut rest: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| io_error("chunked body cut short"))?;
        let size_text =
            std::str::from_utf8(&rest[..line_end]).map_err(|e| io_error(e.to_string()))?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| io_error(format!("bad chunk size `{size_text}`")))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        if rest.len() < size + 2 {
            return Err(io_error("chunked body cut short"));
        }
        body.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

/// A request that must succeed with `expected`; panics with the reply otherwise.
fn expect(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
    expected: u16,
) -> Reply {
    let reply = send(addr, method, path, cookie, body)
        .unwrap_or_else(|e| panic!("{method} {path}: no reply: {e}"));
    assert_eq!(
        reply.status, expected,
        "{method} {path} answered {} (expected {expected}): {}",
        reply.status, reply.body
    );
    reply
}

/// The `mumstrong_session=…` pair from a sign-up or login reply.
fn session_cookie(reply: &Reply) -> String {
    reply
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .filter_map(|(_, v)| v.split(';').next())
        .find(|pair| {
            pair.starts_with("mumstrong_session=") && pair.len() > "mumstrong_session=".len()
        })
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no session cookie in {:?}", reply.header("set-cookie")))
}

fn set_body(client_ref: &str, date: &str) -> Value {
    json!({
        "date": date,
        "exercise": "goblet_squat_dumbbell",
        "reps": 10,
        "load_kg": 8,
        "rpe": 7,
        "client_ref": client_ref,
    })
}

// ---- the load and the crash --------------------------------------------------------------------

/// What the clients saw before the kill.
#[derive(Default)]
struct Seen {
    /// client_refs that got a 201.
    acked: Vec<String>,
    /// client_refs sent that got no complete reply (in flight at the kill).
    unanswered: Vec<String>,
    /// Complete replies other than 201: a bug, whatever the kill did.
    bad_replies: Vec<String>,
}

fn crash_and_recover(durability: &str) {
    let dir = temp_dir(durability);
    let db = dir.join("mumstrong.db");
    let today = time::OffsetDateTime::now_utc().date();
    let date = today.to_string();

    // ---- first run: sign up, profile, then sets from several clients until the kill
    let mut server = Server::start(&dir, &db, durability, 1);
    let addr = server.addr;
    let signup = expect(
        addr,
        "POST",
        "/api/v1/auth/signup",
        None,
        Some(&json!({ "email": EMAIL, "password": PASSWORD, "display_name": "Crash" })),
        201,
    );
    let cookie = session_cookie(&signup);
    let birth = (today - time::Duration::weeks(20)).to_string();
    expect(
        addr,
        "PUT",
        "/api/v1/profile",
        Some(&cookie),
        Some(&json!({
            "birth": { "date": birth, "delivery": "vaginal" },
            "health": { "postnatal_check_done": true },
            "training": {
                "days_per_week": 4,
                "minutes_per_session": 30,
                "equipment": ["bodyweight", "dumbbells:4,6,8"],
            },
        })),
        200,
    );

    let seen = Arc::new(Mutex::new(Seen::default()));
    let acked = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (seen, acked, stop) = (seen.clone(), acked.clone(), stop.clone());
            let (cookie, date) = (cookie.clone(), date.clone());
            std::thread::spawn(move || {
                for n in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let client_ref = format!("crash-{client}-{n}");
                    let body = set_body(&client_ref, &date);
                    match send(
                        addr,
                        "POST",
                        "/api/v1/logs/sets",
                        Some(&cookie),
                        Some(&body),
                    ) {
                        Ok(reply) if reply.status == 201 => {
                            seen.lock().unwrap().acked.push(client_ref);
                            acked.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(reply) => {
                            seen.lock()
                                .unwrap()
                                .bad_replies
                                .push(format!("{client_ref}: {} {}", reply.status, reply.body));
                        }
                        Err(_) => {
                            // The server is gone (or going): this one may or may not be stored.
                            seen.lock().unwrap().unanswered.push(client_ref);
                            break;
                        }
                    }
                }
            })
        })
        .collect();

    let started = Instant::now();
    loop {
        let n = acked.load(Ordering::SeqCst);
        if n >= KILL_AFTER_ACKS || (n > 0 && started.elapsed() >= KILL_AFTER) {
            break;
        }
        if started.elapsed() > PATIENCE || !seen.lock().unwrap().bad_replies.is_empty() {
            stop.store(true, Ordering::SeqCst);
            server.kill();
            let seen = seen.lock().unwrap();
            panic!(
                "the server acknowledged {n} sets in {PATIENCE:?} (bad replies: {:?}; unanswered: {:?}):\n{}",
                seen.bad_replies,
                seen.unanswered,
                server.output()
            );
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // Kill while the clients are still sending: some requests are mid-flight.
    server.kill();
    stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().expect("a client thread panicked");
    }
    let first_output = server.output();
    drop(server);
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    assert!(
        seen.bad_replies.is_empty(),
        "replies other than 201 before the kill: {:?}",
        seen.bad_replies
    );
    assert!(
        !seen.acked.is_empty(),
        "no set was acknowledged before the kill"
    );
    eprintln!(
        "[{durability}] killed after {} acknowledged sets; {} in flight without a reply",
        seen.acked.len(),
        seen.unanswered.len()
    );

    // ---- second run on the same file: every acknowledged set is there, once
    let server = Server::start(&dir, &db, durability, 2);
    let addr = server.addr;
    let login = expect(
        addr,
        "POST",
        "/api/v1/auth/login",
        None,
        Some(&json!({ "email": EMAIL, "password": PASSWORD })),
        200,
    );
    let cookie = session_cookie(&login);

    // The app retries what got no reply; with the same client_ref that stores nothing twice.
    // An acknowledged one retried must come back as the same set too.
    let mut retried: Vec<&String> = seen.unanswered.iter().collect();
    retried.extend(seen.acked.iter().take(3));
    for client_ref in &retried {
        expect(
            addr,
            "POST",
            "/api/v1/logs/sets",
            Some(&cookie),
            Some(&set_body(client_ref, &date)),
            201,
        );
    }

    let from = (today - time::Duration::days(7)).to_string();
    let to = (today + time::Duration::days(1)).to_string();
    let logs = expect(
        addr,
        "GET",
        &format!("/api/v1/logs?from={from}&to={to}"),
        Some(&cookie),
        None,
        200,
    )
    .json();
    let sets = logs["sets"]
        .as_array()
        .unwrap_or_else(|| panic!("no `sets` array in the logs: {logs}"));
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    let mut ids = BTreeSet::new();
    for set in sets {
        let client_ref = set["client_ref"]
            .as_str()
            .unwrap_or_else(|| panic!("a stored set without its client_ref: {set}"));
        *stored.entry(client_ref.to_owned()).or_default() += 1;
        assert!(
            ids.insert(set["id"].to_string()),
            "set id listed twice: {set}"
        );
    }

    let missing: Vec<&String> = seen
        .acked
        .iter()
        .chain(seen.unanswered.iter())
        .filter(|r| !stored.contains_key(*r))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged (or retried) sets are missing after the crash, e.g. {:?}\n\
         first server's output:\n{first_output}",
        missing.len(),
        seen.acked.len() + seen.unanswered.len(),
        &missing[..missing.len().min(20)]
    );
    let twice: Vec<(&String, &usize)> = stored.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.is_empty(),
        "sets stored more than once: {:?}",
        &twice[..twice.len().min(20)]
    );
    let known: BTreeSet<&String> = seen.acked.iter().chain(seen.unanswered.iter()).collect();
    let strangers: Vec<&String> = stored.keys().filter(|r| !known.contains(r)).collect();
    assert!(
        strangers.is_empty(),
        "sets stored that no client sent: {strangers:?}"
    );

    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn acknowledged_sets_survive_sigkill() {
    crash_and_recover("normal");
}

#[test]
fn acknowledged_sets_survive_sigkill_with_full_durability() {
    crash_and_recover("full");
}
