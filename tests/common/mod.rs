//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod strategies;
pub mod synthetic;

use channel_quote::engine::{quote, Account, Order, PreparedPolicy, Problem};
use std::path::{Path, PathBuf};

pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec")
}

pub fn spec_file(rel: &str) -> String {
    std::fs::read_to_string(spec_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Runs the engine on three JSON texts, as the CLI and the UI do.
pub fn quote_texts(
    policy: &str,
    account: &str,
    order: &str,
) -> Result<serde_json::Value, Vec<Problem>> {
    let p = PreparedPolicy::from_json_bytes(policy.as_bytes());
    let a = Account::from_json_text(account);
    let o = Order::from_json_text(order);
    let mut problems = Vec::new();
    let p = p.map_err(|e| problems.extend(e)).ok();
    let a = a.map_err(|e| problems.extend(e)).ok();
    let o = o.map_err(|e| problems.extend(e)).ok();
    match (p, a, o) {
        (Some(p), Some(a), Some(o)) => {
            let q = quote(&p, &a, &o)?;
            Ok(serde_json::to_value(&q).expect("a quote always serializes"))
        }
        _ => Err(problems),
    }
}

/// The gold partner's account and the SPEC's policy with `edit` applied.
pub fn edited_policy(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&spec_file("policy.json")).unwrap();
    edit(&mut v);
    serde_json::to_string(&v).unwrap()
}

pub fn order_json(v: serde_json::Value) -> String {
    v.to_string()
}

/// Follows a path like `lines[0].steps[1].rule` into a quote.
pub fn at<'a>(doc: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut cur = doc;
    for part in path.split('.') {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            cur = cur.get(name)?;
        }
        for ix in indexes.split(['[', ']']).filter(|s| !s.is_empty()) {
            cur = cur.get(ix.parse::<usize>().ok()?)?;
        }
    }
    Some(cur)
}

pub fn codes(problems: &[Problem]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| (p.location(), p.code.clone()))
        .collect()
}

/// Compares one case of a cases file (`expect`: path → value, or `error`:
/// a text some problem line must contain) with what the engine gave,
/// adding a line per mismatch to `failures`.
pub fn judge_case(
    c: &serde_json::Value,
    result: Result<serde_json::Value, Vec<Problem>>,
    failures: &mut Vec<String>,
) {
    let name = c["name"].as_str().unwrap_or("?");
    match (c.get("expect"), c.get("error"), result) {
        (Some(expect), _, Ok(q)) => {
            for (path, want) in expect.as_object().into_iter().flatten() {
                // `a[*].b`: the wanted value is among every element's `b`.
                if let Some((head, tail)) = path.split_once("[*]") {
                    let all = at(&q, head)
                        .and_then(|v| v.as_array())
                        .cloned()
                        .unwrap_or_default();
                    let tail = tail.trim_start_matches('.');
                    let found: Vec<_> = all
                        .iter()
                        .filter_map(|e| {
                            if tail.is_empty() {
                                Some(e)
                            } else {
                                at(e, tail)
                            }
                        })
                        .collect();
                    if !found.contains(&want) {
                        failures.push(format!("{name}: {path}: {want} not among {found:?}"));
                    }
                    continue;
                }
                let got = at(&q, path);
                if got != Some(want) {
                    failures.push(format!("{name}: {path}: got {got:?}, want {want}"));
                }
            }
        }
        (_, Some(err), Err(problems)) => {
            let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            let want = err.as_str().unwrap_or_default();
            if !shown.iter().any(|l| l.contains(want)) {
                failures.push(format!("{name}: no error mentions {err}: {shown:?}"));
            }
        }
        (_, _, Ok(_)) => failures.push(format!("{name}: computed, but an error was expected")),
        (_, _, Err(p)) => failures.push(format!("{name}: unexpected errors {p:?}")),
    }
}

/// SPEC-v2 §2.4 rule 5: every v1 field of `v1` is in `v2` with the same
/// value, at any depth (v2 only adds fields); the top-level `skip` field
/// (the policy reference, when the files differ) is left out.
pub fn assert_v1_fields_equal(v1: &serde_json::Value, v2: &serde_json::Value, skip: &str) {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str, skip: &str) {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    if path.is_empty() && k == skip {
                        continue;
                    }
                    let p = format!("{path}.{k}");
                    let vb = y
                        .get(k)
                        .unwrap_or_else(|| panic!("{p}: missing from the v2 quote"));
                    walk(va, vb, &p, skip);
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                assert_eq!(x.len(), y.len(), "{path}: lengths differ");
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    walk(va, vb, &format!("{path}[{i}]"), skip);
                }
            }
            _ => assert_eq!(a, b, "{path}"),
        }
    }
    walk(v1, v2, "", skip);
}
