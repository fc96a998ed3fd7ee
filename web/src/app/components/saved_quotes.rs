//! Saved quotes (保存的报价) and share links (分享链接), above the order:
//! save the scenario being edited under a name, open, rename, duplicate
//! or delete (with undo) what was saved; make a link that carries the
//! order, and open such a link (read from the URL hash when the app opens
//! or the hash changes). What is kept and read lives in `app::saved`; the
//! browser's part in `app::share_browser`.
//!
//! Small on purpose (the wasm has a size budget): one local reducer, one
//! message type for every button, plain functions for what they do.

use super::{use_store, Store};
use crate::app::browser;
use crate::app::format::money;
use crate::app::i18n::{decision, fill, Key, Lang};
use crate::app::saved::{self, Opening, PartnerChange, SavedQuote};
use crate::app::scenario::MAX_SCENARIOS;
use crate::app::share_browser;
use crate::app::state::Action;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// What the panel has to say after an action (each action replaces it).
#[derive(Clone, Debug, PartialEq)]
enum Note {
    Saved(String),
    NeedsQuote,
    StorageFailed,
    Skipped(usize),
    Unreadable,
    /// Opened as scenario `letter` (`replaced`: in place of it).
    Opened(String, char, bool),
    PartnerSwitched(String),
    /// The partner it was saved for, the partner it is quoted for.
    PartnerMissing(String, String),
    /// Saved under another policy (version, hash): said while it differs.
    OtherPolicy(String, String),
    Deleted(String),
    /// The link, and whether it went to the clipboard.
    ShareReady(String, bool),
    ShareFailed,
    ShareEmpty,
    /// A link made under another policy (id, version, hash).
    ShareOtherPolicy(String, String, String),
    ShareBad,
}

/// The panel's own state.
#[derive(Clone, Debug, Default, PartialEq)]
struct Panel {
    list: Rc<Vec<SavedQuote>>,
    notes: Rc<Vec<Note>>,
    /// The entry last deleted and where it was.
    undo: Option<Rc<(usize, SavedQuote)>>,
    /// The id of the entry being renamed.
    renaming: Option<String>,
    expanded: bool,
}

enum Change {
    Notes(Vec<Note>),
    /// A list that was stored in full, what to say, what undo restores.
    List(Vec<SavedQuote>, Vec<Note>, Option<Rc<(usize, SavedQuote)>>),
    Renaming(Option<String>),
    Toggle,
}

impl Reducible for Panel {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut p = (*self).clone();
        match change {
            Change::Notes(n) => p.notes = Rc::new(n),
            Change::List(list, notes, undo) => {
                p.list = Rc::new(list);
                p.notes = Rc::new(notes);
                p.undo = undo;
                p.renaming = None;
                p.expanded = true;
            }
            Change::Renaming(id) => p.renaming = id,
            Change::Toggle => p.expanded = !p.expanded,
        }
        Rc::new(p)
    }
}

impl Panel {
    /// The stored list, and what to say about it (damaged entries skipped;
    /// a list that cannot be read at all is set aside first).
    fn load() -> Panel {
        let text = browser::load(saved::SAVED_KEY);
        let read = saved::read_list(text.as_deref());
        let mut notes = Vec::new();
        if read.unreadable {
            if let Some(t) = &text {
                browser::save(saved::SAVED_UNREADABLE_KEY, t);
            }
            notes.push(Note::Unreadable);
        }
        if read.skipped > 0 {
            notes.push(Note::Skipped(read.skipped));
        }
        Panel {
            expanded: !read.quotes.is_empty(),
            list: Rc::new(read.quotes),
            notes: Rc::new(notes),
            ..Panel::default()
        }
    }
}

/// Every button of the panel.
#[derive(Clone)]
enum Msg {
    Save,
    Share,
    Toggle,
    Dismiss,
    Open(usize),
    Rename(usize),
    RenameOk,
    RenameCancel,
    Duplicate(usize),
    Delete(usize),
    Undo,
    OpenPolicy,
}

type PanelHandle = UseReducerHandle<Panel>;

/// What the buttons act on.
struct Ctx {
    store: Store,
    panel: PanelHandle,
    name: NodeRef,
    rename: NodeRef,
}

