//! What the browser keeps, shared by the app's pages: the session (the
//! scenarios, the language, the partner chosen), the files opened, the
//! studio's plan in progress and the chain's files. What comes back from
//! storage is untrusted: damaged, old or mismatched data is reported, never
//! trusted.

use super::draft::Draft;
use super::i18n::{Key, Lang};
use super::scenario::{next_letter, Scenario, MAX_SCENARIOS};
#[cfg(feature = "studio")]
use super::state::LoadedPlan;
use super::state::{Action, AppState, Source};
use super::stored::{self, stored_struct, ObjectWriter, Stored, WriteJson};
#[cfg(feature = "studio")]
use crate::engine::Plan;
use std::rc::Rc;
use yew::Reducible;

/// The session (draft, language, partner): saved after every change.
pub const SESSION_KEY: &str = "channel-quote.session";
/// The files opened: saved only when they change, as a policy can be large.
pub const FILES_KEY: &str = "channel-quote.files";
pub const FORMAT_VERSION: u32 = 1;
/// The channel chain's opened files and choices (SPEC-v2 §10).
pub const CHAIN_KEY: &str = "channel-quote.chain";
/// The plan studio's plan in progress (`plan.html`; sessions saved before
/// the studio had a page of its own kept it in the session).
pub const PLAN_KEY: &str = "channel-quote.plan";
/// A plan file opened on a page without the studio, `[name, text]`: the
/// studio's page opens it and removes it.
pub const PLAN_INBOX_KEY: &str = "channel-quote.plan-inbox";

#[cfg(feature = "chain")]
stored_struct! {
/// What the chain view keeps across a reload: the distributor's files
/// (each validated again when restored) and which reseller and
/// distributor were picked.
#[derive(Debug, Default)]
pub struct SavedChain {
    pub version: u32,
    pub files: Vec<(String, String)>,
    pub reseller: usize,
    pub distributor: Option<usize>,
}
}

#[cfg(feature = "chain")]
pub fn save_chain(state: &AppState) -> String {
    stored::to_text(&SavedChain {
        version: FORMAT_VERSION,
        files: state.chain.opened_files(),
        reseller: state.chain.reseller,
        distributor: state.chain.distributor,
    })
}

/// The chain as it was saved, over the demo's; an unreadable record is
/// said and dropped.
#[cfg(feature = "chain")]
pub fn restore_chain(state: AppState, stored: Option<&str>) -> AppState {
    let Some(text) = stored else {
        return state;
    };
    let Some(saved) = stored::from_text::<SavedChain>(text) else {
        return notice(Rc::new(state), Key::DraftCorrupt);
    };
    if saved.version != FORMAT_VERSION {
        return notice(Rc::new(state), Key::DraftOtherVersion);
    }
    let mut state = Rc::new(state).reduce(Action::ChainFilesOpened(
        saved
            .files
            .into_iter()
            .map(|(name, text)| (name, text.into_bytes()))
            .collect(),
    ));
    state = state.reduce(Action::SelectReseller(saved.reseller));
    if let Some(d) = saved.distributor {
        state = state.reduce(Action::SelectDistributor(d));
    }
    (*state).clone()
}

stored_struct! {
/// The session as read back (see [`save_session`] for how it is written).
#[derive(Debug, Default)]
pub struct Saved {
    pub version: u32,
    pub policy_hash: String,
    pub lang: Lang,
    /// The one order of sessions saved before scenarios (now written in
    /// `scenarios` only).
    pub draft: Draft,
    pub active_partner: String,
    /// Where the chosen partner's account came from (its file name; absent
    /// for the demo), so an opened account is not mistaken, after a reload,
    /// for a demo partner with the same id.
    pub active_source: Option<String>,
    /// Every scenario (absent in sessions saved before scenarios: then
    /// `draft` is the one order).
    pub scenarios: Option<Vec<SavedScenario>>,
    /// The scenario being edited.
    pub current: usize,
}
}

stored_struct! {
/// A scenario as saved: what was typed, not its quote (quoted again).
#[derive(Debug, Default)]
pub struct SavedScenario {
    pub letter: char,
    pub name: String,
    pub draft: Draft,
    pub what_if_level: Option<String>,
    /// Orders of it submitted and accepted (absent in older sessions).
    pub submitted: u32,
}
}

