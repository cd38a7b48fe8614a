use crate::gold::{Gold, GoldEvent};
use chrono::{Datelike, NaiveDate};
use dyad_core::{DateRange, DateValue, Precision};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The parts of a FORMATS.md event record that scoring reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ScoredEvent {
    /// The event id.
    pub id: String,
    /// Full CAMEO code.
    pub code: String,
    /// Source actor.
    pub source: ActorRef,
    /// Target actor (`null` when the text names none).
    #[serde(default)]
    pub target: Option<ActorRef>,
    /// Date, if any.
    pub date: Option<DateField>,
    /// Flags.
    #[serde(default)]
    pub flags: FlagsRef,
    /// Every sentence that reports it.
    #[serde(default)]
    pub mentions: Vec<MentionRef>,
    /// Distinct outlets.
    #[serde(default)]
    pub num_sources: u32,
    /// Distinct pages.
    #[serde(default)]
    pub num_articles: u32,
}

/// An actor inside an event record.
#[derive(Debug, Clone, Deserialize)]
pub struct ActorRef {
    /// ISO3 country, if the actor has one.
    pub country: Option<String>,
    /// CAMEO-style code.
    #[serde(default)]
    pub code: Option<String>,
}

/// An event's date: a value at a precision, or a range `A/B`.
#[derive(Debug, Clone, Deserialize)]
pub struct DateField {
    /// `2017-04-27`, `2017-W17`, `2017-04`, `2017`, `199X` or `A/B`.
    pub value: String,
}

/// An event's flags inside an event record (only `symmetric` is scored).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FlagsRef {
    /// One record stands for both orders.
    #[serde(default)]
    pub symmetric: bool,
}

/// A mention inside an event record.
#[derive(Debug, Clone, Deserialize)]
pub struct MentionRef {
    /// The page file name.
    pub file: String,
}

/// The parts of a FORMATS.md article record that scoring reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ScoredArticle {
    /// File name.
    pub file: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<DateField>,
    /// Body paragraphs.
    #[serde(default)]
    pub body: Vec<TextRef>,
    /// Captions.
    #[serde(default)]
    pub captions: Vec<TextRef>,
}

/// A paragraph or caption.
#[derive(Debug, Clone, Deserialize)]
pub struct TextRef {
    /// Its text.
    pub text: String,
}

/// The parts of a FORMATS.md story record that scoring reads.
#[derive(Debug, Clone, Deserialize)]
pub struct ScoredStory {
    /// The pages of the story.
    pub files: Vec<String>,
}

/// One failed or passed check on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCheck {
    /// The page.
    pub file: String,
    /// What was checked (`title`, `outlet`, `published`, `body_start`, `body_end`, `not_in_body`, `caption`).
    pub check: &'static str,
    /// Passed.
    pub ok: bool,
    /// What was expected and what was found, when it failed.
    pub detail: String,
}

/// All the figures of one scoring run.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Required gold events matched.
    pub required_matched: usize,
    /// Required gold events.
    pub required_total: usize,
    /// All gold events matched.
    pub all_matched: usize,
    /// All gold events.
    pub all_total: usize,
    /// Matched gold events whose `cameo` was given and equals the predicted code.
    pub cameo_exact: usize,
    /// Matched gold events that give a `cameo`.
    pub cameo_total: usize,
    /// Predicted events for the gold pages.
    pub emitted: usize,
    /// Of those, the ones that match a gold event or a tolerated reading.
    pub correct: usize,
    /// Gold ids not matched.
    pub missed: Vec<String>,
    /// Predicted events that match nothing, described for a person to judge.
    pub unmatched: Vec<String>,
    /// Hard failures.
    pub must_not_violations: Vec<String>,
    /// Merging checks (event counted once with all its pages).
    pub merge_checks: Vec<(String, bool, String)>,
    /// Story grouping checks.
    pub story_checks: Vec<(String, bool)>,
    /// Document checks.
    pub documents: Vec<DocumentCheck>,
}

impl Report {
    /// Required recall, the headline figure.
    pub fn required_recall(&self) -> f64 {
        ratio(self.required_matched, self.required_total)
    }
    /// Recall over all gold events.
    pub fn all_recall(&self) -> f64 {
        ratio(self.all_matched, self.all_total)
    }
    /// Precision over the events emitted for the gold pages.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.emitted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn prefix(file: &str) -> &str {
    file.get(..3).unwrap_or(file)
}

