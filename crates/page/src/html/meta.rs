//! Page metadata from HTML: headline, outlet and publication date with its evidence.
//!
//! Dates are gathered from every source a page offers and the most reliable one wins, in the spirit of
//! htmldate: structured publication fields first (JSON-LD `datePublished`, `article:published_time` and its
//! many cousins), then `<time>` elements marked as publication times, then a date in the canonical URL, then a
//! date printed in (or a Unix time carried by) a byline- or date-classed element outside the site's masthead.
//! Modification dates are never taken as publication dates.

use super::dom::{Dom, Kind, NONE, NodeId, Tag};
use super::text::{TextBuf, clean};
use dyad_core::{DateValue, Precision};
use regex::Regex;
use std::sync::LazyLock;

/// A publication-date candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateFound {
    pub date: DateValue,
    pub evidence: String,
    pub basis: &'static str,
    /// Lower is more reliable.
    pub rank: u8,
}

/// Metadata gathered from one page.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<DateFound>,
}

/// Meta names that carry the publication date, most reliable first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "article_date_original",
    "originalpublicationdate",
    "publication_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "published_time",
    "published-date",
    "date_published",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "date",
    "release_date",
    "analyticsattributes.articledate",
    "article:post_date",
];

struct Raw<'a> {
    metas: Vec<(String, &'a str)>,
    title_tag: Option<String>,
    h1: Vec<String>,
    ld: Vec<&'a str>,
    canonical: Option<&'a str>,
    times: Vec<(bool, &'a str)>,
    date_texts: Vec<DateText>,
    copyright: Option<String>,
    /// The page's visible text from its start (bounded), and where in it the first `<h1>` begins.
    text: TextBuf,
    h1_at: Option<usize>,
    /// The page's headline: the first `<h1>` or `<h2>` whose text the title tag or `og:title` holds, with where
    /// in the visible text it begins.
    headline: Option<(NodeId, usize)>,
    /// The first block after the headline that holds nothing but a date ("January 18, 2020"), with its date.
    date_line: Option<(DateValue, String)>,
}

/// What a date- or byline-classed element says.
struct DateText {
    /// Its text or tooltip; for a Unix time, the instant in ISO 8601 form.
    text: String,
    /// The attribute a Unix time was read from (`data-time="1594448702"`), if the text is one.
    epoch: Option<String>,
    /// The `<header>` element it sits in, if any (`NONE` otherwise).
    header: NodeId,
}

/// How much visible text the last-resort date search reads.
const TEXT_WINDOW: usize = 8000;
/// How much visible text after the headline the last-resort date search reads.
const AFTER_HEADLINE: usize = 1500;

pub(crate) fn extract(dom: &Dom<'_>) -> Meta {
    let raw = gather(dom);
    let ld = parse_json_ld(&raw.ld);
    let (title, outlet) = title_and_outlet(&raw, &ld);
    Meta { title, outlet, published: published(dom, &raw, &ld) }
}

/// The headline and the outlet's name from the metadata, the title tag and the visible `<h1>`s.
fn title_and_outlet(raw: &Raw<'_>, ld: &JsonLd) -> (Option<String>, Option<String>) {
    let meta_get = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| raw.metas.iter().find(|(k, v)| k == n && !v.trim().is_empty()).map(|(_, v)| clean(v)))
    };

    // Headline: a visible h1 that agrees with the metadata title, else the metadata title, else the title tag
    // without its " | Outlet" tail, else the first h1.
    let meta_title = meta_get(&["og:title", "twitter:title", "headline", "dc.title"]).or(ld.headline.clone());
    let outlet = meta_get(&["og:site_name", "application-name", "publisher", "dc.publisher"])
        .or(ld.publisher.clone())
        .or(raw.copyright.clone());
    let reference = meta_title.clone().or(raw.title_tag.clone());
    // The visible headline is what readers (and the page's own h1) call the title; metadata titles are often
    // rewritten for search. Take an h1 that agrees with the metadata, else the first h1 that is not the site's
    // name or logo text.
    let h1 = raw.h1.iter().find(|h| reference.as_ref().is_some_and(|r| contains_norm(r, h))).or_else(|| {
        raw.h1.iter().find(|h| h.split_whitespace().count() >= 3 && outlet.as_ref().is_none_or(|o| norm(o) != norm(h)))
    });
    let title = h1
        .cloned()
        .or_else(|| meta_title.map(|t| strip_site(&t, outlet.as_deref())))
        .or_else(|| raw.title_tag.as_ref().map(|t| strip_site(t, outlet.as_deref())))
        .or_else(|| raw.h1.first().cloned())
        .filter(|t| !t.is_empty());
    (title, outlet.filter(|o| !o.is_empty() && o.chars().count() <= 80))
}

