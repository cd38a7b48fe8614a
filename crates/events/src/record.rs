//! The consolidated event record, serialised exactly as the event record of `FORMATS.md`, plus `pattern`.

use crate::Codebook;
use dyad_core::{DateRange, DateValue, Precision};
use serde::{Deserialize, Serialize};

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// Canonical actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// CAMEO actor code (`PRKGOV`), if known.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country, if known.
    pub country: Option<String>,
}

/// When an event happened, at the precision the text gives, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// ISO 8601 at `precision` (`2017-04-27`, `2017-W17`, `2018-11`, `1960`, `199X`), or `START/END` for a range.
    pub value: String,
    /// The precision.
    pub precision: Precision,
    /// Why the date is what it is.
    pub basis: String,
}

impl EventDate {
    /// A date at its own precision.
    pub fn from_value(value: DateValue, basis: impl Into<String>) -> EventDate {
        EventDate { value: value.to_string(), precision: value.precision(), basis: basis.into() }
    }

    /// A range of days, printed `START/END`, read at week precision when it spans at most seven days and at
    /// month precision otherwise.
    pub fn from_range(range: DateRange, basis: impl Into<String>) -> EventDate {
        let days = (range.end - range.start).num_days();
        let precision = if days <= 6 { Precision::Week } else { Precision::Month };
        EventDate { value: range.to_string(), precision, basis: basis.into() }
    }
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// Place name.
    pub name: String,
    /// ISO 3166-1 alpha-3 country, if known.
    pub country: Option<String>,
}

/// Qualifiers of an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags {
    /// The text says it did not happen.
    pub negated: bool,
    /// Announced, promised, planned or expected rather than done.
    pub future: bool,
    /// Reported speech ("said", "according to").
    pub reported: bool,
    /// A symmetric action (a meeting): one record for both sides.
    pub symmetric: bool,
    /// Long before the article's date (a recalled anniversary); set by whoever knows the publication date.
    pub historical: bool,
}

/// One sentence that reports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The page's file name.
    pub file: String,
    /// 0-based sentence index in the article.
    pub sentence: usize,
    /// Byte offset of the sentence start in the original file.
    pub start: usize,
    /// Byte offset one past the sentence end.
    pub end: usize,
    /// The sentence text.
    pub text: String,
}

/// A consolidated event: one (source, action, target), every sentence that reports it. Field order and names
/// follow `FORMATS.md`; `pattern` is dyad's addition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Stable id.
    pub id: String,
    /// Full CAMEO code.
    pub code: String,
    /// Two-digit root.
    pub root: String,
    /// QuadClass 1-4.
    pub quad_class: u8,
    /// Goldstein score.
    pub goldstein: f64,
    /// PLOVER category (`null` for root 01).
    pub plover: Option<String>,
    /// Who acted.
    pub source: Party,
    /// Who was acted upon (`null` when the text names no one).
    pub target: Option<Party>,
    /// When (`null` when unknown).
    pub date: Option<EventDate>,
    /// Where (`null` when unknown).
    pub location: Option<Location>,
    /// Qualifiers.
    pub flags: Flags,
    /// Every sentence that reports it.
    pub mentions: Vec<Mention>,
    /// Number of mentions.
    pub num_mentions: usize,
    /// Number of distinct outlets (an unknown outlet counts as its own source).
    pub num_sources: usize,
    /// Number of distinct articles.
    pub num_articles: usize,
    /// Story cluster id, if any.
    pub story: Option<String>,
    /// Which dictionary pattern fired (`verbs:meet|with|-`, `nominal:meeting`).
    pub pattern: String,
}

impl EventRecord {
    /// A record for `code` with root, QuadClass, Goldstein and PLOVER filled from the codebook, and everything
    /// else empty. `None` if the code is not a CAMEO code.
    pub fn for_code(
        code: &str,
        source: Party,
        target: Option<Party>,
        pattern: impl Into<String>,
    ) -> Option<EventRecord> {
        let info = Codebook::builtin().get(code)?;
        Some(EventRecord {
            id: String::new(),
            code: info.code.to_string(),
            root: info.root().to_string(),
            quad_class: info.quad_class,
            goldstein: info.goldstein,
            plover: info.plover.map(str::to_string),
            source,
            target,
            date: None,
            location: None,
            flags: Flags::default(),
            mentions: Vec::new(),
            num_mentions: 0,
            num_sources: 0,
            num_articles: 0,
            story: None,
            pattern: pattern.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(name: &str, code: &str, country: &str) -> Party {
        Party { id: name.to_lowercase(), name: name.into(), code: Some(code.into()), country: Some(country.into()) }
    }

    #[test]
    fn serialises_in_the_documented_shape() {
        let mut r = EventRecord::for_code(
            "042",
            party("North Korea", "PRKGOV", "PRK"),
            Some(party("Cuba", "CUB", "CUB")),
            "verbs:leave|for|-",
        )
        .unwrap();
        r.id = "e1".into();
        r.date = Some(EventDate::from_value(DateValue::day(2017, 4, 27).unwrap(), "'Thursday', past tense"));
        r.location = Some(Location { name: "Havana".into(), country: Some("CUB".into()) });
        r.flags.reported = true;
        r.mentions.push(Mention { file: "000.txt".into(), sentence: 14, start: 2190, end: 2290, text: "...".into() });
        r.num_mentions = 1;
        let v: serde_json::Value = serde_json::to_value(&r).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for k in dyad_core::EVENT_RECORD_FIELDS.into_iter().chain(["pattern"]) {
            assert!(keys.contains(&k), "missing {k}");
        }
        assert_eq!(v["root"], "04");
        assert_eq!(v["quad_class"], 1);
        assert_eq!(v["goldstein"], 1.9);
        assert_eq!(v["plover"], "CONSULT");
        assert_eq!(v["source"]["code"], "PRKGOV");
        assert_eq!(v["date"]["value"], "2017-04-27");
        assert_eq!(v["date"]["precision"], "day");
        assert_eq!(v["flags"]["reported"], true);
        assert_eq!(v["flags"]["historical"], false);
        assert_eq!(v["mentions"][0]["sentence"], 14);
        let back: EventRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
        assert!(EventRecord::for_code("999", party("a", "b", "c"), None, "x").is_none());
    }

    #[test]
    fn ranges_read_as_weeks_or_months() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let week = EventDate::from_range(DateRange::new(d(2017, 4, 24), d(2017, 4, 28)).unwrap(), "this week");
        assert_eq!(week.value, "2017-04-24/2017-04-28");
        assert_eq!(week.precision, Precision::Week);
        let long = EventDate::from_range(DateRange::new(d(2017, 4, 1), d(2017, 4, 28)).unwrap(), "x");
        assert_eq!(long.precision, Precision::Month);
    }
}