/// Pages (by prefix) that count for a set of gold files: the files themselves and every page in a story with one.
fn pages_for(files: &[String], stories: &[ScoredStory]) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = files.iter().map(|f| prefix(f).to_string()).collect();
    for story in stories {
        let members: Vec<&str> = story.files.iter().map(|f| prefix(f)).collect();
        if members.iter().any(|m| out.contains(*m)) {
            out.extend(members.iter().map(|m| m.to_string()));
        }
    }
    out
}

fn event_pages(e: &ScoredEvent) -> BTreeSet<String> {
    e.mentions.iter().map(|m| prefix(&m.file).to_string()).collect()
}

fn countries(e: &ScoredEvent) -> (&str, &str) {
    let target = e.target.as_ref().and_then(|t| t.country.as_deref());
    (e.source.country.as_deref().unwrap_or(""), target.unwrap_or(""))
}

fn pair_matches(e: &ScoredEvent, source: &str, target: &str, symmetric: bool) -> bool {
    let (s, t) = countries(e);
    (s == source && t == target) || ((symmetric || e.flags.symmetric) && s == target && t == source)
}

fn root_matches(e: &ScoredEvent, roots: &[String]) -> bool {
    let root = e.code.get(..2).unwrap_or("");
    roots.iter().any(|r| r == root)
}

/// First and last day of a predicted date value or range.
pub(crate) fn predicted_days(value: &str) -> Option<(NaiveDate, NaiveDate, Precision)> {
    if let Some((a, b)) = value.split_once('/') {
        let a: DateValue = a.parse().ok()?;
        let b: DateValue = b.parse().ok()?;
        let range = DateRange::new(a.first_day(), b.last_day())?;
        return Some((range.start, range.end, Precision::Week));
    }
    let v: DateValue = value.parse().ok()?;
    Some((v.first_day(), v.last_day(), v.precision()))
}

fn date_matches(e: &ScoredEvent, gold: &GoldEvent) -> bool {
    let Some(gold_date) = gold.date.as_deref() else { return true };
    let Some((first, last, precision)) = e.date.as_ref().and_then(|d| predicted_days(&d.value)) else {
        return false;
    };
    match gold.precision.as_deref().unwrap_or("day") {
        "week" => {
            let Some((gs, ge, _)) = predicted_days(gold_date) else { return false };
            (first >= gs && last <= ge) || (precision == Precision::Week && first <= ge && gs <= last)
        }
        "month" => {
            let Ok(g) = gold_date.parse::<DateValue>() else { return false };
            g.first_day() <= first && last <= g.last_day()
        }
        "year" => first.year().to_string() == gold_date && last.year() == first.year(),
        _ => {
            let Ok(g) = gold_date.parse::<DateValue>() else { return false };
            precision == Precision::Day && first == g.first_day()
        }
    }
}

fn matches_gold(e: &ScoredEvent, g: &GoldEvent, stories: &[ScoredStory]) -> bool {
    let pages = pages_for(&g.files, stories);
    event_pages(e).iter().any(|p| pages.contains(p))
        && pair_matches(e, &g.source, &g.target, g.symmetric)
        && root_matches(e, &g.roots)
        && date_matches(e, g)
}

fn describe(e: &ScoredEvent) -> String {
    let (s, t) = countries(e);
    let date = e.date.as_ref().map_or("-", |d| d.value.as_str());
    let pages: Vec<String> = event_pages(e).into_iter().collect();
    format!("{} {s}->{t} {} {date} [{}]", e.id, e.code, pages.join(","))
}

/// Scores events (and stories) against the gold events, tolerated readings, must-not rules and merge rules.
pub fn score_events(gold: &Gold, events: &[ScoredEvent], stories: &[ScoredStory]) -> Report {
    let mut report = Report::default();
    let gold_pages: BTreeSet<String> = gold
        .documents
        .iter()
        .map(|d| prefix(&d.file).to_string())
        .chain(gold.events.iter().flat_map(|g| g.files.iter().map(|f| prefix(f).to_string())))
        .collect();
    let relevant: Vec<&ScoredEvent> =
        events.iter().filter(|e| event_pages(e).iter().any(|p| gold_pages.contains(p))).collect();
    let matched_by = score_recall(gold, &relevant, stories, &mut report);
    score_precision(gold, &relevant, stories, &mut report);
    check_must_not(gold, &relevant, &matched_by, &mut report);
    check_merges(gold, &matched_by, &mut report);
    check_stories(gold, stories, &mut report);
    report
}

