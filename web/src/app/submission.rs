//! Submitting an order (REQUEST.md R2): the request's id, the document the
//! app posts (or downloads), and what the vendor's answer says. Pure, so it
//! is tested natively; the browser only carries the bytes.

use super::i18n::{fill, Key, Lang};
use super::scenario::Scenario;
use crate::engine::fields::{Note, RequestId, Timestamp};
use crate::engine::json::Json;
use crate::engine::pricing::index::sha256_hex;
use crate::engine::{Account, PreparedPolicy, Request};

/// The id of the request for `scenario` as it stands: `cq-` + order date
/// + 8 hex digits of a hash of everything the request carries (policy,
///   partner, order as typed) and of how many times this scenario was
///   submitted. The same order is the same request (a retry is recognised
///   by the vendor as one); a changed order, or the next order after a
///   successful submission, is a new one. The printed quotation's number
///   is derived from it, so paper and submission name the same order.
pub fn request_id(policy: &PreparedPolicy, account: &Account, scenario: &Scenario) -> String {
    let draft = super::stored::to_text(&scenario.draft);
    let seed = format!(
        "{}\n{}\n{}\n{}\n{}",
        policy.hash, account.partner_id, scenario.letter, scenario.submitted, draft
    );
    let date: String = scenario
        .draft
        .date
        .chars()
        .filter(char::is_ascii_digit)
        .take(8)
        .collect();
    let date = if date.len() == 8 {
        date
    } else {
        "00000000".into()
    };
    format!("cq-{date}-{}", &sha256_hex(seed.as_bytes())[..8])
}

/// Why a request cannot be made right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotReady {
    /// No order, or inputs to fix first.
    NoQuote,
    /// A sales rep's simulated level: never submitted.
    Simulation,
}

impl NotReady {
    pub fn key(self) -> Key {
        match self {
            NotReady::NoQuote => Key::SubmitNeedsQuote,
            NotReady::Simulation => Key::SubmitSimulation,
        }
    }
}

/// Whether `scenario` can be submitted as it stands.
pub fn ready(scenario: &Scenario, account: &Account) -> Result<(), NotReady> {
    if scenario.is_simulation(account) {
        Err(NotReady::Simulation)
    } else if scenario.quote.is_none() || !scenario.messages.is_empty() {
        Err(NotReady::NoQuote)
    } else {
        Ok(())
    }
}

/// The `channel-order-request/1` document for `scenario`, as JSON text, with
/// its id. `created_at` comes from the browser's clock (UTC).
pub fn request_text(
    policy: &PreparedPolicy,
    account: &Account,
    scenario: &Scenario,
    note: &str,
    created_at: &str,
) -> Result<(String, String), NotReady> {
    ready(scenario, account)?;
    let order = scenario.draft.to_order().map_err(|_| NotReady::NoQuote)?;
    let quote = scenario.quote.as_deref().ok_or(NotReady::NoQuote)?;
    let id = request_id(policy, account, scenario);
    let note = note.trim();
    let note = if note.is_empty() {
        None
    } else {
        // The field holds at most 500 characters; longer is cut, as typed.
        Note::new(note.chars().take(Note::MAX_CHARS).collect::<String>())
    };
    let request = Request::for_quote(
        RequestId::new(id.as_str()).ok_or(NotReady::NoQuote)?,
        Timestamp::new(created_at).ok_or(NotReady::NoQuote)?,
        account.clone(),
        order,
        quote,
        note,
    )
    .ok_or(NotReady::NoQuote)?;
    // Compact: one writer for the request and the quote inside it (the
    // download is indented by the browser).
    let text = serde_json::to_string(&request).map_err(|_| NotReady::NoQuote)?;
    Ok((id, text))
}

/// What the vendor answered, as the partner reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    /// Accepted: the vendor took the order as quoted.
    pub accepted: bool,
    pub headline: String,
    pub details: Vec<String>,
}

