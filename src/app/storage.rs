//! The autosaved session: the draft, the language, the partner chosen and
//! any policy or account files opened. What comes back from storage is
//! untrusted: damaged, old or mismatched data is reported, never trusted.

use super::draft::Draft;
use super::i18n::{Key, Lang};
use super::state::{Action, AppState, Source};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::Reducible;

pub const STORAGE_KEY: &str = "channel-quote.session";
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Saved {
    pub version: u32,
    pub policy_hash: String,
    pub lang: Lang,
    pub draft: Draft,
    pub active_partner: String,
    /// Files the partner opened (policy first when present), so a reload
    /// restores them; demo data is compiled in and never saved.
    pub files: Vec<(String, String)>,
}

pub fn save(state: &AppState) -> String {
    let mut files = Vec::new();
    if let Source::File(name) = &state.policy.source {
        files.push((name.clone(), state.policy.text.to_string()));
    }
    for a in &state.accounts {
        if let Source::File(name) = &a.source {
            files.push((name.clone(), a.text.to_string()));
        }
    }
    let saved = Saved {
        version: FORMAT_VERSION,
        policy_hash: state.policy.prepared.hash.clone(),
        lang: state.lang,
        draft: state.draft.clone(),
        active_partner: state.account().account.partner_id.0.clone(),
        files,
    };
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Rebuilds the session from stored text on top of the demo state.
pub fn restore(initial: AppState, stored: Option<&str>) -> AppState {
    let Some(text) = stored else { return initial };
    let mut state = Rc::new(initial);
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => return notice(state, Key::DraftCorrupt),
    };
    if value.get("version").and_then(|v| v.as_u64()) != Some(u64::from(FORMAT_VERSION)) {
        return notice(state, Key::DraftOtherVersion);
    }
    let saved: Saved = match serde_json::from_value(value) {
        Ok(s) => s,
        Err(_) => return notice(state, Key::DraftCorrupt),
    };
    state = state.reduce(Action::SetLang(saved.lang));
    for (name, text) in saved.files {
        state = state.reduce(Action::FileLoaded {
            name,
            bytes: text.into_bytes(),
        });
    }
    if let Some(i) = state
        .accounts
        .iter()
        .position(|a| a.account.partner_id.0 == saved.active_partner)
    {
        state = state.reduce(Action::SelectAccount(i));
    }
    if state.policy.prepared.hash != saved.policy_hash {
        return notice(state, Key::DraftOtherPolicy);
    }
    let mut s = (*state).clone();
    s.load_failures.clear();
    s.draft = saved.draft;
    s.draft.next_key = s
        .draft
        .next_key
        .max(s.draft.lines.iter().map(|l| l.key + 1).max().unwrap_or(0));
    s.requote();
    if !s.draft.lines.is_empty() {
        s.notices.push(Key::DraftRestored);
    }
    s
}

fn notice(state: Rc<AppState>, key: Key) -> AppState {
    let mut s = (*state).clone();
    s.notices.push(key);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> AppState {
        AppState::demo(Lang::Zh, "2026-11-26")
    }

    #[test]
    fn a_saved_session_comes_back() {
        let s = Rc::new(demo())
            .reduce(Action::AddLine("CLOUD-Y".into()))
            .reduce(Action::SetLang(Lang::En))
            .reduce(Action::SelectAccount(2));
        let text = save(&s);
        let back = restore(demo(), Some(&text));
        assert_eq!(back.draft, s.draft);
        assert_eq!(back.lang, Lang::En);
        assert_eq!(back.active, 2);
        assert!(back.quote.is_some());
        assert_eq!(back.notices, [Key::DraftRestored]);
    }

    #[test]
    fn damaged_old_or_foreign_data_is_reported_not_trusted() {
        assert_eq!(
            restore(demo(), Some("{not json")).notices,
            [Key::DraftCorrupt]
        );
        assert_eq!(
            restore(demo(), Some(r#"{"version": 99}"#)).notices,
            [Key::DraftOtherVersion]
        );
        assert_eq!(
            restore(demo(), Some(r#"{"version": 1, "draft": 5}"#)).notices,
            [Key::DraftCorrupt]
        );
        let s = Rc::new(demo()).reduce(Action::AddLine("CLOUD-Y".into()));
        let other = save(&s).replace(&s.policy.prepared.hash, "0000");
        let back = restore(demo(), Some(&other));
        assert_eq!(back.notices, [Key::DraftOtherPolicy]);
        assert!(back.draft.lines.is_empty());
        assert!(restore(demo(), None).notices.is_empty());
    }
}