/// The publication date: every source that gives one (JSON-LD, meta fields, fields in scripts and comments,
/// `<time>` elements, the canonical URL, date-classed elements, and last the visible text), the most reliable
/// first and, among equals, the finest precision.
fn published(dom: &Dom<'_>, raw: &Raw<'_>, ld: &JsonLd) -> Option<DateFound> {
    let mut found: Vec<DateFound> = Vec::new();
    let json_ld = ld.published.as_deref().and_then(|s| {
        let date = parse_date(s)?;
        Some((DateFound { date, evidence: format!("JSON-LD datePublished {s}"), basis: "metadata", rank: 0 }, s))
    });
    let meta = DATE_META.iter().enumerate().find_map(|(i, name)| {
        let (_, v) = raw.metas.iter().find(|(k, _)| k == name)?;
        let date = parse_date(v)?;
        let rank = if i < 4 { 0 } else { 1 };
        Some((DateFound { date, evidence: format!("meta {name}={}", v.trim()), basis: "metadata", rank }, *v))
    });
    // JSON-LD comes first, but where it and the page's own publication meta tag (`article:published_time` and its
    // peers) both give a full timestamp with its zone and these name different instants on different days, the
    // meta tag is taken, as htmldate reads the header before the JSON: the JSON-LD then describes another version
    // or entity (the story's first edition, a source it was syndicated from) or writes a local time with a UTC
    // zone. A JSON-LD date with no zone is the publisher's own day and stays first.
    let meta_first = match (&json_ld, &meta) {
        (Some((l, lv)), Some((m, mv))) => m.rank == 0 && l.date != m.date && different_instants(lv, mv),
        _ => false,
    };
    let (first, second) = if meta_first { (meta, json_ld) } else { (json_ld, meta) };
    found.extend(first.into_iter().chain(second).map(|(f, _)| f));
    // A publication field outside JSON-LD and meta tags: inline JSON or JS (`"datePublished":"..."`), an RDF
    // block in a comment (`dc:date="..."`), a script that prints the date (`showDate("...")`).
    if let Some((key, v, d)) = SCRIPT_DATE.captures_iter(dom.src).take(50).find_map(|c| {
        let (key, v) = (c.get(1)?, c.get(2)?);
        if witness_only(key.as_str()) {
            return None;
        }
        Some((key, v, parse_date(v.as_str())?))
    }) {
        found.push(DateFound {
            date: d,
            evidence: format!("{} {}", key.as_str(), v.as_str()),
            basis: "metadata",
            rank: 1,
        });
    }
    for &(marked, v) in &raw.times {
        if let Some(d) = parse_date(v) {
            found.push(DateFound {
                date: d,
                evidence: format!("<time datetime=\"{}\">", v.trim()),
                basis: "time element",
                rank: if marked { 1 } else { 3 },
            });
            break;
        }
    }
    if let Some(d) = raw.canonical.and_then(url_date) {
        found.push(DateFound {
            date: d,
            evidence: format!("URL {}", raw.canonical.unwrap_or("")),
            basis: "url",
            rank: 2,
        });
    }
    for t in raw.date_texts.iter().filter(|t| !in_masthead(dom, raw, t)) {
        let hit = match &t.epoch {
            Some(attr) => parse_date(&t.text).map(|d| (d, format!("{attr} ({})", t.text))),
            None => text_date(&t.text),
        };
        if let Some((d, ev)) = hit {
            found.push(DateFound { date: d, evidence: ev, basis: "byline", rank: 2 });
            break;
        }
    }
    // Last resort: the first full date in the visible text after the headline, else anywhere near the top.
    if found.is_empty() {
        let text = raw.text.text.as_str();
        let after = headline_at(raw).and_then(|at| text.get(at..)).map(|t| prefix(t, AFTER_HEADLINE));
        let (hit, basis) = match raw.date_line.clone().or_else(|| after.and_then(text_date)) {
            Some(hit) => (Some(hit), "text after headline"),
            None => (text_date(text), "page text"),
        };
        if let Some((d, ev)) = hit {
            found.push(DateFound { date: d, evidence: ev, basis, rank: 4 });
        }
    }
    // Most reliable first; among equals, the finest precision.
    found.sort_by_key(|f| (f.rank, f.date.precision()));
    let mut found = found.into_iter();
    let best = found.next()?;
    // Script fields past the first are witnesses of the local day only.
    let scripts = SCRIPT_DATE.captures_iter(dom.src).take(50).filter_map(|c| {
        let (key, v) = (c.get(1)?, c.get(2)?);
        let date = parse_date(v.as_str())?;
        Some(DateFound { date, evidence: format!("{} {}", key.as_str(), v.as_str()), basis: "metadata", rank: 1 })
    });
    Some(local_day(best, found.chain(scripts)))
}

