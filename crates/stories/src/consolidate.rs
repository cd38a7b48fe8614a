//! Event consolidation: the reports of one real-world event, in one page, one story or several stories, become one
//! event record that lists every sentence that reports it.
//!
//! It reads the event records themselves ([`EventReport`]: a record and what its page says of it) and gives back
//! records, with the members as indices into the reports, so no second event type exists to convert to and back.

use crate::hash::ByteHasher;
use chrono::NaiveDate;
use dyad_core::{ActorCode, DateValue, Mention, Precision, Sector};
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

/// What a report says of one party below its country: its own id when it is a person, an organisation, a place or
/// a group (an id that is neither its code nor its country: `leader:donald-trump`, `FIRM_WEWORK`,
/// `place:usa:texas`), and the first sector of its code (`GOV` for `USAGOV` and for a president coded `USAGOV`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Detail<'a> {
    named: Option<&'a str>,
    sector: Option<Sector>,
}

impl<'a> Detail<'a> {
    fn of(party: Option<&'a Party>) -> Detail<'a> {
        let Some(p) = party else { return Detail::default() };
        let generic = p.code.as_deref() == Some(p.id.as_str()) || p.country.as_deref() == Some(p.id.as_str());
        Detail {
            named: (!generic).then_some(p.id.as_str()),
            sector: p.code.as_deref().and_then(|c| ActorCode::parse(c).ok()).and_then(|c| c.sector()),
        }
    }
}

/// A report's two parties below country level, and whether its act is domestic (both parties of one country).
#[derive(Debug, Clone, Copy)]
struct Parties<'a> {
    source: Detail<'a>,
    target: Detail<'a>,
    domestic: bool,
}

impl<'a> Parties<'a> {
    fn of(event: &'a EventRecord) -> Parties<'a> {
        let country = |p: Option<&'a Party>| p.and_then(|p| p.country.as_deref());
        let (s, t) = (country(Some(&event.source)), country(event.target.as_ref()));
        Parties {
            source: Detail::of(Some(&event.source)),
            target: Detail::of(event.target.as_ref()),
            domestic: s.is_some() && s == t,
        }
    }

    /// The parties as the cluster's source and target when the report stands `swapped` against it.
    fn oriented(self, swapped: bool) -> (Detail<'a>, Detail<'a>) {
        if swapped { (self.target, self.source) } else { (self.source, self.target) }
    }
}

const _: () = assert!(Sector::ALL.len() <= 64, "a sector set is one u64");

fn bit(s: Sector) -> u64 {
    1 << (s as u32)
}

/// What a cluster's members say of one of its parties, kept so that a report is compared with every member in O(1).
/// Two details disagree when both are named and their ids differ, or when not both are named, both have a sector
/// and the sectors differ; they agree when the ids (both named) or the sectors (otherwise) are the same; else
/// neither is known.
#[derive(Default)]
struct Side<'a> {
    /// The id of the first named member, and whether another named member had another id.
    id: Option<&'a str>,
    several_ids: bool,
    /// The sectors of the named members, and whether one had none.
    named_sectors: u64,
    named_unsectored: bool,
    /// The sectors of the other members (a state or one of its sectors), and whether one had none.
    sectors: u64,
    bare: bool,
}

impl<'a> Side<'a> {
    fn add(&mut self, d: Detail<'a>) {
        match d.named {
            Some(id) => {
                match self.id {
                    None => self.id = Some(id),
                    Some(first) => self.several_ids |= first != id,
                }
                match d.sector {
                    Some(s) => self.named_sectors |= bit(s),
                    None => self.named_unsectored = true,
                }
            }
            None => match d.sector {
                Some(s) => self.sectors |= bit(s),
                None => self.bare = true,
            },
        }
    }

    /// Whether every named member is `id`.
    fn named_all(&self, id: &str) -> bool {
        self.id.is_none_or(|first| first == id && !self.several_ids)
    }

    /// Whether no member disagrees with `d`.
    fn compatible(&self, d: Detail<'_>) -> bool {
        let only = |mask: u64| d.sector.is_none_or(|s| mask & !bit(s) == 0);
        match d.named {
            Some(id) => self.named_all(id) && only(self.sectors),
            None => only(self.named_sectors | self.sectors),
        }
    }

