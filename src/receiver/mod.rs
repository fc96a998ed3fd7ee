//! `serve-submissions`: a reference receiver for submitted order requests
//! (REQUEST.md), so a vendor can try the whole path end to end — the app's
//! "Submit" posts a `channel-order-request/1`, the receiver verifies it
//! exactly as `channel-quote verify` does against the vendor's current
//! account, files it in SQLite and answers the verify output (R3).
//!
//! Routes:
//! - `POST /orders` (and `POST /`): a request body of at most
//!   [`MAX_BODY`] bytes. 200 with the verify output; 422
//!   `{"error": [problems]}` for an unreadable or invalid request or an
//!   unknown partner (not filed); 409 when the `request_id` was filed with
//!   a different body; 413 when the body is too large; 500 on a database
//!   error. A byte-identical resubmission gets the filed response again
//!   (header `x-channel-replay: true`), without verifying anew.
//! - `GET /health`: `ok`.
//! - with `--app DIR`, every other `GET` serves that folder (the app).
//!
//! Built only with the cargo feature `receiver`.

pub mod store;

use crate::back_office::{files, AccountBook};
use crate::engine::problem::{at, JsonPath};
use crate::engine::verify::{verify, Verdict};
use crate::engine::{Document, PreparedPolicy, Problem, Request};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::{NewRow, Store, Stored};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

/// The largest request body accepted: 1 MiB. A request is a few kilobytes.
pub const MAX_BODY: usize = 1 << 20;

const REPLAY: HeaderName = HeaderName::from_static("x-channel-replay");
const MESSAGE: HeaderName = HeaderName::from_static("x-channel-message");

/// The command line of `serve-submissions`.
#[derive(Debug, Clone)]
pub struct Config {
    pub policy: PathBuf,
    pub accounts: PathBuf,
    pub db: PathBuf,
    pub host: String,
    pub port: u16,
    /// Origins whose pages may post (CORS); empty: any origin.
    pub allow_origins: Vec<String>,
    /// A folder served as static files (the built app).
    pub app: Option<PathBuf>,
}

/// Why the receiver did not start (or stopped).
#[derive(Debug)]
pub enum Stop {
    /// The policy or the accounts are bad: one problem each.
    Input(Vec<Problem>),
    /// Anything else the vendor must fix: the database, the address, an
    /// option.
    Start(String),
}

/// The policy, the accounts and the database: everything a submission is
/// checked and filed against.
pub struct Receiver {
    policy: PreparedPolicy,
    accounts: AccountBook,
    store: Store,
}

/// What a submission gets back, before it becomes an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    /// JSON, exactly as sent.
    pub body: String,
    /// The filed response to an earlier identical submission.
    pub replay: bool,
    /// A short English line for a human (header `x-channel-message`).
    pub message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a [Problem],
}

impl Reply {
    fn problems(status: u16, problems: &[Problem], message: &str) -> Reply {
        let body = serde_json::to_string_pretty(&ErrorBody { error: problems })
            .map(|s| s + "\n")
            // Problems are strings and paths: this cannot fail, but must not panic.
            .unwrap_or_else(|_| "{\"error\": []}\n".to_string());
        Reply {
            status,
            body,
            replay: false,
            message: message.to_string(),
        }
    }

    fn one(status: u16, path: JsonPath, code: &str, zh: &str, en: &str) -> Reply {
        let p = Problem::new(Document::Request, path, code, zh, en);
        Reply::problems(status, &[p], en)
    }

    fn internal(what: &str) -> Reply {
        Reply::one(
            500,
            JsonPath::root(),
            "internal_error",
            &format!("接收端内部错误：{what}"),
            &format!("the receiver failed: {what}"),
        )
    }

    fn too_large() -> Reply {
        Reply::one(
            413,
            JsonPath::root(),
            "body_too_large",
            &format!("请求超过 {} MB", MAX_BODY >> 20),
            &format!("the request is larger than {} MB", MAX_BODY >> 20),
        )
    }

    fn filed(stored: Stored) -> Reply {
        Reply {
            status: 200,
            body: stored.response,
            replay: true,
            message: format!(
                "replay: {} (received {})",
                stored.verdict, stored.received_at
            ),
        }
    }

    fn conflict() -> Reply {
        Reply::one(
            409,
            at("request_id"),
            "request_id_reused",
            "请求编号已被另一个请求使用",
            "already used by a different request",
        )
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body,
        )
            .into_response();
        let headers = response.headers_mut();
        if self.replay {
            headers.insert(REPLAY, HeaderValue::from_static("true"));
        }
        // Header values are visible ASCII: anything else is left out.
        let ascii: String = self
            .message
            .chars()
            .filter(|c| c.is_ascii_graphic() || *c == ' ')
            .collect();
        if let Ok(v) = HeaderValue::from_str(&ascii) {
            if !ascii.is_empty() {
                headers.insert(MESSAGE, v);
            }
        }
        response
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Accepted => "accepted",
        Verdict::AccountChanged => "account_changed",
        Verdict::Rejected => "rejected",
    }
}