/// Whether two full timestamps with zones (RFC 3339) name different instants; false when either is not one.
fn different_instants(a: &str, b: &str) -> bool {
    match (chrono::DateTime::parse_from_rfc3339(a.trim()), chrono::DateTime::parse_from_rfc3339(b.trim())) {
        (Ok(a), Ok(b)) => a != b,
        _ => false,
    }
}

/// Where in the visible text the headline begins: the first `<h1>`, else the heading that holds the title.
fn headline_at(raw: &Raw<'_>) -> Option<usize> {
    raw.h1_at.or(raw.headline.map(|h| h.1))
}

/// Whether a date-classed element stands in the site's masthead: inside a `<header>` that comes before the
/// page's headline and does not hold it. Such a date is the day the page was served ("Tue, 14 Jan 2020" beside
/// the logo), not the article's; a `<header>` around the headline is the article's own and keeps its dates.
fn in_masthead(dom: &Dom<'_>, raw: &Raw<'_>, t: &DateText) -> bool {
    let Some((headline, _)) = raw.headline else { return false };
    if t.header == NONE || t.header > headline {
        return false;
    }
    let mut n = dom.node(headline).parent;
    let mut steps = 0;
    while n != NONE && steps < 400 {
        if n == t.header {
            return false;
        }
        n = dom.node(n).parent;
        steps += 1;
    }
    true
}

/// A timestamp written in UTC ("2020-08-25T00:23:33Z", "+00:00", "GMT") names the UTC day, which within a few hours
/// of midnight is often not the day the page was published where it was published. When a machine-readable source
/// on the page (a metadata or script field, a `<time>` element, the URL) writes the day next to it in the
/// publisher's own terms, as a date alone or a wall-clock time with no zone, and the UTC time lies within four
/// hours of that day (before 04:00 for the day before, from 20:00 for the day after), the page's own day is that
/// one. A time with an explicit offset is the same instant rendered for some zone, no better witness than the UTC
/// value; visible text is left out, as a date in a page header is often today's.
fn local_day(best: DateFound, mut others: impl Iterator<Item = DateFound>) -> DateFound {
    let Some(hour) = utc_hour(&best.evidence) else { return best };
    // Far from midnight no neighbouring day is reachable: return before reading the other sources (the script
    // fields are a scan of the whole page).
    if best.date.precision() != Precision::Day || (4..20).contains(&hour) {
        return best;
    }
    let day = best.date.first_day();
    let reachable =
        |d: chrono::NaiveDate| (d.succ_opt() == Some(day) && hour < 4) || (d.pred_opt() == Some(day) && hour >= 20);
    others
        .find(|o| {
            matches!(o.basis, "metadata" | "time element" | "url")
                && o.date.precision() == Precision::Day
                && !ZONED_TIME.is_match(&o.evidence)
                && reachable(o.date.first_day())
        })
        .unwrap_or(best)
}

