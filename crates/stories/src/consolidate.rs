//! Event consolidation: the reports of one real-world event, in one page, one story or several stories, become one
//! event record that lists every sentence that reports it.
//!
//! It reads the event records themselves ([`EventReport`]: a record and what its page says of it) and gives back
//! records, with the members as indices into the reports, so no second event type exists to convert to and back.

use crate::hash::ByteHasher;
use chrono::NaiveDate;
use dyad_core::{DateValue, Mention, Precision};
use dyad_events::{EventRecord, Location, Party};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// One page's event as consolidation reads it: the record, which event of which document it is, and its page's
/// outlet and story.
#[derive(Debug, Clone, Copy)]
pub struct EventReport<'a> {
    /// The event as coded in its page (one record per sentence, source, code and target).
    pub event: &'a EventRecord,
    /// Its document (content hash, or file name where there is none).
    pub doc: &'a str,
    /// Its number among the document's events. `doc` and `ord` of a consolidated event's first member name it.
    pub ord: usize,
    /// The page's outlet; `None` when unknown, in which case the page counts as a source of its own.
    pub outlet: Option<&'a str>,
    /// The page's story id, if the page belongs to one.
    pub story: Option<&'a str>,
}

impl<'a> EventReport<'a> {
    /// The page it comes from, as its first mention names it ([`Mention::page_key`]).
    fn page(&self) -> &'a str {
        self.event.mentions.first().map_or("", Mention::page_key)
    }

    fn source(&self) -> &'a str {
        actor_key(Some(&self.event.source))
    }

    fn target(&self) -> &'a str {
        actor_key(self.event.target.as_ref())
    }

    fn date(&self) -> Option<DateValue> {
        self.event.date.as_ref().and_then(|d| d.period())
    }
}

/// A consolidated event: the record, and the reports it was made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsolidatedEvent {
    /// The record: id, code, actors, date, place and flags of one member, every sentence of all of them.
    pub record: EventRecord,
    /// The indices of its reports, ascending.
    pub members: Vec<usize>,
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

/// The bucket `event` is consolidated in ([`bucket_key`] of its code and actor keys).
pub fn bucket_of(event: &EventRecord) -> String {
    bucket_key(&event.code, actor_key(Some(&event.source)), actor_key(event.target.as_ref()))
}

/// The key events are consolidated on: the actor's country where it has one, else its id; `-` for no actor.
fn actor_key(party: Option<&Party>) -> &str {
    party.map_or("-", |p| p.country.as_deref().unwrap_or(&p.id))
}

/// Where an event happened, as far as its members know: the name and country of the first that says.
#[derive(Clone, Copy, Default)]
struct Place<'a> {
    name: Option<&'a str>,
    country: Option<&'a str>,
}

impl<'a> Place<'a> {
    fn of(location: &'a Location) -> Place<'a> {
        Place { name: Some(&location.name), country: location.country.as_deref() }
    }
}

fn same_name(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.trim().eq_ignore_ascii_case(y.trim()),
        _ => true,
    }
}

fn places_compatible(a: Option<Place<'_>>, b: Option<&Location>) -> bool {
    match (a, b.map(Place::of)) {
        (Some(x), Some(y)) => same_name(x.name, y.name) && same_name(x.country, y.country),
        _ => true,
    }
}

fn merge_place<'a>(into: &mut Option<Place<'a>>, from: Option<&'a Location>) {
    let Some(f) = from.map(Place::of) else { return };
    let p = into.get_or_insert_with(Place::default);
    if p.name.is_none() {
        p.name = f.name;
    }
    if p.country.is_none() {
        p.country = f.country;
    }
}

fn outlet_key(r: &EventReport<'_>) -> String {
    match r.outlet {
        Some(o) if !o.trim().is_empty() => format!("outlet:{}", o.trim().to_lowercase()),
        _ => format!("file:{}", r.page()),
    }
}

/// An event being built. Its checks cost O(1) in its number of members (a page of 200,000 identical sentences,
/// or 100,000 pages of one event, made them quadratic): the members' dates are kept once each — they are pairwise
/// nested, so there are at most a handful of distinct ones — with a count of dated members, and pages and stories
/// are hash sets.
struct Cluster<'a> {
    members: Vec<usize>,
    code: &'a str,
    source: &'a str,
    target: &'a str,
    symmetric: bool,
    /// The distinct dates of the members.
    dates: Vec<DateValue>,
    /// How many members have a date.
    dated: usize,
    finest: Option<DateValue>,
    place: Option<Place<'a>>,
    pages: HashSet<&'a str>,
    stories: HashSet<&'a str>,
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Scope {
    Page,
    Story,
    Cross,
}

