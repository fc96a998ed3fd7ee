//! A name in both of the product's languages.

use crate::record;

record! {
    /// A name in both of the product's languages.
    pub struct Localized {
        /// 中文
        pub zh: String,
        /// English
        pub en: String,
    }
}

impl Localized {
    pub fn get(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.zh
        }
    }
}