static UTC_TIME: LazyLock<Regex> = LazyLock::new(|| {
    // "GMT+10" is an offset, not UTC: after GMT/UTC only a zero offset may follow.
    Regex::new(
        r"(?i)\d[T ](\d{1,2}):\d{2}(?::\d{1,2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00|(?:GMT|UTC)(?:[+-]00:?00)?)(?:[^\w:+-]|$)",
    )
    .expect("static regex")
});
static ZONED_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d[T ]\d{1,2}:\d{2}(?::\d{1,2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)(?:[^\w:]|$)")
        .expect("static regex")
});

/// Whether a script field only witnesses the local day of a UTC timestamp: a `publicationDate` is often the print
/// edition's, and a `DateCreation` the draft's, so neither dates a page on its own.
fn witness_only(key: &str) -> bool {
    let key = key.as_bytes();
    key.len() >= 11
        && (key[..11].eq_ignore_ascii_case(b"publication")
            || key[..4].eq_ignore_ascii_case(b"date") && key[key.len() - 8..].eq_ignore_ascii_case(b"creation"))
}

/// The hour of a time written in UTC in `text`, if any.
fn utc_hour(text: &str) -> Option<u32> {
    UTC_TIME.captures(text)?.get(1)?.as_str().parse().ok().filter(|h| *h < 24)
}

#[cfg(test)]
mod utc_tests {
    use super::utc_hour;

    #[test]
    fn utc_hours_are_read_only_from_utc_times() {
        let cases = [
            ("2020-08-25T00:23:33Z", Some(0)),
            ("2020-08-25T23:05:00+00:00", Some(23)),
            ("2020-08-25 22:11 GMT", Some(22)),
            ("13 Jan 2020 22:11 UTC+00:00", Some(22)),
            ("2020-08-25T22:11:00 GMT.", Some(22)),
            // An offset written after GMT/UTC is some other zone.
            ("2020-01-13 22:11 GMT+10", None),
            ("2020-01-13 22:11 UTC-5", None),
            ("2020-01-13T22:11:00+10:00", None),
            ("2020-01-13 22:11", None),
        ];
        for (text, want) in cases {
            assert_eq!(utc_hour(text), want, "{text}");
        }
    }
}