fn input_value(r: &NodeRef) -> String {
    r.cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// Keeps `list` only if it can be stored in full; otherwise the list
/// (stored and shown) stays as it was and the panel says so.
fn persist(
    panel: &PanelHandle,
    list: Vec<SavedQuote>,
    notes: Vec<Note>,
    undo: Option<Rc<(usize, SavedQuote)>>,
) -> bool {
    let stored = browser::save(saved::SAVED_KEY, &saved::write_list(&list));
    panel.dispatch(if stored {
        Change::List(list, notes, undo)
    } else {
        Change::Notes(vec![Note::StorageFailed])
    });
    stored
}

/// Opens `opening` and says what happened: as which scenario (`name`
/// empty for a share link) and, if it asked for one, about the partner
/// (`partner`: how to name the partner it asked for).
fn open(store: &Store, opening: Opening, name: String, partner: String) -> Vec<Note> {
    let plan = saved::plan_open(store, &opening);
    let mut n = vec![Note::Opened(name, plan.letter, plan.replaces)];
    match plan.partner {
        PartnerChange::Same => {}
        PartnerChange::Switched(i) => n.push(Note::PartnerSwitched(
            store
                .accounts
                .get(i)
                .map_or(String::new(), |a| a.account.name.clone()),
        )),
        PartnerChange::Missing => n.push(Note::PartnerMissing(
            partner,
            store.account().account.name.clone(),
        )),
    }
    store.dispatch(Action::OpenSaved(Box::new(opening)));
    n
}

fn handle(c: &Ctx, msg: Msg) {
    let (store, panel) = (&c.store, &c.panel);
    let list = &panel.list;
    let entry = |i: usize| list.get(i).cloned();
    match msg {
        Msg::Save => {
            let (ms, at) = share_browser::now();
            let id = saved::new_id(ms, list);
            let Some(q) = saved::entry_from(store, &input_value(&c.name), id, at) else {
                return panel.dispatch(Change::Notes(vec![Note::NeedsQuote]));
            };
            let note = Note::Saved(q.name.clone());
            let new = std::iter::once(q).chain(list.iter().cloned()).collect();
            if persist(panel, new, vec![note], None) {
                if let Some(i) = c.name.cast::<HtmlInputElement>() {
                    i.set_value("");
                }
            }
        }
        Msg::Share => {
            if store.draft().lines.is_empty() {
                return panel.dispatch(Change::Notes(vec![Note::ShareEmpty]));
            }
            let json = saved::share_json(store.draft(), &store.policy.prepared);
            let panel = panel.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let note = match share_browser::compress(&json).await {
                    Some(payload) => {
                        let link = share_browser::page_address() + saved::SHARE_PREFIX + &payload;
                        let copied = share_browser::copy(&link).await;
                        Note::ShareReady(link, copied)
                    }
                    None => Note::ShareFailed,
                };
                panel.dispatch(Change::Notes(vec![note]));
            });
        }
        Msg::Toggle => panel.dispatch(Change::Toggle),
        Msg::Dismiss => panel.dispatch(Change::Notes(Vec::new())),
        Msg::Open(i) => {
            let Some(q) = entry(i) else { return };
            let partner = format!("{} · {}", q.partner_name, q.partner_id);
            let mut n = open(store, q.opening(), q.name.clone(), partner);
            if q.other_policy(&store.policy.prepared) {
                n.push(Note::OtherPolicy(q.policy_version, q.policy_hash));
            }
            panel.dispatch(Change::Notes(n));
        }
        Msg::Rename(i) => panel.dispatch(Change::Renaming(entry(i).map(|q| q.id))),
        Msg::RenameOk => {
            let renamed = panel
                .renaming
                .as_deref()
                .and_then(|id| saved::rename(list, id, &input_value(&c.rename)));
            match renamed {
                Some(new) => {
                    persist(panel, new, Vec::new(), None);
                }
                None => panel.dispatch(Change::Renaming(None)),
            }
        }
        Msg::RenameCancel => panel.dispatch(Change::Renaming(None)),
        Msg::Duplicate(i) => {
            let Some(q) = entry(i) else { return };
            let name =
                saved::clip_name(&fill(Key::SavedCopyName, store.lang, &[("name", &q.name)]));
            let (ms, at) = share_browser::now();
            if let Some(new) = saved::duplicate(list, &q.id, saved::new_id(ms, list), &name, at) {
                persist(panel, new, vec![Note::Saved(name)], None);
            }
        }
        Msg::Delete(i) => {
            let Some(q) = entry(i) else { return };
            let mut new = list.to_vec();
            new.remove(i);
            let note = Note::Deleted(q.name.clone());
            persist(panel, new, vec![note], Some(Rc::new((i, q))));
        }
        Msg::Undo => {
            let Some(held) = panel.undo.clone() else {
                return;
            };
            let (i, q) = (*held).clone();
            let mut new = list.to_vec();
            if !new.iter().any(|x| x.id == q.id) {
                new.insert(i.min(new.len()), q);
            }
            persist(panel, new, Vec::new(), None);
        }
        Msg::OpenPolicy => share_browser::open_file_picker(),
    }
}

