//! Event consolidation: the reports of one real-world event, in one page, one story or several stories, become one
//! event that lists every sentence that reports it.

use crate::hash::hash_str;
use dyad_core::{DateValue, Mention, Precision};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Place {
    /// The place's name ("Havana"), if known.
    pub name: Option<String>,
    /// Its country (ISO 3166-1 alpha-3), if known.
    pub country: Option<String>,
}

/// An event as extracted from one page, before consolidation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventInput {
    /// The extractor's id for it.
    pub id: String,
    /// The page it came from: any key that tells pages apart (the pipeline gives the document's content hash when
    /// it is known, else the file name; see [`Mention::page_key`]).
    pub file: String,
    /// The page's outlet; `None` when unknown, in which case the page counts as a source of its own.
    pub outlet: Option<String>,
    /// The page's story id, if the page belongs to one.
    pub story: Option<String>,
    /// Source country (ISO alpha-3) or, more generally, the source actor key events are matched on.
    pub source: String,
    /// Target country or actor key.
    pub target: String,
    /// CAMEO code ("042").
    pub code: String,
    /// Whether the action has no direction (a meeting), so that either order matches.
    pub symmetric: bool,
    /// When, at the precision the text gives; `None` when the text gives no date.
    pub date: Option<DateValue>,
    /// Where, if known.
    pub place: Option<Place>,
    /// The sentences that report it in this page.
    pub mentions: Vec<Mention>,
}

/// A consolidated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsolidatedEvent {
    /// A stable id derived from the first member's id.
    pub id: String,
    /// The members' full CAMEO code (members always share it).
    pub code: String,
    /// The CAMEO root (first two digits).
    pub root: String,
    /// Source, from the member with the finest date.
    pub source: String,
    /// Target, likewise.
    pub target: String,
    /// Whether any member was symmetric.
    pub symmetric: bool,
    /// The finest date among the members.
    pub date: Option<DateValue>,
    /// The known place, if any member knew it.
    pub place: Option<Place>,
    /// Every sentence that reports the event, in every page, each once.
    pub mentions: Vec<Mention>,
    /// The ids of the merged input events.
    pub members: Vec<String>,
    /// Number of mentions.
    pub num_mentions: usize,
    /// Number of distinct outlets; a page with no outlet is one of its own.
    pub num_sources: usize,
    /// Number of distinct pages.
    pub num_articles: usize,
    /// The story of the first member, if any.
    pub story: Option<String>,
}

/// How far consolidation reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsolidateConfig {
    /// Across different stories, events merge only when every date involved is at this precision or finer. A day
    /// or a month pins an event down; "in 2018" does not, and two stories that each say "in 2018" are as likely
    /// to report two events as one. Within a page or a story any compatible dates merge.
    pub cross_story_coarsest: Precision,
}

impl Default for ConsolidateConfig {
    fn default() -> ConsolidateConfig {
        ConsolidateConfig { cross_story_coarsest: Precision::Month }
    }
}

/// The CAMEO root of a code: its first two characters, or the whole code if shorter.
pub fn cameo_root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The bucket an event is consolidated in: its CAMEO root and its unordered pair of actor keys, as one string
/// (`"04|CUB|PRK"`). Events of different buckets never merge, so a store can re-consolidate only the buckets that
/// new reports fall in.
pub fn bucket_key(code: &str, source: &str, target: &str) -> String {
    let (a, b) = if source <= target { (source, target) } else { (target, source) };
    format!("{}|{a}|{b}", cameo_root(code))
}

fn outlet_key(e: &EventInput) -> String {
    match &e.outlet {
        Some(o) if !o.trim().is_empty() => format!("outlet:{}", o.trim().to_lowercase()),
        _ => format!("file:{}", e.file),
    }
}

fn same_name(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => true,
    }
}

fn places_compatible(a: &Option<Place>, b: &Option<Place>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same_name(&x.name, &y.name) && same_name(&x.country, &y.country),
        _ => true,
    }
}

fn merge_place(into: &mut Option<Place>, from: &Option<Place>) {
    let Some(f) = from else { return };
    let p = into.get_or_insert_with(Place::default);
    if p.name.is_none() {
        p.name.clone_from(&f.name);
    }
    if p.country.is_none() {
        p.country.clone_from(&f.country);
    }
}

struct Cluster {
    members: Vec<usize>,
    code: String,
    source: String,
    target: String,
    symmetric: bool,
    dates: Vec<DateValue>,
    finest: Option<DateValue>,
    place: Option<Place>,
    files: Vec<String>,
    stories: Vec<String>,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Page,
    Story,
    Cross,
}

