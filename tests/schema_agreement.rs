//! The published JSON Schema and the reader give the same verdict, field
//! by field: every example document is accepted by both, and every
//! mutation of every field (wrong type, out of range, bad format, unknown
//! field, missing field, null, empty list) is rejected by both or accepted
//! by both. A vendor checking a policy in an editor against
//! `channel-quote schema policy` sees what `channel-quote validate` says of
//! each field. (Checks across fields — duplicate ids, tier order,
//! references — are beyond a schema and are not compared.)

use channel_quote::engine::documents::chain::Chain;
use channel_quote::engine::documents::{Account, Order, Plan, Policy, Request};
use channel_quote::engine::json::FromJson;
use channel_quote::engine::load::read_document;
use channel_quote::engine::problem::Document;
use channel_quote::engine::schema::schema_value;
use serde_json::{json, Value};
use std::path::Path;

struct Judge {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
    document: Document,
}

impl Judge {
    fn new(name: &str, document: Document) -> Judge {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.enable_format_assertions();
        let url = format!("file:///{name}.schema.json");
        compiler
            .add_resource(&url, schema_value(name).unwrap())
            .unwrap();
        let index = compiler.compile(&url, &mut schemas).unwrap();
        Judge {
            schemas,
            index,
            document,
        }
    }

    fn schema_ok(&self, v: &Value) -> bool {
        self.schemas.validate(v, self.index).is_ok()
    }

    /// The reader alone (no checks across fields).
    fn reader_ok(&self, v: &Value) -> bool {
        let text = v.to_string();
        match self.document {
            Document::Policy => read::<Policy>(&text, self.document),
            Document::Account => read::<Account>(&text, self.document),
            Document::Order => read::<Order>(&text, self.document),
            Document::Plan => read::<Plan>(&text, self.document),
            Document::Request => read::<Request>(&text, self.document),
            Document::Chain => read::<Chain>(&text, self.document),
        }
    }
}

fn read<T: FromJson>(text: &str, document: Document) -> bool {
    read_document::<T>(text, document, |_, _| {}).is_ok()
}

/// Every (JSON pointer, value) in a document.
fn locations(v: &Value, at: String, out: &mut Vec<(String, Value)>) {
    out.push((at.clone(), v.clone()));
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                locations(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                locations(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Replacements for a value: other types, edge values of its own type.
fn mutants(v: &Value) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = vec![("null".into(), Value::Null)];
    let mut alt = |what: &str, x: Value| out.push((what.into(), x));
    match v {
        Value::String(_) => {
            for s in [
                "",
                "   ",
                "-0",
                "-0.00",
                "-1",
                "+1",
                "1e5",
                "0",
                "0.0000001",
                "1000000000000000.01",
                "1000000000000000",
                "00.50",
                "1.000000",
                "2026-02-30",
                "0000-01-01",
                "2026-1-5",
                "cny",
                "CNY",
                "half_even",
                "graduated",
                "incremental",
                "percent_off",
            ] {
                alt(&format!("string {s:?}"), json!(s));
            }
            alt("201 chars", json!("x".repeat(201)));
            alt("a number", json!(5));
            alt("true", json!(true));
        }
        Value::Number(_) => {
            for n in [
                json!(0),
                json!(-1),
                json!(1),
                json!(1.0),
                json!(1.5),
                json!(36_500),
                json!(36_501),
                json!(1_000_000),
                json!(1_000_001),
                json!(-1_000_000_000),
                json!(-1_000_000_001),
                json!(1e20),
            ] {
                alt(&format!("number {n}"), n);
            }
            alt("a string", json!("5"));
        }
        Value::Bool(_) => {
            alt("a string", json!("true"));
            alt("a number", json!(1));
        }
        Value::Array(a) => {
            alt("empty list", json!([]));
            alt("an object", json!({}));
            if let Some(first) = a.first() {
                alt("one item", json!([first]));
            }
        }
        Value::Object(_) => {
            alt("a list", json!([]));
            alt("a string", json!("x"));
        }
        Value::Null => {}
    }
    out
}

fn set(doc: &mut Value, pointer: &str, x: Value) {
    if pointer.is_empty() {
        *doc = x;
    } else if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = x;
    }
}

fn remove(doc: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match doc.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(key);
        }
        Some(Value::Array(a)) => {
            a.remove(key.parse::<usize>().unwrap());
        }
        _ => {}
    }
}