impl<'a> Cluster<'a> {
    fn founded_by(r: &EventReport<'a>) -> Cluster<'a> {
        Cluster {
            members: Vec::new(),
            code: &r.event.code,
            source: r.source(),
            target: r.target(),
            symmetric: r.event.flags.symmetric,
            dates: Vec::new(),
            dated: 0,
            finest: None,
            place: None,
            pages: HashSet::new(),
            stories: HashSet::new(),
        }
    }

    /// Whether `r` can report the same act as this cluster: the same CAMEO code (a visit, 042, and the talks held
    /// during it, 040, are two acts) and the same direction, or the reverse one when both are symmetric (a
    /// meeting). A directed event never joins a symmetric one, so neither absorbs nor flips the other.
    fn same_act(&self, r: &EventReport<'_>) -> bool {
        if r.event.code != self.code || r.event.flags.symmetric != self.symmetric {
            return false;
        }
        let (source, target) = (r.source(), r.target());
        let same_order = source == self.source && target == self.target;
        let swapped = source == self.target && target == self.source;
        same_order || (swapped && self.symmetric)
    }

    /// The scope at which `r` would join, or `None` when it may not.
    fn admits(&self, r: &EventReport<'_>, date: Option<DateValue>, cfg: &ConsolidateConfig) -> Option<Scope> {
        if !self.same_act(r) || !places_compatible(self.place, r.event.location.as_ref()) {
            return None;
        }
        if let Some(d) = date
            && !self.dates.iter().all(|&m| m.contains(d) || d.contains(m))
        {
            return None;
        }
        let scope = if self.pages.contains(r.page()) {
            Scope::Page
        } else if r.story.is_some_and(|s| self.stories.contains(s)) {
            Scope::Story
        } else {
            Scope::Cross
        };
        if scope == Scope::Cross {
            // Across stories both sides must be dated, and finely enough.
            let d = date?;
            if self.dates.is_empty() || self.dated < self.members.len() {
                return None;
            }
            let coarse = self.dates.iter().map(|m| m.precision()).chain([d.precision()]).max()?;
            if coarse > cfg.cross_story_coarsest {
                return None;
            }
        }
        Some(scope)
    }

    fn add(&mut self, i: usize, r: &EventReport<'a>, date: Option<DateValue>) {
        self.members.push(i);
        self.symmetric |= r.event.flags.symmetric;
        if let Some(d) = date {
            self.dated += 1;
            if !self.dates.contains(&d) {
                self.dates.push(d);
            }
            self.finest = match self.finest {
                Some(f) => f.finest_compatible(d).or(Some(f)),
                None => Some(d),
            };
        }
        merge_place(&mut self.place, r.event.location.as_ref());
        self.pages.insert(r.page());
        if let Some(s) = r.story {
            self.stories.insert(s);
        }
    }
}

/// Merges the reports of one real-world event.
///
/// Two reports merge when they have the same CAMEO code and the same source and target (either order only if both
/// are symmetric; a directed report never joins a symmetric one), compatible dates (one period contains the other), compatible places (equal where both are known), and
/// lie in the same page, the same story, or — with dates no coarser than `cross_story_coarsest` — different stories.
/// An undated report merges only within its page or story. Reports are taken finest date first, so a month-level
/// report joins the day-level event it contains rather than founding its own; among several events it could join it
/// prefers one in its own page, then its own story, then the earliest founded. Actors are matched on their country
/// where they have one, else on their id.
///
/// The events come out ordered by date (undated first), then id.
pub fn consolidate(reports: &[EventReport<'_>], config: &ConsolidateConfig) -> Vec<ConsolidatedEvent> {
    let dates: Vec<Option<DateValue>> = reports.iter().map(EventReport::date).collect();
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| (dates[i].map_or(u8::MAX, |d| d.precision() as u8), i));
    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    // Bucket by (root, unordered pair) so that only plausible clusters are examined.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for i in order {
        let r = &reports[i];
        let bucket = buckets.entry(bucket_of(r.event)).or_default();
        let best = bucket.iter().filter_map(|&c| clusters[c].admits(r, dates[i], config).map(|scope| (scope, c))).min();
        match best {
            Some((_, c)) => clusters[c].add(i, r, dates[i]),
            None => {
                let mut c = Cluster::founded_by(r);
                c.add(i, r, dates[i]);
                bucket.push(clusters.len());
                clusters.push(c);
            }
        }
    }
    let mut out: Vec<(Option<NaiveDate>, ConsolidatedEvent)> =
        clusters.into_iter().map(|c| (c.finest.map(DateValue::first_day), finish(c, reports, &dates))).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.record.id.cmp(&b.1.record.id)));
    out.into_iter().map(|(_, e)| e).collect()
}