/// Whether `e` can report the same act as a cluster founded by an event of `code` from `source` to `target`:
/// the same CAMEO code (a visit, 042, and the talks held during it, 040, are two acts) and the same direction, or
/// the reverse one when both are symmetric (a meeting). A directed event never joins a symmetric one, so neither
/// absorbs nor flips the other.
fn same_act(code: &str, source: &str, target: &str, symmetric: bool, e: &EventInput) -> bool {
    if e.code != code || e.symmetric != symmetric {
        return false;
    }
    let same_order = e.source == source && e.target == target;
    let swapped = e.source == target && e.target == source;
    same_order || (swapped && symmetric)
}

impl Cluster {
    /// The scope at which `e` would join, or `None` when it may not.
    fn admits(&self, e: &EventInput, cfg: &ConsolidateConfig) -> Option<Scope> {
        if !same_act(&self.code, &self.source, &self.target, self.symmetric, e) {
            return None;
        }
        if !places_compatible(&self.place, &e.place) {
            return None;
        }
        if let Some(d) = e.date
            && !self.dates.iter().all(|&m| m.contains(d) || d.contains(m))
        {
            return None;
        }
        let scope = if self.files.contains(&e.file) {
            Scope::Page
        } else if e.story.as_ref().is_some_and(|s| self.stories.contains(s)) {
            Scope::Story
        } else {
            Scope::Cross
        };
        if scope == Scope::Cross {
            // Across stories both sides must be dated, and finely enough.
            let d = e.date?;
            if self.dates.is_empty() || self.dates.len() < self.members.len() {
                return None;
            }
            let coarse = self.dates.iter().map(|m| m.precision()).chain([d.precision()]).max()?;
            if coarse > cfg.cross_story_coarsest {
                return None;
            }
        }
        Some(scope)
    }

    fn add(&mut self, i: usize, e: &EventInput) {
        self.members.push(i);
        self.symmetric |= e.symmetric;
        if let Some(d) = e.date {
            self.dates.push(d);
            self.finest = match self.finest {
                Some(f) => f.finest_compatible(d).or(Some(f)),
                None => Some(d),
            };
        }
        merge_place(&mut self.place, &e.place);
        if !self.files.contains(&e.file) {
            self.files.push(e.file.clone());
        }
        if let Some(s) = &e.story
            && !self.stories.contains(s)
        {
            self.stories.push(s.clone());
        }
    }
}

/// Merges the events that report one real-world event.
///
/// Two reports merge when they have the same CAMEO code and the same source and target (either order only if both
/// are symmetric; a directed report never joins a symmetric one), compatible dates (one period contains the other), compatible places (equal where both are known), and
/// lie in the same page, the same story, or — with dates no coarser than `cross_story_coarsest` — different stories.
/// An undated report merges only within its page or story. Reports are taken finest date first, so a month-level
/// report joins the day-level event it contains rather than founding its own; among several events it could join it
/// prefers one in its own page, then its own story, then the earliest founded.
pub fn consolidate(events: &[EventInput], config: &ConsolidateConfig) -> Vec<ConsolidatedEvent> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].date.map_or(u8::MAX, |d| d.precision() as u8), i));
    let mut clusters: Vec<Cluster> = Vec::new();
    // Bucket by (root, unordered pair) so that only plausible clusters are examined.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for i in order {
        let e = &events[i];
        let bucket = buckets.entry(bucket_key(&e.code, &e.source, &e.target)).or_default();
        let best = bucket.iter().filter_map(|&c| clusters[c].admits(e, config).map(|scope| (scope, c))).min();
        match best {
            Some((_, c)) => clusters[c].add(i, e),
            None => {
                let mut c = Cluster {
                    members: Vec::new(),
                    code: e.code.clone(),
                    source: e.source.clone(),
                    target: e.target.clone(),
                    symmetric: e.symmetric,
                    dates: Vec::new(),
                    finest: None,
                    place: None,
                    files: Vec::new(),
                    stories: Vec::new(),
                };
                c.add(i, e);
                bucket.push(clusters.len());
                clusters.push(c);
            }
        }
    }
    let mut out: Vec<ConsolidatedEvent> = clusters.into_iter().map(|c| finish(c, events)).collect();
    out.sort_by(|a, b| a.date.map(|d| d.first_day()).cmp(&b.date.map(|d| d.first_day())).then(a.id.cmp(&b.id)));
    out
}

