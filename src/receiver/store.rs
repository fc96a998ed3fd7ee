//! The receiver's SQLite file: every request it verified, with the exact
//! response it gave, so a resubmission gets the same answer.
//!
//! One connection behind a mutex; callers run on blocking threads
//! (`tokio::task::spawn_blocking`). The journal is WAL, so a reader (the
//! vendor's own `sqlite3` session) does not block the receiver.

use rusqlite::{params, Connection, OptionalExtension};
use std::fmt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The table, created when the file has none (REQUEST.md's receiver).
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS requests (
    request_id  TEXT PRIMARY KEY,
    body        BLOB NOT NULL,
    body_sha256 TEXT NOT NULL,
    partner_id  TEXT,
    verdict     TEXT NOT NULL,
    response    TEXT NOT NULL,
    received_at TEXT NOT NULL
)";

/// Why the store could not answer: a database error or a poisoned lock.
#[derive(Debug)]
pub struct StoreError(String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("database error: {e}"))
    }
}

/// A request already on file: what decides between a replay and a conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub body_sha256: String,
    /// The response body exactly as it was sent.
    pub response: String,
    pub verdict: String,
    pub received_at: String,
}

/// A verified request to file.
pub struct NewRow<'a> {
    pub request_id: &'a str,
    pub body: &'a [u8],
    pub body_sha256: &'a str,
    pub partner_id: &'a str,
    pub verdict: &'a str,
    pub response: &'a str,
}

pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if missing) the database file, switches it to WAL
    /// and creates the table if it has none.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!(
                "the database cannot use the WAL journal (journal_mode is {mode})"
            )));
        }
        conn.execute_batch(SCHEMA)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> Result<MutexGuard<'_, Connection>, StoreError> {
        self.conn
            .lock()
            .map_err(|_| StoreError("the database lock is poisoned".into()))
    }

    /// The request filed under `request_id`, if any.
    pub fn find(&self, request_id: &str) -> Result<Option<Stored>, StoreError> {
        let conn = self.conn()?;
        let found = conn
            .query_row(
                "SELECT body_sha256, response, verdict, received_at
                 FROM requests WHERE request_id = ?1",
                params![request_id],
                |r| {
                    Ok(Stored {
                        body_sha256: r.get(0)?,
                        response: r.get(1)?,
                        verdict: r.get(2)?,
                        received_at: r.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Files a verified request, stamped with the current UTC time. False
    /// when its `request_id` was filed meanwhile (two submissions at once):
    /// the first one stands.
    pub fn insert(&self, row: &NewRow<'_>) -> Result<bool, StoreError> {
        let conn = self.conn()?;
        let n = conn.execute(
            "INSERT INTO requests
                 (request_id, body, body_sha256, partner_id, verdict, response, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT (request_id) DO NOTHING",
            params![
                row.request_id,
                row.body,
                row.body_sha256,
                row.partner_id,
                row.verdict,
                row.response
            ],
        )?;
        Ok(n == 1)
    }

    /// How many requests are on file.
    pub fn count(&self) -> Result<u64, StoreError> {
        let conn = self.conn()?;
        let n: i64 = conn.query_row("SELECT count(*) FROM requests", [], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(id: &'a str, sha: &'a str) -> NewRow<'a> {
        NewRow {
            request_id: id,
            body: b"{}",
            body_sha256: sha,
            partner_id: "P-1",
            verdict: "accepted",
            response: "{\"verdict\":\"accepted\"}\n",
        }
    }

    #[test]
    fn files_once_per_request_id() {
        let store = Store::open(Path::new(":memory:")).map(Some);
        // An in-memory database cannot be WAL; use a temporary file instead.
        assert!(store.is_err());
        let dir = std::env::temp_dir().join(format!("cq-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("t.db");
        let _ = std::fs::remove_file(&path);
        let store = Store::open(&path).expect("opens");
        assert_eq!(store.find("a").expect("find"), None);
        assert!(store.insert(&row("a", "s1")).expect("insert"));
        assert!(!store.insert(&row("a", "s2")).expect("insert"));
        let found = store.find("a").expect("find").expect("filed");
        assert_eq!(found.body_sha256, "s1");
        assert_eq!(found.response, "{\"verdict\":\"accepted\"}\n");
        assert!(found.received_at.ends_with('Z'));
        assert_eq!(store.count().expect("count"), 1);
        drop(store);
        let again = Store::open(&path).expect("reopens");
        assert_eq!(again.count().expect("count"), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
