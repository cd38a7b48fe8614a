//! The event record of `FORMATS.md` (plus `pattern`), the one set of types for it in the workspace: the pipeline
//! builds it, the stories crate consolidates it, the store writes and reads it and the CLI prints it. The standing
//! [`Relation`] between two actors, made of the same parts, lives beside it. Its date is
//! typed ([`EventDate`]: a period or a range of days, with its basis) and printed as `value`/`precision`/`basis`.
//!
//! Design decision: the types live here, in the crate that codes events, not in `dyad_core` or the store. The
//! record is built from this crate's codebook ([`EventRecord::for_code`]) and every later stage (pipeline, store,
//! CLI) already depends on this crate, while `dyad_core` holds only value types with no event vocabulary. The few
//! things only a database row has (a mention's document hash) are optional fields that are skipped when absent,
//! so a record serialises the same whoever made it and old stored JSON still loads.

use crate::Codebook;
use chrono::NaiveDate;
use dyad_core::{DateError, DateRange, DateValue, Precision};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

pub use dyad_core::Mention;

/// One side of an event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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

/// A standing relation between two actors ("maintains close ties with"), not an event: what the pipeline emits for
/// a relation cue, what the store keeps and the API lists. Each side is named by its key: the actor's country when
/// it has one, else its id (so that "Cuba" and "the Cuban government" hold one relation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// The relation kind (`ties`, `alliance`, `support`, ...).
    pub kind: String,
    /// One side's key.
    pub a: String,
    /// The other side's key.
    pub b: String,
    /// The date the text states it as of (the publication date), ISO 8601.
    pub as_of: Option<String>,
    /// The sentence that states it.
    pub evidence: Mention,
}

impl Party {
    /// The key a [`Relation`] names this side by: its country when known, else its id.
    pub fn relation_key(&self) -> String {
        self.country.clone().unwrap_or_else(|| self.id.clone())
    }
}

/// When an event happened, at the precision the text gives, with the reason. Serialised as `FORMATS.md` has it:
/// `{"value": "2017-04-27", "precision": "day", "basis": "..."}`, a range as `"value": "START/END"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "EventDateRepr")]
pub struct EventDate {
    /// The period or range of days.
    pub when: DateOrRange,
    /// Why the date is what it is.
    pub basis: String,
}

/// The time an [`EventDate`] names: one period at its precision, or a range of days ("this week": Monday to the
/// anchor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrRange {
    /// A day, week, month, year or decade.
    Period(DateValue),
    /// A range of days, read at week precision when it spans at most seven days and at month precision otherwise.
    Range(DateRange),
}

impl DateOrRange {
    /// The precision: a period's own; a range's from its length.
    pub fn precision(self) -> Precision {
        match self {
            DateOrRange::Period(v) => v.precision(),
            DateOrRange::Range(r) if (r.end - r.start).num_days() <= 6 => Precision::Week,
            DateOrRange::Range(_) => Precision::Month,
        }
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            DateOrRange::Period(v) => v.first_day(),
            DateOrRange::Range(r) => r.start,
        }
    }

    /// The last day.
    pub fn last_day(self) -> NaiveDate {
        match self {
            DateOrRange::Period(v) => v.last_day(),
            DateOrRange::Range(r) => r.end,
        }
    }
}

/// ISO 8601 at the precision (`2017-04-27`, `2017-W17`, `2018-11`, `1960`, `199X`), or `START/END` for a range.
impl fmt::Display for DateOrRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrRange::Period(v) => v.fmt(f),
            DateOrRange::Range(r) => r.fmt(f),
        }
    }
}

impl EventDate {
    /// A date at its own precision.
    pub fn from_value(value: DateValue, basis: impl Into<String>) -> EventDate {
        EventDate { when: DateOrRange::Period(value), basis: basis.into() }
    }

    /// A range of days, printed `START/END`, read at week precision when it spans at most seven days and at
    /// month precision otherwise.
    pub fn from_range(range: DateRange, basis: impl Into<String>) -> EventDate {
        EventDate { when: DateOrRange::Range(range), basis: basis.into() }
    }

    /// The precision (see [`DateOrRange::precision`]).
    pub fn precision(&self) -> Precision {
        self.when.precision()
    }

    /// The date as one period: a range becomes the ISO week, month or year that holds it; `None` when no such
    /// period holds the range.
    pub fn period(&self) -> Option<DateValue> {
        let range = match self.when {
            DateOrRange::Period(v) => return Some(v),
            DateOrRange::Range(r) => r,
        };
        [Precision::Week, Precision::Month, Precision::Year]
            .into_iter()
            .filter_map(|p| DateValue::from_naive(range.start).ok().map(|d| d.truncate(p)))
            .find(|d| d.last_day() >= range.end)
    }

