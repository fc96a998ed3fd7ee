//! Calendar dates (`YYYY-MM-DD`), ordered so date ranges compare directly.

use crate::json::{FromJson, Json};
use crate::problem::{At, Problems};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A calendar date. Ordered, so date ranges compare directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` naming a real day.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return None;
        }
        Date::new(
            s[0..4].parse().ok()?,
            s[5..7].parse().ok()?,
            s[8..10].parse().ok()?,
        )
    }
}

impl Date {
    /// Days since 1970-01-01 (negative before), so dates can be counted
    /// forward exactly; proleptic Gregorian, as ISO 8601 dates are.
    pub fn days_since_epoch(self) -> i64 {
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days since 1970-01-01; `None` outside years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        if !(1..=9999).contains(&year) {
            return None;
        }
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// This date moved by `days` (negative: back); `None` past year 9999.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // Year 0001 and later, as the reader requires; "format" checks the
        // month and day.
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": r"^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}$",
            "description": "a calendar date, YYYY-MM-DD"
        })
    }
}

impl FromJson for Date {
    fn from_json(v: &Json, at: &At, p: &mut Problems) -> Option<Self> {
        let s = String::from_json(v, at, p)?;
        let d = Date::parse(&s);
        if d.is_none() {
            p.at(
                at,
                "bad_date",
                format!("“{s}”不是有效日期（格式 YYYY-MM-DD）"),
                format!("\"{s}\" is not a real date in the form YYYY-MM-DD"),
            );
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_days_across_months_years_and_leap_days() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2026-11-20").plus_days(6), Some(d("2026-11-26")));
        assert_eq!(d("2026-12-28").plus_days(7), Some(d("2027-01-04")));
        assert_eq!(d("2028-02-28").plus_days(1), Some(d("2028-02-29")));
        assert_eq!(d("2100-02-28").plus_days(1), Some(d("2100-03-01")));
        assert_eq!(d("2000-02-28").plus_days(1), Some(d("2000-02-29")));
        assert_eq!(d("0001-01-01").plus_days(-1), None);
        assert_eq!(d("9999-12-31").plus_days(1), None);
    }

    #[test]
    fn every_day_round_trips() {
        let start = Date::parse("1999-12-01").unwrap().days_since_epoch();
        let mut prev: Option<Date> = None;
        for n in start..start + 20_000 {
            let date = Date::from_days_since_epoch(n).unwrap();
            assert_eq!(date.days_since_epoch(), n);
            if let Some(p) = prev {
                assert!(p < date);
            }
            prev = Some(date);
        }
    }
}