/// What the extractor reads from the page, in one walk over the tree.
fn gather<'a>(dom: &Dom<'a>) -> Raw<'a> {
    let mut raw = Raw {
        metas: Vec::new(),
        title_tag: None,
        h1: Vec::new(),
        ld: Vec::new(),
        canonical: None,
        times: Vec::new(),
        date_texts: Vec::new(),
        copyright: None,
        text: TextBuf::default(),
        h1_at: None,
        headline: None,
        date_line: None,
    };
    let mut headings_read = 0;
    // The page's title tag and `og:title`, read once the first heading is reached (the head comes before it).
    let mut titles: Option<Vec<String>> = None;
    let mut og_url = None;
    let mut id: NodeId = 0;
    while id != NONE {
        let node = dom.node(id);
        let mut skip = false;
        if node.kind == Kind::Text && raw.text.text.len() < TEXT_WINDOW {
            raw.text.push_raw(dom.slice(node.start, node.end));
        }
        if let Kind::Element { tag, .. } = node.kind {
            if (tag.is_block() || tag == Tag::Br) && raw.text.text.len() < TEXT_WINDOW {
                raw.text.space();
            }
            if tag == Tag::H1 && raw.h1_at.is_none() {
                raw.h1_at = Some(raw.text.text.len());
            }
            // A heading longer than any title is not the headline; nor, usually, is one past the first few.
            if matches!(tag, Tag::H1 | Tag::H2)
                && raw.headline.is_none()
                && headings_read < 32
                && node.end - node.start < 2000
            {
                headings_read += 1;
                let heading = node_text(dom, id);
                if titles.get_or_insert_with(|| page_titles(&raw)).iter().any(|t| contains_norm(t, &heading)) {
                    raw.headline = Some((id, raw.text.text.len()));
                }
            }
            skip = read_element(dom, id, tag, &mut raw, &mut og_url);
            if tag.is_block()
                && !tag.is_heading()
                && raw.date_line.is_none()
                && headline_at(&raw).is_some_and(|at| raw.text.text.len() < at + AFTER_HEADLINE)
            {
                raw.date_line = date_line(dom, id);
            }
            if raw.date_texts.len() < 24 && !matches!(tag, Tag::Meta | Tag::Html | Tag::Body | Tag::Link | Tag::Script)
            {
                read_date_classed(dom, id, &mut raw.date_texts);
            }
            if raw.copyright.is_none() && matches!(tag, Tag::Footer) {
                raw.copyright = copyright_owner(&node_text(dom, id));
            }
        }
        id = if skip { dom.next_skipping_children(id, 0) } else { dom.next_in(id, 0) };
    }
    if raw.canonical.is_none() {
        raw.canonical = og_url;
    }
    raw
}

