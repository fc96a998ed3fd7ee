//! A channel chain (`channel-chain/1`, SPEC-v2 §10): which documents make
//! up one end-customer sale through a distributor and a reseller. The
//! document names files; whoever reads it (the CLI, the app) loads them.

use crate::fields::ChainTag;
use crate::record;

record! {
    /// The files of one vendor → distributor → reseller sale; paths are
    /// relative to the chain file.
    pub struct Chain {
        /// Always `channel-chain/1`.
        pub schema: ChainTag,
        /// The vendor's policy, under which the distributor buys.
        pub vendor_policy: String,
        /// The distributor's account with the vendor.
        pub distributor_account: String,
        /// The distributor's own policy: its price list, levels and rebates for resellers.
        pub distributor_policy: String,
        /// The reseller's account with the distributor.
        pub reseller_account: String,
        /// The reseller's order to the distributor; every line needs a `resale_price`.
        pub order: String,
        /// The distributor's back-to-back order to the vendor; default: the
        /// order's date and lines (SKU and quantity) and nothing else.
        pub distributor_order: Option<String> = optional,
    }
}

/// The chain's document fields, in the order they are read: (field, what
/// it is). The CLI and the app load them by these names.
pub const CHAIN_FILES: [&str; 6] = [
    "vendor_policy",
    "distributor_account",
    "distributor_policy",
    "reseller_account",
    "order",
    "distributor_order",
];
