//! The article's fields read from its lines once the blocks are known: the dateline, the outlet (a credit, then
//! the host site from copyright lines) and the publication date (labelled metadata, a date line, the dateline, an
//! anniversary).

use super::lines::Line;
use super::roles::Header;
use crate::date::{self, DateMention};
use crate::model::{Block, Published};
use crate::outlet;
use dyad_core::DateValue;
use regex::Regex;
use std::sync::LazyLock;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[A-Z][\p{L}'’.\-]+(?:[ \-][A-Z][\p{L}'’.\-]+){0,3}|[A-Z][A-Z'’.\- ]{2,30})(?:,\s*[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?)??(?:,\s*(?P<date>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?(?:\s*\((?P<tag>[^)]{1,40})\)\s*(?::|--|—|–|-)|\s*(?::|--|—|–|-)|\.?\s*/(?P<slash>[A-Za-z][A-Za-z\- ]{1,20})/\.?)\s+\S",
    )
    .unwrap_or_else(|e| panic!("dateline pattern: {e}"))
});

/// The dateline at the start of the story: `(place, date text)`. A place must come with a date or a credit tag,
/// or be written in capitals ("WASHINGTON —"), so that "Kim: we will ..." is not a dateline.
pub(super) fn dateline(first: &str) -> Option<(String, Option<DateMention>)> {
    let c = DATELINE.captures(first)?;
    let place = c.name("place")?;
    let has_date = c.name("date").is_some();
    let has_tag = c.name("tag").is_some() || c.name("slash").is_some();
    let caps = place.as_str().chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    if !(has_date || has_tag || caps) || place.as_str().split_whitespace().count() > 4 {
        return None;
    }
    let date = c.name("date").and_then(|d| date::find_dates(d.as_str()).into_iter().next());
    let mut name = place.as_str().trim().to_string();
    if caps {
        // "NEW YORK" → "New York".
        name = name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map_or(String::new(), |f| f.to_string() + &cs.as_str().to_lowercase())
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    Some((name, date))
}

/// The date of a line that holds only a full date, with at most a weekday, a time and a zone around it
/// ("Fri, 27 Mar 1987 08:57:02 -0500", "1987-03-27T08:57:02Z", "27-MAR-1987 08:57:02.39").
fn date_only_line(text: &str, dates: &[DateMention]) -> Option<DateValue> {
    let [d] = dates else { return None };
    let v = d.value()?;
    let rest = format!("{} {}", &text[..d.start], &text[d.end..]);
    let leftover = rest
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let w = w.trim_matches(|c: char| c == '(' || c == ')' || c == '.');
            let weekday = date::weekday_name(w);
            let zone = w.len() <= 5 && w.chars().all(|c| c.is_ascii_uppercase()) && !w.is_empty();
            let clock = w.chars().all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z' | 'T'));
            !(weekday || zone || clock)
        })
        .count();
    (leftover == 0).then_some(v)
}