/// The stable id of an event whose first member is event `ord` of `doc`: a hash of `doc#ord`.
fn event_id(doc: &str, ord: usize) -> String {
    struct Hashing(ByteHasher);
    impl std::fmt::Write for Hashing {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.bytes(s.as_bytes());
            Ok(())
        }
    }
    let mut h = Hashing(ByteHasher::new(0xe7e7));
    // Writing into a hasher cannot fail.
    let _ = write!(h, "{doc}#{ord}");
    format!("{:016x}", h.0.finish())
}

/// The record of a cluster: the member whose date is the cluster's (else the first) gives actors, pattern, date,
/// place and flags; the cluster gives the mentions, counts, symmetry and story (its first member's).
fn finish(c: Cluster<'_>, reports: &[EventReport<'_>], dates: &[Option<DateValue>]) -> ConsolidatedEvent {
    let mut members = c.members;
    members.sort_unstable();
    let first = &reports[members[0]];
    let representative = members.iter().find(|&&m| dates[m] == c.finest).map_or(first, |&m| &reports[m]).event;
    let mut mentions: Vec<Mention> = Vec::new();
    let mut seen: HashSet<(&str, usize, usize)> = HashSet::new();
    for &m in &members {
        for mention in &reports[m].event.mentions {
            if seen.insert((mention.page_key(), mention.start, mention.end)) {
                mentions.push(mention.clone());
            }
        }
    }
    let mut sources: Vec<String> = members.iter().map(|&m| outlet_key(&reports[m])).collect();
    sources.sort_unstable();
    sources.dedup();
    let num_articles = {
        let mut articles: Vec<&str> = members.iter().map(|&m| reports[m].page()).collect();
        articles.extend(mentions.iter().map(Mention::page_key));
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    };
    let mut record = EventRecord::for_code(
        c.code,
        representative.source.clone(),
        representative.target.clone(),
        representative.pattern.clone(),
    )
    .unwrap_or_else(|| representative.clone());
    record.id = event_id(first.doc, first.ord);
    record.date.clone_from(&representative.date);
    record.location = representative.location.clone().or_else(|| {
        c.place.and_then(|p| Some(Location { name: p.name?.to_string(), country: p.country.map(str::to_string) }))
    });
    record.flags = representative.flags;
    record.flags.symmetric = c.symmetric;
    record.num_mentions = mentions.len();
    record.mentions = mentions;
    record.num_sources = sources.len();
    record.num_articles = num_articles;
    record.story = first.story.map(str::to_string);
    ConsolidatedEvent { record, members }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_events::EventDate;

    #[test]
    fn a_bucket_is_one_root_and_one_unordered_pair() {
        assert_eq!(bucket_key("0421", "PRK", "CUB"), "04|CUB|PRK");
        assert_eq!(bucket_key("040", "CUB", "PRK"), bucket_key("0421", "PRK", "CUB"));
        assert_ne!(bucket_key("051", "CUB", "PRK"), bucket_key("040", "CUB", "PRK"));
        let e = ev("a", "p1", None, "", "PRK", "CUB", "042");
        assert_eq!(bucket_of(&e.record), "04|CUB|PRK");
        let mut no_country = e.record.clone();
        (no_country.source.country, no_country.target) = (None, None);
        assert_eq!(bucket_of(&no_country), "04|-|prk", "the id without a country, `-` without an actor");
    }

    /// A page's event with what its page says of it.
    #[derive(Clone)]
    struct Ev {
        record: EventRecord,
        outlet: Option<String>,
        story: Option<String>,
    }

    fn party(key: &str) -> Party {
        Party { id: key.to_lowercase(), name: key.into(), code: None, country: Some(key.into()) }
    }

    fn ev(id: &str, file: &str, outlet: Option<&str>, story: &str, src: &str, tgt: &str, code: &str) -> Ev {
        let mut record = EventRecord::for_code(code, party(src), Some(party(tgt)), "").expect("a CAMEO code");
        record.mentions.push(Mention {
            file: file.into(),
            sentence: 1,
            start: 0,
            end: 10,
            text: format!("{id} text"),
            doc: None,
            evidence: None,
        });
        Ev { record, outlet: outlet.map(str::to_string), story: (!story.is_empty()).then(|| story.to_string()) }
    }

    fn dated(mut e: Ev, date: &str) -> Ev {
        e.record.date = Some(EventDate::from_value(date.parse().unwrap(), "stated"));
        e
    }

    fn at(mut e: Ev, name: &str) -> Ev {
        e.record.location = Some(Location { name: name.into(), country: None });
        e
    }

    fn symmetric(mut e: Ev) -> Ev {
        e.record.flags.symmetric = true;
        e
    }

    fn run_with(events: &[Ev], cfg: &ConsolidateConfig) -> Vec<EventRecord> {
        consolidate(&reports(events), cfg).into_iter().map(|c| c.record).collect()
    }

    fn reports(events: &[Ev]) -> Vec<EventReport<'_>> {
        events
            .iter()
            .enumerate()
            .map(|(ord, e)| EventReport {
                event: &e.record,
                doc: "d",
                ord,
                outlet: e.outlet.as_deref(),
                story: e.story.as_deref(),
            })
            .collect()
    }

    fn run(events: &[Ev]) -> Vec<EventRecord> {
        run_with(events, &ConsolidateConfig::default())
    }

    fn date(e: &EventRecord) -> Option<DateValue> {
        e.date.as_ref().and_then(|d| d.period())
    }

    #[test]
    fn month_and_day_reports_in_two_stories_merge_to_the_day_with_two_sources() {
        let a = at(dated(ev("a", "p1", Some("Agency A"), "s1", "CUB", "PRK", "042"), "2018-11-05"), "Pyongyang");
        let b = dated(ev("b", "p2", None, "s2", "CUB", "PRK", "042"), "2018-11");
        let out = run(&[b, a]);
        assert_eq!(out.len(), 1);
        let e = &out[0];
        assert_eq!(date(e).unwrap().to_string(), "2018-11-05");
        assert_eq!((e.num_sources, e.num_articles, e.num_mentions), (2, 2, 2));
        assert_eq!(e.location.as_ref().map(|p| p.name.as_str()), Some("Pyongyang"));
        assert_eq!(e.story.as_deref(), Some("s2"), "the story of the first member");
        assert_eq!(e.id, event_id("d", 0), "named after the first member");
    }

    #[test]
    fn the_place_is_the_first_known_when_the_dated_member_has_none() {
        let a = dated(ev("a", "p1", None, "s", "CUB", "PRK", "042"), "2018-11-05");
        let b = at(dated(ev("b", "p1", None, "s", "CUB", "PRK", "042"), "2018-11"), "Havana");
        let out = run(&[a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].location.as_ref().map(|p| p.name.as_str()), Some("Havana"));
        assert_eq!(date(&out[0]).unwrap().to_string(), "2018-11-05");
    }

    #[test]
    fn ids_hash_the_first_members_document_and_number() {
        assert_eq!(event_id("a.txt", 3), format!("{:016x}", crate::hash::hash_str(0xe7e7, "a.txt#3")));
        assert_ne!(event_id("a.txt", 3), event_id("a.txt", 4));
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
        let a = symmetric(dated(ev("a", "p1", None, "s", "PRK", "DZA", "043"), "2017-W17"));
        let b = symmetric(dated(ev("b", "p2", None, "s", "DZA", "PRK", "043"), "2017-W17"));
        assert_eq!(run(&[a, b]).len(), 1);
        let c = dated(ev("c", "p1", None, "s", "PRK", "DZA", "030"), "2017-W17");
        let d = dated(ev("d", "p2", None, "s", "DZA", "PRK", "030"), "2017-W17");
        assert_eq!(run(&[c, d]).len(), 2);
    }

    #[test]
    fn a_visit_and_the_talks_held_during_it_are_two_events() {
        // "Lavrov arrived at Wonsan Airport on Friday" (042 RUS→PRK) and the PRK↔RUS talks (040) of that day.
        let visit = dated(ev("v", "p1", None, "s", "RUS", "PRK", "042"), "2025-07-11");
        let talks = symmetric(dated(ev("t", "p1", None, "s", "PRK", "RUS", "040"), "2025-07-11"));
        let out = run(&[talks.clone(), visit.clone()]);
        assert_eq!(out.len(), 2);
        let v = out.iter().find(|e| e.code == "042").expect("the visit stays");
        assert_eq!((v.source.name.as_str(), v.flags.symmetric), ("RUS", false));
        assert_eq!(v.target.as_ref().map(|t| t.name.as_str()), Some("PRK"));
        // The same code, one report directed and one symmetric: still two, and the directed one keeps its order.
        let met = symmetric(dated(ev("m", "p1", None, "s", "PRK", "RUS", "042"), "2025-07-11"));
        let out = run(&[met, visit]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().any(|e| !e.flags.symmetric && e.source.name == "RUS"));
        // Two symmetric reports of the talks, in either order, are one.
        let again = symmetric(dated(ev("u", "p2", None, "s", "RUS", "PRK", "040"), "2025-07-11"));
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
        assert_eq!(run_with(&[d1, d2], &cfg).len(), 2);
    }

    #[test]
    fn undated_reports_merge_within_a_story_but_not_across() {
        let a = dated(ev("a", "p1", None, "s1", "PRK", "CUB", "051"), "2020-08-29");
        let b = ev("b", "p2", None, "s1", "PRK", "CUB", "051");
        let c = ev("c", "p3", None, "s3", "PRK", "CUB", "051");
        let out = run(&[a, b, c]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().any(|e| e.num_articles == 2 && e.date.is_some()));
        assert!(out[0].date.is_none(), "undated first");
    }

    #[test]
    fn mentions_keep_every_sentence_once_and_page_merges_come_first() {
        let a = dated(ev("a", "p1", None, "", "PRK", "CUB", "042"), "2017-04-27");
        let mut b = a.clone();
        b.record.mentions.push(Mention {
            file: "p1".into(),
            sentence: 5,
            start: 50,
            end: 60,
            text: "again".into(),
            doc: None,
            evidence: None,
        });
        let events = [a, b];
        let out = consolidate(&reports(&events), &ConsolidateConfig::default());
        assert_eq!(out.len(), 1);
        let e = &out[0].record;
        assert_eq!((e.num_mentions, e.num_articles, e.num_sources), (2, 1, 1));
        assert_eq!(out[0].members, vec![0, 1]);
    }

    proptest::proptest! {
        #[test]
        fn every_input_lands_in_exactly_one_event(
            specs in proptest::collection::vec((0u8..3, 0u8..3, 0u8..3, 0u8..4, 0u8..3, proptest::bool::ANY), 0..40)
        ) {
            let dates = ["2018-11-05", "2018-11", "2018-W45", "2018"];
            let events: Vec<Ev> = specs
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
                    e.record.flags.symmetric = sym;
                    dated(e, dates[date as usize])
                })
                .collect();
            let out = consolidate(&reports(&events), &ConsolidateConfig::default());
            let mut seen: Vec<usize> = out.iter().flat_map(|e| e.members.clone()).collect();
            seen.sort_unstable();
            proptest::prop_assert_eq!(seen, (0..events.len()).collect::<Vec<_>>());
            for c in &out {
                let e = &c.record;
                proptest::prop_assert!(e.num_sources >= 1 && e.num_sources <= e.num_articles);
                proptest::prop_assert!(e.num_articles <= e.num_mentions);
                for &m in &c.members {
                    let m = &events[m].record;
                    proptest::prop_assert_eq!(&m.code, &e.code);
                    proptest::prop_assert_eq!(m.flags.symmetric, e.flags.symmetric);
                    let d = date(m).unwrap();
                    proptest::prop_assert!(d.contains(date(e).unwrap()), "the finest date lies in every member's");
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
