//! The reference receiver (`serve-submissions`), run for real: each test
//! starts the CLI binary on a free port of 127.0.0.1 with a database in a
//! temporary folder and talks HTTP/1.1 to it over plain TCP.
#![cfg(feature = "receiver")]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_channel-quote");
const CREATED_AT: &str = "2026-11-20T09:41:07Z";

fn spec(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec")
        .join(rel)
}

/// A fresh folder under the system's temporary folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("cq-receiver-{name}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A request document made by `channel-quote request`.
fn make_request(account: &Path, order: &str, id: &str, note: Option<&str>) -> Vec<u8> {
    let mut cmd = Command::new(BIN);
    cmd.arg("request")
        .arg("--policy")
        .arg(spec("policy.json"))
        .arg("--account")
        .arg(account)
        .arg("--order")
        .arg(spec(&format!("orders/{order}")))
        .args(["--request-id", id, "--created-at", CREATED_AT]);
    if let Some(note) = note {
        cmd.args(["--note", note]);
    }
    let out = cmd.output().expect("runs channel-quote request");
    assert!(
        out.status.success(),
        "request failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `channel-quote verify` on the same request: what the receiver must answer.
fn cli_verify(dir: &TempDir, request: &[u8], account: &Path) -> Value {
    let file = dir.path("cli-request.json");
    std::fs::write(&file, request).expect("write request");
    let out = Command::new(BIN)
        .arg("verify")
        .arg("--request")
        .arg(&file)
        .arg("--policy")
        .arg(spec("policy.json"))
        .arg("--account")
        .arg(account)
        .output()
        .expect("runs channel-quote verify");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "verify failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("verify prints JSON")
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local addr").port()
}

/// The v1 spec accounts as a JSON Lines account book beside `db` (the
/// spec's folder also holds deliberately bad and chain accounts).
fn book(db: &Path) -> PathBuf {
    let files = [
        "credit-overdue.json",
        "credit-tight.json",
        "distributor.json",
        "gold-rebate.json",
        "gold.json",
        "registered.json",
        "silver.json",
    ];
    let lines: Vec<String> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(spec("accounts").join(f)).expect("spec account");
            let v: serde_json::Value = serde_json::from_str(&text).expect("json");
            v.to_string()
        })
        .collect();
    let path = db.with_extension("accounts.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write the book");
    path
}

/// A running receiver, killed (if still running) on drop.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(db: &Path, extra: &[&str]) -> Server {
        Server::start_with(&book(db), db, extra)
    }

    fn start_with(accounts: &Path, db: &Path, extra: &[&str]) -> Server {
        // The port may be taken between the probe and the start by another
        // test: try a few.
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new(BIN)
                .arg("serve-submissions")
                .arg("--policy")
                .arg(spec("policy.json"))
                .arg("--accounts")
                .arg(accounts)
                .arg("--db")
                .arg(db)
                .args(["--port", &port.to_string()])
                .args(extra)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("starts serve-submissions");
            let stderr = Arc::new(Mutex::new(String::new()));
            if let Some(pipe) = child.stderr.take() {
                let sink = Arc::clone(&stderr);
                std::thread::spawn(move || {
                    for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                        if let Ok(mut s) = sink.lock() {
                            s.push_str(&line);
                            s.push('\n');
                        }
                    }
                });
            }
            let mut server = Server {
                child,
                port,
                stderr,
            };
            match server.wait_up() {
                Ok(()) => return server,
                Err(e) => last = e,
            }
        }
        panic!("the receiver did not start: {last}");
    }

    /// Polls `/health` until it answers `ok` (30 s at most).
    fn wait_up(&mut self) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(100));
                return Err(format!("exited with {status}: {}", self.stderr()));
            }
            if let Ok(r) = try_http(self.port, "GET", "/health", &[], b"") {
                if r.status == 200 && r.body == b"ok" {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!(
            "no answer on /health within 30 s: {}",
            self.stderr()
        ))
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn post(&self, path: &str, body: &[u8]) -> Response {
        http(
            self.port,
            "POST",
            path,
            &[("content-type", "application/json")],
            body,
        )
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Response {
        http(self.port, method, path, headers, b"")
    }

    /// SIGTERM, then waits: the receiver must stop cleanly, exit 0.
    #[cfg(unix)]
    fn stop(mut self) -> String {
        let pid = self.child.id().to_string();
        let status = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("runs kill");
        assert!(status.success());
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "exit status {status}: {}", self.stderr());
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the receiver did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Let the reader thread drain the pipe.
        std::thread::sleep(Duration::from_millis(100));
        self.stderr()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}), status {}: {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn http(port: u16, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    try_http(port, method, path, headers, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
}

/// One HTTP/1.1 exchange on a fresh connection (`connection: close`).
fn try_http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Response, String> {
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\nconnection: close\r\n");
    for (n, v) in headers {
        head += &format!("{n}: {v}\r\n");
    }
    if method == "POST" || !body.is_empty() {
        head += &format!("content-length: {}\r\n", body.len());
    }
    head += "\r\n";
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    exchange(port, &bytes)
}

/// Sends `raw` (a whole request, possibly larger than the server reads)
/// from a second thread and reads the response to its end.
fn exchange(port: u16, raw: &[u8]) -> Result<Response, String> {
    let stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let mut writer = stream.try_clone().map_err(|e| e.to_string())?;
    let raw = raw.to_vec();
    // The server may answer (413) before reading everything: a write
    // error after that is expected.
    let sender = std::thread::spawn(move || {
        let _ = writer.write_all(&raw);
        let _ = writer.flush();
    });
    let mut reader = stream;
    let mut got = Vec::new();
    let read = reader.read_to_end(&mut got);
    let _ = sender.join();
    if let Err(e) = read {
        if got.is_empty() {
            return Err(e.to_string());
        }
    }
    parse_response(&got)
}

fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|e| e.to_string())?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if chunked {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let eol = rest
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = std::str::from_utf8(&rest[..eol]).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| e.to_string())?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(rest.get(..size).ok_or("short chunk")?);
        rest = rest.get(size + 2..).ok_or("short chunk")?;
    }
}

