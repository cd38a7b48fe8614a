use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How finely a date is known. Ordered from finest to coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A calendar day: `2017-04-28`.
    Day,
    /// An ISO week: `2017-W17`.
    Week,
    /// A month: `2018-11`.
    Month,
    /// A year: `1960`.
    Year,
    /// A decade: `199X`.
    Decade,
}

impl Precision {
    /// The lowercase name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a [`DateValue`] could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The fields do not name a real calendar date, week, month or year in 1..=9999.
    #[error("not a valid date: {0}")]
    Invalid(String),
    /// The string is not in any of the ISO forms that [`DateValue`] prints.
    #[error("cannot parse {0:?} as a date value")]
    Unparsable(String),
}

/// A date known to some [`Precision`]. It always holds the first day of its period, so two values with the same
/// period compare equal however they were built.
///
/// Printed (and serialised as `value`) in ISO 8601 at its precision: `2017-04-28`, `2017-W17`, `2018-11`, `1960`,
/// `199X`. Serialised as `{"value": ..., "precision": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "DateRepr", try_from = "DateRepr")]
pub struct DateValue {
    first: NaiveDate,
    precision: Precision,
}

const MIN_YEAR: i32 = 1;
const MAX_YEAR: i32 = 9999;

impl DateValue {
    /// A calendar day.
    pub fn day(year: i32, month: u32, day: u32) -> Result<DateValue, DateError> {
        check_year(year)?;
        let first = NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| DateError::Invalid(format!("{year:04}-{month:02}-{day:02}")))?;
        Ok(DateValue { first, precision: Precision::Day })
    }

    /// A day from a chrono date.
    pub fn from_naive(date: NaiveDate) -> Result<DateValue, DateError> {
        DateValue::day(date.year(), date.month(), date.day())
    }

    /// An ISO week (Monday first).
    pub fn week(iso_year: i32, week: u32) -> Result<DateValue, DateError> {
        check_year(iso_year)?;
        let first = NaiveDate::from_isoywd_opt(iso_year, week, Weekday::Mon)
            .ok_or_else(|| DateError::Invalid(format!("{iso_year:04}-W{week:02}")))?;
        Ok(DateValue { first, precision: Precision::Week })
    }

    /// The ISO week that contains `date`.
    pub fn week_of(date: NaiveDate) -> Result<DateValue, DateError> {
        let iso = date.iso_week();
        DateValue::week(iso.year(), iso.week())
    }

    /// A month.
    pub fn month(year: i32, month: u32) -> Result<DateValue, DateError> {
        check_year(year)?;
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or_else(|| DateError::Invalid(format!("{year:04}-{month:02}")))?;
        Ok(DateValue { first, precision: Precision::Month })
    }

    /// A year.
    pub fn year(year: i32) -> Result<DateValue, DateError> {
        check_year(year)?;
        let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| DateError::Invalid(format!("{year}")))?;
        Ok(DateValue { first, precision: Precision::Year })
    }

    /// The decade that contains `year` (1994 → the 1990s).
    pub fn decade(year: i32) -> Result<DateValue, DateError> {
        let start = year - year.rem_euclid(10);
        check_year(start.max(MIN_YEAR))?;
        let first =
            NaiveDate::from_ymd_opt(start.max(MIN_YEAR), 1, 1).ok_or_else(|| DateError::Invalid(format!("{year}")))?;
        Ok(DateValue { first, precision: Precision::Decade })
    }

    /// This date coarsened to `precision` (a coarser precision only; a finer one returns `self`).
    pub fn truncate(self, precision: Precision) -> DateValue {
        if precision <= self.precision {
            return self;
        }
        let d = self.first;
        let made = match precision {
            Precision::Day => Ok(self),
            Precision::Week => DateValue::week_of(d),
            Precision::Month => DateValue::month(d.year(), d.month()),
            Precision::Year => DateValue::year(d.year()),
            Precision::Decade => DateValue::decade(d.year()),
        };
        // Coarsening a valid date stays within the valid year range.
        made.unwrap_or(self)
    }

    /// The precision.
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day of the period.
    pub fn last_day(self) -> NaiveDate {
        let d = self.first;
        match self.precision {
            Precision::Day => d,
            Precision::Week => d + Duration::days(6),
            Precision::Month => {
                let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
                NaiveDate::from_ymd_opt(y, m, 1).map_or(d, |next| next - Duration::days(1))
            }
            Precision::Year => NaiveDate::from_ymd_opt(d.year(), 12, 31).unwrap_or(d),
            Precision::Decade => NaiveDate::from_ymd_opt(d.year() + 9, 12, 31).unwrap_or(d),
        }
    }

    /// The year of the first day.
    pub fn year_number(self) -> i32 {
        self.first.year()
    }

    /// Whether every day of `other` lies inside this period (a month contains its days, a day contains itself).
    pub fn contains(self, other: DateValue) -> bool {
        self.first_day() <= other.first_day() && other.last_day() <= self.last_day()
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(self, other: DateValue) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }

    /// Of two compatible dates (one contains the other), the finer one; `None` if they are not compatible.
    pub fn finest_compatible(self, other: DateValue) -> Option<DateValue> {
        if self.contains(other) {
            Some(other)
        } else if other.contains(self) {
            Some(self)
        } else {
            None
        }
    }
}

