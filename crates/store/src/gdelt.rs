//! GDELT 2.0 exports (the Event table's 61 columns and the Mentions table's 16) and JSON Lines.
//!
//! Column choices where dyad and GDELT differ:
//! - `GlobalEventID` is [`gdelt_event_id`] of dyad's event id: a stable positive 63-bit integer.
//! - `Day`/`MonthYear`/`Year` come from the first day of the event's period (GDELT has no precision field; an event
//!   dated `2018-11` is written as `20181101`); `FractionDate` is `year + day_of_year / 365` to 4 decimals, as
//!   GDELT computes it. An undated event leaves the four date columns empty.
//! - Actor `CountryCode` is dyad's ISO 3166-1 alpha-3 code, which is what CAMEO country codes are for countries.
//!   `Type1..3Code` are the 3-letter parts of the actor code after a leading country part (`PRKGOV` → `GOV`).
//!   Names are upper-cased as GDELT prints them. Known-group, ethnic and religion codes are empty.
//! - Geography: dyad has no gazetteer, so actor geography is type `0` with empty fields. `ActionGeo` is type `1`
//!   (country) when the event's location has only a country, `4` (world city) when it names a place (`3` in the
//!   USA), with the place name as FullName. GDELT's geo `CountryCode` is a FIPS 10-4 code; dyad does not convert, so
//!   the column carries dyad's ISO alpha-3 code, and ADM1/ADM2/Lat/Long/FeatureID are empty.
//! - `AvgTone`, `MentionDocTone`, `Confidence`, `InRawText`, translation info and extras are empty: dyad does not
//!   measure them.
//! - `IsRootEvent` is 1 when some mention is the article's first sentence (the lead), else 0.
//! - Mentions: `SentenceID` is dyad's sentence index plus 1 (GDELT counts from 1); `ActionCharOffset` is the
//!   mention's byte offset in the original file (equal to GDELT's character offset on ASCII pages); actor offsets
//!   are empty; `MentionType` is 1 (web).

use std::collections::HashMap;
use std::io::Write;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use dyad_core::ActorCode;
use serde::Serialize;

use crate::hash::gdelt_event_id;
use crate::records::{EventDate, EventRecord, Mention, Party};

/// Number of columns in a GDELT 2.0 Event record.
pub const GDELT_EVENT_COLUMNS: usize = 61;
/// Number of columns in a GDELT 2.0 Mentions record.
pub const GDELT_MENTION_COLUMNS: usize = 16;

/// What the writers need to know about an article that a mention cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GdeltDoc {
    /// `SOURCEURL` / `MentionIdentifier`: the path the page was ingested from.
    pub url: String,
    /// `MentionSourceName`.
    pub outlet: Option<String>,
    /// Publication day, for `MentionTimeDate`.
    pub published: Option<NaiveDate>,
    /// `MentionDocLen`: characters of article text.
    pub len: u64,
}

/// Export-wide settings.
#[derive(Debug, Clone, Default)]
pub struct GdeltContext {
    /// `DATEADDED` / `EventTimeDate` (GDELT: when the event entered the database); the time of export when `None`.
    pub date_added: Option<NaiveDateTime>,
    /// Articles by file name ([`crate::Store::gdelt_docs`]).
    pub docs: HashMap<String, GdeltDoc>,
}

fn timestamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%d%H%M%S").to_string()
}

/// Tabs and line breaks would break the record structure, so text fields lose them.
fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

