//! The back office's `verify` and `batch` (REQUEST.md R3–R4), through the
//! binary as a vendor runs them, on requests made from the SPEC examples.
//! Expected differences come from an independent walk over two quotes the
//! `quote` command printed, not from the engine's own compare.

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const POLICY: &str = "tests/spec/policy.json";
const GOLD: &str = "tests/spec/accounts/gold.json";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_channel-quote"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn json_out(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A scratch folder of its own for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cq-verify-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
    p.to_string_lossy().into_owned()
}

fn read(path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join(path)).unwrap()).unwrap()
}

/// The request a partner would submit for `order` on `account`.
fn request(account: &str, order: &str, id: &str) -> Value {
    let o = run(&[
        "request",
        "--policy",
        POLICY,
        "--account",
        account,
        "--order",
        order,
        "--request-id",
        id,
        "--created-at",
        "2026-11-20T09:41:07Z",
        "--note",
        "请周五前发货",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json_out(&o)
}

fn quote(account: &str, order: &str) -> Value {
    let o = run(&[
        "quote",
        "--policy",
        POLICY,
        "--account",
        account,
        "--order",
        order,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    json_out(&o)
}

fn verify(request: &str, account: &str) -> Output {
    run(&[
        "verify",
        "--request",
        request,
        "--policy",
        POLICY,
        "--account",
        account,
    ])
}

/// Every path where two JSON values differ, `zh`/`en` texts aside.
fn diff_paths(a: &Value, b: &Value) -> BTreeSet<String> {
    fn walk(a: Option<&Value>, b: Option<&Value>, path: String, out: &mut BTreeSet<String>) {
        match (a, b) {
            (Some(Value::Object(x)), Some(Value::Object(y))) => {
                let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    if k == "zh" || k == "en" {
                        continue;
                    }
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    walk(x.get(k), y.get(k), p, out);
                }
            }
            (Some(Value::Array(x)), Some(Value::Array(y))) => {
                for i in 0..x.len().max(y.len()) {
                    walk(x.get(i), y.get(i), format!("{path}[{i}]"), out);
                }
            }
            (a, b) if a == b => {}
            _ => {
                out.insert(path);
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(Some(a), Some(b), String::new(), &mut out);
    out
}

fn paths_of(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_untouched_request_is_accepted_with_the_vendors_figures() {
    let dir = scratch("accepted");
    let r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "cq-ok");
    let path = write(&dir, "r.json", &r);
    let o = verify(&path, GOLD);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v["request_id"], "cq-ok");
    assert_eq!(v["verdict"], "accepted");
    assert_eq!(v["policy_matches"], true);
    assert_eq!(v["differences"], json!([]));
    assert_eq!(v["account_changes"], json!([]));
    assert_eq!(
        v["quote"],
        quote(GOLD, "tests/spec/orders/ex01-level-volume.json")
    );
    // R1: dated 2026-11-20, default validity, no expiring promotion.
    assert_eq!(v["quote"]["valid_until"], "2026-11-26");
}

#[test]
fn an_altered_quote_is_rejected_at_exactly_the_altered_path() {
    let dir = scratch("altered-quote");
    let mut r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "cq-q");
    let honest = r["quote"]["totals"]["payable"].clone();
    r["quote"]["totals"]["payable"] = json!("1.00");
    let o = verify(&write(&dir, "r.json", &r), GOLD);
    assert_eq!(o.status.code(), Some(1));
    let v = json_out(&o);
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["policy_matches"], true);
    assert_eq!(
        v["differences"],
        json!([{"path": "totals.payable", "request": "1.00", "vendor": honest}])
    );
}

#[test]
fn an_altered_order_is_rejected_with_every_figure_it_moves() {
    let dir = scratch("altered-order");
    let mut r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "cq-o");
    r["order"]["lines"][0]["qty"] = json!(50);
    let o = verify(&write(&dir, "r.json", &r), GOLD);
    assert_eq!(o.status.code(), Some(1));
    let v = json_out(&o);
    assert_eq!(v["verdict"], "rejected");
    let mut altered = read("tests/spec/orders/ex01-level-volume.json");
    altered["lines"][0]["qty"] = json!(50);
    let altered_path = write(&dir, "order.json", &altered);
    let expected = diff_paths(
        &quote(GOLD, "tests/spec/orders/ex01-level-volume.json"),
        &quote(GOLD, &altered_path),
    );
    assert!(expected.contains("lines[0].qty"));
    assert_eq!(paths_of(&v["differences"]), expected);
    // What the partner's quote said, beside what the order really costs.
    let qty = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "lines[0].qty")
        .unwrap();
    assert_eq!(qty["request"], 12);
    assert_eq!(qty["vendor"], 50);
}

#[test]
fn another_policy_is_rejected_even_when_the_figures_agree() {
    let dir = scratch("hash");
    let mut r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "cq-h");
    let other = "0".repeat(64);
    r["policy"]["hash"] = json!(other);
    r["quote"]["policy"]["hash"] = json!(other);
    let o = verify(&write(&dir, "r.json", &r), GOLD);
    assert_eq!(o.status.code(), Some(1));
    let v = json_out(&o);
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["policy_matches"], false);
    assert_eq!(
        paths_of(&v["differences"]),
        BTreeSet::from(["policy.hash".to_string()])
    );
}