/// Recall: each gold event's matching events (returned by gold id), counted in `report`.
fn score_recall<'e>(
    gold: &'e Gold,
    relevant: &[&'e ScoredEvent],
    stories: &[ScoredStory],
    report: &mut Report,
) -> BTreeMap<&'e str, Vec<&'e ScoredEvent>> {
    let mut matched_by: BTreeMap<&str, Vec<&ScoredEvent>> = BTreeMap::new();
    for g in &gold.events {
        let hits: Vec<&ScoredEvent> = relevant.iter().copied().filter(|e| matches_gold(e, g, stories)).collect();
        report.all_total += 1;
        report.required_total += usize::from(g.required);
        if hits.is_empty() {
            report.missed.push(g.id.clone());
        } else {
            report.all_matched += 1;
            report.required_matched += usize::from(g.required);
            if let Some(code) = &g.cameo {
                report.cameo_total += 1;
                report.cameo_exact += usize::from(hits.iter().any(|e| &e.code == code));
            }
        }
        matched_by.insert(g.id.as_str(), hits);
    }
    matched_by
}

/// Precision: an emitted event is correct when it matches a gold event or a tolerated reading.
fn score_precision(gold: &Gold, relevant: &[&ScoredEvent], stories: &[ScoredStory], report: &mut Report) {
    for e in relevant {
        report.emitted += 1;
        let gold_hit = gold.events.iter().any(|g| matches_gold(e, g, stories));
        let tolerated = gold.tolerated.iter().any(|t| {
            let pages = pages_for(&t.files, stories);
            event_pages(e).iter().any(|p| pages.contains(p))
                && pair_matches(e, &t.source, &t.target, false)
                && root_matches(e, &t.roots)
        });
        if gold_hit || tolerated {
            report.correct += 1;
        } else {
            report.unmatched.push(describe(e));
        }
    }
}

/// The must-not rules: pairs that must not be coded from some files, and gold events that must be one event.
fn check_must_not(
    gold: &Gold,
    relevant: &[&ScoredEvent],
    matched_by: &BTreeMap<&str, Vec<&ScoredEvent>>,
    report: &mut Report,
) {
    for rule in &gold.must_not_extract {
        let files: BTreeSet<&str> = rule.files.iter().map(|f| prefix(f)).collect();
        for e in relevant {
            let from_files = event_pages(e).iter().any(|p| files.contains(p.as_str()));
            if from_files && rule.pairs.iter().any(|[a, b]| pair_matches(e, a, b, true)) {
                report.must_not_violations.push(format!("{} ({})", describe(e), rule.why));
            }
        }
        for id in &rule.ids {
            if let Some(hits) = matched_by.get(id.as_str()).filter(|h| h.len() > 1) {
                let ids: Vec<&str> = hits.iter().map(|e| e.id.as_str()).collect();
                report.must_not_violations.push(format!("{id} emitted as {} events: {}", hits.len(), ids.join(", ")));
            }
        }
    }
}

/// Merges: a gold event reported by several files must be one event citing as many articles and sources.
fn check_merges(gold: &Gold, matched_by: &BTreeMap<&str, Vec<&ScoredEvent>>, report: &mut Report) {
    for g in gold.events.iter().filter(|g| g.files.len() > 1) {
        let Some(best) = matched_by.get(g.id.as_str()).and_then(|h| h.iter().max_by_key(|e| e.num_articles)) else {
            continue;
        };
        let want = g.files.len() as u32;
        let ok = best.num_articles >= want && best.num_sources >= want;
        let date = best.date.as_ref().map_or("-", |d| d.value.as_str());
        report.merge_checks.push((
            g.id.clone(),
            ok,
            format!(
                "{} articles, {} sources, dated {date} (want {want} and {want})",
                best.num_articles, best.num_sources
            ),
        ));
    }
}

/// Stories: gold clusters must be one story each, and distinct pages alone in theirs.
fn check_stories(gold: &Gold, stories: &[ScoredStory], report: &mut Report) {
    let story_of = |file: &str| stories.iter().position(|s| s.files.iter().any(|f| prefix(f) == prefix(file)));
    for cluster in &gold.story_clusters {
        let ids: BTreeSet<Option<usize>> = cluster.iter().map(|f| story_of(f)).collect();
        let ok = ids.len() == 1 && !ids.contains(&None);
        report.story_checks.push((format!("one story: {}", cluster.join(" + ")), ok));
    }
    for file in &gold.distinct_stories {
        let ok = story_of(file).is_none_or(|i| stories[i].files.len() == 1);
        report.story_checks.push((format!("alone: {file}"), ok));
    }
}