    /// The same date as one [`period`](EventDate::period), as the store keeps it (its columns index one period):
    /// a range is kept in the basis.
    pub fn to_period(&self) -> Option<EventDate> {
        let value = self.period()?;
        let basis = match self.when {
            DateOrRange::Range(r) => format!("{} ({r})", self.basis),
            DateOrRange::Period(_) => self.basis.clone(),
        };
        Some(EventDate::from_value(value, basis))
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("EventDate", 3)?;
        s.serialize_field("value", &self.when.to_string())?;
        s.serialize_field("precision", &self.precision())?;
        s.serialize_field("basis", &self.basis)?;
        s.end()
    }
}

/// An [`EventDate`] as written.
#[derive(Deserialize)]
struct EventDateRepr {
    value: String,
    precision: Precision,
    basis: String,
}

impl TryFrom<EventDateRepr> for EventDate {
    type Error = DateError;

    /// Reads a value in a form [`DateOrRange`] prints, at the precision it has.
    fn try_from(r: EventDateRepr) -> Result<EventDate, DateError> {
        let when = match r.value.split_once('/') {
            None => DateOrRange::Period(r.value.parse()?),
            Some((a, b)) => {
                let day = |s: &str| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DateError::Unparsable(r.value.clone()))
                };
                let range = DateRange::new(day(a)?, day(b)?)
                    .ok_or_else(|| DateError::Invalid(format!("{} ends before it starts", r.value)))?;
                DateOrRange::Range(range)
            }
        };
        if when.precision() != r.precision {
            return Err(DateError::Invalid(format!("{} is not of precision {}", r.value, r.precision)));
        }
        Ok(EventDate { when, basis: r.basis })
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
    /// Said to happen only under a condition ("will withdraw unless ...", "would retaliate if ..."). Extends
    /// FORMATS.md; written only when true, so records without it keep their old bytes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hypothetical: bool,
    /// Tried rather than done ("tried to seize"): coded as the act, as the CAMEO codebook does. Written only when
    /// true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub attempted: bool,
    /// Known only as an accusation ("accused X of attacking Y"): the act is the accuser's claim. Written only when
    /// true.
    #[serde(default, skip_serializing_if = "is_false")]
    pub alleged: bool,
}