#[cfg(feature = "studio")]
stored_struct! {
/// The studio's plan in progress, under [`PLAN_KEY`].
#[derive(Debug, Default)]
pub struct SavedStudio {
    pub version: u32,
    /// The business plan in use when it is not the demo's.
    pub plan: Option<SavedPlan>,
    /// The plan as typed in the studio.
    pub plan_draft: Option<super::plan_draft::PlanDraft>,
}
}

#[cfg(feature = "studio")]
stored_struct! {
/// A plan the partner opened: where it came from and its text.
#[derive(Debug, Default)]
pub struct SavedPlan {
    pub name: String,
    pub text: String,
}
}

fn source_name(source: &Source) -> Option<String> {
    match source {
        Source::Demo => None,
        Source::File(name) => Some(name.clone()),
    }
}

stored_struct! {
#[derive(Debug, Default)]
pub struct SavedFiles {
    pub version: u32,
    /// Files the partner opened (policy first when present), so a reload
    /// restores them; demo data is compiled in and never saved.
    pub files: Vec<(String, String)>,
}
}

/// The session as text: [`Saved`]'s members (but the old `draft`), written
/// from the state as it is, so saving after every change copies no draft.
pub fn save_session(state: &AppState) -> String {
    let mut out = String::new();
    let mut w = ObjectWriter::new(&mut out);
    w.member("version", &FORMAT_VERSION)
        .member("policy_hash", state.policy.prepared.hash.as_str())
        .member("lang", &state.lang)
        .member(
            "active_partner",
            state.account().account.partner_id.as_str(),
        )
        .member("active_source", &source_name(&state.account().source))
        .member("scenarios", &ScenariosOut(&state.scenarios))
        .member("current", &state.current);
    w.end();
    out
}

/// The scenarios as [`SavedScenario`]s are written, borrowed.
struct ScenariosOut<'a>(&'a [Rc<Scenario>]);

impl WriteJson for ScenariosOut<'_> {
    fn write(&self, out: &mut String) {
        out.push('[');
        for (i, x) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let mut w = ObjectWriter::new(out);
            w.member("letter", &x.letter)
                .member("name", x.name.as_str())
                .member("draft", &x.draft)
                .member("what_if_level", &x.what_if_level)
                .member("submitted", &x.submitted);
            w.end();
        }
        out.push(']');
    }
}

pub fn save_files(state: &AppState) -> String {
    let mut files = Vec::new();
    if let Source::File(name) = &state.policy.source {
        files.push((name.clone(), state.policy.text.to_string()));
    }
    for a in &state.accounts {
        if let Source::File(name) = &a.source {
            files.push((name.clone(), a.text.to_string()));
        }
    }
    stored::to_text(&SavedFiles {
        version: FORMAT_VERSION,
        files,
    })
}

/// Rebuilds the session from stored text on top of the demo state: the
/// saved files first (each validated again), then the draft.
pub fn restore(initial: AppState, stored: Option<&str>, stored_files: Option<&str>) -> AppState {
    let mut state = Rc::new(initial);
    if let Some(text) = stored_files {
        match stored::from_text::<SavedFiles>(text) {
            Some(saved) if saved.version == FORMAT_VERSION => {
                for (name, text) in saved.files {
                    state = state.reduce(Action::FileLoaded {
                        name,
                        bytes: text.into_bytes(),
                    });
                }
            }
            _ => state = Rc::new(notice(state, Key::DraftCorrupt)),
        }
    }
    let Some(text) = stored else {
        return (*state).clone();
    };
    // The version first (a session of another version may have other
    // fields), then the session.
    let Ok(json) = crate::engine::json::Json::parse(text) else {
        return notice(state, Key::DraftCorrupt);
    };
    let Some(members) = stored::members(&json) else {
        return notice(state, Key::DraftCorrupt);
    };
    if stored::get(members, "version").and_then(u32::read) != Some(FORMAT_VERSION) {
        return notice(state, Key::DraftOtherVersion);
    }
    let Some(saved) = Saved::read(&json) else {
        return notice(state, Key::DraftCorrupt);
    };
    state = state.reduce(Action::SetLang(saved.lang));
    if let Some(i) = state.accounts.iter().position(|a| {
        a.account.partner_id.as_str() == saved.active_partner
            && source_name(&a.source) == saved.active_source
    }) {
        state = state.reduce(Action::SelectAccount(i));
    }
    if state.policy.prepared.hash != saved.policy_hash {
        return notice(state, Key::DraftOtherPolicy);
    }
    let mut s = (*state).clone();
    s.load_failures.clear();
    let saved_scenarios = match saved.scenarios {
        Some(list) if !list.is_empty() => list,
        _ => vec![SavedScenario {
            letter: 'A',
            name: String::new(),
            draft: saved.draft,
            what_if_level: None,
            submitted: 0,
        }],
    };
    let mut scenarios: Vec<Rc<Scenario>> = Vec::new();
    for x in saved_scenarios.into_iter().take(MAX_SCENARIOS) {
        // Letters are the partner's names for them: kept, unless damaged.
        let letter =
            if x.letter.is_ascii_uppercase() && !scenarios.iter().any(|y| y.letter == x.letter) {
                x.letter
            } else {
                next_letter(scenarios.iter().map(|y| y.letter))
            };
        let mut draft = x.draft;
        draft.next_key = draft
            .next_key
            .max(draft.lines.iter().map(|l| l.key + 1).max().unwrap_or(0));
        let mut scenario = Scenario::new(letter, draft);
        scenario.name = x.name.chars().take(40).collect();
        scenario.what_if_level = x.what_if_level;
        scenario.submitted = x.submitted;
        scenarios.push(Rc::new(scenario));
    }
    s.scenarios = scenarios;
    s.current = saved.current.min(s.scenarios.len() - 1);
    s.requote_all();
    if s.scenarios.iter().any(|x| !x.draft.lines.is_empty()) {
        s.notices.push(Key::DraftRestored);
    }
    s
}

