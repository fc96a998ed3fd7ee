//! The documents in use and where each came from: what the state holds
//! and the demo provides, known to both without either knowing the other.

#[cfg(feature = "studio")]
use crate::engine::Plan;
use crate::engine::{Account, PreparedPolicy};
use std::rc::Rc;

/// Where a document came from, shown in the header.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Demo,
    File(String),
}

#[derive(Debug)]
pub struct LoadedPolicy {
    pub prepared: PreparedPolicy,
    pub source: Source,
    /// The file's text, kept so a reload can restore it.
    pub text: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoadedAccount {
    pub account: Account,
    pub source: Source,
    pub text: Rc<str>,
}

#[cfg(feature = "studio")]
/// The business plan in use: the demo's or one the partner opened.
#[derive(Debug, PartialEq)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub source: Source,
    /// The file's text, kept so the session can restore it.
    pub text: Rc<str>,
}

#[cfg(feature = "studio")]
impl LoadedPlan {
    /// The plan as a `channel-plan/1` file (what "Download plan" saves).
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.plan).unwrap_or_default()
    }

    /// A file name for the download: the opened file's, or the demo's.
    pub fn file_name(&self) -> String {
        match &self.source {
            Source::File(name) => name
                .rsplit(['/', '\\'])
                .next()
                .filter(|n| n.ends_with(".json"))
                .map_or_else(|| "plan.json".to_string(), str::to_string),
            Source::Demo => "demo-plan.json".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_downloaded_plan_reads_back_as_the_same_plan() {
        let demo = crate::app::demo::plan();
        let back = Plan::from_json_text(&demo.to_json()).unwrap();
        assert_eq!(back, demo.plan);
        assert_eq!(demo.file_name(), "demo-plan.json");
        let opened = LoadedPlan {
            source: Source::File("https://example.com/plans/q4.json".into()),
            ..demo
        };
        assert_eq!(opened.file_name(), "q4.json");
    }
}