fn verdict_message(v: Verdict) -> &'static str {
    match v {
        Verdict::Accepted => "accepted: the quote is genuine and nothing has moved since",
        Verdict::AccountChanged => {
            "account_changed: the quote is genuine, the vendor's current account changes it"
        }
        Verdict::Rejected => {
            "rejected: another policy, or a quote this engine does not make of these inputs"
        }
    }
}

impl Receiver {
    /// Reads the policy and the accounts (every problem of both is
    /// reported) and opens the database.
    pub fn load(policy: &Path, accounts: &Path, db: &Path) -> Result<Receiver, Stop> {
        let mut problems = Vec::new();
        let policy = match files::read(policy, Document::Policy)
            .map_err(|p| vec![p])
            .and_then(|b| PreparedPolicy::from_json_bytes(&b))
        {
            Ok(p) => Some(p),
            Err(ps) => {
                problems.extend(ps);
                None
            }
        };
        let accounts = match AccountBook::load(accounts) {
            Ok(b) => Some(b),
            Err(ps) => {
                problems.extend(ps);
                None
            }
        };
        let (Some(policy), Some(accounts)) = (policy, accounts) else {
            return Err(Stop::Input(problems));
        };
        let store = Store::open(db)
            .map_err(|e| Stop::Start(format!("cannot open the database {}: {e}", db.display())))?;
        Ok(Receiver {
            policy,
            accounts,
            store,
        })
    }

    pub fn policy(&self) -> &PreparedPolicy {
        &self.policy
    }