/// The member `key` of a JSON object (the first, should it repeat).
fn member<'j>(j: &'j Json, key: &str) -> Option<&'j Json> {
    match j {
        Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn text(j: Option<&Json>) -> &str {
    match j {
        Some(Json::String(s)) => s,
        _ => "",
    }
}

fn list(j: Option<&Json>) -> &[Json] {
    match j {
        Some(Json::Array(items)) => items,
        _ => &[],
    }
}

/// The vendor's answer to a 2xx response: the verify output of REQUEST.md
/// R3 (any other JSON is shown as the vendor's message).
pub fn answer(status: u16, body: &str, header_message: Option<&str>, lang: Lang) -> Answer {
    let json = Json::parse(body).ok();
    if !(200..300).contains(&status) {
        let problems = json.as_ref().and_then(|j| member(j, "error"));
        let mut details: Vec<String> = match problems {
            Some(Json::Array(list)) => list
                .iter()
                .take(5)
                .map(|p| {
                    let words = lang.pick(text(member(p, "zh")), text(member(p, "en")));
                    match text(member(p, "path")) {
                        "" => words.to_string(),
                        path => format!("{path}: {words}"),
                    }
                })
                .collect(),
            _ => body
                .lines()
                .next()
                .filter(|l| !l.trim().is_empty())
                .map(|l| vec![l.chars().take(200).collect()])
                .unwrap_or_default(),
        };
        if let Some(m) = header_message {
            details.push(m.to_string());
        }
        return Answer {
            accepted: false,
            headline: fill(
                Key::SubmitHttpError,
                lang,
                &[("status", &status.to_string())],
            ),
            details,
        };
    }
    match json.as_ref().filter(|j| member(j, "verdict").is_some()) {
        Some(j) => {
            let verdict = text(member(j, "verdict"));
            let key = match verdict {
                "accepted" => Key::VerdictAccepted,
                "account_changed" => Key::VerdictAccountChanged,
                "rejected" => Key::VerdictRejected,
                _ => Key::VerdictOther,
            };
            let id = text(member(j, "request_id"));
            let mut details = vec![fill(Key::SubmitRequestId, lang, &[("id", id)])];
            let paths = |list: &[Json]| {
                list.iter()
                    .take(8)
                    .map(|d| text(member(d, "path")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let differences = list(member(j, "differences"));
            if !differences.is_empty() {
                details.push(fill(
                    Key::SubmitDifferences,
                    lang,
                    &[("paths", &paths(differences))],
                ));
            }
            let moved = list(member(j, "account_changes"));
            if !moved.is_empty() {
                details.push(fill(
                    Key::SubmitAccountChanges,
                    lang,
                    &[("paths", &paths(moved))],
                ));
            }
            let message = text(member(j, "message"));
            if let Some(m) = Some(message).filter(|m| !m.is_empty()).or(header_message) {
                details.push(m.to_string());
            }
            Answer {
                accepted: verdict == "accepted",
                headline: lang.t(key).to_string(),
                details,
            }
        }
        None => Answer {
            accepted: false,
            headline: lang.t(Key::VerdictOther).to_string(),
            details: body
                .lines()
                .next()
                .map(|l| vec![l.chars().take(200).collect()])
                .unwrap_or_default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draft::Draft;
    use crate::app::test_support::spec;
    use crate::engine::verify::verify;

    fn setup() -> (PreparedPolicy, Account, Scenario) {
        let policy = PreparedPolicy::from_json_bytes(&spec("policy.json")).unwrap();
        let account = Account::from_json_bytes(&spec("accounts/gold.json")).unwrap();
        let mut s = Scenario::new('A', Draft::new("2026-11-20"));
        s.draft.add_line("ERP-USER", 12);
        s.requote(&policy, &account);
        (policy, account, s)
    }

    #[test]
    fn the_request_is_what_the_back_office_accepts() {
        let (policy, account, s) = setup();
        let (id, text) = request_text(
            &policy,
            &account,
            &s,
            "请周五前发货",
            "2026-11-20T09:41:07.123Z",
        )
        .unwrap();
        assert!(id.starts_with("cq-20261120-") && id.len() == 20, "{id}");
        let request = Request::from_json_text(&text).unwrap();
        assert_eq!(request.request_id.as_str(), id);
        assert_eq!(request.note.as_ref().unwrap().as_str(), "请周五前发货");
        let v = verify(&policy, &account, &request).unwrap();
        assert!(v.verdict.is_accepted(), "{:?}", v.differences);
    }

    #[test]
    fn the_id_follows_the_order_and_the_submissions() {
        let (policy, account, mut s) = setup();
        let first = request_id(&policy, &account, &s);
        assert_eq!(request_id(&policy, &account, &s), first);
        s.draft.lines[0].qty = "13".into();
        let changed = request_id(&policy, &account, &s);
        assert_ne!(changed, first);
        s.submitted += 1;
        assert_ne!(request_id(&policy, &account, &s), changed);
    }

    #[test]
    fn simulations_and_stale_quotes_are_not_submitted() {
        let (policy, account, mut s) = setup();
        s.what_if_level = Some("silver".into());
        assert_eq!(ready(&s, &account), Err(NotReady::Simulation));
        s.what_if_level = None;
        s.draft.lines[0].qty = "x".into();
        s.requote(&policy, &account);
        assert_eq!(
            request_text(&policy, &account, &s, "", "2026-11-20T09:41:07Z").unwrap_err(),
            NotReady::NoQuote
        );
    }

    #[test]
    fn the_vendors_answer_in_words() {
        let ok = answer(
            200,
            r#"{"request_id":"cq-1","verdict":"accepted","policy_matches":true,"differences":[],"account_changes":[]}"#,
            None,
            Lang::Zh,
        );
        assert!(ok.accepted);
        assert_eq!(ok.headline, Lang::Zh.t(Key::VerdictAccepted));
        assert!(ok.details[0].contains("cq-1"));
        let moved = answer(
            200,
            r#"{"request_id":"cq-1","verdict":"account_changed","differences":[],"account_changes":[{"path":"credit.decision"}]}"#,
            None,
            Lang::En,
        );
        assert!(!moved.accepted);
        assert!(moved.details.iter().any(|d| d.contains("credit.decision")));
        let refused = answer(
            422,
            r#"{"error":[{"document":"request","path":"order.lines[0].qty","code":"x","zh":"数量","en":"quantity"}]}"#,
            None,
            Lang::En,
        );
        assert!(!refused.accepted);
        assert!(refused.headline.contains("422"));
        assert_eq!(refused.details, ["order.lines[0].qty: quantity"]);
        let html = answer(502, "<html>Bad gateway</html>", None, Lang::En);
        assert_eq!(html.details, ["<html>Bad gateway</html>"]);
    }
}