/// Compares both verdicts on a document and every mutation of it.
fn agree(judge: &Judge, file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut disagreements = Vec::new();
    let mut check = |what: String, v: &Value| {
        let (s, r) = (judge.schema_ok(v), judge.reader_ok(v));
        if s != r {
            disagreements.push(format!(
                "{}: {what}: schema {} / reader {}",
                file.display(),
                if s { "accepts" } else { "rejects" },
                if r { "accepts" } else { "rejects" },
            ));
        }
    };
    assert!(judge.schema_ok(&doc), "schema rejects {}", file.display());
    assert!(judge.reader_ok(&doc), "reader rejects {}", file.display());
    let mut all = Vec::new();
    locations(&doc, String::new(), &mut all);
    for (pointer, value) in &all {
        for (what, x) in mutants(value) {
            let mut m = doc.clone();
            set(&mut m, pointer, x);
            check(format!("{pointer} = {what}"), &m);
        }
        if !pointer.is_empty() {
            let mut m = doc.clone();
            remove(&mut m, pointer);
            check(format!("{pointer} removed"), &m);
        }
        if value.is_object() {
            let mut m = doc.clone();
            if let Some(Value::Object(o)) = m.pointer_mut(pointer) {
                o.insert("zz_unknown".into(), json!(1));
            }
            check(format!("{pointer} + unknown field"), &m);
        }
    }
    disagreements
}

fn files(dir: &str, prefix_not: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(prefix_not)
        })
        .collect();
    out.sort();
    out
}

fn no_disagreements(bad: &[String]) {
    assert!(
        bad.is_empty(),
        "{} disagreements:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// Every example in `dir` (but the deliberately bad ones).
fn agree_on_folder(judge: &Judge, dir: &str) -> Vec<String> {
    files(dir, "bad-")
        .iter()
        .flat_map(|f| agree(judge, f))
        .collect()
}

#[test]
fn policy_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("policy", Document::Policy);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bad = agree(&judge, &root.join("tests/spec/policy.json"));
    bad.extend(agree(&judge, &root.join("web/src/app/demo/policy.json")));
    for v2 in [
        "policy-v2.json",
        "dist-policy.json",
        "policy-v2-sticker.json",
    ] {
        bad.extend(agree(&judge, &root.join("tests/spec").join(v2)));
    }
    no_disagreements(&bad);
}

#[test]
fn chain_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("chain", Document::Chain);
    no_disagreements(&agree_on_folder(&judge, "tests/spec/chains"));
}

/// REQUEST.md R1's two policy fields at and beyond their bounds.
#[test]
fn policy_submit_url_and_validity_agree_at_their_edges() {
    let judge = Judge::new("policy", Document::Policy);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policy: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/spec/policy.json")).unwrap(),
    )
    .unwrap();
    let long_path = format!("/{}", "a".repeat(2047));
    let too_long = format!("/{}", "a".repeat(2048));
    let mut bad = Vec::new();
    let urls = [
        "https://orders.example.com/api/v1/orders",
        "https://example.com",
        "https://example.com:8443/x?y=1",
        "https://[::1]:8443/orders",
        "https://ex%41mple.com/a",
        "https://ex%4mple.com/a",
        "/orders",
        "/",
        "",
        "http://example.com/orders",
        "https://",
        "https:///orders",
        "https://user@example.com/",
        "https://example.com/#frag",
        "https://exa mple.com",
        "//evil.example/orders",
        "/\\evil.example",
        "orders",
        "https://example.com:80a/",
        "/orders\n",
        "/orders\t",
        &long_path,
        &too_long,
    ];
    for url in urls {
        let mut v = policy.clone();
        v["submit_url"] = json!(url);
        let (s, r) = (judge.schema_ok(&v), judge.reader_ok(&v));
        if s != r {
            bad.push(format!("submit_url {url:?}: schema {s} / reader {r}"));
        }
    }
    for days in [
        json!(0),
        json!(1),
        json!(7),
        json!(365),
        json!(366),
        json!(null),
        json!("7"),
    ] {
        let mut v = policy.clone();
        v["quote_validity_days"] = days.clone();
        let (s, r) = (judge.schema_ok(&v), judge.reader_ok(&v));
        if s != r {
            bad.push(format!(
                "quote_validity_days {days}: schema {s} / reader {r}"
            ));
        }
    }
    no_disagreements(&bad);
}