    pub fn accounts(&self) -> &AccountBook {
        &self.accounts
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// One submission, start to end (blocking: SQLite and the engine).
    pub fn submit(&self, body: &[u8]) -> Reply {
        let request = match Request::from_json_bytes(body) {
            Ok(r) => r,
            Err(problems) => return Reply::problems(422, &problems, "the request is not valid"),
        };
        let id = request.request_id.as_str();
        let sha = sha256_hex(body);
        match self.store.find(id) {
            Ok(Some(stored)) => return self.replay_or_conflict(stored, &sha),
            Ok(None) => {}
            Err(e) => return Reply::internal(&e.to_string()),
        }
        let partner = request.partner_id.as_str();
        let account = match self.accounts.for_partner(partner) {
            Ok(a) => a,
            Err(p) => return Reply::problems(422, &[p], "unknown partner"),
        };
        let verification = match verify(&self.policy, account, &request) {
            Ok(v) => v,
            Err(problems) => return Reply::problems(422, &problems, "the request is not valid"),
        };
        let response = match serde_json::to_string_pretty(&verification) {
            Ok(s) => s + "\n",
            Err(e) => return Reply::internal(&format!("cannot write JSON: {e}")),
        };
        let row = NewRow {
            request_id: id,
            body,
            body_sha256: &sha,
            partner_id: partner,
            verdict: verdict_name(verification.verdict),
            response: &response,
        };
        match self.store.insert(&row) {
            Ok(true) => Reply {
                status: 200,
                body: response,
                replay: false,
                message: verdict_message(verification.verdict).to_string(),
            },
            // Filed meanwhile by a concurrent submission: that one stands.
            Ok(false) => match self.store.find(id) {
                Ok(Some(stored)) => self.replay_or_conflict(stored, &sha),
                Ok(None) => Reply::internal("the request vanished from the database"),
                Err(e) => Reply::internal(&e.to_string()),
            },
            Err(e) => Reply::internal(&e.to_string()),
        }
    }

    fn replay_or_conflict(&self, stored: Stored, sha: &str) -> Reply {
        if stored.body_sha256 == sha {
            Reply::filed(stored)
        } else {
            Reply::conflict()
        }
    }
}

/// `--allow-origin` values as header values; `None` for any origin.
fn origins(list: &[String]) -> Result<Option<Vec<HeaderValue>>, Stop> {
    if list.is_empty() || list.iter().any(|o| o == "*") {
        return Ok(None);
    }
    list.iter()
        .map(|o| {
            let rest = o
                .strip_prefix("https://")
                .or_else(|| o.strip_prefix("http://"));
            let ok = rest.is_some_and(|host| {
                !host.is_empty()
                    && !host.contains(['/', '?', '#', '@'])
                    && !host.chars().any(|c| c.is_whitespace() || c.is_control())
            });
            HeaderValue::from_str(o).ok().filter(|_| ok).ok_or_else(|| {
                Stop::Start(format!(
                    "--allow-origin \"{o}\": must be an origin such as https://shop.example.com \
                     (scheme and host, an optional port, no path or trailing slash)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// The receiver's routes; `allow` is `None` for any origin.
pub fn router(
    receiver: Arc<Receiver>,
    allow: Option<Vec<HeaderValue>>,
    app: Option<&Path>,
) -> Router {
    let cors = CorsLayer::new()
        .allow_methods([Method::POST])
        .allow_headers([header::CONTENT_TYPE])
        .expose_headers([REPLAY, MESSAGE])
        .allow_origin(match allow {
            None => AllowOrigin::any(),
            Some(list) => AllowOrigin::list(list),
        });
    let root = match app {
        Some(dir) => post(post_order).get_service(ServeDir::new(dir)),
        None => post(post_order).get(hint),
    };
    let mut router = Router::new()
        .route("/orders", post(post_order))
        .route("/", root)
        .route("/health", get(health));
    if let Some(dir) = app {
        router = router.fallback_service(ServeDir::new(dir));
    }
    router
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(cors)
        .with_state(receiver)
}

async fn health() -> &'static str {
    "ok"
}

async fn hint() -> &'static str {
    "channel-quote reference receiver: POST a channel-order-request/1 to /orders\n"
}

async fn post_order(
    State(receiver): State<Arc<Receiver>>,
    request: axum::extract::Request,
) -> Reply {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return Reply::too_large();
    }
    let body = match Bytes::from_request(request, &()).await {
        Ok(b) => b,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return Reply::too_large()
        }
        Err(rejection) => {
            let why = rejection.body_text();
            return Reply::one(
                400,
                JsonPath::root(),
                "unreadable_body",
                &format!("无法读取请求正文：{why}"),
                &format!("cannot read the request body: {why}"),
            );
        }
    };
    match tokio::task::spawn_blocking(move || receiver.submit(&body)).await {
        Ok(reply) => reply,
        Err(e) => Reply::internal(&format!("the verification stopped: {e}")),
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// Runs the receiver until Ctrl-C or SIGTERM. Prints one line on stderr
/// once it listens.
pub fn serve(config: Config) -> Result<(), Stop> {
    let receiver = Receiver::load(&config.policy, &config.accounts, &config.db)?;
    let allow = origins(&config.allow_origins)?;
    if let Some(dir) = &config.app {
        if !dir.is_dir() {
            return Err(Stop::Start(format!(
                "--app {}: not a folder",
                dir.display()
            )));
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Stop::Start(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.host.as_str(), config.port))
            .await
            .map_err(|e| {
                Stop::Start(format!(
                    "cannot listen on {}:{}: {e}",
                    config.host, config.port
                ))
            })?;
        let port = listener.local_addr().map_or(config.port, |a| a.port());
        let host = if config.host.contains(':') {
            format!("[{}]", config.host)
        } else {
            config.host.clone()
        };
        let p = &receiver.policy().policy;
        let cors = match &allow {
            None => "any origin may post (*)".to_string(),
            Some(_) => format!("origins {}", config.allow_origins.join(" ")),
        };
        let app = config
            .app
            .as_ref()
            .map(|d| format!(", app {}", d.display()))
            .unwrap_or_default();
        eprintln!(
            "listening on http://{host}:{port} (policy {} {}, {} accounts, db {}, {cors}{app})",
            p.id,
            p.version,
            receiver.accounts().len(),
            config.db.display(),
        );
        let app = router(Arc::new(receiver), allow, config.app.as_deref());
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| Stop::Start(format!("the server stopped: {e}")))?;
        eprintln!("stopped");
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked() {
        assert!(matches!(origins(&[]), Ok(None)));
        assert!(matches!(origins(&["*".into()]), Ok(None)));
        assert!(matches!(
            origins(&["https://shop.example.com".into(), "http://localhost:8080".into()]),
            Ok(Some(v)) if v.len() == 2
        ));
        for bad in [
            "shop.example.com",
            "https://shop.example.com/",
            "https://",
            "ftp://x",
        ] {
            assert!(
                matches!(origins(&[bad.into()]), Err(Stop::Start(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_reply_becomes_json_with_headers() {
        let r = Reply::conflict().into_response();
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert_eq!(
            r.headers().get(header::CONTENT_TYPE).map(|v| v.as_bytes()),
            Some(&b"application/json"[..])
        );
        assert!(r.headers().get(REPLAY).is_none());
        assert!(r.headers().get(MESSAGE).is_some());
    }
}