/// Opens a share link found in `hash`, if any: the hash becomes the
/// order's (`#order`) at once, so a reload does not open it again.
fn import_share(hash: &str, latest: &Rc<RefCell<Store>>, panel: &PanelHandle) {
    let Some(found) = saved::share_in_hash(hash) else {
        return;
    };
    share_browser::replace_hash("#order");
    let Ok(payload) = found.map(str::to_string) else {
        return panel.dispatch(Change::Notes(vec![Note::ShareBad]));
    };
    let (latest, panel) = (latest.clone(), panel.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let json = share_browser::decompress(&payload).await;
        // The state as it is now, not as it was when the link was read.
        let store = latest.borrow().clone();
        panel.dispatch(Change::Notes(imported(&store, json)));
    });
}

/// Opens a share link's order (as a new scenario) if it can be read.
fn imported(store: &Store, json: Option<String>) -> Vec<Note> {
    let Some(order) = json.and_then(|j| saved::read_share_json(&j).ok()) else {
        return vec![Note::ShareBad];
    };
    let other = order.other_policy(&store.policy.prepared);
    let opening = Opening {
        name: store.lang.t(Key::ShareName).to_string(),
        draft: order.draft,
        what_if_level: None,
        partner_id: None,
    };
    let mut n = open(store, opening, String::new(), String::new());
    if other {
        n.push(Note::ShareOtherPolicy(
            order.policy_id,
            order.policy_version,
            order.policy_hash,
        ));
    }
    n
}

/// A button that sends `msg`.
fn button(on: &Callback<Msg>, msg: Msg, text: &str, testid: String, aria: Option<String>) -> Html {
    let on = on.clone();
    html! {
        <button type="button" onclick={Callback::from(move |_: MouseEvent| on.emit(msg.clone()))}
            aria-label={aria} data-testid={testid}>{ text }</button>
    }
}

