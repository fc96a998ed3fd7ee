//! Command-line arguments, parsed by hand: three subcommands with a few
//! named options do not justify an argument-parsing dependency.

pub const MAIN_HELP: &str = "\
channel-quote — exact channel order quotes (渠道订单报价)

Usage:
  channel-quote quote    --policy POLICY.json --account ACCOUNT.json --order ORDER.json
  channel-quote validate --policy POLICY.json [--account ACCOUNT.json] [--order ORDER.json]
  channel-quote schema   policy|account|order
  channel-quote <command> --help

Exit status: 0 success, 2 bad input (one line per problem on stderr,
each naming the document and JSON path, nothing on stdout).
";

pub const QUOTE_HELP: &str = "\
channel-quote quote — price an order and print the quote as JSON

Usage:
  channel-quote quote --policy POLICY.json --account ACCOUNT.json --order ORDER.json

Prints the quote (lines with their price waterfall, totals, rebates, credit
check, margin, warnings) on stdout and exits 0. On any bad input it prints
one problem per line on stderr, e.g.
  order.lines[0].qty: must be a whole number from 1 to 1000000 / 必须是 1 到 1000000 之间的整数
and exits 2 with nothing on stdout.
";

pub const VALIDATE_HELP: &str = "\
channel-quote validate — check documents before publishing or sending them

Usage:
  channel-quote validate --policy POLICY.json [--account ACCOUNT.json] [--order ORDER.json]

Checks the policy on its own (syntax, ranges, tier order, duplicate ids,
references) and, when given, the account and the order against it. Prints a
summary and exits 0 when everything is valid; otherwise prints every problem
on stderr and exits 2.
";

pub const SCHEMA_HELP: &str = "\
channel-quote schema — print the JSON Schema of a document

Usage:
  channel-quote schema policy|account|order

The schema is derived from the types the engine reads, so it always matches.
";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help(&'static str),
    Version,
    Quote {
        policy: String,
        account: String,
        order: String,
    },
    Validate {
        policy: String,
        account: Option<String>,
        order: Option<String>,
    },
    Schema {
        document: String,
    },
}

/// Parses the arguments after the program name. `Err` carries a usage
/// message for stderr.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help(MAIN_HELP));
    };
    let wants_help = rest.iter().any(|a| a == "--help" || a == "-h");
    match command.as_str() {
        "--help" | "-h" | "help" => Ok(Command::Help(MAIN_HELP)),
        "--version" | "-V" => Ok(Command::Version),
        "quote" if wants_help => Ok(Command::Help(QUOTE_HELP)),
        "validate" if wants_help => Ok(Command::Help(VALIDATE_HELP)),
        "schema" if wants_help => Ok(Command::Help(SCHEMA_HELP)),
        "quote" => {
            let mut o = options(rest, &["--policy", "--account", "--order"])?;
            let mut need = |name: &str| {
                o.remove(name).ok_or(format!(
                    "quote: {name} FILE is required (see channel-quote quote --help)"
                ))
            };
            Ok(Command::Quote {
                policy: need("--policy")?,
                account: need("--account")?,
                order: need("--order")?,
            })
        }
        "validate" => {
            let mut o = options(rest, &["--policy", "--account", "--order"])?;
            let policy = o
                .remove("--policy")
                .ok_or("validate: --policy FILE is required (see channel-quote validate --help)")?;
            Ok(Command::Validate {
                policy,
                account: o.remove("--account"),
                order: o.remove("--order"),
            })
        }
        "schema" => match rest {
            [doc] if ["policy", "account", "order"].contains(&doc.as_str()) => {
                Ok(Command::Schema {
                    document: doc.clone(),
                })
            }
            _ => Err(
                "schema: expected one of policy, account, order (see channel-quote schema --help)"
                    .into(),
            ),
        },
        other => Err(format!(
            "unknown command \"{other}\" (see channel-quote --help)"
        )),
    }
}

fn options(
    rest: &[String],
    allowed: &[&str],
) -> Result<std::collections::HashMap<String, String>, String> {
    let mut out = std::collections::HashMap::new();
    let mut it = rest.iter();
    while let Some(name) = it.next() {
        let (name, value) = match name.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (name.clone(), None),
        };
        if !allowed.contains(&name.as_str()) {
            return Err(format!(
                "unexpected argument \"{name}\" (expected {})",
                allowed.join(", ")
            ));
        }
        let value = match value {
            Some(v) => v,
            None => it
                .next()
                .cloned()
                .ok_or(format!("{name} needs a file path"))?,
        };
        if out.insert(name.clone(), value).is_some() {
            return Err(format!("{name} given twice"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_each_command() {
        assert_eq!(
            parse(&args("quote --policy p --account=a --order o")),
            Ok(Command::Quote {
                policy: "p".into(),
                account: "a".into(),
                order: "o".into()
            })
        );
        assert_eq!(
            parse(&args("validate --policy p")),
            Ok(Command::Validate {
                policy: "p".into(),
                account: None,
                order: None
            })
        );
        assert_eq!(
            parse(&args("schema order")),
            Ok(Command::Schema {
                document: "order".into()
            })
        );
        assert_eq!(parse(&args("quote --help")), Ok(Command::Help(QUOTE_HELP)));
        assert_eq!(parse(&[]), Ok(Command::Help(MAIN_HELP)));
    }

    #[test]
    fn refuses_bad_usage() {
        assert!(parse(&args("quote --policy p")).is_err());
        assert!(parse(&args("quote --policy p --policy q --account a --order o")).is_err());
        assert!(parse(&args("quote --colour red")).is_err());
        assert!(parse(&args("schema invoice")).is_err());
        assert!(parse(&args("frobnicate")).is_err());
    }
}
