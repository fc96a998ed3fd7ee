//! The vendor's current copy of every partner's account, keyed by
//! `partner_id`: a folder of account files or one JSON Lines file.

use super::files::{from_source, read, unreadable};
use crate::engine::problem::at;
use crate::engine::{Account, Document, Problem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Accounts by partner id, each with where it was read from.
#[derive(Debug, Default)]
pub struct AccountBook {
    accounts: HashMap<String, (Account, String)>,
}

impl AccountBook {
    /// Reads a folder's `*.json` files (not its subfolders) or a JSON Lines
    /// file of accounts. Every bad file or line is reported, and so is a
    /// partner id that two accounts share: the vendor must say which is
    /// current.
    pub fn load(path: &Path) -> Result<AccountBook, Vec<Problem>> {
        let mut book = AccountBook::default();
        let mut problems = Vec::new();
        if path.is_dir() {
            for file in
                json_files(path).map_err(|e| vec![unreadable(path, Document::Account, &e)])?
            {
                let name = file.display().to_string();
                match read(&file, Document::Account)
                    .map_err(|p| vec![p])
                    .and_then(|b| Account::from_json_bytes(&b))
                {
                    Ok(a) => book.add(a, name, &mut problems),
                    Err(ps) => problems.extend(
                        ps.into_iter()
                            .map(|p| from_source(p, &format!("文件 {name}"), &name)),
                    ),
                }
            }
        } else {
            let bytes = read(path, Document::Account).map_err(|p| vec![p])?;
            let shown = path.display().to_string();
            for (i, line) in split_lines(&bytes).enumerate() {
                let n = i + 1;
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match Account::from_json_bytes(line) {
                    Ok(a) => book.add(a, format!("{shown}:{n}"), &mut problems),
                    Err(ps) => problems.extend(ps.into_iter().map(|p| {
                        from_source(
                            p,
                            &format!("{shown} 第 {n} 行"),
                            &format!("{shown} line {n}"),
                        )
                    })),
                }
            }
        }
        if problems.is_empty() {
            Ok(book)
        } else {
            Err(problems)
        }
    }

    fn add(&mut self, account: Account, source: String, problems: &mut Vec<Problem>) {
        let id = account.partner_id.as_str().to_string();
        if let Some((_, first)) = self.accounts.get(&id) {
            problems.push(Problem::new(
                Document::Account,
                at("partner_id"),
                "duplicate_partner",
                format!("{source}：伙伴 “{id}” 已在 {first} 中出现"),
                format!("{source}: partner \"{id}\" is already in {first}"),
            ));
        } else {
            self.accounts.insert(id, (account, source));
        }
    }

    /// Adds an account built in code (tests, an embedding back office).
    pub fn insert(&mut self, account: Account) -> Result<(), Problem> {
        let mut problems = Vec::new();
        self.add(account, "code".into(), &mut problems);
        problems.pop().map_or(Ok(()), Err)
    }

    pub fn get(&self, partner_id: &str) -> Option<&Account> {
        self.accounts.get(partner_id).map(|(a, _)| a)
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// The account of the request's partner, or the problem a batch line
    /// reports for a partner the vendor does not know.
    pub fn for_partner(&self, partner_id: &str) -> Result<&Account, Problem> {
        self.get(partner_id).ok_or_else(|| {
            Problem::new(
                Document::Request,
                at("partner_id"),
                "unknown_partner",
                format!("没有伙伴 “{partner_id}” 的账户"),
                format!("no account for partner \"{partner_id}\""),
            )
        })
    }
}

fn json_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_file() && p.extension().is_some_and(|x| x == "json") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

/// JSON Lines: split on LF, one trailing CR dropped, a final LF starts no
/// line (REQUEST.md R4).
pub fn split_lines(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let none = bytes.is_empty();
    body.split(|&b| b == b'\n')
        .filter(move |_| !none)
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}
