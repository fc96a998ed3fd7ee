//! The hash map of the policy's lookup tables. SipHash guards servers
//! against hash flooding; a quote's keys come from the vendor's own policy,
//! and SKU lookups sit on the hot path of every line, so the maintained
//! Fx hasher of `rustc-hash` serves better.

pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