/// Reads one element's metadata into `raw` (meta tags, canonical link, title, JSON-LD, `<h1>`, `<time>`); whether
/// its children are to be skipped.
fn read_element<'a>(dom: &Dom<'a>, id: NodeId, tag: Tag, raw: &mut Raw<'a>, og_url: &mut Option<&'a str>) -> bool {
    let node = dom.node(id);
    match tag {
        Tag::Meta => {
            let key = dom.attr(id, "property").or_else(|| dom.attr(id, "name")).or_else(|| dom.attr(id, "itemprop"));
            if let (Some(k), Some(v)) = (key, dom.attr(id, "content")) {
                let k = k.trim().to_ascii_lowercase();
                if k == "og:url" {
                    *og_url = Some(v);
                }
                if raw.metas.len() < 500 {
                    raw.metas.push((k, v));
                }
            }
        }
        Tag::Link if dom.attr(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
            raw.canonical = dom.attr(id, "href");
        }
        Tag::Title if raw.title_tag.is_none() => {
            raw.title_tag = Some(clean(dom.slice(node.inner_start, node.inner_end))).filter(|t| !t.is_empty());
            return true;
        }
        Tag::Script => {
            if dom.attr(id, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                && raw.ld.len() < 20
            {
                raw.ld.push(dom.slice(node.inner_start, node.inner_end));
            }
            return true;
        }
        Tag::Style => return true,
        Tag::H1 if raw.h1.len() < 5 => {
            let t = node_text(dom, id);
            if !t.is_empty() && t.len() < 400 {
                raw.h1.push(t);
            }
        }
        Tag::Time if raw.times.len() < 10 => {
            if let Some(time) = publication_time(dom, id) {
                raw.times.push(time);
            }
        }
        _ => {}
    }
    false
}

/// A `<time datetime>` that is not marked as a modification, with whether it is marked as the publication: by
/// its own attributes, or by the class of an element up to three levels around it (`<div class="published"><span
/// class="date"><time …>`).
fn publication_time<'a>(dom: &Dom<'a>, id: NodeId) -> Option<(bool, &'a str)> {
    let v = dom.attr(id, "datetime")?;
    let says_published = |n: NodeId| {
        dom.attr(n, "class").is_some_and(|c| c.to_ascii_lowercase().contains("publish") && !NOT_DATE_CLASS.is_match(c))
    };
    let mut around = dom.node(id).parent;
    let mut marked_around = false;
    for _ in 0..3 {
        if around == NONE || marked_around {
            break;
        }
        marked_around = says_published(around);
        around = dom.node(around).parent;
    }
    let marked = dom.attr(id, "pubdate").is_some()
        || dom.attr(id, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        || dom.attr(id, "class").is_some_and(|c| c.to_ascii_lowercase().contains("publish"))
        || marked_around;
    let modified = dom.attr(id, "itemprop").is_some_and(|p| p.to_ascii_lowercase().contains("modified"))
        || dom
            .attr(id, "class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("update") || c.to_ascii_lowercase().contains("modif"));
    (!modified).then_some((marked, v))
}

/// The titles a headline must agree with: the title tag and `og:title`.
fn page_titles(raw: &Raw<'_>) -> Vec<String> {
    let og = raw.metas.iter().find(|(k, _)| k == "og:title").map(|(_, v)| clean(v));
    raw.title_tag.iter().cloned().chain(og).collect()
}

/// The text (and tooltip) of an element whose class or id says it holds a date, after the instant of a Unix
/// time written in it or in its first descendants (`data-time="1594448702"`): that is machine-readable and names
/// its zone, where the text shows the time in the zone of whoever rendered the page.
fn read_date_classed(dom: &Dom<'_>, id: NodeId, date_texts: &mut Vec<DateText>) {
    let node = dom.node(id);
    let common = dom.common(id);
    let dateish =
        |v: Option<&str>| v.is_some_and(|v| v.len() < 200 && DATE_CLASS.is_match(v) && !NOT_DATE_CLASS.is_match(v));
    if (dateish(common.class) || dateish(common.id)) && node.end - node.start < 3000 {
        let header = enclosing_header(dom, id);
        let mut n = id;
        for _ in 0..8 {
            if n == NONE {
                break;
            }
            if let Some((attr, instant)) = unix_time(dom, n) {
                date_texts.push(DateText { text: instant, epoch: Some(attr), header });
                break;
            }
            n = dom.next_in(n, id);
        }
        // A tooltip often holds the full date that the element shows shortened ("11 Jul 2020").
        if let Some(title) = dom.attr(id, "title").filter(|t| t.len() < 100) {
            date_texts.push(DateText { text: clean(title), epoch: None, header });
        }
        let t = node_text(dom, id);
        if !t.is_empty() && t.len() < 300 {
            date_texts.push(DateText { text: t, epoch: None, header });
        }
    }
}

/// Attributes that hold a Unix time (seconds, or milliseconds when 13 digits long).
const UNIX_TIME_ATTRS: &[&str] = &["data-time", "data-utime", "data-timestamp", "data-time-ms", "data-epoch"];

/// The Unix time an element's attribute writes, as the attribute (`data-time="1594448702"`) and the instant in
/// UTC (`2020-07-11T06:25:02Z`).
fn unix_time(dom: &Dom<'_>, id: NodeId) -> Option<(String, String)> {
    UNIX_TIME_ATTRS.iter().find_map(|name| {
        let v = dom.attr(id, name)?.trim();
        if !(v.len() == 10 || v.len() == 13) || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let secs: i64 = v[..10].parse().ok()?;
        let t = chrono::DateTime::from_timestamp(secs, 0)?;
        Some((format!("{name}=\"{v}\""), t.format("%Y-%m-%dT%H:%M:%SZ").to_string()))
    })
}

/// The nearest `<header>` element around `id` (`NONE` if there is none).
fn enclosing_header(dom: &Dom<'_>, id: NodeId) -> NodeId {
    let mut n = dom.node(id).parent;
    let mut steps = 0;
    while n != NONE && steps < 64 {
        if dom.tag(n) == Some(Tag::Header) {
            return n;
        }
        n = dom.node(n).parent;
        steps += 1;
    }
    NONE
}

/// The date of a short block that holds nothing else ("January 18, 2020", "Published 18 Jan 2020"): a page's
/// dateline, which outranks a date written inside a sentence or a photo caption before it.
fn date_line(dom: &Dom<'_>, id: NodeId) -> Option<(DateValue, String)> {
    let node = dom.node(id);
    if node.inner_end.saturating_sub(node.inner_start) > 160 {
        return None;
    }
    let t = node_text(dom, id);
    if t.chars().count() > 40 || t.split_whitespace().count() > 6 {
        return None;
    }
    text_date(&t)
}

fn node_text(dom: &Dom<'_>, id: NodeId) -> String {
    let mut buf = TextBuf::default();
    let mut n = id;
    let mut steps = 0;
    while n != NONE && steps < 2000 {
        steps += 1;
        let node = dom.node(n);
        let skip = matches!(dom.tag(n), Some(Tag::Script | Tag::Style | Tag::Noscript | Tag::Template));
        if !skip {
            match node.kind {
                Kind::Text => buf.push_raw(dom.slice(node.start, node.end)),
                Kind::Element { tag, .. } if tag.is_block() || tag == Tag::Br => buf.space(),
                _ => {}
            }
        }
        n = if skip { dom.next_skipping_children(n, id) } else { dom.next_in(n, id) };
    }
    buf.text
}

#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
}

fn parse_json_ld(blocks: &[&str]) -> JsonLd {
    let mut out = JsonLd::default();
    for block in blocks {
        let s = block.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
        let s = s.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(s) else { continue };
        // Walk every object (iteratively) and read the first article-like one.
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                serde_json::Value::Object(map) => {
                    let ty = match map.get("@type") {
                        Some(serde_json::Value::String(s)) => s.clone(),
                        Some(serde_json::Value::Array(a)) => {
                            a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" ")
                        }
                        _ => String::new(),
                    };
                    let articleish =
                        ["Article", "Posting", "Report", "WebPage", "NewsArticle"].iter().any(|t| ty.contains(t));
                    if articleish {
                        if out.published.is_none() {
                            out.published = map.get("datePublished").and_then(|d| d.as_str()).map(str::to_string);
                        }
                        if out.headline.is_none() && ty != "WebPage" {
                            out.headline = map.get("headline").and_then(|d| d.as_str()).map(clean);
                        }
                        if out.publisher.is_none() {
                            out.publisher = match map.get("publisher") {
                                Some(serde_json::Value::Object(p)) => p.get("name").and_then(|n| n.as_str()).map(clean),
                                Some(serde_json::Value::Array(a)) => {
                                    a.first().and_then(|p| p.get("name")).and_then(|n| n.as_str()).map(clean)
                                }
                                _ => None,
                            };
                        }
                    }
                    if ty.contains("Organization") && out.publisher.is_none() && ty != "Organization" {
                        // e.g. NewsMediaOrganization.
                        out.publisher = map.get("name").and_then(|n| n.as_str()).map(clean);
                    }
                    for (k, child) in map {
                        if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" || k == "itemListElement" {
                            stack.push(child);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn contains_norm(hay: &str, needle: &str) -> bool {
    let n = norm(needle);
    n.chars().count() >= 8 && norm(hay).contains(&n)
}

/// Drops a trailing or leading " | Outlet" / " - Outlet" part of a page title.
fn strip_site(title: &str, outlet: Option<&str>) -> String {
    let t = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(i) = t.rfind(sep) {
            let (head, tail) = (&t[..i], &t[i + sep.len()..]);
            let tail_is_site = outlet
                .is_some_and(|o| norm(tail) == norm(o) || norm(o).contains(&norm(tail)) && !tail.is_empty())
                || tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if tail_is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

fn copyright_owner(footer: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*,?\s*)?([A-Z][\w&.' ]{1,60}?)(?:\.|,|\s+All|\s*\||$)")
            .expect("static regex")
    });
    let c = RE.captures(footer)?;
    let name = c.get(1)?.as_str().trim();
    (!name.is_empty()).then(|| name.to_string())
}

static DATE_CLASS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["date", "byline", "publish", "time", "posted"])
        .expect("static patterns")
});
static NOT_DATE_CLASS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["update", "modif", "join"])
        .expect("static patterns")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T\s]|$|Z|\+)").expect("static regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(\d{4})(\d{2})(\d{2})(?:\D|$)").expect("static regex"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})\b").expect("static regex"));