/// One row of the receiver's `requests` table.
struct Row {
    request_id: String,
    body_sha256: String,
    verdict: String,
    body: Vec<u8>,
    response: String,
    partner_id: String,
    received_at: String,
}

fn rows(db: &Path) -> Vec<Row> {
    let conn = rusqlite::Connection::open(db).expect("opens the database");
    let mut stmt = conn
        .prepare(
            "SELECT request_id, body_sha256, verdict, body, response, partner_id, received_at
             FROM requests ORDER BY request_id",
        )
        .expect("the table is there");
    let rows = stmt
        .query_map([], |r| {
            Ok(Row {
                request_id: r.get(0)?,
                body_sha256: r.get(1)?,
                verdict: r.get(2)?,
                body: r.get(3)?,
                response: r.get(4)?,
                partner_id: r.get(5)?,
                received_at: r.get(6)?,
            })
        })
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    rows
}

#[test]
fn verifies_files_replays_refuses_a_reused_id_and_survives_a_restart() {
    let dir = TempDir::new("main");
    let db = dir.path("orders.db");
    let server = Server::start(&db, &[]);
    assert!(
        server.stderr().contains(&format!(
            "listening on http://127.0.0.1:{} (policy ",
            server.port
        )),
        "{}",
        server.stderr()
    );
    assert!(
        server.stderr().contains("7 accounts"),
        "{}",
        server.stderr()
    );
    assert!(server.stderr().contains("(*)"), "{}", server.stderr());

    let gold = spec("accounts/gold.json");
    let body = make_request(
        &gold,
        "ex01-level-volume.json",
        "cq-accept-1",
        Some("请周五前发货"),
    );
    let first = server.post("/orders", &body);
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.header("content-type"), Some("application/json"));
    assert_eq!(first.header("x-channel-replay"), None);
    assert!(first
        .header("x-channel-message")
        .is_some_and(|m| m.starts_with("accepted")));
    let answer = first.json();
    assert_eq!(answer["verdict"], "accepted");
    assert_eq!(answer, cli_verify(&dir, &body, &gold));
    let mut keys: Vec<&String> = answer.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "account_changes",
            "differences",
            "policy_matches",
            "quote",
            "request_id",
            "verdict"
        ]
    );

    // Filed: one row, with the body and the response as sent.
    let filed = rows(&db);
    assert_eq!(filed.len(), 1);
    let row = &filed[0];
    assert_eq!(row.request_id, "cq-accept-1");
    assert_eq!(row.body_sha256.len(), 64);
    assert_eq!(row.verdict, "accepted");
    assert_eq!(row.body, body);
    assert_eq!(row.response.as_bytes(), &first.body[..]);
    assert_eq!(row.partner_id, "P-1001"); // gold.json
    assert!(row.received_at.starts_with("20") && row.received_at.ends_with('Z'));

    // The same bytes again: the same answer, not verified anew, one row.
    let again = server.post("/orders", &body);
    assert_eq!(again.status, 200);
    assert_eq!(again.body, first.body);
    assert_eq!(again.header("x-channel-replay"), Some("true"));
    assert_eq!(rows(&db).len(), 1);

    // `POST /` is the same endpoint.
    let at_root = server.post("/", &body);
    assert_eq!(at_root.status, 200);
    assert_eq!(at_root.body, first.body);

    // The same id with another body (another note): 409, nothing filed.
    let other = make_request(&gold, "ex01-level-volume.json", "cq-accept-1", Some("改了"));
    assert_ne!(other, body);
    let conflict = server.post("/orders", &other);
    assert_eq!(conflict.status, 409, "{}", conflict.text());
    assert_eq!(conflict.header("content-type"), Some("application/json"));
    let error = &conflict.json()["error"][0];
    assert_eq!(error["path"], "request_id");
    assert_eq!(error["en"], "already used by a different request");
    assert_eq!(error["zh"], "请求编号已被另一个请求使用");
    assert_eq!(rows(&db).len(), 1);

    // Another partner's request: filed with its own row.
    let silver = spec("accounts/silver.json");
    let second = make_request(&silver, "ex01-level-volume.json", "cq-second", None);
    let r = server.post("/orders", &second);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), cli_verify(&dir, &second, &silver));
    assert_eq!(rows(&db).len(), 2);

    // Restart on the same file: the replay still works.
    #[cfg(unix)]
    {
        let said = server.stop();
        assert!(said.contains("stopped"), "{said}");
    }
    #[cfg(not(unix))]
    drop(server);
    let server = Server::start(&db, &[]);
    let replay = server.post("/orders", &body);
    assert_eq!(replay.status, 200);
    assert_eq!(replay.header("x-channel-replay"), Some("true"));
    assert_eq!(replay.body, first.body);
    assert_eq!(server.post("/orders", &other).status, 409);
    assert_eq!(rows(&db).len(), 2);
}