fn check_year(year: i32) -> Result<(), DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateError::Invalid(format!("year {year} outside {MIN_YEAR}..={MAX_YEAR}")))
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first;
        match self.precision {
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Week => {
                let w = d.iso_week();
                write!(f, "{:04}-W{:02}", w.year(), w.week())
            }
            Precision::Month => write!(f, "{:04}-{:02}", d.year(), d.month()),
            Precision::Year => write!(f, "{:04}", d.year()),
            Precision::Decade => write!(f, "{:03}X", d.year() / 10),
        }
    }
}

impl FromStr for DateValue {
    type Err = DateError;

    /// Parses the ISO forms that `Display` prints; the precision follows from the form.
    fn from_str(s: &str) -> Result<DateValue, DateError> {
        let bad = || DateError::Unparsable(s.to_string());
        let num = |part: &str| -> Result<u32, DateError> {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) || part.len() > 4 {
                return Err(bad());
            }
            part.parse::<u32>().map_err(|_| bad())
        };
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 && y.ends_with('X') => DateValue::decade(num(&y[..3])? as i32 * 10),
            [y] if y.len() == 4 => DateValue::year(num(y)? as i32),
            [y, w] if y.len() == 4 && w.len() == 3 && w.starts_with('W') => {
                DateValue::week(num(y)? as i32, num(&w[1..])?)
            }
            [y, m] if y.len() == 4 && m.len() == 2 => DateValue::month(num(y)? as i32, num(m)?),
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                DateValue::day(num(y)? as i32, num(m)?, num(d)?)
            }
            _ => Err(bad()),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct DateRepr {
    value: String,
    precision: Precision,
}

impl From<DateValue> for DateRepr {
    fn from(v: DateValue) -> DateRepr {
        DateRepr { value: v.to_string(), precision: v.precision }
    }
}

impl TryFrom<DateRepr> for DateValue {
    type Error = DateError;
    fn try_from(r: DateRepr) -> Result<DateValue, DateError> {
        let v: DateValue = r.value.parse()?;
        if v.precision != r.precision {
            return Err(DateError::Invalid(format!("{} is not of precision {}", r.value, r.precision)));
        }
        Ok(v)
    }
}

/// An inclusive range of days, for expressions such as "this week" read as "2017-04-24/2017-04-28" or "in the
/// coming weeks". Printed as `START/END`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    /// The first day.
    pub start: NaiveDate,
    /// The last day (inclusive), never before `start`.
    pub end: NaiveDate,
}

impl DateRange {
    /// A range; `None` if `end` is before `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<DateRange> {
        (start <= end).then_some(DateRange { start, end })
    }

    /// Whether `date`'s whole period lies inside the range.
    pub fn contains(self, date: DateValue) -> bool {
        self.start <= date.first_day() && date.last_day() <= self.end
    }

    /// Whether `date`'s period and the range share a day.
    pub fn overlaps(self, date: DateValue) -> bool {
        self.start <= date.last_day() && date.first_day() <= self.end
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.start.format("%Y-%m-%d"), self.end.format("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn prints_each_precision() {
        assert_eq!(DateValue::day(2017, 4, 28).unwrap().to_string(), "2017-04-28");
        assert_eq!(DateValue::week(2017, 17).unwrap().to_string(), "2017-W17");
        assert_eq!(DateValue::month(2018, 11).unwrap().to_string(), "2018-11");
        assert_eq!(DateValue::year(1960).unwrap().to_string(), "1960");
        assert_eq!(DateValue::decade(1994).unwrap().to_string(), "199X");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(DateValue::day(2021, 2, 29).is_err());
        assert!(DateValue::month(2021, 13).is_err());
        assert!(DateValue::week(2021, 54).is_err());
        assert!(DateValue::year(0).is_err());
        assert!("2021-13".parse::<DateValue>().is_err());
        assert!("21-01-01".parse::<DateValue>().is_err());
    }

    #[test]
    fn containment_and_finest() {
        let month = DateValue::month(2018, 11).unwrap();
        let day = DateValue::day(2018, 11, 5).unwrap();
        assert!(month.contains(day));
        assert!(!day.contains(month));
        assert_eq!(month.finest_compatible(day), Some(day));
        assert_eq!(day.finest_compatible(DateValue::day(2018, 12, 5).unwrap()), None);
        assert_eq!(DateValue::month(2020, 2).unwrap().last_day(), NaiveDate::from_ymd_opt(2020, 2, 29).unwrap());
    }

    #[test]
    fn serialises_as_value_and_precision() {
        let v = DateValue::month(2018, 11).unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(json, r#"{"value":"2018-11","precision":"month"}"#);
        assert_eq!(serde_json::from_str::<DateValue>(&json).unwrap(), v);
        assert!(serde_json::from_str::<DateValue>(r#"{"value":"2018-11","precision":"day"}"#).is_err());
    }

    proptest! {
        #[test]
        fn display_parse_round_trip(days in 0i64..3_000_000, p in 0usize..5) {
            let base = NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + Duration::days(days);
            prop_assume!((2..=9990).contains(&base.year()));
            let precision = [Precision::Day, Precision::Week, Precision::Month, Precision::Year, Precision::Decade][p];
            let day = DateValue::from_naive(base).unwrap();
            let v = day.truncate(precision);
            prop_assert_eq!(v.precision(), precision);
            prop_assert!(v.contains(day));
            let back: DateValue = v.to_string().parse().unwrap();
            prop_assert_eq!(back, v);
        }
    }
}
