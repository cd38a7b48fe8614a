//! Sentence-level coding (`dyad code`): each input line, a sentence or a paragraph, is coded as a document of its
//! own through the same per-article path as ingest ([`Coder::code`]), with no story grouping or consolidation
//! across lines.
//!
//! Key decision: lines are independent. Each is coded with a fresh actor registry, so a line's events never
//! depend on which lines came before it (a sentence file is usually a sample of unrelated sentences), and a line
//! that cannot be read is an error of that line only.

use crate::Coder;
use chrono::NaiveDate;
use dyad_actors::Registry;
use dyad_events::EventRecord;
use dyad_page::{Article, Block};
use serde::Serialize;

/// What an input line is called in the records it yields: its 1-based line number for plain text, the `id` it
/// carries for JSON Lines (a string, or a number kept as a number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum InputId {
    /// A line number or a numeric id.
    Number(u64),
    /// A string id.
    Text(String),
}

impl std::fmt::Display for InputId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputId::Number(n) => write!(f, "{n}"),
            InputId::Text(t) => f.write_str(t),
        }
    }
}

/// One line to code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    /// What the line is called in its records.
    pub id: InputId,
    /// The sentence or paragraph.
    pub text: String,
    /// The publication date relative expressions resolve against; `None` keeps only absolute ones.
    pub date: Option<NaiveDate>,
}

/// Why a JSON line could not be coded. The run goes on with the next line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    /// The line is not valid UTF-8.
    #[error("not UTF-8")]
    Encoding,
    /// The line is not JSON.
    #[error("not JSON: {0}")]
    Json(String),
    /// The line is JSON but not an object.
    #[error("not a JSON object")]
    NotObject,
    /// No `id`, or one that is neither a string nor a non-negative integer.
    #[error("missing \"id\" (a string or a number)")]
    Id,
    /// No `text`, or one that is not a string.
    #[error("missing \"text\" (a string)")]
    Text,
    /// A `date` that is not a calendar date.
    #[error("bad \"date\" {0}: expected YYYY-MM-DD")]
    Date(String),
}

impl LineInput {
    /// Reads a line of `{"id": "...", "text": "...", "date": "YYYY-MM-DD"}` (`date` optional or `null`; a full
    /// RFC 3339 timestamp gives its date). `default_date` is used when the line gives none. `Ok(None)` for a blank
    /// line.
    pub fn from_json(line: &[u8], default_date: Option<NaiveDate>) -> Result<Option<LineInput>, LineError> {
        let line = std::str::from_utf8(line).map_err(|_| LineError::Encoding)?.trim();
        if line.is_empty() {
            return Ok(None);
        }
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| LineError::Json(e.to_string()))?;
        let object = value.as_object().ok_or(LineError::NotObject)?;
        let id = match object.get("id") {
            Some(serde_json::Value::String(s)) => InputId::Text(s.clone()),
            Some(serde_json::Value::Number(n)) => InputId::Number(n.as_u64().ok_or(LineError::Id)?),
            _ => return Err(LineError::Id),
        };
        let text = object.get("text").and_then(serde_json::Value::as_str).ok_or(LineError::Text)?.to_string();
        let date = match object.get("date") {
            None | Some(serde_json::Value::Null) => default_date,
            Some(serde_json::Value::String(s)) => Some(parse_date(s).ok_or_else(|| LineError::Date(format!("{s:?}")))?),
            Some(other) => return Err(LineError::Date(other.to_string())),
        };
        Ok(Some(LineInput { id, text, date }))
    }
}

/// A calendar date `YYYY-MM-DD`, or the date of an RFC 3339 timestamp.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .or_else(|| chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| d.date_naive()))
}

/// An event of sentence-level coding: the event record (one mention, before consolidation) and the input line
/// it came from, serialised as the record with `"input"` added.
#[derive(Debug, Clone, Serialize)]
pub struct LineEvent {
    /// The event, with its mention's `file` set to the input's id and offsets into the line.
    #[serde(flatten)]
    pub event: EventRecord,
    /// The input line's id.
    pub input: InputId,
}