/// The outlet and its country: a credit (byline or wire line, opening tag, closing tag), then the host site from
/// copyright lines outside the body run `a..=b`.
pub(super) fn outlet_of(
    lines: &[Line<'_>],
    (a, b): (usize, usize),
    meta_lines: &[usize],
    first_text: &str,
    last_text: &str,
) -> (Option<String>, Option<String>) {
    let n = lines.len();
    let credit = meta_lines
        .iter()
        .find_map(|&i| outlet::credit_in_meta_line(lines[i].text))
        .or_else(|| outlet::credit_at_start(first_text))
        .or_else(|| outlet::credit_at_end(last_text))
        .map(|c| c.outlet);
    let copyright_lines: Vec<usize> = (0..n)
        .filter(|&i| !(a..=b).contains(&i))
        .filter(|&i| {
            let t = lines[i].text.to_ascii_lowercase();
            t.contains("copyright") || t.contains('©') || t.contains("all rights reserved")
        })
        .collect();
    let host = copyright_lines
        .iter()
        .flat_map(|&i| i.saturating_sub(2)..=(i + 2).min(n - 1))
        .filter(|i| !(a..=b).contains(i))
        .find_map(|i| outlet::names_in_site_line(lines[i].text).into_iter().next());
    match outlet::combine(credit, host) {
        Some((name, country)) => (Some(name), Some(country.to_string())),
        None => (None, None),
    }
}

/// The publication date, or the years it may fall in: labelled metadata first, then any full date in the
/// metadata lines, then a line holding only a date, then the dateline, then an anniversary. Dates above the title
/// are the site's header (today's date), not the article's. `a` is the body's first line.
pub(super) fn published_date(
    lines: &[Line<'_>],
    dates_of: &[Vec<DateMention>],
    header: &Header,
    a: usize,
    dateline_found: &Option<(String, Option<DateMention>)>,
    body: &[Block],
    this_year: i32,
) -> (Option<Published>, Vec<DateValue>) {
    let first_text = body.first().map(|blk| blk.text.as_str()).unwrap_or("");
    if let Some(p) = byline_date(lines, dates_of, &header.meta_lines) {
        return (Some(p), Vec::new());
    }
    // A line holding nothing but a full date (a wire or archive header: "1987-03-27", "27-MAR-1987 08:57:02.39",
    // an RFC 2822 date), among the page's first lines or next to the title.
    let n = lines.len();
    let title_idx = header.title;
    let near_title = |i: usize| title_idx.is_some_and(|t| i + 1 == t || i == t + 1);
    if let Some((i, v)) = (0..a.min(n))
        .filter(|&i| i < 3 || near_title(i))
        .find_map(|i| date_only_line(lines[i].text, &dates_of[i]).map(|v| (i, v)))
    {
        return (Some(Published { date: v, evidence: lines[i].text.to_string(), basis: "header".into() }), Vec::new());
    }
    let mut candidates = Vec::new();
    if let Some((_, Some(d))) = dateline_found {
        match d.value() {
            Some(v) => {
                let evidence = first_text[..first_text.len().min(d.end + 40)].to_string();
                let evidence =
                    evidence.split_once([':', '—', '–']).map_or(evidence.clone(), |p| p.0.trim().to_string());
                return (Some(Published { date: v, evidence, basis: "dateline".into() }), Vec::new());
            }
            None => {
                // "April 28" with "on Friday" in the lead: the years whose April 28 was a Friday.
                if let Some(wd) = date::first_weekday(first_text) {
                    candidates = date::years_matching_weekday(d.month, d.day, wd, this_year);
                }
            }
        }
    }
    if candidates.is_empty() {
        let joined: String = body.iter().map(|blk| blk.text.as_str()).collect::<Vec<_>>().join("\n");
        if let Some((v, why)) = date::infer_from_anniversary(&joined, this_year) {
            return (Some(Published { date: v, evidence: why, basis: "inferred".into() }), candidates);
        }
    }
    (None, candidates)
}

/// The first full date of the byline and date lines, labelled ones ("Published", "Posted") first and "Updated"
/// ones last, with the line up to the date as evidence.
fn byline_date(lines: &[Line<'_>], dates_of: &[Vec<DateMention>], meta_lines: &[usize]) -> Option<Published> {
    let labelled = |t: &str| {
        let t = t.trim_start().to_ascii_lowercase();
        ["published", "posted", "date", "released"].iter().any(|p| t.starts_with(p))
    };
    let mut meta_dates: Vec<(u8, usize, DateMention)> = Vec::new();
    for &i in meta_lines {
        let lower = lines[i].text.trim_start().to_ascii_lowercase();
        let rank = if labelled(lines[i].text) {
            0
        } else if lower.starts_with("updated") || lower.starts_with("last updated") {
            2
        } else {
            1
        };
        for d in &dates_of[i] {
            meta_dates.push((rank, i, *d));
        }
    }
    meta_dates.sort_by_key(|m| m.0);
    let (_, i, d, v) = meta_dates.iter().find_map(|(r, i, d)| d.value().map(|v| (r, i, d, v)))?;
    let line = lines[*i].text;
    let evidence = line[..d.end].trim();
    Some(Published { date: v, evidence: evidence.to_string(), basis: "byline".into() })
}