#[test]
fn an_overdue_invoice_since_the_quote_is_an_account_change() {
    let dir = scratch("account-changed");
    let order = "tests/spec/orders/ex01-level-volume.json";
    let r = request(GOLD, order, "cq-a");
    let mut moved = read(GOLD);
    moved["credit"]["overdue"] = json!([{"amount": "5000.00", "days": 45}]);
    moved["credit"]["ar_outstanding"] = json!("5000.00");
    let vendor = write(&dir, "gold-now.json", &moved);
    let o = verify(&write(&dir, "r.json", &r), &vendor);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json_out(&o);
    assert_eq!(v["verdict"], "account_changed");
    assert_eq!(v["differences"], json!([]));
    let expected = diff_paths(&quote(GOLD, order), &quote(&vendor, order));
    assert_eq!(paths_of(&v["account_changes"]), expected);
    let decision = v["account_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "credit.decision")
        .expect("the credit decision moved");
    assert_eq!(decision["partner"], "approved");
    assert_eq!(decision["vendor"], "blocked");
    assert_eq!(v["quote"]["credit"]["decision"], "blocked");
}

#[test]
fn bad_input_exits_2_naming_the_request_path() {
    let dir = scratch("bad");
    let r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "cq-b");
    let text = serde_json::to_string(&r).unwrap();
    let truncated = dir.join("truncated.json");
    std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
    let cases: Vec<(String, &str, &str)> = vec![
        (
            truncated.to_string_lossy().into_owned(),
            GOLD,
            "request: not valid JSON",
        ),
        (
            write(&dir, "r.json", &r),
            "tests/spec/accounts/silver.json",
            "request.partner_id:",
        ),
        (
            {
                let mut x = r.clone();
                x["policy"]["version"] = json!("2099.1");
                write(&dir, "policy.json", &x)
            },
            GOLD,
            "request.policy: differs from request.quote.policy",
        ),
        (
            {
                let mut x = r.clone();
                x["order"]["lines"][0]["qty"] = json!(0);
                write(&dir, "qty.json", &x)
            },
            GOLD,
            "request.order.lines[0].qty:",
        ),
        (
            {
                let mut x = r.clone();
                x["order"]["lines"][0]["sku"] = json!("NO-SUCH-SKU");
                write(&dir, "sku.json", &x)
            },
            GOLD,
            "request.order.lines[0].sku:",
        ),
        (
            {
                let mut x = r.clone();
                x["account"]["partner_id"] = json!("P-9999");
                write(&dir, "mismatch.json", &x)
            },
            GOLD,
            "request.partner_id:",
        ),
    ];
    for (request, account, want) in cases {
        let o = verify(&request, account);
        assert_eq!(o.status.code(), Some(2), "{want}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{want}");
        assert!(stderr(&o).contains(want), "{want}: {}", stderr(&o));
    }
}

/// A folder of the partners the batch tests submit for (the spec's
/// accounts folder also holds deliberately bad and duplicate ones).
fn book(name: &str) -> String {
    let dir = scratch(name).join("accounts");
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        "gold.json",
        "silver.json",
        "registered.json",
        "credit-tight.json",
    ] {
        std::fs::copy(root().join("tests/spec/accounts").join(f), dir.join(f)).unwrap();
    }
    dir.to_string_lossy().into_owned()
}