fn actor_columns(actor: Option<&Party>, out: &mut Vec<String>) {
    let Some(a) = actor else {
        out.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let country = a.country.clone().unwrap_or_default();
    let code = a.code.as_deref().unwrap_or("");
    // Type codes are the 3-letter parts after the root, when the root is the actor's country.
    let parsed = ActorCode::parse(code).ok().filter(|c| c.root() == country);
    let mut types = parsed.iter().flat_map(ActorCode::parts);
    out.push(clean(code));
    out.push(clean(&a.name.to_uppercase()));
    out.push(clean(&country));
    out.extend(std::iter::repeat_n(String::new(), 4)); // known group, ethnic, religion 1, religion 2
    for _ in 0..3 {
        out.push(types.next().map(clean).unwrap_or_default());
    }
}

fn empty_geo(out: &mut Vec<String>) {
    out.push("0".into());
    out.extend(std::iter::repeat_n(String::new(), 7));
}

/// The 61 fields of one event.
pub fn gdelt_event_fields(e: &EventRecord, ctx: &GdeltContext, added: NaiveDateTime) -> Vec<String> {
    let mut f = Vec::with_capacity(GDELT_EVENT_COLUMNS);
    f.push(gdelt_event_id(&e.id).to_string());
    match e.date.as_ref().and_then(EventDate::period) {
        Some(d) => {
            let day = d.first_day();
            f.push(day.format("%Y%m%d").to_string());
            f.push(day.format("%Y%m").to_string());
            f.push(day.year().to_string());
            f.push(format!("{:.4}", day.year() as f64 + day.ordinal() as f64 / 365.0));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_columns(Some(&e.source), &mut f);
    actor_columns(e.target.as_ref(), &mut f);
    let lead = e.mentions.iter().any(|m| m.sentence == 0);
    f.push(if lead { "1" } else { "0" }.into());
    f.push(clean(&e.code));
    f.push(clean(e.code.get(..3).unwrap_or(&e.code)));
    f.push(clean(&e.root));
    f.push(e.quad_class.to_string());
    f.push(format!("{:.1}", e.goldstein));
    f.push(e.num_mentions.to_string());
    f.push(e.num_sources.to_string());
    f.push(e.num_articles.to_string());
    f.push(String::new()); // AvgTone
    empty_geo(&mut f);
    empty_geo(&mut f);
    match &e.location {
        Some(loc) if !loc.name.is_empty() || loc.country.is_some() => {
            let kind = match (loc.name.is_empty(), loc.country.as_deref()) {
                (true, _) => "1",
                (false, Some("USA")) => "3",
                (false, _) => "4",
            };
            f.push(kind.into());
            let name = Some(loc.name.as_str()).filter(|n| !n.is_empty());
            f.push(clean(name.or(loc.country.as_deref()).unwrap_or("")));
            f.push(clean(loc.country.as_deref().unwrap_or("")));
            f.extend(std::iter::repeat_n(String::new(), 5));
        }
        _ => empty_geo(&mut f),
    }
    f.push(timestamp(added));
    let url = e.mentions.first().map(|m| source_url(m, ctx)).unwrap_or_default();
    f.push(clean(&url));
    f
}

fn source_url(m: &Mention, ctx: &GdeltContext) -> String {
    ctx.docs.get(&m.file).map_or_else(|| m.file.clone(), |d| d.url.clone())
}

/// Writes one GDELT 2.0 Event line (61 tab-separated columns) per event.
pub fn write_gdelt_events<'a, W: Write>(
    events: impl IntoIterator<Item = &'a EventRecord>,
    ctx: &GdeltContext,
    mut out: W,
) -> std::io::Result<()> {
    let added = ctx.date_added.unwrap_or_else(|| chrono::Utc::now().naive_utc());
    for e in events {
        writeln!(out, "{}", gdelt_event_fields(e, ctx, added).join("\t"))?;
    }
    Ok(())
}

/// The 16 fields of one mention of an event.
pub fn gdelt_mention_fields(e: &EventRecord, m: &Mention, ctx: &GdeltContext, added: NaiveDateTime) -> Vec<String> {
    let doc = ctx.docs.get(&m.file);
    let mention_time =
        doc.and_then(|d| d.published).and_then(|p| p.and_hms_opt(0, 0, 0)).map_or_else(|| timestamp(added), timestamp);
    vec![
        gdelt_event_id(&e.id).to_string(),
        timestamp(added),
        mention_time,
        "1".into(),
        clean(doc.and_then(|d| d.outlet.as_deref()).unwrap_or(&m.file)),
        clean(&source_url(m, ctx)),
        (m.sentence + 1).to_string(),
        String::new(),
        String::new(),
        m.start.to_string(),
        String::new(),
        String::new(),
        doc.map(|d| d.len.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// Writes one GDELT 2.0 Mentions line (16 tab-separated columns) per mention of each event.
pub fn write_gdelt_mentions<'a, W: Write>(
    events: impl IntoIterator<Item = &'a EventRecord>,
    ctx: &GdeltContext,
    mut out: W,
) -> std::io::Result<()> {
    let added = ctx.date_added.unwrap_or_else(|| chrono::Utc::now().naive_utc());
    for e in events {
        for m in &e.mentions {
            writeln!(out, "{}", gdelt_mention_fields(e, m, ctx, added).join("\t"))?;
        }
    }
    Ok(())
}

/// Writes records as JSON Lines (one compact JSON object per line).
pub fn write_jsonl<'a, T: Serialize + 'a, W: Write>(
    records: impl IntoIterator<Item = &'a T>,
    mut out: W,
) -> std::io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut out, r)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes events as JSON Lines, the `dyad events --format jsonl` output.
pub fn write_events_jsonl<'a, W: Write>(
    events: impl IntoIterator<Item = &'a EventRecord>,
    out: W,
) -> std::io::Result<()> {
    write_jsonl(events, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_type_codes_are_the_parts_after_the_actors_country() {
        // code, country, Type1..3Code
        let table: [(&str, Option<&str>, [&str; 3]); 6] = [
            ("PRKGOV", Some("PRK"), ["GOV", "", ""]),
            ("JPNGOVMILELI", Some("JPN"), ["GOV", "MIL", "ELI"]),
            ("PRK", Some("PRK"), ["", "", ""]),
            // A code of another root than the country, or none a CAMEO code: no type codes.
            ("IGOUNO", None, ["", "", ""]),
            ("---GOV", Some("CUB"), ["", "", ""]),
            ("", Some("CUB"), ["", "", ""]),
        ];
        for (code, country, types) in table {
            let party = Party {
                id: "x".into(),
                name: "Tab\there".into(),
                code: Some(code.into()),
                country: country.map(str::to_string),
            };
            let mut out = Vec::new();
            actor_columns(Some(&party), &mut out);
            assert_eq!(out.len(), 10, "{code}");
            assert_eq!((out[0].as_str(), out[1].as_str(), out[2].as_str()), (code, "TAB HERE", country.unwrap_or("")));
            assert_eq!(&out[7..], types.map(str::to_string).as_slice(), "{code}");
        }
    }
}