fn note_view(n: &Note, lang: Lang, hash: &str, on: &Callback<Msg>, current: &str) -> Html {
    let t = |k: Key| lang.t(k).to_string();
    let (class, testid, text, extra): (&str, &str, String, Html) = match n {
        Note::Saved(name) => (
            "info",
            "saved-done",
            fill(Key::SavedDone, lang, &[("name", name)]),
            Html::default(),
        ),
        Note::NeedsQuote => (
            "warn",
            "saved-needs-quote",
            t(Key::SavedNeedsQuote),
            Html::default(),
        ),
        Note::StorageFailed => (
            "error",
            "saved-storage-failed",
            t(Key::SavedStorageFailed),
            Html::default(),
        ),
        Note::Skipped(count) => (
            "warn",
            "saved-skipped",
            fill(Key::SavedSkipped, lang, &[("count", &count.to_string())]),
            Html::default(),
        ),
        Note::Unreadable => (
            "error",
            "saved-unreadable",
            t(Key::SavedUnreadable),
            Html::default(),
        ),
        Note::Opened(name, letter, replaced) => {
            let key = match (replaced, name.is_empty()) {
                (true, _) => Key::SavedReplaced,
                (false, true) => Key::ShareImported,
                (false, false) => Key::SavedOpened,
            };
            let name = if name.is_empty() {
                t(Key::ShareName)
            } else {
                name.clone()
            };
            let (letter, max) = (letter.to_string(), MAX_SCENARIOS.to_string());
            let values = [("name", name.as_str()), ("letter", &letter), ("max", &max)];
            (
                "info",
                "saved-opened",
                fill(key, lang, &values),
                Html::default(),
            )
        }
        Note::PartnerSwitched(p) => (
            "info",
            "saved-partner-switched",
            fill(Key::SavedPartnerSwitched, lang, &[("partner", p)]),
            Html::default(),
        ),
        Note::PartnerMissing(p, now) => (
            "warn",
            "saved-partner-missing",
            fill(
                Key::SavedPartnerMissing,
                lang,
                &[("partner", p), ("current", now)],
            ),
            Html::default(),
        ),
        Note::OtherPolicy(_, h) if h == hash => return Html::default(),
        Note::OtherPolicy(v, _) => (
            "warn",
            "saved-opened-other-policy",
            fill(Key::SavedOtherPolicyOpened, lang, &[("version", v)]),
            Html::default(),
        ),
        Note::Deleted(name) => (
            "info",
            "saved-deleted",
            fill(Key::SavedDeleted, lang, &[("name", name)]),
            button(
                on,
                Msg::Undo,
                lang.t(Key::SavedUndo),
                "saved-undo".into(),
                None,
            ),
        ),
        Note::ShareReady(link, copied) => (
            "info",
            "share-ready",
            t(if *copied {
                Key::ShareCopied
            } else {
                Key::ShareCopyByHand
            }),
            html! {
                <label class="share-link">{ fill(Key::ShareLinkLabel, lang, &[("count", &link.len().to_string())]) }
                    <input type="text" readonly=true value={link.clone()} data-testid="share-link"
                        onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                </label>
            },
        ),
        Note::ShareFailed => (
            "error",
            "share-failed",
            t(Key::ShareFailed),
            Html::default(),
        ),
        Note::ShareEmpty => (
            "warn",
            "share-empty",
            t(Key::ShareNeedsLines),
            Html::default(),
        ),
        Note::ShareOtherPolicy(_, _, h) if h == hash => (
            "info",
            "share-policy-matches",
            t(Key::SharePolicyNowMatches),
            Html::default(),
        ),
        Note::ShareOtherPolicy(id, v, _) => (
            "warn",
            "share-other-policy",
            fill(
                Key::ShareOtherPolicy,
                lang,
                &[("id", id), ("version", v), ("current", current)],
            ),
            button(
                on,
                Msg::OpenPolicy,
                lang.t(Key::ShareOpenPolicy),
                "share-open-policy".into(),
                None,
            ),
        ),
        Note::ShareBad => ("error", "share-bad", t(Key::ShareBad), Html::default()),
    };
    let mark = match class {
        "error" => "✖ ",
        "warn" => "⚠ ",
        _ => "",
    };
    html! { <div class={classes!("alert", class)} data-testid={testid}><p>{ mark }{ text }</p>{ extra }</div> }
}

fn fact(label: &str, value: String, testid: Option<String>) -> Html {
    html! { <div><dt>{ label }</dt><dd data-testid={testid}>{ value }</dd></div> }
}

