//! Loading a `channel-chain/1` file and the documents it names, relative
//! to it (SPEC-v2 §10). A file that cannot be read is the chain's problem
//! at the field naming it; a problem inside a document belongs to the tier
//! whose quote it feeds (`vendor: …`, `distributor: …`).

use super::files;
use crate::engine::chain::ChainInputs;
use crate::engine::documents::chain::Chain;
use crate::engine::load::{read_document, text_of};
use crate::engine::problem::{at, Problem};
use crate::engine::{Account, Document, Order, PreparedPolicy};
use std::path::Path;

/// A chain's documents, loaded.
pub struct ChainDocuments {
    pub vendor_policy: PreparedPolicy,
    pub distributor_account: Account,
    pub distributor_policy: PreparedPolicy,
    pub reseller_account: Account,
    pub order: Order,
    pub distributor_order: Option<Order>,
}

impl ChainDocuments {
    pub fn inputs(&self) -> ChainInputs<'_> {
        ChainInputs {
            vendor_policy: &self.vendor_policy,
            distributor_account: &self.distributor_account,
            distributor_policy: &self.distributor_policy,
            reseller_account: &self.reseller_account,
            order: &self.order,
            distributor_order: self.distributor_order.as_ref(),
        }
    }
}

/// Reads the chain file and every document it names; all problems at once.
pub fn load(path: &Path) -> Result<ChainDocuments, Vec<Problem>> {
    let bytes = files::read(path, Document::Chain).map_err(|p| vec![p])?;
    let text = text_of(&bytes, Document::Chain)?;
    let chain: Chain = read_document(text, Document::Chain, |_, _| {})?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let mut one = |field: &str| -> Option<Vec<u8>> {
        let named = match field {
            "vendor_policy" => Some(&chain.vendor_policy),
            "distributor_account" => Some(&chain.distributor_account),
            "distributor_policy" => Some(&chain.distributor_policy),
            "reseller_account" => Some(&chain.reseller_account),
            "order" => Some(&chain.order),
            _ => chain.distributor_order.as_ref(),
        }?;
        let file = base.join(named);
        match std::fs::read(&file) {
            Ok(b) => Some(b),
            Err(e) => {
                let mut p = files::unreadable(&file, Document::Chain, &e);
                p.path = at(field);
                problems.push(p);
                None
            }
        }
    };
    let vp = one("vendor_policy");
    let da = one("distributor_account");
    let dp = one("distributor_policy");
    let ra = one("reseller_account");
    let or = one("order");
    let dor = one("distributor_order");
    let vendor_policy =
        vp.and_then(|b| keep(&mut problems, PreparedPolicy::from_json_bytes(&b), "vendor"));
    let distributor_account =
        da.and_then(|b| keep(&mut problems, Account::from_json_bytes(&b), "vendor"));
    let distributor_policy = dp.and_then(|b| {
        keep(
            &mut problems,
            PreparedPolicy::from_json_bytes(&b),
            "distributor",
        )
    });
    let reseller_account =
        ra.and_then(|b| keep(&mut problems, Account::from_json_bytes(&b), "distributor"));
    let order = or.and_then(|b| keep(&mut problems, Order::from_json_bytes(&b), "distributor"));
    let distributor_order = dor.map(|b| keep(&mut problems, Order::from_json_bytes(&b), "vendor"));
    match (
        vendor_policy,
        distributor_account,
        distributor_policy,
        reseller_account,
        order,
        distributor_order,
    ) {
        (
            Some(vendor_policy),
            Some(distributor_account),
            Some(distributor_policy),
            Some(reseller_account),
            Some(order),
            dor,
        ) if problems.is_empty() => Ok(ChainDocuments {
            vendor_policy,
            distributor_account,
            distributor_policy,
            reseller_account,
            order,
            distributor_order: dor.flatten(),
        }),
        _ => Err(problems),
    }
}

/// A document's value, or its problems kept under its tier.
fn keep<T>(
    problems: &mut Vec<Problem>,
    r: Result<T, Vec<Problem>>,
    tier: &'static str,
) -> Option<T> {
    r.map_err(|e| problems.extend(e.into_iter().map(|p| p.in_tier(tier))))
        .ok()
}