fn batch(accounts: &str, requests: &Path) -> Output {
    run(&[
        "batch",
        "--policy",
        POLICY,
        "--accounts",
        accounts,
        "--requests",
        &requests.to_string_lossy(),
    ])
}

fn lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_reports_every_line_in_order_and_agrees_with_verify() {
    let dir = scratch("batch");
    let ok = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "b-1");
    let silver = request(
        "tests/spec/accounts/silver.json",
        "tests/spec/orders/ex03-best-promotion.json",
        "b-2",
    );
    let mut altered = request(GOLD, "tests/spec/orders/ex04-floor.json", "b-3");
    altered["quote"]["totals"]["payable"] = json!("0.01");
    let unknown = {
        let mut x = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "b-5");
        x["partner_id"] = json!("P-4040");
        x["account"]["partner_id"] = json!("P-4040");
        x
    };
    let requests = [
        serde_json::to_string(&ok).unwrap(),     // 1 accepted
        serde_json::to_string(&silver).unwrap(), // 2 accepted
        "{\"schema\": \"channel-order-request/1\"".to_string(), // 3 malformed
        String::new(),                           // 4 empty
        serde_json::to_string(&altered).unwrap(), // 5 rejected
        serde_json::to_string(&ok).unwrap(),     // 6 duplicate of line 1
        serde_json::to_string(&unknown).unwrap(), // 7 unknown partner
    ];
    let file = dir.join("requests.jsonl");
    // CRLF line ends, and a final LF that starts no line.
    std::fs::write(&file, requests.join("\r\n") + "\n").unwrap();
    let o = batch(&book("batch-book"), &file);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = lines(&o);
    assert_eq!(out.len(), 7);
    for (i, l) in out.iter().enumerate() {
        assert_eq!(l["line"], i + 1);
    }
    assert_eq!(out[0]["verdict"], "accepted");
    assert_eq!(out[1]["verdict"], "accepted");
    assert_eq!(out[2]["error"][0]["code"], "malformed_json");
    assert_eq!(out[3]["error"][0]["code"], "empty_line");
    assert_eq!(out[4]["verdict"], "rejected");
    assert_eq!(out[5]["error"][0]["path"], "request_id");
    assert_eq!(out[5]["error"][0]["en"], "duplicate of line 1");
    assert_eq!(out[6]["error"][0]["code"], "unknown_partner");
    // Each verdict line says what `verify` says of the same request.
    for (line, (r, account)) in [
        (0, (&ok, GOLD)),
        (1, (&silver, "tests/spec/accounts/silver.json")),
        (4, (&altered, GOLD)),
    ] {
        let v = json_out(&verify(&write(&dir, &format!("{line}.json"), r), account));
        let b = &out[line];
        assert_eq!(b["request_id"], v["request_id"]);
        assert_eq!(b["verdict"], v["verdict"]);
        assert_eq!(b["policy_matches"], v["policy_matches"]);
        assert_eq!(b["differences"], v["differences"]);
        assert_eq!(b["account_changes"], v["account_changes"]);
        assert_eq!(b["payable"], v["quote"]["totals"]["payable"]);
        assert_eq!(
            b["required_prepayment"],
            v["quote"]["credit"]["required_prepayment"]
        );
    }
}

#[test]
fn batch_keeps_order_and_line_numbers_across_many_blocks() {
    // More lines than three of batch's 2,048-line blocks, whose buffers are
    // reused: short bad lines between long good ones would show any stale
    // bytes or a shifted number.
    let dir = scratch("batch-blocks");
    let good = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "x");
    let mut text = String::new();
    for i in 1..=7_000u32 {
        let line = match i % 7 {
            0 => String::new(),
            3 => "{".to_string(),
            _ => {
                let mut r = good.clone();
                r["request_id"] = json!(format!("blk-{i}"));
                serde_json::to_string(&r).unwrap()
            }
        };
        text.push_str(&line);
        text.push('\n');
    }
    let file = dir.join("requests.jsonl");
    std::fs::write(&file, text).unwrap();
    let o = batch(&book("batch-blocks-book"), &file);
    let out = lines(&o);
    assert_eq!(out.len(), 7_000);
    for (n, l) in (1..).zip(&out) {
        assert_eq!(l["line"], n);
        match n % 7 {
            0 => assert_eq!(l["error"][0]["code"], "empty_line", "line {n}"),
            3 => assert_eq!(l["error"][0]["code"], "malformed_json", "line {n}"),
            _ => {
                assert_eq!(l["verdict"], "accepted", "line {n}");
                assert_eq!(l["request_id"], format!("blk-{n}"));
            }
        }
    }
}