#[test]
fn refuses_bad_bodies_without_filing_them() {
    let dir = TempDir::new("bad");
    let db = dir.path("orders.db");
    let server = Server::start(&db, &[]);

    // Over 1 MiB, declared up front.
    let mut big = b"{\"note\": \"".to_vec();
    big.resize((1 << 20) + 100, b'x');
    big.extend_from_slice(b"\"}");
    let r = server.post("/orders", &big);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json()["error"][0]["code"], "body_too_large");

    // Over 1 MiB, chunked (no length known in advance).
    let mut raw = b"POST /orders HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\
         content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
        .to_vec();
    for chunk in big.chunks(64 * 1024) {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let r = exchange(server.port, &raw).expect("an answer");
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["error"][0]["code"], "body_too_large");

    // Not JSON: 422 with the engine's problems.
    let r = server.post(
        "/orders",
        b"{\"schema\": \"channel-order-request/1\", \"request_id\": ",
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    let problems = r.json()["error"].as_array().expect("a list").clone();
    assert!(!problems.is_empty());
    for p in &problems {
        assert_eq!(p["document"], "request");
        assert!(p["path"].is_string(), "{p}");
        assert!(p["code"].is_string() && p["zh"].is_string() && p["en"].is_string());
    }

    // Well-formed but invalid: the problem names the path.
    let gold = spec("accounts/gold.json");
    let good = make_request(&gold, "ex01-level-volume.json", "cq-invalid", None);
    let mut doc: Value = serde_json::from_slice(&good).expect("JSON");
    doc["order"]["lines"][0]["qty"] = Value::from(0);
    let r = server.post("/orders", doc.to_string().as_bytes());
    assert_eq!(r.status, 422, "{}", r.text());
    let problems = r.json()["error"].as_array().expect("a list").clone();
    assert!(
        problems
            .iter()
            .any(|p| p["path"] == "order.lines[0].qty" && p["document"] == "request"),
        "{problems:?}"
    );

    // A partner the vendor has no account for.
    let mut stranger: Value =
        serde_json::from_slice(&std::fs::read(&gold).expect("gold")).expect("JSON");
    stranger["partner_id"] = Value::from("P-9999");
    let stranger_file = dir.path("stranger.json");
    std::fs::write(&stranger_file, stranger.to_string()).expect("write");
    let body = make_request(
        &stranger_file,
        "ex01-level-volume.json",
        "cq-stranger",
        None,
    );
    let r = server.post("/orders", &body);
    assert_eq!(r.status, 422, "{}", r.text());
    let error = &r.json()["error"][0];
    assert_eq!(error["code"], "unknown_partner");
    assert_eq!(error["path"], "partner_id");

    // None of these was filed; the receiver still works.
    assert!(rows(&db).is_empty());
    let r = server.post("/orders", &good);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(rows(&db).len(), 1);
    // An unknown route or method is not an order.
    assert_eq!(server.request("GET", "/orders", &[]).status, 405);
    assert_eq!(server.request("GET", "/nothing", &[]).status, 404);
}

