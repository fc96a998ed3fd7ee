//! The channel chain view's documents (渠道链, SPEC-v2 §10): the vendor's
//! policy and the distributor's account are the app's own; beside them the
//! distributor's policy and its resellers' accounts — the demo's until the
//! distributor opens its files. The reseller's order is the order being
//! edited.

use super::loaded::{LoadedAccount, LoadedPolicy, Source};
use crate::engine::fields::{AccountTag, NonEmpty};
use crate::engine::problem::Problem;
use crate::engine::{Account, PreparedPolicy};
use std::rc::Rc;

const DIST_POLICY: &str = include_str!("demo/dist-policy.json");
const RESELLERS: [&str; 2] = [
    include_str!("demo/reseller-hangzhou.json"),
    include_str!("demo/reseller-ningbo.json"),
];

#[derive(Clone, Debug)]
pub struct ChainSetup {
    pub distributor_policy: Rc<LoadedPolicy>,
    /// Never empty.
    pub resellers: NonEmpty<Rc<LoadedAccount>>,
    pub reseller: usize,
    /// The distributor among the app's accounts; `None`: the first at the
    /// vendor's distributor level, else the partner in use.
    pub distributor: Option<usize>,
    /// Counts changes, so the session saves the chain exactly when it
    /// changes.
    pub generation: u64,
}

impl ChainSetup {
    pub fn demo() -> ChainSetup {
        let prepared = PreparedPolicy::from_json_bytes(DIST_POLICY.as_bytes())
            .expect("the demo distributor policy is valid (tested)");
        let reseller = |text: &str| {
            Rc::new(LoadedAccount {
                account: Account::from_json_text(text)
                    .expect("the demo resellers are valid (tested)"),
                source: Source::Demo,
                text: text.into(),
            })
        };
        let mut resellers = NonEmpty::one(reseller(RESELLERS[0]));
        resellers.push(reseller(RESELLERS[1]));
        ChainSetup {
            distributor_policy: Rc::new(LoadedPolicy {
                prepared,
                source: Source::Demo,
                text: DIST_POLICY.into(),
            }),
            resellers,
            reseller: 0,
            distributor: None,
            generation: 0,
        }
    }

    pub fn reseller(&self) -> &LoadedAccount {
        self.resellers
            .get(self.reseller)
            .unwrap_or(&self.resellers[0])
    }

    /// Opens a distributor's file: an account is a reseller (selected), a
    /// policy the distributor's. Problems name the file.
    pub fn open(&mut self, name: &str, text: &str) -> Result<(), Vec<Problem>> {
        self.generation += 1;
        let tagged = |tag: &str| text.contains(&format!("\"{tag}\""));
        if tagged(AccountTag::TAG) || tagged(AccountTag::TAG_V2) {
            let account = Account::from_json_text(text)?;
            // The demo resellers make way for the distributor's own.
            let mut own: Vec<_> = self
                .resellers
                .iter()
                .filter(|r| r.source != Source::Demo)
                .cloned()
                .collect();
            own.push(Rc::new(LoadedAccount {
                account,
                source: Source::File(name.to_string()),
                text: text.into(),
            }));
            self.reseller = own.len() - 1;
            self.resellers = NonEmpty::new(own).unwrap_or_else(|| self.resellers.clone());
        } else {
            let prepared = PreparedPolicy::from_json_bytes(text.as_bytes())?;
            self.distributor_policy = Rc::new(LoadedPolicy {
                prepared,
                source: Source::File(name.to_string()),
                text: text.into(),
            });
        }
        Ok(())
    }

    /// The files opened (the distributor's policy first), to keep them
    /// across a reload: (file name, text).
    pub fn opened_files(&self) -> Vec<(String, String)> {
        let policy = std::iter::once(self.distributor_policy.as_ref());
        policy
            .filter_map(|p| match &p.source {
                Source::File(name) => Some((name.clone(), p.text.to_string())),
                Source::Demo => None,
            })
            .chain(self.resellers.iter().filter_map(|r| match &r.source {
                Source::File(name) => Some((name.clone(), r.text.to_string())),
                Source::Demo => None,
            }))
            .collect()
    }

    /// The distributor's index among `accounts`: the one picked; else the
    /// partner in use when it is at the vendor's distributor level; else
    /// the last opened at that level (a file before the demo's).
    pub fn distributor_of(
        &self,
        accounts: &[Rc<LoadedAccount>],
        distributor_level: &str,
        active: usize,
    ) -> usize {
        let at_level = |a: &Rc<LoadedAccount>| a.account.level.as_str() == distributor_level;
        self.distributor
            .filter(|i| *i < accounts.len())
            .or_else(|| accounts.get(active).filter(|a| at_level(a)).map(|_| active))
            .or_else(|| accounts.iter().rposition(at_level))
            .unwrap_or(active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_chain_documents_are_valid() {
        let c = ChainSetup::demo();
        assert_eq!(c.resellers.len(), 2);
        assert_eq!(c.reseller().account.partner_id.as_str(), "R-0101");
        for r in c.resellers.iter() {
            assert!(c
                .distributor_policy
                .prepared
                .level(r.account.level.as_str())
                .is_some());
        }
    }
}