#[test]
fn batch_reads_accounts_from_json_lines_and_exits_0_when_all_accepted() {
    let dir = scratch("batch-jsonl");
    let accounts = dir.join("accounts.jsonl");
    let gold = serde_json::to_string(&read(GOLD)).unwrap();
    let silver = serde_json::to_string(&read("tests/spec/accounts/silver.json")).unwrap();
    std::fs::write(&accounts, format!("{gold}\n{silver}\n")).unwrap();
    let file = dir.join("requests.jsonl");
    let r = request(GOLD, "tests/spec/orders/ex01-level-volume.json", "j-1");
    std::fs::write(&file, serde_json::to_string(&r).unwrap() + "\n").unwrap();
    let o = batch(&accounts.to_string_lossy(), &file);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines(&o)[0]["verdict"], "accepted");
    // An empty file: nothing to refuse.
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let o = batch(&accounts.to_string_lossy(), &empty);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
}

#[test]
fn batch_refuses_unreadable_inputs_and_shared_partner_ids_with_exit_2() {
    let dir = scratch("batch-bad");
    let file = dir.join("requests.jsonl");
    std::fs::write(&file, "").unwrap();
    let twice = dir.join("twice.jsonl");
    let gold = serde_json::to_string(&read(GOLD)).unwrap();
    std::fs::write(&twice, format!("{gold}\n{gold}\n")).unwrap();
    for (accounts, requests, want) in [
        (
            twice.to_string_lossy().into_owned(),
            file.clone(),
            "duplicate_partner",
        ),
        (
            book("batch-bad-book"),
            dir.join("missing.jsonl"),
            "cannot read file",
        ),
        (
            dir.join("no-such-dir").to_string_lossy().into_owned(),
            file.clone(),
            "cannot read file",
        ),
    ] {
        let o = batch(&accounts, &requests);
        assert_eq!(o.status.code(), Some(2), "{want}");
        assert!(o.stdout.is_empty(), "{want}");
        let e = stderr(&o);
        assert!(
            e.contains(want) || (want == "duplicate_partner" && e.contains("already in")),
            "{want}: {e}"
        );
    }
}

#[test]
fn a_v2_order_request_verifies_and_its_payment_and_group_are_compared() {
    // REQUEST.md under SPEC-v2: a /2 order (PREPAY) on a /2 account with a
    // group pool, under the v2 policy.
    const V2: &str = "tests/spec/policy-v2.json";
    const GROUP: &str = "tests/spec/accounts/gold-group.json";
    let dir = scratch("v2");
    let o = run(&[
        "request",
        "--policy",
        V2,
        "--account",
        GROUP,
        "--order",
        "tests/spec/orders/v2-12-group-prepay.json",
        "--request-id",
        "cq-v2-1",
        "--created-at",
        "2026-11-20T09:41:07Z",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut r = json_out(&o);
    assert_eq!(r["quote"]["schema"], "channel-quote/2");
    assert_eq!(r["quote"]["credit"]["decision"], "prepaid");
    let file = write(&dir, "request.json", &r);
    let check = |request: &str, account: &str| {
        run(&[
            "verify",
            "--request",
            request,
            "--policy",
            V2,
            "--account",
            account,
        ])
    };
    let v = check(&file, GROUP);
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
    assert_eq!(json_out(&v)["verdict"], "accepted");
    // The partner claims terms instead of the prepayment it was quoted:
    // the quote no longer matches the order.
    r["order"]["payment"]["option"] = json!("NET30");
    let altered = write(&dir, "altered.json", &r);
    let v = check(&altered, GROUP);
    assert_eq!(v.status.code(), Some(1));
    let out = json_out(&v);
    assert_eq!(out["verdict"], "rejected");
    let paths = paths_of(&out["differences"]);
    assert!(paths.contains("payment.option"), "{paths:?}");
    assert!(paths.contains("credit.decision"), "{paths:?}");
}