#[test]
fn cors_allows_the_given_origins_only() {
    let dir = TempDir::new("cors");
    let server = Server::start(
        &dir.path("orders.db"),
        &[
            "--allow-origin",
            "https://shop.example.com",
            "--allow-origin",
            "http://localhost:8080",
        ],
    );
    assert!(
        server
            .stderr()
            .contains("origins https://shop.example.com http://localhost:8080"),
        "{}",
        server.stderr()
    );
    let preflight = |origin: &str| {
        server.request(
            "OPTIONS",
            "/orders",
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "content-type"),
            ],
        )
    };
    for origin in ["https://shop.example.com", "http://localhost:8080"] {
        let r = preflight(origin);
        assert!(r.status == 200 || r.status == 204, "{r:?}");
        assert_eq!(r.header("access-control-allow-origin"), Some(origin));
        let methods = r.header("access-control-allow-methods").unwrap_or("");
        assert!(methods.contains("POST"), "{methods}");
        let headers = r.header("access-control-allow-headers").unwrap_or("");
        assert!(headers.contains("content-type"), "{headers}");
    }
    let r = preflight("https://evil.example.com");
    assert_eq!(r.header("access-control-allow-origin"), None, "{r:?}");

    // The actual POST carries the header too, for an allowed origin only.
    let gold = spec("accounts/gold.json");
    let body = make_request(&gold, "ex01-level-volume.json", "cq-cors", None);
    let post = |origin: &str| {
        http(
            server.port,
            "POST",
            "/orders",
            &[("content-type", "application/json"), ("origin", origin)],
            &body,
        )
    };
    let r = post("https://shop.example.com");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://shop.example.com")
    );
    let exposed = r.header("access-control-expose-headers").unwrap_or("");
    assert!(exposed.contains("x-channel-replay"), "{exposed}");
    let r = post("https://evil.example.com");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // Without --allow-origin: any origin.
    let open = Server::start(&dir.path("open.db"), &[]);
    let r = open.request(
        "OPTIONS",
        "/orders",
        &[
            ("origin", "https://anyone.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{r:?}");
}

#[test]
fn serves_the_app_next_to_the_receiver() {
    let dir = TempDir::new("app");
    let app = dir.path("dist");
    std::fs::create_dir_all(&app).expect("app dir");
    std::fs::write(app.join("index.html"), "<!doctype html><h1>渠道订单</h1>\n").expect("index");
    std::fs::write(app.join("app.js"), "console.log('hi');\n").expect("js");
    let app_arg = app.to_string_lossy().into_owned();
    let server = Server::start(&dir.path("orders.db"), &["--app", &app_arg]);
    assert!(server.stderr().contains(", app "), "{}", server.stderr());

    let index = server.request("GET", "/", &[]);
    assert_eq!(index.status, 200);
    assert!(
        index.text().contains("<h1>渠道订单</h1>"),
        "{}",
        index.text()
    );
    assert!(index
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html")));
    let js = server.request("GET", "/app.js", &[]);
    assert_eq!(js.status, 200);
    assert_eq!(js.text(), "console.log('hi');\n");
    assert_eq!(server.request("GET", "/missing.js", &[]).status, 404);
    let health = server.request("GET", "/health", &[]);
    assert_eq!((health.status, health.text().as_str()), (200, "ok"));

    // The app's own origin posts to /orders (or /).
    let gold = spec("accounts/gold.json");
    let body = make_request(&gold, "ex01-level-volume.json", "cq-app", None);
    assert_eq!(server.post("/orders", &body).status, 200);
    let other = make_request(&gold, "ex01-level-volume.json", "cq-app-root", None);
    let r = server.post("/", &other);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["request_id"], "cq-app-root");
}

#[test]
fn bad_inputs_stop_it_at_start_with_exit_2() {
    let dir = TempDir::new("start");
    let bad_policy = dir.path("policy.json");
    std::fs::write(&bad_policy, "{\"schema\": \"channel-policy/1\"").expect("write");
    let out = Command::new(BIN)
        .arg("serve-submissions")
        .arg("--policy")
        .arg(&bad_policy)
        .arg("--accounts")
        .arg(dir.path("no-such-folder"))
        .arg("--db")
        .arg(dir.path("orders.db"))
        .args(["--port", &free_port().to_string()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("policy"), "{stderr}");
    assert!(lines[1].starts_with("account"), "{stderr}");
    assert!(!dir.path("orders.db").exists());

    let out = Command::new(BIN)
        .arg("serve-submissions")
        .arg("--policy")
        .arg(spec("policy.json"))
        .arg("--accounts")
        .arg(book(&dir.path("orders.db")))
        .arg("--db")
        .arg(dir.path("orders.db"))
        .args(["--port", &free_port().to_string()])
        .args(["--allow-origin", "https://shop.example.com/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--allow-origin"), "{stderr}");
}