/// The studio's plan as text, for [`PLAN_KEY`] (the demo's plan is not
/// saved, only the plan as typed).
#[cfg(feature = "studio")]
pub fn save_plan(state: &AppState) -> String {
    let mut out = String::new();
    let mut w = ObjectWriter::new(&mut out);
    w.member("version", &FORMAT_VERSION)
        .member(
            "plan",
            &source_name(&state.plan.source).map(|name| SavedPlan {
                name,
                text: state.plan.text.to_string(),
            }),
        )
        .member("plan_draft", &state.plan_draft);
    w.end();
    out
}

/// The studio's plan as it was saved — from [`PLAN_KEY`], or from a
/// session saved when the plan lived in it (the same members) — over the
/// state restored so far. The plan does not depend on the order's policy:
/// it comes back even when the order cannot (and, if it no longer fits,
/// says why).
#[cfg(feature = "studio")]
pub fn restore_plan(state: AppState, stored: Option<&str>) -> AppState {
    let Some(text) = stored else {
        return state;
    };
    let Some(saved) = stored::from_text::<SavedStudio>(text) else {
        return notice(Rc::new(state), Key::PlanCorrupt);
    };
    if saved.version != FORMAT_VERSION {
        return notice(Rc::new(state), Key::DraftOtherVersion);
    }
    let mut s = state;
    let mut plan_ok = true;
    if let Some(p) = saved.plan {
        match Plan::from_json_text(&p.text) {
            Ok(plan) => s.use_plan(LoadedPlan {
                plan,
                source: Source::File(p.name),
                text: p.text.into(),
            }),
            Err(_) => {
                plan_ok = false;
                s.notices.push(Key::PlanCorrupt);
            }
        }
    }
    // The plan as typed comes back over it, half-typed inputs included.
    if let Some(draft) = saved.plan_draft.filter(|_| plan_ok) {
        s.plan_draft = draft;
        s.plan_draft.next_key = s.plan_draft.next_key.max(
            s.plan_draft
                .periods
                .iter()
                .flat_map(|p| std::iter::once(p.key).chain(p.lines.iter().map(|l| l.key)))
                .max()
                .map_or(0, |k| k + 1),
        );
        s.plan_from_draft();
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

    #[test]
    fn the_chain_files_and_choices_come_back_after_a_reload() {
        use crate::app::test_support::spec;
        let demo = || AppState::demo(Lang::Zh, "2026-12-10");
        let s = Rc::new(demo()).reduce(Action::ChainFilesOpened(vec![
            ("dist-policy.json".into(), spec("dist-policy.json")),
            ("reseller-r1.json".into(), spec("accounts/reseller-r1.json")),
        ]));
        let s = s.reduce(Action::SelectDistributor(1));
        let text = save_chain(&s);
        let back = restore_chain(demo(), Some(&text));
        assert_eq!(
            back.chain.distributor_policy.source,
            Source::File("dist-policy.json".into())
        );
        assert_eq!(back.chain.reseller().account.partner_id.as_str(), "R-5001");
        assert_eq!(back.chain.distributor, Some(1));
        // A record that cannot be read is said, and the demo's chain stays.
        let bad = restore_chain(demo(), Some("{"));
        assert_eq!(bad.notices, vec![Key::DraftCorrupt]);
        assert_eq!(bad.chain.resellers.len(), 2);
    }

    fn demo() -> AppState {
        AppState::demo(Lang::Zh, "2026-11-26")
    }

    #[test]
    fn a_saved_session_comes_back() {
        let s = Rc::new(demo())
            .reduce(Action::AddLine("CLOUD-Y".into()))
            .reduce(Action::SetLang(Lang::En))
            .reduce(Action::SelectAccount(2));
        let back = restore(demo(), Some(&save_session(&s)), Some(&save_files(&s)));
        assert_eq!(back.draft(), s.draft());
        assert_eq!(back.lang, Lang::En);
        assert_eq!(back.active, 2);
        assert!(back.quote().is_some());
        assert_eq!(back.notices, [Key::DraftRestored]);
    }

    #[test]
    fn an_opened_account_stays_chosen_even_when_a_demo_partner_has_its_id() {
        let gold = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../tests/spec/accounts/gold.json"),
        )
        .unwrap();
        let s = Rc::new(demo()).reduce(Action::FileLoaded {
            name: "gold.json".into(),
            bytes: gold,
        });
        let id = s.account().account.partner_id.clone();
        assert!(s
            .accounts
            .iter()
            .any(|a| a.source == Source::Demo && a.account.partner_id == id));
        let back = restore(demo(), Some(&save_session(&s)), Some(&save_files(&s)));
        assert_eq!(back.active, s.active);
        assert_eq!(back.account().source, Source::File("gold.json".into()));
    }

    use crate::app::test_support::spec;

    /// Everything as the studio's page restores it.
    fn reload_studio(s: &AppState) -> AppState {
        let back = restore(demo(), Some(&save_session(s)), Some(&save_files(s)));
        restore_plan(back, Some(&save_plan(s)))
    }

    #[test]
    fn an_opened_plan_comes_back_and_the_demo_plan_is_not_saved() {
        let s = Rc::new(demo());
        assert!(!save_plan(&s).contains("\"plan\":{"));
        assert!(!save_session(&s).contains("plan"));
        let s = s.reduce(Action::FilesOpened {
            files: vec![
                ("q4.json".into(), spec("plans/q4.json")),
                ("policy.json".into(), spec("policy.json")),
            ],
            failures: Vec::new(),
        });
        assert_eq!(s.plan.source, Source::File("q4.json".into()));
        let back = reload_studio(&s);
        assert_eq!(back.plan.source, Source::File("q4.json".into()));
        assert_eq!(back.plan.plan, s.plan.plan);
        assert_eq!(back.plan_result, s.plan_result);
        // A damaged plan is reported; the demo plan stays.
        let damaged = save_plan(&s).replace("channel-plan/1", "channel-plan/1\\\"");
        let back = restore(demo(), Some(&save_session(&s)), Some(&save_files(&s)));
        let back = restore_plan(back, Some(&damaged));
        assert_eq!(back.plan.source, Source::Demo);
        assert!(
            back.notices.contains(&Key::PlanCorrupt),
            "{:?}",
            back.notices
        );
        // Damaged as a whole: said, and the demo plan stays.
        let back = restore_plan(demo(), Some("{"));
        assert_eq!(back.notices, [Key::PlanCorrupt]);
        assert_eq!(back.plan.source, Source::Demo);
    }

    #[test]
    fn a_plan_kept_in_a_session_saved_before_the_studio_had_its_page_comes_back() {
        let s = Rc::new(demo()).reduce(Action::FilesOpened {
            files: vec![
                ("q4.json".into(), spec("plans/q4.json")),
                ("policy.json".into(), spec("policy.json")),
            ],
            failures: Vec::new(),
        });
        // Such a session held the plan's members beside the order's.
        let mut old: serde_json::Value = serde_json::from_str(&save_session(&s)).unwrap();
        let plan: serde_json::Value = serde_json::from_str(&save_plan(&s)).unwrap();
        for key in ["plan", "plan_draft"] {
            old[key] = plan[key].clone();
        }
        let back = restore(demo(), Some(&old.to_string()), Some(&save_files(&s)));
        let back = restore_plan(back, Some(&old.to_string()));
        assert_eq!(back.plan.source, Source::File("q4.json".into()));
        assert_eq!(back.plan_draft, s.plan_draft);
        assert_eq!(back.draft(), s.draft());
    }

    #[test]
    fn the_plan_as_typed_comes_back_even_when_it_needs_fixing() {
        use crate::app::plan_draft::{LineInput, PlanEdit, PlanField};
        let s = Rc::new(demo()).reduce(Action::EditPlan(PlanEdit::Scale(None, "10".into())));
        let back = reload_studio(&s);
        assert_eq!(back.plan_draft, s.plan_draft);
        assert_eq!(back.plan_result, s.plan_result);
        let (pk, lk) = (
            s.plan_draft.periods[0].key,
            s.plan_draft.periods[0].lines[0].key,
        );
        let bad = PlanField::Line(pk, lk, LineInput::Qty);
        let s = s.reduce(Action::EditPlan(PlanEdit::Set(bad.clone(), "9x".into())));
        let back = reload_studio(&s);
        assert_eq!(back.plan_draft.periods[0].lines[0].qty, "9x");
        assert_eq!(back.plan_messages_for(&bad).count(), 1);
    }

    #[test]
    fn a_session_saved_before_the_studio_still_comes_back() {
        let s = Rc::new(demo()).reduce(Action::AddLine("CLOUD-Y".into()));
        let mut old: serde_json::Value = serde_json::from_str(&save_session(&s)).unwrap();
        old.as_object_mut().unwrap().remove("plan");
        let back = restore(demo(), Some(&old.to_string()), None);
        assert_eq!(back.draft(), s.draft());
        assert_eq!(back.plan.source, Source::Demo);
        assert_eq!(back.notices, [Key::DraftRestored]);
    }

    #[test]
    fn a_session_saved_before_scenarios_comes_back_as_scenario_a() {
        let s = Rc::new(demo()).reduce(Action::AddLine("CLOUD-Y".into()));
        let mut old: serde_json::Value = serde_json::from_str(&save_session(&s)).unwrap();
        let map = old.as_object_mut().unwrap();
        let draft: serde_json::Value = serde_json::from_str(&stored::to_text(s.draft())).unwrap();
        map.remove("scenarios");
        map.remove("current");
        map.insert("draft".into(), draft);
        let back = restore(demo(), Some(&old.to_string()), None);
        assert_eq!(back.scenarios.len(), 1);
        assert_eq!(back.scenario().letter, 'A');
        assert_eq!(back.draft(), s.draft());
        assert!(back.quote().is_some());
    }

    #[test]
    fn every_scenario_comes_back_with_its_simulation_and_the_one_edited() {
        let s = Rc::new(demo())
            .reduce(Action::AddLine("CLOUD-Y".into()))
            .reduce(Action::DuplicateScenario)
            .reduce(Action::SetWhatIfLevel(Some("silver".into())))
            .reduce(Action::RenameScenario("大单".into()));
        let back = restore(demo(), Some(&save_session(&s)), None);
        assert_eq!(back.scenarios.len(), 2);
        assert_eq!(back.current, 1);
        assert_eq!(back.scenario().name, "大单");
        assert_eq!(back.scenario().what_if_level.as_deref(), Some("silver"));
        assert_eq!(back.quote().as_ref().unwrap().partner.level, "silver");
    }

    #[test]
    fn damaged_old_or_foreign_data_is_reported_not_trusted() {
        assert_eq!(
            restore(demo(), Some("{not json"), None).notices,
            [Key::DraftCorrupt]
        );
        assert_eq!(
            restore(demo(), Some(r#"{"version": 99}"#), None).notices,
            [Key::DraftOtherVersion]
        );
        assert_eq!(
            restore(demo(), Some(r#"{"version": 1, "draft": 5}"#), None).notices,
            [Key::DraftCorrupt]
        );
        assert_eq!(
            restore(demo(), None, Some("[1, 2")).notices,
            [Key::DraftCorrupt]
        );
        let s = Rc::new(demo()).reduce(Action::AddLine("CLOUD-Y".into()));
        let other = save_session(&s).replace(&s.policy.prepared.hash, "0000");
        let back = restore(demo(), Some(&other), None);
        assert_eq!(back.notices, [Key::DraftOtherPolicy]);
        assert!(back.draft().lines.is_empty());
        assert!(restore(demo(), None, None).notices.is_empty());
    }
}