/// Collapses white space and folds curly quotes to straight ones, as the gold README's comparisons do.
fn normalise(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks each gold document's title, outlet, date, body start and end, chrome and caption.
pub fn score_documents(gold: &Gold, articles: &[ScoredArticle]) -> Vec<DocumentCheck> {
    let mut out = Vec::new();
    for doc in &gold.documents {
        let mut push = |check: &'static str, ok: bool, detail: String| {
            out.push(DocumentCheck {
                file: doc.file.clone(),
                check,
                ok,
                detail: if ok { String::new() } else { detail },
            })
        };
        let Some(article) = articles.iter().find(|a| prefix(&a.file) == prefix(&doc.file)) else {
            push("present", false, "no article for this page".into());
            continue;
        };
        let body = normalise(&article.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join(" "));
        if let Some(title) = &doc.title {
            let got = article.title.as_deref().map(normalise);
            push("title", got.as_deref() == Some(&normalise(title)), format!("want {title:?}, got {got:?}"));
        }
        if let Some(outlet) = &doc.outlet {
            push("outlet", &article.outlet == outlet, format!("want {outlet:?}, got {:?}", article.outlet));
        }
        if let Some(published) = &doc.published {
            let got = article.published.as_ref().map(|p| p.value.as_str());
            push("published", got == Some(published.as_str()), format!("want {published}, got {got:?}"));
        }
        if let Some(starts) = &doc.body_starts_with {
            let ok = starts.values().iter().any(|s| body.starts_with(&normalise(s)));
            let head: String = body.chars().take(60).collect();
            push("body_start", ok, format!("want {:?}, got {head:?}", starts.values()));
        }
        if let Some(ends) = &doc.body_ends_with {
            let want = normalise(ends);
            let trimmed = body.rsplit_once(' ').map_or("", |(head, _)| head);
            let ok = body.ends_with(&want) || (doc.body_ends_note.is_some() && trimmed.ends_with(&want));
            let tail: String = body.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
            push("body_end", ok, format!("want {want:?}, got {tail:?}"));
        }
        let leaked: Vec<&String> = doc.not_in_body.iter().filter(|s| body.contains(&normalise(s))).collect();
        push("not_in_body", leaked.is_empty(), format!("found in body: {leaked:?}"));
        if let Some(caption) = &doc.caption {
            let want = normalise(caption);
            let copies = article.captions.iter().filter(|c| normalise(&c.text).contains(&want)).count();
            let ok = copies == 1 && !body.contains(&want);
            push("caption", ok, format!("{copies} caption copies, in body: {}", body.contains(&want)));
        }
    }
    out
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "required recall  {:.3} ({}/{})",
            self.required_recall(),
            self.required_matched,
            self.required_total
        )?;
        writeln!(f, "all recall       {:.3} ({}/{})", self.all_recall(), self.all_matched, self.all_total)?;
        writeln!(f, "precision        {:.3} ({}/{})", self.precision(), self.correct, self.emitted)?;
        writeln!(f, "cameo exact      {}/{}", self.cameo_exact, self.cameo_total)?;
        writeln!(f, "must-not         {} violation(s)", self.must_not_violations.len())?;
        for v in &self.must_not_violations {
            writeln!(f, "  VIOLATION {v}")?;
        }
        if !self.missed.is_empty() {
            writeln!(f, "missed           {}", self.missed.join(" "))?;
        }
        for u in &self.unmatched {
            writeln!(f, "  unmatched {u}")?;
        }
        for (id, ok, detail) in &self.merge_checks {
            writeln!(f, "merge {id:<5} {} {detail}", if *ok { "ok  " } else { "FAIL" })?;
        }
        for (what, ok) in &self.story_checks {
            writeln!(f, "story {} {what}", if *ok { "ok  " } else { "FAIL" })?;
        }
        let failed: Vec<&DocumentCheck> = self.documents.iter().filter(|c| !c.ok).collect();
        writeln!(f, "documents        {}/{} checks pass", self.documents.len() - failed.len(), self.documents.len())?;
        for c in failed {
            writeln!(f, "  FAIL {} {}: {}", c.file, c.check, c.detail)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold() -> Gold {
        Gold::parse(
            r#"{"documents": [{"file": "100_a.txt", "title": "T", "outlet": null, "published": "2020-01-02",
                 "body_starts_with": ["Alpha", "Beta"], "body_ends_with": "end.", "not_in_body": ["Menu"],
                 "caption": "A photo"}],
                "events": [
                  {"id": "g1", "files": ["100"], "source": "FRA", "target": "DEU", "symmetric": true, "roots": ["04"],
                   "date": "2020-01-01", "precision": "day", "required": true},
                  {"id": "g2", "files": ["100", "101"], "source": "FRA", "target": "ITA", "roots": ["05"],
                   "date": "2020-01", "precision": "month", "required": false},
                  {"id": "g3", "files": ["100"], "source": "FRA", "target": "ESP", "roots": ["03"],
                   "date": "2019-12-30/2020-01-03", "precision": "week", "required": true}],
                "tolerated": [{"files": ["100"], "source": "FRA", "target": "GBR", "roots": ["01"]}],
                "must_not_extract": [{"why": "chrome", "pairs": [["USA", "CAN"]], "files": ["100"]},
                                     {"why": "split", "ids": ["g1"]}],
                "story_clusters": [["100_a.txt", "101_b.txt"]], "distinct_stories": ["102_c.txt"]}"#,
        )
        .unwrap()
    }

    fn event(id: &str, s: &str, t: &str, code: &str, date: &str, files: &[&str]) -> ScoredEvent {
        serde_json::from_value(serde_json::json!({
            "id": id, "code": code, "source": {"country": s}, "target": {"country": t},
            "date": {"value": date}, "mentions": files.iter().map(|f| serde_json::json!({"file": f})).collect::<Vec<_>>(),
            "num_sources": files.len(), "num_articles": files.len()
        }))
        .unwrap()
    }

    #[test]
    fn symmetric_week_month_and_tolerated_rules() {
        let g = gold();
        let stories: Vec<ScoredStory> = vec![ScoredStory { files: vec!["100_a.txt".into(), "101_b.txt".into()] }];
        let events = vec![
            event("e1", "DEU", "FRA", "040", "2020-01-01", &["100_a.txt"]),
            event("e2", "FRA", "ITA", "051", "2020-01-15", &["101_b.txt", "100_a.txt"]),
            event("e3", "FRA", "ESP", "036", "2020-W01", &["100_a.txt"]),
            event("e4", "FRA", "GBR", "010", "2021-01-01", &["100_a.txt"]),
            event("e5", "USA", "CAN", "190", "2020-01-01", &["100_a.txt"]),
        ];
        let r = score_events(&g, &events, &stories);
        assert_eq!((r.required_matched, r.required_total), (2, 2));
        assert_eq!(r.all_matched, 3);
        assert_eq!((r.correct, r.emitted), (4, 5));
        assert_eq!(r.must_not_violations.len(), 1);
        assert!(r.merge_checks.iter().all(|(_, ok, _)| *ok));
        assert!(r.story_checks.iter().all(|(_, ok)| *ok));
    }

    #[test]
    fn wrong_day_and_split_events_are_caught() {
        let g = gold();
        let events = vec![
            event("e1", "FRA", "DEU", "040", "2020-01-01", &["100_a.txt"]),
            event("e2", "FRA", "DEU", "042", "2020-01-01", &["100_a.txt"]),
            event("e3", "FRA", "ESP", "036", "2020-01-09", &["100_a.txt"]),
        ];
        let r = score_events(&g, &events, &[]);
        assert_eq!(r.missed, vec!["g2".to_string(), "g3".to_string()]);
        assert!(r.must_not_violations.iter().any(|v| v.starts_with("g1 emitted as 2")));
        assert!(r.story_checks.iter().any(|(_, ok)| !ok));
    }

    #[test]
    fn document_checks() {
        let g = gold();
        let article: ScoredArticle = serde_json::from_value(serde_json::json!({
            "file": "100_a.txt", "title": "T", "outlet": null, "published": {"value": "2020-01-02"},
            "body": [{"text": "Beta  starts here"}, {"text": "and\nthe end."}],
            "captions": [{"text": "A photo of it"}]
        }))
        .unwrap();
        let checks = score_documents(&g, std::slice::from_ref(&article));
        assert!(checks.iter().all(|c| c.ok), "{checks:?}");
        let mut leaky = article;
        leaky.body.push(TextRef { text: "Menu".into() });
        let checks = score_documents(&g, &[leaky]);
        let failed: Vec<&str> = checks.iter().filter(|c| !c.ok).map(|c| c.check).collect();
        assert_eq!(failed, vec!["body_end", "not_in_body"]);
    }
}