fn finish(c: Cluster, events: &[EventInput]) -> ConsolidatedEvent {
    let mut members = c.members;
    members.sort_unstable();
    let mut codes: Vec<(&str, usize)> = Vec::new();
    for &m in &members {
        let code = events[m].code.as_str();
        match codes.iter_mut().find(|(c, _)| *c == code) {
            Some(slot) => slot.1 += 1,
            None => codes.push((code, 1)),
        }
    }
    let code = codes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.len().cmp(&b.0.len())).then(b.0.cmp(a.0)))
        .map_or(String::new(), |c| c.0.to_string());
    let mut mentions: Vec<Mention> = Vec::new();
    for &m in &members {
        for mention in &events[m].mentions {
            if !mentions
                .iter()
                .any(|x| x.page_key() == mention.page_key() && x.start == mention.start && x.end == mention.end)
            {
                mentions.push(mention.clone());
            }
        }
    }
    let mut sources: Vec<String> = members.iter().map(|&m| outlet_key(&events[m])).collect();
    sources.sort_unstable();
    sources.dedup();
    let mut articles: Vec<&str> = members.iter().map(|&m| events[m].file.as_str()).collect();
    articles.extend(mentions.iter().map(Mention::page_key));
    articles.sort_unstable();
    articles.dedup();
    let num_articles = articles.len();
    let first = &events[members[0]];
    ConsolidatedEvent {
        id: format!("{:016x}", hash_str(0xe7e7, &first.id)),
        root: cameo_root(&code).to_string(),
        code,
        source: c.source,
        target: c.target,
        symmetric: c.symmetric,
        date: c.finest,
        place: c.place,
        num_mentions: mentions.len(),
        mentions,
        members: members.iter().map(|&m| events[m].id.clone()).collect(),
        num_sources: sources.len(),
        num_articles,
        story: first.story.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_is_one_root_and_one_unordered_pair() {
        assert_eq!(bucket_key("0421", "PRK", "CUB"), "04|CUB|PRK");
        assert_eq!(bucket_key("040", "CUB", "PRK"), bucket_key("0421", "PRK", "CUB"));
        assert_ne!(bucket_key("051", "CUB", "PRK"), bucket_key("040", "CUB", "PRK"));
    }

    fn ev(id: &str, file: &str, outlet: Option<&str>, story: &str, src: &str, tgt: &str, code: &str) -> EventInput {
        EventInput {
            id: id.into(),
            file: file.into(),
            outlet: outlet.map(str::to_string),
            story: (!story.is_empty()).then(|| story.to_string()),
            source: src.into(),
            target: tgt.into(),
            code: code.into(),
            symmetric: false,
            date: None,
            place: None,
            mentions: vec![Mention {
                file: file.into(),
                sentence: 1,
                start: 0,
                end: 10,
                text: format!("{id} text"),
                doc: None,
                evidence: None,
            }],
        }
    }

    fn dated(mut e: EventInput, date: &str) -> EventInput {
        e.date = Some(date.parse().unwrap());
        e
    }

    fn at(mut e: EventInput, name: &str) -> EventInput {
        e.place = Some(Place { name: Some(name.into()), country: None });
        e
    }

    fn run(events: &[EventInput]) -> Vec<ConsolidatedEvent> {
        consolidate(events, &ConsolidateConfig::default())
    }

    #[test]
    fn month_and_day_reports_in_two_stories_merge_to_the_day_with_two_sources() {
        let a = at(dated(ev("a", "p1", Some("Agency A"), "s1", "CUB", "PRK", "042"), "2018-11-05"), "Pyongyang");
        let b = dated(ev("b", "p2", None, "s2", "CUB", "PRK", "042"), "2018-11");
        let out = run(&[b, a]);
        assert_eq!(out.len(), 1);
        let e = &out[0];
        assert_eq!(e.date.unwrap().to_string(), "2018-11-05");
        assert_eq!((e.num_sources, e.num_articles, e.num_mentions), (2, 2, 2));
        assert_eq!(e.place.as_ref().and_then(|p| p.name.as_deref()), Some("Pyongyang"));
    }

    #[test]
    fn one_event_in_two_pages_of_a_story_is_one_event_with_two_articles() {
        let a = dated(ev("a", "p1", Some("Wire"), "s", "PRK", "CUB", "042"), "2017-04-27");
        let b = dated(ev("b", "p2", None, "s", "PRK", "CUB", "042"), "2017-04-27");
        let out = run(&[a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].num_articles, 2);
        assert_eq!(out[0].num_sources, 2, "a page with no outlet is a source of its own");
        assert_eq!(out[0].root, "04");
    }

    #[test]
    fn same_outlet_twice_is_one_source() {
        let a = dated(ev("a", "p1", Some("Wire"), "s", "PRK", "CUB", "042"), "2017-04-27");
        let b = dated(ev("b", "p2", Some("wire "), "s", "PRK", "CUB", "042"), "2017-04-27");
        let out = run(&[a, b]);
        assert_eq!((out.len(), out[0].num_sources, out[0].num_articles), (1, 1, 2));
    }

    #[test]
    fn symmetric_events_match_in_either_order_and_directed_ones_do_not() {
        let mut a = dated(ev("a", "p1", None, "s", "PRK", "DZA", "043"), "2017-W17");
        a.symmetric = true;
        let mut b = dated(ev("b", "p2", None, "s", "DZA", "PRK", "043"), "2017-W17");
        b.symmetric = true;
        assert_eq!(run(&[a, b]).len(), 1);
        let c = dated(ev("c", "p1", None, "s", "PRK", "DZA", "030"), "2017-W17");
        let d = dated(ev("d", "p2", None, "s", "DZA", "PRK", "030"), "2017-W17");
        assert_eq!(run(&[c, d]).len(), 2);
    }

    #[test]
    fn a_visit_and_the_talks_held_during_it_are_two_events() {
        // "Lavrov arrived at Wonsan Airport on Friday" (042 RUS→PRK) and the PRK↔RUS talks (040) of that day.
        let visit = dated(ev("v", "p1", None, "s", "RUS", "PRK", "042"), "2025-07-11");
        let mut talks = dated(ev("t", "p1", None, "s", "PRK", "RUS", "040"), "2025-07-11");
        talks.symmetric = true;
        let out = run(&[talks.clone(), visit.clone()]);
        assert_eq!(out.len(), 2);
        let v = out.iter().find(|e| e.code == "042").expect("the visit stays");
        assert_eq!((v.source.as_str(), v.target.as_str(), v.symmetric), ("RUS", "PRK", false));
        // The same code, one report directed and one symmetric: still two, and the directed one keeps its order.
        let mut met = dated(ev("m", "p1", None, "s", "PRK", "RUS", "042"), "2025-07-11");
        met.symmetric = true;
        let out = run(&[met, visit]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().any(|e| !e.symmetric && e.source == "RUS" && e.target == "PRK"));
        // Two symmetric reports of the talks, in either order, are one.
        let mut again = dated(ev("u", "p2", None, "s", "RUS", "PRK", "040"), "2025-07-11");
        again.symmetric = true;
        assert_eq!(run(&[talks, again]).len(), 1);
    }

    #[test]
    fn different_codes_of_one_root_do_not_merge() {
        let a = dated(ev("a", "p1", None, "s", "PRK", "CUB", "042"), "2017-04-27");
        let b = dated(ev("b", "p2", None, "s", "PRK", "CUB", "043"), "2017-04-27");
        assert_eq!(run(&[a, b]).len(), 2);
    }

    #[test]
    fn different_roots_do_not_merge() {
        let a = dated(ev("a", "p1", None, "s", "LBN", "PRK", "043"), "2017-04-25");
        let b = dated(ev("b", "p1", None, "s", "LBN", "PRK", "030"), "2017-04-25");
        assert_eq!(run(&[a, b]).len(), 2);
    }

    #[test]
    fn incompatible_dates_and_places_do_not_merge() {
        let a = dated(ev("a", "p1", None, "s", "PRK", "RUS", "043"), "2025-07-12");
        let b = dated(ev("b", "p1", None, "s", "PRK", "RUS", "043"), "2025-07-11");
        assert_eq!(run(&[a.clone(), b]).len(), 2);
        let c = dated(ev("c", "p2", None, "s2", "PRK", "RUS", "043"), "2025-06");
        assert_eq!(run(&[a.clone(), c]).len(), 2, "June does not contain 12 July");
        let x = at(a.clone(), "Wonsan");
        let y = at(dated(ev("y", "p2", None, "s", "PRK", "RUS", "043"), "2025-07-12"), "Moscow");
        assert_eq!(run(&[x, y]).len(), 2);
    }

    #[test]
    fn a_coarse_report_may_not_bridge_two_incompatible_members() {
        // A month report joins the day cluster, but a week that straddles the month is incompatible with it.
        let a = dated(ev("a", "p1", None, "s", "CUB", "PRK", "042"), "2018-11-02");
        let b = dated(ev("b", "p1", None, "s", "CUB", "PRK", "042"), "2018-11");
        let c = dated(ev("c", "p1", None, "s", "CUB", "PRK", "042"), "2018-W44");
        let out = run(&[a, b, c]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn window_depends_on_precision_across_stories_only() {
        let a = dated(ev("a", "p1", None, "s1", "USA", "IRN", "163"), "2019");
        let b = dated(ev("b", "p2", None, "s2", "USA", "IRN", "163"), "2019");
        assert_eq!(run(&[a.clone(), b.clone()]).len(), 2, "year-level reports in different stories stay apart");
        let mut b_same_story = b.clone();
        b_same_story.story = Some("s1".into());
        assert_eq!(run(&[a, b_same_story]).len(), 1, "within a story any compatible precision merges");
        let m1 = dated(ev("m1", "p1", None, "s1", "USA", "IRN", "163"), "2019-05");
        let m2 = dated(ev("m2", "p2", None, "s2", "USA", "IRN", "163"), "2019-05");
        assert_eq!(run(&[m1, m2]).len(), 1, "month-level reports merge across stories");
        let cfg = ConsolidateConfig { cross_story_coarsest: Precision::Day };
        let d1 = dated(ev("d1", "p1", None, "s1", "USA", "IRN", "163"), "2019-05");
        let d2 = dated(ev("d2", "p2", None, "s2", "USA", "IRN", "163"), "2019-05-03");
        assert_eq!(consolidate(&[d1, d2], &cfg).len(), 2);
    }

    #[test]
    fn undated_reports_merge_within_a_story_but_not_across() {
        let a = dated(ev("a", "p1", None, "s1", "PRK", "CUB", "051"), "2020-08-29");
        let b = ev("b", "p2", None, "s1", "PRK", "CUB", "051");
        let c = ev("c", "p3", None, "s3", "PRK", "CUB", "051");
        let out = run(&[a, b, c]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().any(|e| e.num_articles == 2 && e.date.is_some()));
    }

    #[test]
    fn mentions_keep_every_sentence_once_and_page_merges_come_first() {
        let a = dated(ev("a", "p1", None, "", "PRK", "CUB", "042"), "2017-04-27");
        let mut b = a.clone();
        b.id = "b".into();
        b.mentions.push(Mention {
            file: "p1".into(),
            sentence: 5,
            start: 50,
            end: 60,
            text: "again".into(),
            doc: None,
            evidence: None,
        });
        let out = run(&[a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].num_mentions, out[0].num_articles, out[0].num_sources), (2, 1, 1));
        assert_eq!(out[0].members, vec!["a".to_string(), "b".to_string()]);
    }

    proptest::proptest! {
        #[test]
        fn every_input_lands_in_exactly_one_event(
            specs in proptest::collection::vec((0u8..3, 0u8..3, 0u8..3, 0u8..4, 0u8..3, proptest::bool::ANY), 0..40)
        ) {
            let dates = ["2018-11-05", "2018-11", "2018-W45", "2018"];
            let events: Vec<EventInput> = specs
                .iter()
                .enumerate()
                .map(|(i, &(src, tgt, root, date, story, sym))| {
                    let mut e = ev(
                        &format!("e{i}"),
                        &format!("p{}", i % 5),
                        None,
                        &format!("s{story}"),
                        ["PRK", "CUB", "RUS"][src as usize],
                        ["PRK", "CUB", "RUS"][tgt as usize],
                        ["042", "051", "190"][root as usize],
                    );
                    e.symmetric = sym;
                    dated(e, dates[date as usize])
                })
                .collect();
            let out = run(&events);
            let mut seen: Vec<String> = out.iter().flat_map(|e| e.members.clone()).collect();
            seen.sort();
            let mut want: Vec<String> = events.iter().map(|e| e.id.clone()).collect();
            want.sort();
            proptest::prop_assert_eq!(seen, want);
            for e in &out {
                proptest::prop_assert!(e.num_sources >= 1 && e.num_sources <= e.num_articles);
                proptest::prop_assert!(e.num_articles <= e.num_mentions);
                let members: Vec<&EventInput> = events.iter().filter(|x| e.members.contains(&x.id)).collect();
                for m in &members {
                    proptest::prop_assert_eq!(&m.code, &e.code);
                    proptest::prop_assert_eq!(m.symmetric, e.symmetric);
                    let d = m.date.unwrap();
                    proptest::prop_assert!(d.contains(e.date.unwrap()), "the finest date lies in every member's");
                }
            }
        }
    }

    #[test]
    fn root_of_short_code_is_the_code() {
        assert_eq!(cameo_root("0"), "0");
        assert_eq!(cameo_root("1831"), "18");
    }
}