impl Coder {
    /// Codes one line as a document of its own (see the module doc): the line is the article's one body block,
    /// coded by [`Coder::code`] against the built-in actor dictionaries with no memory of other lines, and each
    /// event gets the id `"{input}#{n}"`. This coder's settings (targetless events, event dictionaries) apply;
    /// its registry is neither used nor changed.
    pub fn code_line(&self, input: &LineInput) -> Vec<LineEvent> {
        let text = input.text.trim_end_matches(['\r', '\n']);
        if text.trim().is_empty() {
            return Vec::new();
        }
        let mut coder = Coder {
            registry: Registry::new(),
            monadic: self.monadic,
            dictionaries: self.dictionaries,
            tree: self.tree,
        };
        let name = input.id.to_string();
        let article =
            Article::from_body(name.clone(), vec![Block { text: text.to_string(), start: 0, end: text.len() }]);
        let coded = coder.code(&article, input.date);
        coded
            .events
            .into_iter()
            .enumerate()
            .map(|(n, mut event)| {
                event.id = format!("{name}#{n}");
                LineEvent { event, input: input.id.clone() }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(json: &str) -> Result<Option<LineInput>, LineError> {
        LineInput::from_json(json.as_bytes(), None)
    }

    #[test]
    fn json_lines_are_read_with_clear_errors() {
        let ok = line(r#"{"id": "a1", "text": "Iran expelled two French diplomats.", "date": "2024-05-15"}"#);
        let ok = ok.expect("valid").expect("not blank");
        assert_eq!(ok.id, InputId::Text("a1".into()));
        assert_eq!(ok.date, NaiveDate::from_ymd_opt(2024, 5, 15));
        assert_eq!(line(r#"{"id": 7, "text": "x"}"#).unwrap().unwrap().id, InputId::Number(7));
        assert_eq!(line("   ").unwrap(), None);
        assert!(matches!(line("{\"id\": \"a\", \"text\": "), Err(LineError::Json(_))));
        assert_eq!(line("[1, 2]"), Err(LineError::NotObject));
        assert_eq!(line(r#"{"text": "x"}"#), Err(LineError::Id));
        assert_eq!(line(r#"{"id": -3, "text": "x"}"#), Err(LineError::Id));
        assert_eq!(line(r#"{"id": "a"}"#), Err(LineError::Text));
        assert_eq!(line(r#"{"id": "a", "text": 5}"#), Err(LineError::Text));
        assert!(matches!(line(r#"{"id": "a", "text": "x", "date": "2024-13-01"}"#), Err(LineError::Date(_))));
        assert!(matches!(line(r#"{"id": "a", "text": "x", "date": 20240101}"#), Err(LineError::Date(_))));
        assert_eq!(LineInput::from_json(b"\xff\xfe", None), Err(LineError::Encoding));
        let stamped = line(r#"{"id": "a", "text": "x", "date": "2024-05-15T23:10:00Z"}"#).unwrap().unwrap();
        assert_eq!(stamped.date, NaiveDate::from_ymd_opt(2024, 5, 15));
        let default = NaiveDate::from_ymd_opt(2020, 1, 2);
        let dated = LineInput::from_json(br#"{"id": "a", "text": "x", "date": null}"#, default).unwrap().unwrap();
        assert_eq!(dated.date, default);
    }

    #[test]
    fn a_line_is_coded_through_the_article_path_with_its_input_id() {
        let coder = Coder::new();
        let input = LineInput {
            id: InputId::Number(3),
            text: "Poland expelled three Belarusian journalists on Friday.".into(),
            date: NaiveDate::from_ymd_opt(2024, 5, 15),
        };
        let events = coder.code_line(&input);
        let e = events.iter().find(|e| e.event.code == "174").expect("the expulsion is coded");
        assert_eq!(e.input, InputId::Number(3));
        assert_eq!(e.event.id, "3#0");
        assert_eq!(e.event.source.country.as_deref(), Some("POL"));
        assert_eq!(e.event.target.as_ref().and_then(|t| t.country.as_deref()), Some("BLR"));
        assert_eq!(
            e.event.date.as_ref().map(|d| d.when.to_string()).as_deref(),
            Some("2024-05-10"),
            "Friday before the anchor"
        );
        let m = &e.event.mentions[0];
        assert_eq!((m.file.as_str(), m.start, m.end, e.event.num_mentions), ("3", 0, input.text.len(), 1));
        let json = serde_json::to_value(e).expect("serialises");
        assert_eq!(json["input"], serde_json::json!(3));
        assert_eq!(json["code"], serde_json::json!("174"));
    }

    #[test]
    fn lines_do_not_share_memory() {
        // A person learned from one line ("Ruslan Petrov, the Belarusian interior minister") is not known in the
        // next: the same line codes the same whatever came before it.
        let coder = Coder::new();
        let date = NaiveDate::from_ymd_opt(2024, 5, 15);
        let at = |id: u64, text: &str| LineInput { id: InputId::Number(id), text: text.into(), date };
        let alone = coder.code_line(&at(2, "Petrov condemned Poland on Monday."));
        let _ = coder.code_line(&at(1, "Ruslan Petrov, the Belarusian interior minister, arrived in Warsaw."));
        let after = coder.code_line(&at(2, "Petrov condemned Poland on Monday."));
        let key = |v: &[LineEvent]| v.iter().map(|e| serde_json::to_string(e).unwrap_or_default()).collect::<Vec<_>>();
        assert_eq!(key(&alone), key(&after));
        assert!(coder.code_line(&at(4, "  \r\n")).is_empty());
    }
}
