//! The `channel-quote` command line as a back office uses it.

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_channel-quote"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["quote", "--help"],
        vec!["plan", "--help"],
        vec!["validate", "--help"],
        vec!["schema", "--help"],
        vec!["verify", "--help"],
        vec!["batch", "--help"],
        vec!["request", "--help"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(stdout(&o).contains("Usage:"), "{args:?}");
    }
}

#[test]
fn schemas_are_json_with_the_document_tag() {
    for (doc, tag, accepted) in [
        (
            "policy",
            "channel-policy/2",
            &["channel-policy/1", "channel-policy/2"][..],
        ),
        (
            "account",
            "channel-account/2",
            &["channel-account/1", "channel-account/2"],
        ),
        (
            "order",
            "channel-order/2",
            &["channel-order/1", "channel-order/2"],
        ),
        ("plan", "channel-plan/1", &["channel-plan/1"]),
        (
            "request",
            "channel-order-request/1",
            &["channel-order-request/1"],
        ),
    ] {
        let o = run(&["schema", doc]);
        assert_eq!(o.status.code(), Some(0));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["title"], tag);
        let schema = &v["properties"]["schema"];
        let listed: Vec<&str> = match schema["enum"].as_array() {
            Some(list) => list.iter().filter_map(|t| t.as_str()).collect(),
            None => vec![schema["const"].as_str().unwrap()],
        };
        assert_eq!(listed, accepted, "{doc}");
        assert!(v["required"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "schema"));
    }
}

#[test]
fn validate_reports_ok_or_every_problem() {
    let o = run(&[
        "validate",
        "--policy",
        "tests/spec/policy.json",
        "--account",
        "tests/spec/accounts/gold.json",
        "--order",
        "tests/spec/orders/ex05-deal-registration.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("policy ok: demo-2026q4 2026.11.1"));
    assert!(stdout(&o).contains("order quotes cleanly"));

    let o = run(&[
        "validate",
        "--policy",
        "tests/spec/policy.json",
        "--order",
        "tests/spec/orders/bad-unknown-sku.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    assert!(stderr(&o).contains("order.lines[0].sku"));
}

#[test]
fn unreadable_files_and_bad_usage_exit_2_with_nothing_on_stdout() {
    let o = run(&[
        "quote",
        "--policy",
        "missing.json",
        "--account",
        "tests/spec/accounts/gold.json",
        "--order",
        "nope.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("policy: cannot read file \"missing.json\""),
        "{err}"
    );
    assert!(
        err.contains("order: cannot read file \"nope.json\""),
        "{err}"
    );
    let o = run(&["quote", "--policy"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
}

#[test]
fn the_field_reference_is_generated_from_the_declarations() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/FIELDS.md");
    let want = channel_quote::engine::schema::field_reference();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/FIELDS.md is out of date: run UPDATE_DOCS=1 cargo test --test cli"
    );
    // The CLI prints the same sections.
    let o = run(&["schema", "order", "--markdown"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(want.contains(&stdout(&o)));
}