    /// Whether every member agrees with `d`.
    fn agrees(&self, d: Detail<'_>) -> bool {
        let only = |mask: u64| d.sector.is_some_and(|s| mask & !bit(s) == 0);
        let generic = self.sectors != 0 || self.bare;
        match d.named {
            Some(id) => self.named_all(id) && (!generic || (!self.bare && only(self.sectors))),
            None => !self.bare && !self.named_unsectored && only(self.named_sectors | self.sectors),
        }
    }
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
    /// What the members say of the source and the target below country level.
    sides: [Side<'a>; 2],
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
            sides: [Side::default(), Side::default()],
        }
    }

    /// Whether `r` can report the same act as this cluster: the same CAMEO code (a visit, 042, and the talks held
    /// during it, 040, are two acts) and the same direction, or the reverse one when both are symmetric (a
    /// meeting). A directed event never joins a symmetric one, so neither absorbs nor flips the other. The answer
    /// is the ways `r` may stand against the cluster: in the same order (`false`) and swapped (`true`); a
    /// symmetric act between two parties of one country may stand both ways.
    fn same_act(&self, r: &EventReport<'_>) -> [Option<bool>; 2] {
        if r.event.code != self.code || r.event.flags.symmetric != self.symmetric {
            return [None, None];
        }
        let (source, target) = (r.source(), r.target());
        let same_order = source == self.source && target == self.target;
        let swapped = source == self.target && target == self.source;
        [same_order.then_some(false), (swapped && self.symmetric).then_some(true)]
    }

    /// Whether `parties`, standing `swapped` against the cluster, may be the cluster's parties across stories: no
    /// member names another person, organisation or place or gives another sector for either party; for a
    /// domestic act, where the country says nothing of who acted on whom, every member names the same one or gives
    /// the same sector on both sides.
    fn same_parties(&self, parties: Parties<'_>, swapped: bool) -> bool {
        let (source, target) = parties.oriented(swapped);
        let [s, t] = &self.sides;
        if parties.domestic {
            s.agrees(source) && t.agrees(target)
        } else {
            s.compatible(source) && t.compatible(target)
        }
    }

    /// The scope at which `r` would join and which way round it stands, or `None` when it may not.
    fn admits(
        &self,
        r: &EventReport<'_>,
        parties: Parties<'_>,
        date: Option<DateValue>,
        cfg: &ConsolidateConfig,
    ) -> Option<(Scope, bool)> {
        let ways = self.same_act(r);
        let first_way = ways.iter().flatten().next().copied()?;
        if !places_compatible(self.place, r.event.location.as_ref()) {
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
        // The way round in which the parties agree, else (within a page or story, where they need not) the first.
        let agreeing = ways.iter().flatten().copied().find(|&swapped| self.same_parties(parties, swapped));
        if scope == Scope::Cross {
            // Across stories both sides must be dated, and finely enough, and the parties the same below country
            // level: at country level every domestic arrest of one day looks alike.
            let d = date?;
            if self.dates.is_empty() || self.dated < self.members.len() {
                return None;
            }
            let coarse = self.dates.iter().map(|m| m.precision()).chain([d.precision()]).max()?;
            if coarse > cfg.cross_story_coarsest {
                return None;
            }
            return agreeing.map(|swapped| (scope, swapped));
        }
        Some((scope, agreeing.unwrap_or(first_way)))
    }

    fn add(&mut self, i: usize, r: &EventReport<'a>, parties: Parties<'a>, swapped: bool, date: Option<DateValue>) {
        self.members.push(i);
        let (source, target) = parties.oriented(swapped);
        self.sides[0].add(source);
        self.sides[1].add(target);
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
/// are symmetric; a directed report never joins a symmetric one), compatible dates (one period contains the other),
/// compatible places (equal where both are known), and lie in the same page, the same story, or — with dates no
/// coarser than `cross_story_coarsest` and the same parties below country level — different stories. An undated
/// report merges only within its page or story. Reports are taken finest date first, so a month-level report joins
/// the day-level event it contains rather than founding its own; among several events it could join it prefers one
/// in its own page, then its own story, then the earliest founded. Actors are matched on their country where they
/// have one, else on their id (the bucket, [`bucket_of`]). Across stories a report must also not disagree with any
/// member below that: two people, organisations or places with different ids, or (where not both are named) two
/// different sectors (GOV, JUD, COP, ...) on one side keep two acts apart; and an act within one country must agree
/// with every member on both sides (the same person, organisation or place, or the same sector), since at country
/// level two domestic acts of one code and day look alike.
///
/// The events come out ordered by date (undated first), then id.
pub fn consolidate(reports: &[EventReport<'_>], config: &ConsolidateConfig) -> Vec<ConsolidatedEvent> {
    let dates: Vec<Option<DateValue>> = reports.iter().map(EventReport::date).collect();
    let parties: Vec<Parties<'_>> = reports.iter().map(|r| Parties::of(r.event)).collect();
    let mut order: Vec<usize> = (0..reports.len()).collect();
    order.sort_by_key(|&i| (dates[i].map_or(u8::MAX, |d| d.precision() as u8), i));
    let mut clusters: Vec<Cluster<'_>> = Vec::new();
    // Bucket by (root, unordered pair) so that only plausible clusters are examined.
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for i in order {
        let r = &reports[i];
        let bucket = buckets.entry(bucket_of(r.event)).or_default();
        let best = bucket
            .iter()
            .filter_map(|&c| clusters[c].admits(r, parties[i], dates[i], config).map(|(scope, way)| (scope, c, way)))
            .min();
        match best {
            Some((_, c, swapped)) => clusters[c].add(i, r, parties[i], swapped, dates[i]),
            None => {
                let mut c = Cluster::founded_by(r);
                c.add(i, r, parties[i], false, dates[i]);
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
            specs in proptest::collection::vec(
                (0u8..3, 0u8..3, 0u8..3, 0u8..4, 0u8..3, proptest::bool::ANY, 0u8..5), 0..40
            )
        ) {
            let dates = ["2018-11-05", "2018-11", "2018-W45", "2018"];
            let events: Vec<Ev> = specs
                .iter()
                .enumerate()
                .map(|(i, &(src, tgt, root, date, story, sym, detail))| {
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
                    // The source below its country: none, a sector, a person of its government, or an id of its own.
                    let country = e.record.source.id.to_uppercase();
                    e.record.source = match detail {
                        0 => actor(&country, &country),
                        1 => actor(&format!("{country}GOV"), &format!("{country}GOV")),
                        2 => actor(&format!("{country}MIL"), &format!("{country}MIL")),
                        3 => actor("person:a", &format!("{country}GOV")),
                        _ => e.record.source,
                    };
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

    /// A party as the actor stage gives it: `id` and CAMEO `code`, its country the code's root.
    fn actor(id: &str, code: &str) -> Party {
        let country = ActorCode::parse(code).ok().and_then(|c| c.country().map(str::to_string));
        Party { id: id.into(), name: id.into(), code: Some(code.into()), country }
    }

    /// One report of `code` on 2019-11-19 between two parties written `id` (a state or sector, whose id is its
    /// code) or `id=CODE` (a person, organisation or place), in page `file` of `story`.
    fn between(file: &str, story: &str, source: &str, target: &str, code: &str) -> Ev {
        let side = |s: &str| match s.split_once('=') {
            Some((id, code)) => actor(id, code),
            None => actor(s, s),
        };
        let mut e = dated(ev(file, file, None, story, "USA", "USA", code), "2019-11-19");
        (e.record.source, e.record.target) = (side(source), Some(side(target)));
        e
    }

    #[test]
    fn across_stories_the_parties_must_be_the_same_below_country_level() {
        // (a's source, a's target, b's source, b's target, CAMEO code, merge across stories)
        let table = [
            // International acts: a sector or a named actor known on one side only does not keep them apart.
            ("SWEJUD", "person:julian-assange=AUS", "SWE", "person:julian-assange=AUS", "080", true),
            ("leader:donald-trump=USAGOV", "person:liu=CHNGOV", "leader:donald-trump=USAGOV", "CHN", "040", true),
            ("leader:donald-trump=USAGOV", "CHN", "USAGOV", "CHNGOV", "040", true),
            ("USAMIL", "IRQ", "USAMIL", "IRQ", "190", true),
            ("USA", "IRQ", "USAMIL", "IRQ", "190", true),
            // ... but two agencies, two people or two organisations of one state do.
            ("USAMIL", "IRQ", "USAGOV", "IRQ", "190", false),
            ("leader:sergei-lavrov=RUSGOV", "UKR", "person:dmitry-peskov=RUSGOV", "UKR", "111", false),
            ("FIRM_GM=USABUS", "CHN", "FIRM_FORD=USABUS", "CHN", "061", false),
            ("USAGOV", "FIRM_HUAWEI=CHNBUS", "USAGOV", "CHNGOV", "163", false),
            // Domestic acts: both sides the same person, organisation, place or sector.
            ("USAJUD", "FIRM_WEWORK=USABUS", "USAJUD", "FIRM_WEWORK=USABUS", "090", true),
            ("leader:donald-trump=USAGOV", "DEM=USAPTY", "USAGOV", "DEM=USAPTY", "111", true),
            ("USACOP", "USACVL", "USACOP", "USACVL", "173", true),
            ("USA", "USA", "USA", "USA", "112", false),
            ("USAJUD", "USA", "USAJUD", "USA", "112", false),
            ("USA", "FIRM_WEWORK=USABUS", "USAJUD", "FIRM_WEWORK=USABUS", "090", false),
            ("USALEG", "USAGOV", "USALEG", "USAJUD", "020", false),
            ("USAMIL", "USA", "USA", "USAMIL", "173", false),
            ("USAJUD", "USA", "DEM=USAPTY", "leader:donald-trump=USAGOV", "112", false),
            ("place:usa:texas=USA", "USAGOV", "place:usa:oregon=USA", "USAGOV", "111", false),
        ];
        for (as_, at, bs, bt, code, merge) in table {
            let a = between("p1", "s1", as_, at, code);
            let b = between("p2", "s2", bs, bt, code);
            let want = if merge { 1 } else { 2 };
            assert_eq!(run(&[a.clone(), b.clone()]).len(), want, "{as_}→{at} and {bs}→{bt} across stories");
            assert_eq!(run(&[b.clone(), a.clone()]).len(), want, "{bs}→{bt} and {as_}→{at} across stories");
            // Within a story the country decides, as before.
            let same_story = between("p2", "s1", bs, bt, code);
            assert_eq!(run(&[a, same_story]).len(), 1, "{as_}→{at} and {bs}→{bt} in one story");
        }
    }

    #[test]
    fn a_symmetric_act_reported_the_other_way_round_compares_its_parties_swapped() {
        let talks = |file, story, a, b| symmetric(between(file, story, a, b, "040"));
        let out = run(&[talks("p1", "s1", "RUSGOV", "UKRMIL"), talks("p2", "s2", "UKRMIL", "RUSGOV")]);
        assert_eq!(out.len(), 1);
        let out = run(&[talks("p1", "s1", "RUSGOV", "UKRMIL"), talks("p2", "s2", "UKRGOV", "RUSGOV")]);
        assert_eq!(out.len(), 2, "UKRGOV is not UKRMIL");
        // Within one country either way round may be the one that agrees.
        let out = run(&[talks("p1", "s1", "USAGOV", "USALEG"), talks("p2", "s2", "USALEG", "USAGOV")]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_report_from_another_story_is_compared_with_every_member() {
        // Story s1 reports the act as the US's and as the US military's; the US government's act of another story
        // disagrees with the second member, though not with the first.
        let a = between("p1", "s1", "USA", "IRQ", "190");
        let b = between("p2", "s1", "USAMIL", "IRQ", "190");
        let c = between("p3", "s2", "USAGOV", "IRQ", "190");
        assert_eq!(run(&[a.clone(), b.clone(), c.clone()]).len(), 2);
        assert_eq!(run(&[a.clone(), c.clone()]).len(), 1);
        let named = between("p2", "s1", "leader:donald-trump=USAGOV", "IRQ", "190");
        assert_eq!(run(&[a.clone(), named.clone(), c]).len(), 1, "a president is of the government");
        let other = between("p3", "s2", "leader:mike-pompeo=USAGOV", "IRQ", "190");
        assert_eq!(run(&[a, named, other]).len(), 2, "another person of it is not the president");
    }

    #[test]
    fn what_a_party_says_below_its_country() {
        let d = |p: Party| {
            let d = Detail::of(Some(&p));
            (d.named.map(str::to_string), d.sector)
        };
        assert_eq!(d(actor("USA", "USA")), (None, None));
        assert_eq!(d(actor("USAMIL", "USAMIL")), (None, Some(Sector::Mil)));
        let mdv = Party { code: Some("MDVGOV".into()), ..actor("MDV", "MDV") };
        assert_eq!(d(mdv), (None, Some(Sector::Gov)), "a state coded as its government");
        assert_eq!(d(actor("JPNGOVMIL", "JPNGOVMIL")).1, Some(Sector::Gov), "the first sector");
        let trump = d(actor("leader:donald-trump", "USAGOV"));
        assert_eq!(trump, (Some("leader:donald-trump".into()), Some(Sector::Gov)));
        assert_eq!(d(actor("IGOUNO", "IGOUNO")), (None, None), "an organisation's own letters are no sector");
        assert_eq!(d(actor("FIRM_WEWORK", "USABUS")).0.as_deref(), Some("FIRM_WEWORK"));
        let no_code = Party { id: "x".into(), name: "x".into(), code: None, country: None };
        assert_eq!(d(no_code), (Some("x".into()), None));
        assert_eq!(Detail::of(None), Detail::default());
    }

    #[test]
    fn root_of_short_code_is_the_code() {
        assert_eq!(cameo_root("0"), "0");
        assert_eq!(cameo_root("1831"), "18");
    }
}