#[component]
pub fn SavedQuotes() -> Html {
    let store = use_store();
    let lang = store.lang;
    let panel = use_reducer(Panel::load);
    let (name_ref, rename_ref) = (use_node_ref(), use_node_ref());
    // The newest state, for what finishes after an await.
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    {
        // A share link when the app opens, or later by a hash change.
        let panel = panel.clone();
        use_effect_with((), move |_| {
            import_share(&browser::hash(), &latest, &panel);
            let listener = browser::on_hash_change(Callback::from(move |hash: String| {
                import_share(&hash, &latest, &panel)
            }));
            move || drop(listener)
        });
    }
    let on = {
        let ctx = Ctx {
            store: store.clone(),
            panel: panel.clone(),
            name: name_ref.clone(),
            rename: rename_ref.clone(),
        };
        Callback::from(move |m: Msg| handle(&ctx, m))
    };
    let on_rename_key = {
        let on = on.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => on.emit(Msg::RenameOk),
            "Escape" => on.emit(Msg::RenameCancel),
            _ => {}
        })
    };

    let p = &store.policy.prepared;
    let current = format!("{} {}", p.policy.id, p.policy.version);
    let item = |(i, q): (usize, &SavedQuote)| -> Html {
        let credit = q
            .decision()
            .map_or(q.credit.clone(), |d| lang.t(decision(d)).to_string());
        let payable = q
            .payable()
            .map_or(q.payable.clone(), |v| money(v, &q.currency));
        let act = |msg: Msg, key: Key, id: &str| {
            let aria = format!("{} {}", lang.t(key), q.name);
            button(&on, msg, lang.t(key), format!("saved-{id}-{i}"), Some(aria))
        };
        html! {
            <li class="saved-item" key={q.id.clone()} data-testid={format!("saved-item-{i}")}>
                if panel.renaming.as_deref() == Some(q.id.as_str()) {
                    <div class="saved-rename">
                        <label>{ lang.t(Key::SavedNameLabel) }
                            <input type="text" maxlength="80" value={q.name.clone()} ref={rename_ref.clone()}
                                onkeydown={on_rename_key.clone()} data-testid="saved-rename-input" />
                        </label>
                        { button(&on, Msg::RenameOk, lang.t(Key::SavedRenameConfirm), "saved-rename-ok".into(), None) }
                        { button(&on, Msg::RenameCancel, lang.t(Key::SavedCancel), "saved-rename-cancel".into(), None) }
                    </div>
                } else {
                    <p class="saved-title">
                        <strong data-testid={format!("saved-name-{i}")}>{ q.name.as_str() }</strong>
                        if q.what_if_level.is_some() { <span class="badge warn-badge">{ lang.t(Key::WhatIfBadge) }</span> }
                    </p>
                }
                if q.other_policy(p) {
                    <p class="saved-other-policy" data-testid={format!("saved-other-policy-{i}")}>{ "⚠ " }{ lang.t(Key::SavedOtherPolicy) }</p>
                }
                <dl class="saved-facts">
                    { fact(lang.t(Key::Partner), format!("{} · {}", q.partner_name, q.partner_id), None) }
                    { fact(lang.t(Key::OrderDate), q.order_date.clone(), None) }
                    { fact(lang.t(Key::Payable), payable, Some(format!("saved-payable-{i}"))) }
                    { fact(lang.t(Key::ScenarioCredit), credit, None) }
                    { fact(lang.t(Key::SavedPolicyVersion), q.policy_version.clone(), None) }
                    { fact(lang.t(Key::SavedAt), q.saved_at.clone(), None) }
                </dl>
                <div class="saved-actions">
                    { act(Msg::Open(i), Key::SavedOpen, "open") }
                    { act(Msg::Rename(i), Key::SavedRename, "rename") }
                    { act(Msg::Duplicate(i), Key::SavedDuplicate, "duplicate") }
                    { act(Msg::Delete(i), Key::SavedDelete, "delete") }
                </div>
            </li>
        }
    };

    html! {
        <section class="saved-quotes no-print" data-testid="saved-quotes" aria-label={lang.t(Key::SavedSection)}>
            <div class="saved-bar">
                <label class="saved-name">{ lang.t(Key::SavedNameLabel) }
                    <input type="text" maxlength="80" ref={name_ref} placeholder={saved::default_name(&store)} data-testid="saved-name" />
                </label>
                { button(&on, Msg::Save, lang.t(Key::SavedSave), "saved-save".into(), None) }
                { button(&on, Msg::Share, lang.t(Key::ShareMake), "share-make".into(), None) }
            </div>
            if !panel.notes.is_empty() {
                <div class="saved-notes" role="status" data-testid="saved-notes">
                    { for panel.notes.iter().map(|n| note_view(n, lang, &p.hash, &on, &current)) }
                    { button(&on, Msg::Dismiss, lang.t(Key::Dismiss), "saved-dismiss".into(), None) }
                </div>
            }
            <p class="saved-head">
                <button type="button" class="link saved-toggle" aria-expanded={panel.expanded.to_string()} aria-controls="saved-list"
                    onclick={on.reform(|_: MouseEvent| Msg::Toggle)} data-testid="saved-toggle">
                    { fill(Key::SavedCount, lang, &[("count", &panel.list.len().to_string())]) }{ if panel.expanded { " ▴" } else { " ▾" } }
                </button>
            </p>
            if panel.expanded {
                if panel.list.is_empty() {
                    <p class="muted" id="saved-list" data-testid="saved-empty">{ lang.t(Key::SavedEmpty) }</p>
                } else {
                    <ul class="saved-list" id="saved-list" data-testid="saved-list">
                        { for panel.list.iter().enumerate().map(item) }
                    </ul>
                }
            }
        </section>
    }
}