static YMD_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T|\b)").expect("static regex"));
static SCRIPT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\\?["']?(date_?published|published_?(?:date|time|at|on)|publish_?(?:date|time)|publication_?date|pub_?date|date_?creat(?:ed|ion)|dc:date|showdate)\\?["']?\s*[:=(]\s*\\?["']([^"'\\<>]{8,40})\\?["']"#,
    )
    .expect("static regex")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\.|$)|/((?:19|20)\d{2})/(0[1-9]|1[0-2])/")
        .expect("static regex")
});

/// The first `max` bytes of `s`, cut back to a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn plausible(d: DateValue) -> Option<DateValue> {
    (1995..=2100).contains(&d.year_number()).then_some(d)
}

/// Parses a machine-readable date (ISO 8601 and close relatives), or failing that a written date.
pub(crate) fn parse_date(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if let Some(c) = ISO.captures(s) {
        let y: i32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        return match c.get(3) {
            Some(d) => DateValue::day(y, m, d.as_str().parse().ok()?).ok(),
            None => DateValue::month(y, m).ok(),
        }
        .and_then(plausible);
    }
    if let Some(c) = COMPACT.captures(s)
        && let Some(d) =
            DateValue::day(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok().and_then(plausible)
    {
        return Some(d);
    }
    text_date(s).map(|(d, _)| d)
}

/// The first written date in a short text ("April 28, 2017", "28 Apr 2017", "28.04.2017", "2017/04/28").
pub(crate) fn text_date(s: &str) -> Option<(DateValue, String)> {
    let mut best: Option<(usize, DateValue, String)> = None;
    let mut consider = |at: usize, d: Option<DateValue>, ev: &str| {
        if let Some(d) = d.and_then(plausible)
            && best.as_ref().is_none_or(|b| at < b.0)
        {
            best = Some((at, d, ev.to_string()));
        }
    };
    if let Some(w) = crate::months::first_written_date(s, 1995..=2100) {
        consider(w.start, Some(w.date), &s[w.start..w.end]);
    }
    if let Some(c) = YMD_TEXT.captures(s) {
        let d = (|| DateValue::day(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?).ok())();
        consider(c.get(0).map_or(0, |m| m.start()), d, &c[0]);
    }
    if let Some(c) = NUMERIC.captures(s) {
        let a: u32 = c[1].parse().ok()?;
        let b: u32 = c[3].parse().ok()?;
        let y: i32 = c[5].parse().ok()?;
        // Dots mean day-first (European); slashes are read month-first unless that is impossible.
        let d = if &c[2] == "." || a > 12 { DateValue::day(y, b, a).ok() } else { DateValue::day(y, a, b).ok() };
        consider(c.get(0).map_or(0, |m| m.start()), d, &c[0]);
    }
    best.map(|(_, d, e)| (d, e))
}

/// A date written into a URL path: `/2019/11/18/`, `/20191118/`, `/2019-11-18-...`, or a month `/2019/11/`.
pub(crate) fn url_date(url: &str) -> Option<DateValue> {
    let c = URL_DATE.captures(url)?;
    if let (Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3)) {
        return DateValue::day(y.as_str().parse().ok()?, m.as_str().parse().ok()?, d.as_str().parse().ok()?)
            .ok()
            .and_then(plausible);
    }
    let (y, m) = (c.get(4)?, c.get(5)?);
    DateValue::month(y.as_str().parse().ok()?, m.as_str().parse().ok()?).ok().map(|d| d.truncate(Precision::Month))
}