impl Flags {
    /// Each flag with its name as `FORMATS.md` spells it, in record order: the one list the API and the store's
    /// filters read.
    pub fn named(&self) -> [(&'static str, bool); 8] {
        [
            ("negated", self.negated),
            ("future", self.future),
            ("reported", self.reported),
            ("symmetric", self.symmetric),
            ("historical", self.historical),
            ("hypothetical", self.hypothetical),
            ("attempted", self.attempted),
            ("alleged", self.alleged),
        ]
    }
}

// serde's `skip_serializing_if` takes a function of a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
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
    /// Which dictionary pattern fired (`verbs:meet|with|-`, `nominal:meeting`); empty (and not printed) for a
    /// record stored without one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
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
        r.mentions.push(Mention {
            file: "000.txt".into(),
            sentence: 14,
            start: 2190,
            end: 2290,
            text: "...".into(),
            doc: None,
            evidence: dyad_core::ByteRange::new(2195, 2230),
        });
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
        // The flags that extend FORMATS.md appear only when set, so records without them keep their old bytes.
        assert!(v["flags"].get("hypothetical").is_none() && v["flags"].get("alleged").is_none());
        assert_eq!(v["mentions"][0]["sentence"], 14);
        assert_eq!(v["mentions"][0]["evidence"]["start"], 2195);
        let back: EventRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
        let mut alleged = r.clone();
        alleged.flags.alleged = true;
        let v = serde_json::to_value(&alleged).unwrap();
        assert_eq!(v["flags"]["alleged"], true);
        assert_eq!(serde_json::from_value::<EventRecord>(v).unwrap(), alleged);
        assert!(EventRecord::for_code("999", party("a", "b", "c"), None, "x").is_none());
    }

    #[test]
    fn ranges_read_as_weeks_or_months() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let week = EventDate::from_range(DateRange::new(d(2017, 4, 24), d(2017, 4, 28)).unwrap(), "this week");
        assert_eq!(week.when.to_string(), "2017-04-24/2017-04-28");
        assert_eq!(week.precision(), Precision::Week);
        let long = EventDate::from_range(DateRange::new(d(2017, 4, 1), d(2017, 4, 28)).unwrap(), "x");
        assert_eq!(long.precision(), Precision::Month);
        let json = serde_json::to_string(&long).unwrap();
        assert_eq!(json, r#"{"value":"2017-04-01/2017-04-28","precision":"month","basis":"x"}"#);
        assert_eq!(serde_json::from_str::<EventDate>(&json).unwrap(), long);
    }

    #[test]
    fn ranges_are_stored_as_the_period_that_holds_them() {
        let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let week = EventDate::from_range(DateRange::new(d(2017, 4, 24), d(2017, 4, 28)).unwrap(), "this week");
        let stored = week.to_period().unwrap();
        assert_eq!(stored.when, DateOrRange::Period(DateValue::week(2017, 17).unwrap()));
        assert_eq!(stored.precision(), Precision::Week);
        assert_eq!(stored.basis, "this week (2017-04-24/2017-04-28)");
        let month = EventDate::from_range(DateRange::new(d(2017, 4, 27), d(2017, 5, 2)).unwrap(), "x");
        assert_eq!(month.to_period().unwrap().when.to_string(), "2017");
        let across_years = EventDate::from_range(DateRange::new(d(2017, 12, 30), d(2018, 1, 2)).unwrap(), "x");
        assert_eq!(across_years.to_period(), None);
        let day = EventDate::from_value(DateValue::day(2017, 4, 27).unwrap(), "stated");
        assert_eq!(day.to_period().as_ref(), Some(&day));
    }

    #[test]
    fn dates_read_back_only_in_the_forms_they_print() {
        let read = |json: &str| serde_json::from_str::<EventDate>(json);
        let day = read(r#"{"value":"2017-04-27","precision":"day","basis":"b"}"#).unwrap();
        assert_eq!(day, EventDate::from_value(DateValue::day(2017, 4, 27).unwrap(), "b"));
        assert_eq!(serde_json::to_string(&day).unwrap(), r#"{"value":"2017-04-27","precision":"day","basis":"b"}"#);
        for bad in [
            r#"{"value":"soon","precision":"day","basis":""}"#,
            r#"{"value":"2017-04","precision":"day","basis":""}"#,
            r#"{"value":"2017-04-24/2017-04-28","precision":"month","basis":""}"#,
            r#"{"value":"2017-04-28/2017-04-24","precision":"week","basis":""}"#,
            r#"{"value":"2017-W17/2017-04-28","precision":"week","basis":""}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn dates_read_back_as_written(days in 0i64..3_000_000, len in 0i64..40, p in 0usize..6) {
            let start = chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap() + chrono::Duration::days(days);
            proptest::prop_assume!((2..=9990).contains(&chrono::Datelike::year(&start)));
            let day = DateValue::from_naive(start).unwrap();
            let date = match [Precision::Day, Precision::Week, Precision::Month, Precision::Year, Precision::Decade]
                .get(p)
            {
                Some(&precision) => EventDate::from_value(day.truncate(precision), "b"),
                None => EventDate::from_range(DateRange::new(start, start + chrono::Duration::days(len)).unwrap(), "b"),
            };
            let json = serde_json::to_value(&date).unwrap();
            proptest::prop_assert_eq!(&json["value"], &serde_json::Value::from(date.when.to_string()));
            proptest::prop_assert_eq!(&json["precision"], &serde_json::Value::from(date.precision().as_str()));
            let back: EventDate = serde_json::from_value(json).unwrap();
            proptest::prop_assert_eq!(&back, &date);
            let period = date.period();
            proptest::prop_assert!(period.is_none_or(|v| v.first_day() <= date.when.first_day()
                && date.when.last_day() <= v.last_day()), "the period holds the date");
        }
    }

    #[test]
    fn optional_fields_are_skipped_and_default() {
        let r = EventRecord::for_code("042", party("A", "AAA", "AAA"), None, "").unwrap();
        let v = serde_json::to_value(&r).unwrap();
        assert!(v.get("pattern").is_none());
        let back: EventRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
        let m: Mention =
            serde_json::from_str(r#"{"file":"a","sentence":1,"start":0,"end":1,"text":"x","doc":"h"}"#).unwrap();
        assert_eq!(m.doc.as_deref(), Some("h"));
        assert!(!serde_json::to_string(&Mention { doc: None, ..m }).unwrap().contains("doc"));
        // A record as the store kept it (doc_events) before the record types were one still loads.
        let old = r#"{"id":"042:a:b","code":"042","root":"04","quad_class":1,"goldstein":1.9,"plover":"CONSULT",
            "source":{"id":"a","name":"A","code":null,"country":"AAA"},"target":null,
            "date":{"value":"2017-04-24/2017-04-28","precision":"week","basis":"this week"},"location":null,
            "flags":{"negated":false,"future":false,"reported":false,"symmetric":false,"historical":false},
            "mentions":[{"file":"a.txt","sentence":3,"start":0,"end":5,"text":"x"}],"num_mentions":1,
            "num_sources":1,"num_articles":1,"story":null,"pattern":"verbs:visit|-|-"}"#;
        let old: EventRecord = serde_json::from_str(old).unwrap();
        assert_eq!(old.date.unwrap().period(), DateValue::week(2017, 17).ok());
        assert_eq!(old.mentions[0].doc, None);
    }
}
