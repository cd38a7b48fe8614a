//! Real-news gold: every event of a set of news pages annotated by hand (`tests/data/news30/`), one JSON line per
//! page. Scores coded events on (source country, target country, CAMEO root), with and without the date, and sorts
//! the required events that were missed into the error classes of issue 14.

use crate::score::{ScoredEvent, predicted_days};
use chrono::Datelike;
use dyad_core::{ActorCode, DateValue, Precision};
use serde::Deserialize;
use std::fmt;

/// A malformed news gold file.
#[derive(Debug, thiserror::Error)]
pub enum NewsError {
    /// A line is not a page record of the expected shape.
    #[error("{file}:{line}: not a news gold page: {message}")]
    Line {
        /// The file name.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One annotated page.
#[derive(Debug, Clone, Deserialize)]
pub struct NewsPage {
    /// Short id (`z017`, `m5403`).
    pub id: String,
    /// `html` (a web page, possibly gzip) or `meantime` (a MEANTIME NewsReader XML file).
    pub kind: String,
    /// Path of the page, starting `../shared/bench/`.
    pub page: String,
    /// SHA-256 of the stored file.
    pub sha256: String,
    /// Publication date (ISO day).
    pub published: String,
    /// Every event the page reports.
    pub events: Vec<NewsEvent>,
}

impl NewsPage {
    /// The page's path below the bench folder (`page` without its `../shared/bench/` prefix).
    pub fn bench_path(&self) -> &str {
        self.page.strip_prefix("../shared/bench/").unwrap_or(&self.page)
    }
}

/// A date at the precision the text gives.
#[derive(Debug, Clone, Deserialize)]
pub struct NewsDate {
    /// `2019-11-19`, `2019-11` or `2019`.
    pub value: String,
    /// `day`, `month` or `year`.
    pub precision: String,
}

/// Another defensible reading of an event: scored for precision only.
#[derive(Debug, Clone, Deserialize)]
pub struct Reading {
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO root (two digits).
    pub root: String,
}

/// One annotated event.
#[derive(Debug, Clone, Deserialize)]
pub struct NewsEvent {
    /// Source actor code (`USAGOV`, `---REB`, `IGOUNO`).
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO code.
    pub code: String,
    /// CAMEO root.
    pub root: String,
    /// Date of the act, `null` when the text gives none.
    pub date: Option<NewsDate>,
    /// Counted for recall.
    pub required: bool,
    /// Either order is right.
    #[serde(default)]
    pub symmetric: bool,
    /// A quote that locates the event.
    #[serde(default)]
    pub quote: String,
    /// Other readings, right for precision.
    #[serde(default)]
    pub tolerated: Vec<Reading>,
}

/// Parses a news gold file (JSON Lines; blank lines and `#` lines skipped).
pub fn parse_news(file: &str, text: &str) -> Result<Vec<NewsPage>, NewsError> {
    let mut pages = Vec::new();
    for (no, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| NewsError::Line { file: file.to_string(), line: no + 1, message };
        let page: NewsPage = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        for e in &page.events {
            if e.root.len() != 2 || !e.code.starts_with(&e.root) {
                return Err(err(format!("event code {} does not have root {}", e.code, e.root)));
            }
        }
        pages.push(page);
    }
    Ok(pages)
}

/// The key a party is compared on: its country, or for international and non-governmental organisations and
/// multinational groups the kind and the organisation's letters (`IGOUNO`, `NGOHRI`); empty when unresolved (no
/// country, an unknown one `---`, or no CAMEO code).
pub fn party_key(code: &str, country: Option<&str>) -> String {
    if let Some(c) = country.filter(|c| !c.is_empty()) {
        return c.to_string();
    }
    let Ok(code) = ActorCode::parse(code) else { return String::new() };
    if code.is_transnational() {
        format!("{}{}", code.root(), code.parts().next().unwrap_or(""))
    } else if code.is_unknown() {
        String::new()
    } else {
        code.root().to_string()
    }
}

fn gold_key(code: &str) -> String {
    party_key(code, None)
}

fn keys(e: &ScoredEvent) -> (String, String) {
    let s = party_key(e.source.code.as_deref().unwrap_or(""), e.source.country.as_deref());
    let t = e.target.as_ref().map(|t| party_key(t.code.as_deref().unwrap_or(""), t.country.as_deref()));
    (s, t.unwrap_or_default())
}

fn root(e: &ScoredEvent) -> &str {
    e.code.get(..2).unwrap_or("")
}

fn pair_is(e: &ScoredEvent, source: &str, target: &str, symmetric: bool) -> bool {
    let (s, t) = keys(e);
    let (gs, gt) = (gold_key(source), gold_key(target));
    (s == gs && t == gt) || ((symmetric || e.flags.symmetric) && s == gt && t == gs)
}

/// Whether the output date agrees with the gold date at the gold precision (no gold date: any date).
pub fn date_agrees(e: &ScoredEvent, gold: Option<&NewsDate>) -> bool {
    let Some(gold) = gold else { return true };
    let Some((first, last, precision)) = e.date.as_ref().and_then(|d| predicted_days(&d.value)) else {
        return false;
    };
    let Ok(g) = gold.value.parse::<DateValue>() else { return false };
    match gold.precision.as_str() {
        "year" => first.year() == g.first_day().year() && last.year() == first.year(),
        "month" => g.first_day() <= first && last <= g.last_day(),
        _ => precision == Precision::Day && first == g.first_day(),
    }
}

fn matches(e: &ScoredEvent, g: &NewsEvent) -> bool {
    pair_is(e, &g.source, &g.target, g.symmetric) && root(e) == g.root
}

fn tolerated(e: &ScoredEvent, g: &NewsEvent) -> bool {
    g.tolerated.iter().any(|r| pair_is(e, &r.source, &r.target, g.symmetric) && root(e) == r.root)
}

/// Why a required event was not found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// Found with the right parties and root but a wrong or missing date.
    WrongDate,
    /// Found with source and target reversed.
    WrongDirection,
    /// Another category was coded between the same two parties.
    WrongCategory,
    /// An event of the right root was coded with one or both parties unresolved.
    Unresolved,
    /// Nothing close.
    Missing,
}

/// An output event and whether it is right.
#[derive(Debug, Clone)]
pub struct Judged {
    /// Page id.
    pub page: String,
    /// `CODE SRC→TGT DATE`.
    pub summary: String,
    /// Matches a gold or tolerated reading, dates ignored.
    pub right: bool,
    /// Also agrees on the date with a gold event it matches (tolerated readings have no date).
    pub right_dated: bool,
}

/// Precision and recall over a news gold file.
#[derive(Debug, Clone, Default)]
pub struct NewsReport {
    /// Label printed in the heading.
    pub label: String,
    /// Pages scored.
    pub pages: usize,
    /// Pages the coder could not read (id and reason).
    pub unread: Vec<(String, String)>,
    /// Required gold events.
    pub required: usize,
    /// Required events found (parties and root).
    pub found: usize,
    /// Required events found with the date.
    pub found_dated: usize,
    /// Required events between parties of one country (government and opposition, police and a suspect).
    pub required_domestic: usize,
    /// Of those, found (parties and root).
    pub found_domestic: usize,
    /// Every output event, judged.
    pub judged: Vec<Judged>,
    /// Required events not found, by page, with the reason.
    pub misses: Vec<(String, String, Miss)>,
}

impl NewsReport {
    /// Output events that match, dates ignored.
    pub fn right(&self) -> usize {
        self.judged.iter().filter(|j| j.right).count()
    }
    /// Output events that match with the date.
    pub fn right_dated(&self) -> usize {
        self.judged.iter().filter(|j| j.right_dated).count()
    }
    /// Precision, dates ignored.
    pub fn precision(&self) -> f64 {
        ratio(self.right(), self.judged.len())
    }
    /// Recall of required events, dates ignored.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }
    /// Number of misses of one class (dates ignored, except [`Miss::WrongDate`], which is found without the date).
    pub fn count(&self, class: Miss) -> usize {
        self.misses.iter().filter(|m| m.2 == class).count()
    }
    /// The report with one line per output event and per miss.
    pub fn details(&self) -> String {
        let mut out = String::new();
        for j in &self.judged {
            let mark = if j.right_dated {
                "ok  "
            } else if j.right {
                "date"
            } else {
                "NO  "
            };
            out.push_str(&format!("  {mark} {:<8} {}\n", j.page, j.summary));
        }
        for (page, what, why) in &self.misses {
            out.push_str(&format!("  miss {page:<8} {what} ({why:?})\n"));
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl fmt::Display for NewsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.judged.len();
        writeln!(f, "{}: {} pages, {} required events, {} events coded", self.label, self.pages, self.required, n)?;
        for (id, why) in &self.unread {
            writeln!(f, "  page {id} not read: {why}")?;
        }
        writeln!(
            f,
            "  source country, target country, CAMEO root: precision {}/{} ({:.2})  recall {}/{} ({:.2})",
            self.right(),
            n,
            self.precision(),
            self.found,
            self.required,
            self.recall()
        )?;
        writeln!(
            f,
            "  the same with the date:                     precision {}/{} ({:.2})  recall {}/{} ({:.2})",
            self.right_dated(),
            n,
            ratio(self.right_dated(), n),
            self.found_dated,
            self.required,
            ratio(self.found_dated, self.required)
        )?;
        writeln!(
            f,
            "  required events: {} right with the date, {} with a wrong or missing date, {} reversed, {} another \
             category between the same parties, {} parties unresolved, {} missing",
            self.found_dated,
            self.found - self.found_dated,
            self.count(Miss::WrongDirection),
            self.count(Miss::WrongCategory),
            self.count(Miss::Unresolved),
            self.count(Miss::Missing)
        )?;
        writeln!(
            f,
            "  recall by kind: between countries {}/{}, within one country {}/{}",
            self.found - self.found_domestic,
            self.required - self.required_domestic,
            self.found_domestic,
            self.required_domestic
        )
    }
}

fn summary(e: &ScoredEvent) -> String {
    let (s, t) = keys(e);
    let date = e.date.as_ref().map_or("-", |d| d.value.as_str());
    let s = if s.is_empty() { "?".to_string() } else { s };
    let t = if t.is_empty() { "?".to_string() } else { t };
    format!("{} {}→{} {}", e.code, s, t, date)
}

fn classify(g: &NewsEvent, out: &[ScoredEvent]) -> Miss {
    let (gs, gt) = (gold_key(&g.source), gold_key(&g.target));
    if out.iter().any(|e| !g.symmetric && pair_is(e, &g.target, &g.source, false) && root(e) == g.root) {
        return Miss::WrongDirection;
    }
    if out.iter().any(|e| pair_is(e, &g.source, &g.target, true)) {
        return Miss::WrongCategory;
    }
    let unresolved = out.iter().any(|e| {
        let (s, t) = keys(e);
        root(e) == g.root && (s.is_empty() || t.is_empty()) && (s == gs || t == gt || s == gt || t == gs || s == t)
    });
    if unresolved { Miss::Unresolved } else { Miss::Missing }
}

/// Scores the events coded for each page (`coded[i]` belongs to `pages[i]`; `Err` is a page the coder could not
/// read, which counts as coding nothing).
pub fn score_news(label: &str, pages: &[NewsPage], coded: &[Result<Vec<ScoredEvent>, String>]) -> NewsReport {
    let mut report = NewsReport { label: label.to_string(), pages: pages.len(), ..NewsReport::default() };
    for (page, out) in pages.iter().zip(coded) {
        let out: &[ScoredEvent] = match out {
            Ok(out) => out,
            Err(why) => {
                report.unread.push((page.id.clone(), why.clone()));
                &[]
            }
        };
        for e in out {
            let right = page.events.iter().any(|g| matches(e, g) || tolerated(e, g));
            let right_dated = page.events.iter().any(|g| matches(e, g) && date_agrees(e, g.date.as_ref()))
                || (right && !page.events.iter().any(|g| matches(e, g)));
            report.judged.push(Judged { page: page.id.clone(), summary: summary(e), right, right_dated });
        }
        for g in page.events.iter().filter(|g| g.required) {
            report.required += 1;
            let domestic = gold_key(&g.source) == gold_key(&g.target);
            report.required_domestic += usize::from(domestic);
            let hits: Vec<&ScoredEvent> = out.iter().filter(|e| matches(e, g)).collect();
            let what = format!("{} {}→{} {}", g.code, g.source, g.target, g.date.as_ref().map_or("-", |d| &d.value));
            if hits.is_empty() {
                report.misses.push((page.id.clone(), what, classify(g, out)));
                continue;
            }
            report.found += 1;
            report.found_domestic += usize::from(domestic);
            if hits.iter().any(|e| date_agrees(e, g.date.as_ref())) {
                report.found_dated += 1;
            } else {
                report.misses.push((page.id.clone(), what, Miss::WrongDate));
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON country of a party with code `code`, as the coder writes it: the code's country, or null.
    fn country(code: &str) -> String {
        let country = ActorCode::parse(code).ok().and_then(|c| c.country().map(str::to_string));
        country.map_or_else(|| "null".into(), |c| format!("\"{c}\""))
    }

    fn event(code: &str, s: &str, t: &str, date: &str) -> ScoredEvent {
        let json = format!(
            r#"{{"id":"e","code":"{code}","source":{{"code":"{s}","country":{sc}}},"target":{{"code":"{t}","country":{tc}}},"date":{d}}}"#,
            sc = country(s),
            tc = country(t),
            d = if date.is_empty() { "null".into() } else { format!(r#"{{"value":"{date}"}}"#) },
        );
        serde_json::from_str(&json).unwrap()
    }

    const PAGE: &str = r#"{"id":"p1","kind":"html","page":"../shared/bench/x.html.gz","sha256":"0","published":"2019-11-20","events":[
        {"source":"RUSMIL","target":"USAMIL","code":"112","root":"11","date":{"value":"2019-10-25","precision":"day"},"required":true,"tolerated":[{"source":"RUSMIL","target":"USAMIL","root":"12"}]},
        {"source":"USAGOV","target":"CHNGOV","code":"040","root":"04","date":{"value":"2019-11","precision":"month"},"required":true,"symmetric":true},
        {"source":"IGOUNO","target":"SYRGOV","code":"040","root":"04","date":null,"required":true},
        {"source":"JORGOV","target":"SYRREF","code":"075","root":"07","date":{"value":"2016","precision":"year"},"required":false}]}"#;

    fn pages() -> Vec<NewsPage> {
        parse_news("t.jsonl", &PAGE.replace('\n', " ")).unwrap()
    }

    #[test]
    fn table_of_matches() {
        let pages = pages();
        // (output event, right, right with date)
        let table: &[(ScoredEvent, bool, bool)] = &[
            (event("112", "RUSMIL", "USAMIL", "2019-10-25"), true, true),
            (event("111", "RUSGOV", "USA", "2019-10-24"), true, false),
            (event("120", "RUS", "USA", "2019-10"), true, true), // tolerated: no date to check
            (event("112", "USA", "RUS", "2019-10-25"), false, false),
            (event("042", "CHN", "USA", "2019-11-16"), true, true), // symmetric gold
            (event("040", "USA", "CHN", "2019"), true, false),      // coarser than the gold month
            (event("043", "IGOUNOIAE", "SYRGOV", "2001"), true, true), // org key, no gold date
            (event("073", "JOR", "SYR", "2016-05-01"), true, true), // optional event still right
            (event("190", "USA", "SYR", "2019"), false, false),
        ];
        for (e, right, dated) in table {
            let r = score_news("t", &pages, &[Ok(vec![e.clone()])]);
            assert_eq!((r.right(), r.right_dated()), (*right as usize, *dated as usize), "{}", summary(e));
        }
    }

    #[test]
    fn recall_and_error_classes() {
        let pages = pages();
        let out = vec![
            event("112", "USAMIL", "RUSMIL", "2019-10-25"), // reversed
            event("190", "USA", "CHN", "2019-11-02"),       // same parties, another category
            event("040", "", "SYR", "2019-11-02"),          // unresolved source
        ];
        let r = score_news("t", &pages, &[Ok(out)]);
        assert_eq!((r.required, r.found), (3, 0));
        assert_eq!(r.count(Miss::WrongDirection), 1);
        assert_eq!(r.count(Miss::WrongCategory), 1);
        assert_eq!(r.count(Miss::Unresolved), 1);
        let r = score_news("t", &pages, &[Ok(vec![event("112", "RUS", "USA", "2019-10-26")])]);
        assert_eq!((r.found, r.found_dated, r.count(Miss::WrongDate), r.count(Miss::Missing)), (1, 0, 1, 2));
        assert_eq!((r.required_domestic, r.found_domestic), (0, 0));
        assert!(r.to_string().contains("between countries 1/3"), "{r}");
        let r = score_news("t", &pages, &[Err("no text".into())]);
        assert_eq!((r.found, r.unread.len()), (0, 1));
        assert!(r.to_string().contains("page p1 not read"));
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let err = parse_news("g.jsonl", "\n{\"id\": 3}\n").unwrap_err().to_string();
        assert!(err.starts_with("g.jsonl:2:"), "{err}");
        let bad = PAGE.replace('\n', " ").replace(r#""code":"112","root":"11""#, r#""code":"112","root":"12""#);
        assert!(parse_news("g.jsonl", &bad).unwrap_err().to_string().contains("root 12"));
    }

    #[test]
    fn keys_of_parties() {
        assert_eq!(party_key("IGOUNOIAE", None), "IGOUNO");
        assert_eq!(party_key("---REB", None), "");
        assert_eq!(party_key("USAGOV", None), "USA");
        assert_eq!(party_key("X", Some("FRA")), "FRA");
        assert_eq!(party_key("NGOHRI", Some("")), "NGOHRI");
        assert_eq!(party_key("IGO", None), "IGO");
        // No CAMEO code: unresolved.
        assert_eq!(party_key("", None), "");
        assert_eq!(party_key("usagov", None), "");
    }

    #[test]
    fn committed_gold_parses() {
        let text = include_str!("../tests/data/news30/news30.jsonl");
        let pages = parse_news("news30.jsonl", text).unwrap();
        assert!(pages.len() >= 30);
        assert!(pages.iter().map(|p| p.events.iter().filter(|e| e.required).count()).sum::<usize>() >= 100);
    }

    /// The unseen gold (`heldout25.jsonl`) parses, holds at least 25 pages and 40 required events, gives every
    /// event a CAMEO code of the codebook (`data/cameo.tsv`, the codes of `cameo-codes.csv`), a well-formed actor
    /// code on each side of every reading and a date of the shape its precision says, and lists exactly the WCXB
    /// pages its selection file (`heldout25-wcxb.tsv`) marks `selected`.
    #[test]
    fn heldout25_parses_with_cameo_codes() {
        let pages = parse_news("heldout25.jsonl", include_str!("../tests/data/news30/heldout25.jsonl")).unwrap();
        assert!(pages.len() >= 25, "{} pages", pages.len());
        let required = pages.iter().flat_map(|p| &p.events).filter(|e| e.required).count();
        assert!(required >= 40, "{required} required events");
        let ids: std::collections::HashSet<&str> = pages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids.len(), pages.len(), "page ids repeat");
        let codes: std::collections::HashSet<&str> = dyad_core::data_lines(include_str!("../../../data/cameo.tsv"))
            .filter_map(|(_, line)| line.split('\t').next())
            .collect();
        assert!(codes.len() >= 300, "{} CAMEO codes", codes.len());
        for page in &pages {
            assert!(page.published.parse::<DateValue>().is_ok(), "{}: published {}", page.id, page.published);
            assert!(page.page.starts_with("../shared/bench/") && page.sha256.len() == 64, "{}", page.id);
            for e in &page.events {
                assert!(codes.contains(e.code.as_str()), "{}: code {} is not CAMEO", page.id, e.code);
                let readings = e.tolerated.iter().map(|r| (&r.source, &r.target, &r.root));
                for (source, target, root) in std::iter::once((&e.source, &e.target, &e.root)).chain(readings) {
                    assert!(ActorCode::parse(source).is_ok() && ActorCode::parse(target).is_ok(), "{}: {e:?}", page.id);
                    assert!(codes.contains(root.as_str()), "{}: root {root}", page.id);
                }
                if let Some(d) = &e.date {
                    let len = match d.precision.as_str() {
                        "day" => 10,
                        "month" => 7,
                        "year" => 4,
                        other => panic!("{}: precision {other}", page.id),
                    };
                    assert_eq!(d.value.len(), len, "{}: date {}", page.id, d.value);
                }
            }
        }
        let selected: Vec<String> = dyad_core::data_lines(include_str!("../tests/data/news30/heldout25-wcxb.tsv"))
            .filter_map(|(_, line)| line.split_once('\t'))
            .filter(|(_, rest)| rest.starts_with("selected\t"))
            .map(|(file, _)| format!("../shared/bench/wcxb-dev-articles/html/{file}.html.gz"))
            .collect();
        let listed: Vec<&str> =
            pages.iter().filter(|p| p.page.contains("/wcxb-dev-articles/")).map(|p| p.page.as_str()).collect();
        assert_eq!(listed, selected);
    }
}