#[test]
fn request_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("request", Document::Request);
    let mut bad = agree_on_folder(&judge, "tests/spec/requests");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let request: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/spec/requests/ex01-gold.json")).unwrap(),
    )
    .unwrap();
    let mut edges = Vec::new();
    for t in [
        "2026-11-20T09:41:07Z",
        "2026-11-20T09:41:07.5Z",
        "2026-11-20T09:41:07.Z",
        "2026-02-30T09:41:07Z",
        "2028-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "2026-11-20T24:00:00Z",
        "2026-11-20T23:59:60Z",
        "2026-11-20t09:41:07z",
        "2026-11-20T09:41:07+08:00",
        "2026-11-20 09:41:07Z",
    ] {
        let mut v = request.clone();
        v["created_at"] = json!(t);
        edges.push((format!("created_at {t}"), v));
    }
    for id in [
        "a",
        "cq.2026_11-20",
        "a b",
        "中文",
        &"x".repeat(64),
        &"x".repeat(65),
    ] {
        let mut v = request.clone();
        v["request_id"] = json!(id);
        edges.push((format!("request_id {id}"), v));
    }
    for note in ["", "备".repeat(500).as_str(), "备".repeat(501).as_str()] {
        let mut v = request.clone();
        v["note"] = json!(note);
        edges.push((format!("a {}-character note", note.chars().count()), v));
    }
    for hash in [
        "a".repeat(64),
        "A".repeat(64),
        "a".repeat(63),
        "g".repeat(64),
    ] {
        let mut v = request.clone();
        v["policy"]["hash"] = json!(hash);
        edges.push((format!("hash {hash}"), v));
    }
    for (what, v) in &edges {
        let (s, r) = (judge.schema_ok(v), judge.reader_ok(v));
        if s != r {
            bad.push(format!("{what}: schema {s} / reader {r}"));
        }
    }
    no_disagreements(&bad);
}

#[test]
fn account_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("account", Document::Account);
    no_disagreements(&agree_on_folder(&judge, "tests/spec/accounts"));
}

#[test]
fn order_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("order", Document::Order);
    no_disagreements(&agree_on_folder(&judge, "tests/spec/orders"));
}

#[test]
fn plan_schema_and_reader_agree_on_every_field() {
    let judge = Judge::new("plan", Document::Plan);
    let mut bad = agree_on_folder(&judge, "tests/spec/plans");
    // The bounds the example does not reach: 24 periods, 40-character
    // labels, 100,000 staff.
    let q4: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec/plans/q4.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let mut edges = Vec::new();
    for n in [24, 25] {
        let mut v = q4.clone();
        let period = v["periods"][0].clone();
        v["periods"] = Value::Array(vec![period; n]);
        edges.push((format!("{n} periods"), v));
    }
    for (n, label) in [(40, "月".repeat(40)), (41, "月".repeat(41))] {
        let mut v = q4.clone();
        v["periods"][0]["label"] = json!(label);
        edges.push((format!("a {n}-character label"), v));
    }
    for staff in [100_000, 100_001] {
        let mut v = q4.clone();
        v["fixed_costs"]["staff"] = json!(staff);
        edges.push((format!("{staff} staff"), v));
    }
    for (what, v) in &edges {
        let (s, r) = (judge.schema_ok(v), judge.reader_ok(v));
        if s != r {
            bad.push(format!("{what}: schema {s} / reader {r}"));
        }
    }
    no_disagreements(&bad);
}
