//! Pipeline: one article through text → time/actors → events, with every offset mapped back to the page.
//!
//! Sentence-level coding (`dyad code`) takes the same path: [`Coder::code_line`] codes a line as an article of
//! its own.
//!
//! [`Coder::code`] takes an [`Article`] from the page stage and returns a [`CodedArticle`]: its sentences, actor
//! mentions with the actors they name, single-mention events and standing relations, each citing byte offsets in
//! the original file and each of the type the store keeps as it is. The
//! stages themselves know nothing of one another; this crate is the adapter that fills the event coder's slots from
//! the actors and time stages and gives each event its date (its own time expression, else the narrative date of the
//! document, else the publication date) and its `historical` flag, and aims a reply whose object names an earlier act
//! ("rejected these accusations") at whoever made that act in the sentences just before (`backref.rs`).
//!
//! Key design decision: the article is coded as one document text (body paragraphs and captions, joined by blank
//! lines) with a segment table back to file offsets. The actor and time stages keep document state (who "the
//! ambassador" is, what "the previous day" is relative to), so they must see the paragraphs in reading order as
//! one text; the segment table keeps evidence exact for plain-text pages, where each paragraph is a verbatim slice of
//! the file, and block-accurate for HTML, where paragraph text is decoded from markup.
#![deny(missing_docs)]

mod backref;
mod doc;
mod lines;
mod syntax;

pub use lines::{InputId, LineError, LineEvent, LineInput, parse_date};
pub use syntax::{
    ModelFileError, SYNTAX_MODEL_VAR, tree_parser, use_nn_parser, use_nn_parser_of, use_syntax_model,
    use_syntax_model_file, use_syntax_model_from_env,
};

use backref::{EarlierAct, EarlierActs};
use chrono::{Datelike, NaiveDate};
use doc::DocText;
use dyad_actors::{
    ActorKind, ActorMention, ActorRecord, DocumentResolver, Gazetteer, MentionForm, PageMention, Registry,
};
use dyad_core::{ActorCode, ByteRange, DateValue, PageSentence, Precision, Sector, Span};
use dyad_events::{
    ActorSlot, DateOrRange, Dictionaries, EARLIER_DAYS, EventDate, EventRecord, Mention, Party, Relation,
    RelationCandidate, SentenceEvents, SlotKind, SlotTime, TimeSlot, code_sentence_with,
};
use dyad_page::Article;
use dyad_text::TokenizedSentence;
use dyad_time::{TimeResolver, TimeValue as TimeExprValue};
use serde::Serialize;

/// Everything coded from one article.
#[derive(Debug, Clone, Serialize)]
pub struct CodedArticle {
    /// The article's file name.
    pub file: String,
    /// The date relative expressions were resolved against, if the article has one.
    pub anchor: Option<NaiveDate>,
    /// The sentences, in page order.
    pub sentences: Vec<PageSentence>,
    /// Actor mentions in reading order.
    pub mentions: Vec<PageMention>,
    /// The actors the mentions name, one record each, in order of first mention, roles dated by `anchor`.
    pub actors: Vec<ActorRecord>,
    /// Events, one record per (sentence, source, code, target) before consolidation.
    pub events: Vec<EventRecord>,
    /// Standing relations.
    pub relations: Vec<Relation>,
    /// The text as the story index sees it: words, with canonical actors for actor mentions and resolved values
    /// for dates, so that a rewrite that says "North Korea" for "DPRK" shingles the same.
    #[serde(skip)]
    pub story_tokens: dyad_stories::HashedTokens,
}

/// The day an article's relative dates resolve against: its publication date when known to the day.
pub fn anchor_of(article: &Article) -> Option<NaiveDate> {
    article.published.as_ref().filter(|p| p.date.precision() == Precision::Day).map(|p| p.date.first_day())
}

/// How long before the publication date an event must lie to be flagged `historical`.
const HISTORICAL_DAYS: i64 = 366;

/// Codes articles one after another, keeping the actor registry (people learned from earlier articles) between them.
pub struct Coder {
    registry: Registry,
    /// Also emit events that name no target ("X resigned"); off for the event database, which is dyadic.
    monadic: bool,
    /// The event dictionaries; `None` = the built-in ones.
    dictionaries: Option<&'static Dictionaries>,
    /// Read the roles of verb predicates and event nouns from the dependency tree (`data/syntax.model`), where
    /// there is one; on by default.
    tree: bool,
}

impl Default for Coder {
    fn default() -> Coder {
        Coder::new()
    }
}

impl Coder {
    /// A coder over the built-in dictionaries, with the tree pass.
    pub fn new() -> Coder {
        Coder { registry: Registry::new(), monadic: false, dictionaries: None, tree: true }
    }

    /// Whether to also emit events with no target ("Five hundred rebels surrendered"). CAMEO codes such
    /// monadic events, and benchmarks built from its manual count them; the event database leaves them out.
    pub fn with_monadic(mut self, keep: bool) -> Coder {
        self.monadic = keep;
        self
    }

    /// Codes events against `dictionaries` instead of the built-in ones (e.g. built-in plus PETRARCH verbs from
    /// [`Dictionaries::with_petrarch_verbs`], leaked once for the process).
    pub fn with_dictionaries(mut self, dictionaries: &'static Dictionaries) -> Coder {
        self.dictionaries = Some(dictionaries);
        self
    }

    /// Whether to read the roles of verb predicates and event nouns from a dependency tree (the tree pass of
    /// `dyad_events::tree`; on by default), parsing with the model embedded in this build the sentences where a
    /// predicate's roles ask for it and two different actors are named. `false` codes from word order alone; so
    /// does a build without a model (an empty `data/syntax.model`) or with one that has no parser.
    pub fn with_tree(mut self, on: bool) -> Coder {
        self.tree = on;
        self
    }

    /// A coder over an existing registry (people remembered from earlier runs).
    pub fn with_registry(registry: Registry) -> Coder {
        Coder { registry, monadic: false, dictionaries: None, tree: true }
    }

    /// The registry of actors seen so far.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Codes one article. `anchor` is the date relative expressions resolve against, normally the publication
    /// date; without one only expressions that do not depend on it (written years and full dates) are kept.
    pub fn code(&mut self, article: &Article, anchor: Option<NaiveDate>) -> CodedArticle {
        let settings = Settings {
            monadic: self.monadic,
            dictionaries: self.dictionaries.unwrap_or_else(Dictionaries::builtin),
            tree: self.tree,
        };
        let doc = DocText::new(article);
        let mut run = ArticleRun {
            doc: &doc,
            settings,
            actors: self.registry.document(anchor),
            time: anchor.map(TimeResolver::new),
            narrative: None,
            lead: Vec::new(),
            acts: EarlierActs::default(),
            out: CodedArticle {
                file: article.file.clone(),
                anchor,
                sentences: Vec::new(),
                mentions: Vec::new(),
                actors: Vec::new(),
                events: Vec::new(),
                relations: Vec::new(),
                story_tokens: dyad_stories::HashedTokens::new(),
            },
        };
        // Each sentence is tokenised right before it is coded (its tokens stay in cache for every stage).
        for (index, span) in doc.sentences().into_iter().enumerate() {
            run.sentence(&doc.analyse(index, span));
        }
        let mut out = run.out;
        out.actors = dyad_actors::document_actors(out.mentions.iter().map(|m| &m.mention), anchor);
        out
    }
}

/// How a [`Coder`] codes: what it keeps of its options for one article.
#[derive(Clone, Copy)]
struct Settings {
    /// Also emit events that name no target.
    monadic: bool,
    /// The event dictionaries.
    dictionaries: &'static Dictionaries,
    /// Read the roles of verb predicates from the dependency tree.
    tree: bool,
}

impl Settings {
    /// Whether a sentence with these slots can hold an event worth coding. An event needs a source and, nearly
    /// always, a target; a sentence with at most one actor, of no state, cannot hold a dyad (a state's organ can
    /// act on its own state, "police opened fire", and its people protest against it, "workers went on strike"),
    /// and skipping it keeps the common case cheap. A monadic event needs one.
    fn may_hold_event(self, slots: &[ActorSlot]) -> bool {
        if self.monadic {
            !slots.is_empty()
        } else {
            slots.len() >= 2 || slots.iter().any(|s| s.kind == SlotKind::Country || s.country.is_some())
        }
    }
}

/// One article being coded, sentence by sentence: the document state of the actor and time stages, the narrative
/// date so far, and what has been coded.
struct ArticleRun<'a> {
    doc: &'a DocText,
    settings: Settings,
    actors: DocumentResolver<'a>,
    time: Option<TimeResolver>,
    /// The date the text last set for what follows (see [`narrative_of`]).
    narrative: Option<EventDate>,
    /// Events given the publication date before the text set any narrative date, with their sentence indices
    /// (see [`ArticleRun::date_the_lead`]).
    lead: Vec<(usize, usize)>,
    /// The acts of the last few sentences, which a later "these accusations" may name (see `backref.rs`).
    acts: EarlierActs,
    out: CodedArticle,
}

impl ArticleRun<'_> {
    /// Codes one sentence, tokenised once for the actor and time stages and the event coder: its record, its actor
    /// mentions and time expressions, the narrative date it sets, its story tokens, then its events and relations.
    fn sentence(&mut self, analysed: &TokenizedSentence) {
        let (index, sentence) = (analysed.index, analysed.span);
        let doc = self.doc;
        let text = &doc.text[sentence.range()];
        let (start, end) = doc.to_file(sentence);
        let caption = doc.is_caption(sentence.start());
        self.out.sentences.push(PageSentence { index, start, end, text: text.to_string() });
        let found = self.actors.resolve_sentence(&doc.text, analysed);
        let slots = actor_slots(&doc.text, &found);
        let times = time_slots(self.time.as_mut(), &doc.text, analysed);
        if !caption {
            // A recalled anniversary ("On August 29 sixty years ago") is background, not the story's day.
            let recent = narrative_of(&times).filter(|d| !is_historical(Some(d), self.out.anchor));
            if self.narrative.is_none()
                && let Some(day) = &recent
            {
                self.date_the_lead(day, index);
            }
            self.narrative = recent.or(self.narrative.take());
        }
        push_story_tokens(&mut self.out.story_tokens, &doc.text, sentence, &found, &times);
        for m in &found {
            let (start, end) = doc.to_file(m.span);
            self.out.mentions.push(PageMention { sentence: index, start, end, mention: m.clone() });
        }
        if !self.settings.may_hold_event(&slots) {
            return;
        }
        let parser = if self.settings.tree { syntax::parser() } else { None };
        let coded = code_sentence_with(self.settings.dictionaries, &doc.text, &analysed.tokens, &slots, &times, parser);
        let mention = Mention {
            file: self.out.file.clone(),
            sentence: index,
            start,
            end,
            text: text.to_string(),
            doc: None,
            evidence: None,
        };
        self.push_events(&coded, &slots, &times, &mention);
        self.push_relations(&coded.relations, &slots, &mention);
    }

    /// The sentence's events as records, each dated (its own time expression, else the narrative date, else the
    /// publication date) and flagged `historical` when long before the publication date. A reply with no target
    /// whose object names an earlier act ("rejected these accusations") is aimed at whoever made that act (see
    /// `backref.rs`); every act is remembered for the sentences after it.
    fn push_events(&mut self, coded: &SentenceEvents, slots: &[ActorSlot], times: &[TimeSlot], mention: &Mention) {
        // CAMEO events are dyadic: an action with no target names no relation between actors, and GDELT-style
        // counts of it would only be noise.
        // A state's coercion at home with no named target targets its own state (`home_target`).
        let sentence = mention.sentence;
        for (k, candidate) in coded.events.iter().enumerate() {
            let (from, to) = self.doc.to_file(candidate.evidence);
            let mention = Mention { evidence: ByteRange::new(from, to), ..mention.clone() };
            let Some(record) = candidate.to_record(slots, times, mention) else { continue };
            self.acts.push(EarlierAct { sentence, code: record.code.clone(), source: record.source.clone() });
            let kept = candidate.target.is_some() || candidate.home_target || self.settings.monadic;
            let reference = coded.references.iter().find(|r| r.event == k && record.target.is_none());
            let resolved =
                reference.and_then(|r| Some((r, self.acts.resolve(r, sentence, &record.code, &record.source)?)));
            match resolved {
                Some((reference, resolved)) => {
                    let noun = self.doc.text.get(reference.span.range()).unwrap_or(reference.noun);
                    for party in resolved.parties {
                        let mut aimed = record.clone();
                        aimed.id = format!("{}:{}:{}", aimed.code, aimed.source.id, party.id);
                        aimed.pattern = format!(
                            "{}; target: who made the {} of sentence {} (\"{noun}\")",
                            aimed.pattern, resolved.code, resolved.sentence
                        );
                        aimed.target = Some(party);
                        self.push_record(aimed, sentence, candidate.now);
                    }
                }
                None if kept => self.push_record(record, sentence, candidate.now),
                None => {}
            }
        }
    }

    /// Dates an event record of sentence `sentence` that its own clause does not date, flags it `historical` when
    /// long before the publication date, and keeps it. An act told in the present (`now`) happens by the
    /// publication date: a narrative date well before it ("In a Nov. 5 letter, ..." "The group is urging ...")
    /// does not date it.
    fn push_record(&mut self, mut record: EventRecord, sentence: usize, now: bool) {
        let anchor = self.out.anchor;
        if record.date.is_none() {
            // A day named after the publication date ("the tariffs due on Dec. 15") dates only what is yet to
            // come: an act told as done or going on happened by the publication date.
            let by_anchor = |d: &EventDate| {
                let Some(a) = anchor else { return true };
                let earlier = (a - d.when.last_day()).num_days() > EARLIER_DAYS;
                (record.flags.future || d.when.first_day() <= a) && !(now && earlier)
            };
            let narrative = self.narrative.clone().filter(by_anchor);
            record.date = narrative
                .or_else(|| fallback_date(self.time.as_ref(), anchor).filter(by_anchor))
                .or_else(|| fallback_date(None, anchor));
            let published = record.date.as_ref().is_some_and(|d| d.basis == PUBLICATION_BASIS);
            if self.narrative.is_none() && published && !record.flags.future {
                self.lead.push((self.out.events.len(), sentence));
            }
        }
        record.flags.historical = is_historical(record.date.as_ref(), anchor);
        self.out.events.push(record);
    }

    /// The first narrative date of the text, `day`, set by sentence `index`, also dates the undated acts of the
    /// sentences just before it that took the publication date: a lead often gives its day in the next sentence
    /// ("X has dropped its investigation ... ." "..., its prosecutor said on Tuesday."), and a page is often
    /// published the day after. Only a past day of the week before the publication date named at most
    /// [`LEAD_SENTENCES`] sentences later carries back.
    fn date_the_lead(&mut self, day: &EventDate, index: usize) {
        let lead = std::mem::take(&mut self.lead);
        let (Some(anchor), DateOrRange::Period(value)) = (self.out.anchor, day.when) else { return };
        let first = value.first_day();
        if value.precision() != Precision::Day || first > anchor || (anchor - first).num_days() > 7 {
            return;
        }
        for (event, sentence) in lead {
            if let Some(record) = self.out.events.get_mut(event)
                && index <= sentence + LEAD_SENTENCES
            {
                // "narrative date of the following text (weekday, ...)": the same reading, named after the event.
                let basis = match day.basis.strip_prefix(NARRATIVE_BEFORE) {
                    Some(reading) => format!("{NARRATIVE_AFTER}{reading}"),
                    None => day.basis.clone(),
                };
                record.date = Some(EventDate::from_value(value, basis));
            }
        }
    }

    /// The sentence's standing relations, as of the publication date.
    fn push_relations(&mut self, relations: &[RelationCandidate], slots: &[ActorSlot], mention: &Mention) {
        for relation in relations {
            let (Some(a), Some(b)) = (slots.get(relation.a), slots.get(relation.b)) else { continue };
            self.out.relations.push(Relation {
                kind: relation.kind.to_string(),
                a: party(a).relation_key(),
                b: party(b).relation_key(),
                as_of: self.out.anchor.map(|d| d.format("%Y-%m-%d").to_string()),
                evidence: mention.clone(),
            });
        }
    }
}

/// The event coder's slots for a sentence's actor mentions. The states of stateless roles and of ethnic groups
/// are settled by the actor resolver (its `stateless` and `minorities` passes), not here.
fn actor_slots(text: &str, found: &[ActorMention]) -> Vec<ActorSlot> {
    found.iter().map(|m| slot_of(text, m)).collect()
}

/// Appends a sentence to the story tokens: text between mentions as words, each actor mention as its country (or
/// actor id), each dated expression as its value.
fn push_story_tokens(
    out: &mut dyad_stories::HashedTokens,
    text: &str,
    sentence: Span,
    actors: &[ActorMention],
    times: &[TimeSlot],
) {
    let mut marks: Vec<(Span, Option<&str>, Option<DateValue>)> = actors
        .iter()
        .map(|m| (m.span, Some(m.country.as_deref().unwrap_or(m.actor.as_str())), None))
        .chain(times.iter().filter_map(|t| match t.value {
            Some(SlotTime::Date(d)) => Some((t.span, None, Some(d))),
            _ => None,
        }))
        .collect();
    marks.sort_by_key(|(span, _, _)| span.start());
    let mut at = sentence.start();
    for (span, actor, date) in marks {
        if span.start() < at {
            continue;
        }
        out.push_text(text.get(at..span.start()).unwrap_or(""));
        if let Some(actor) = actor {
            out.push_actor(actor);
        }
        if let Some(date) = date {
            out.push_date(date);
        }
        at = span.end();
    }
    out.push_text(text.get(at..sentence.end()).unwrap_or(""));
}

fn party(slot: &ActorSlot) -> Party {
    Party { id: slot.actor_id.clone(), name: slot.name.clone(), code: slot.code.clone(), country: slot.country.clone() }
}

/// The event coder's view of an actor mention. A capital after "in", "at" and the like is a place where something
/// happens, not the government it can stand for.
fn slot_of(text: &str, m: &ActorMention) -> ActorSlot {
    let kind = match m.kind {
        ActorKind::Country if m.form == MentionForm::Metonym && m.follows_locative(text) => SlotKind::Place,
        ActorKind::Country => SlotKind::Country,
        ActorKind::Person | ActorKind::Agent => SlotKind::Person,
        ActorKind::Org | ActorKind::Party => SlotKind::Organization,
        ActorKind::Group => SlotKind::Group,
        ActorKind::Media => SlotKind::Media,
        // A city or region after a locative is where the event happens ("fighting in Aleppo"); elsewhere it stands
        // for its state as a capital does ("shells fell on Aleppo"). Either way the slot's actor is the state, as
        // for capitals, so a city is never an actor of its own. "Mumbai police" already came back as a role.
        ActorKind::Place => {
            let state = m.country.clone().unwrap_or_else(|| m.code.clone());
            let place = m.follows_locative(text);
            return ActorSlot {
                span: m.span,
                name: if place {
                    m.text.clone()
                } else {
                    Gazetteer::builtin().country_name(&state).unwrap_or(&state).to_string()
                },
                actor_id: state,
                code: Some(m.code.clone()),
                country: m.country.clone(),
                kind: if place { SlotKind::Place } else { SlotKind::Country },
            };
        }
    };
    let kind = if kind == SlotKind::Country && m.form == MentionForm::Adjective { SlotKind::Group } else { kind };
    // "Xinhua news agency" resolved as a role with the CAMEO media sector is an outlet, whatever its kind.
    let media = ActorCode::parse(&m.code).is_ok_and(|c| c.sectors().any(|s| s == Sector::Med));
    let kind = if media { SlotKind::Media } else { kind };
    ActorSlot {
        span: m.span,
        actor_id: m.actor.clone(),
        // A place keeps the name the text gives it ("Havana"), not the state it can stand for.
        name: if kind == SlotKind::Place { m.text.clone() } else { m.name.clone() },
        code: Some(m.code.clone()),
        country: m.country.clone(),
        kind,
    }
}

/// The sentence's dated expressions as event-coder slots, with spans in the document text `doc`, read from the
/// sentence's tokens. On a page with no anchor, a relative expression ("on Monday") is still a slot, with no value:
/// it dates nothing, but the event coder must not read it as a pattern's object ("a strike on Monday").
fn time_slots(resolver: Option<&mut TimeResolver>, doc: &str, sentence: &TokenizedSentence) -> Vec<TimeSlot> {
    let anchor = resolver.as_ref().map(|r| r.anchor());
    let anchored = anchor.is_some();
    let expressions = match resolver {
        Some(r) => r.resolve_tokenized(doc, sentence).into_iter().filter(|e| e.is_date()).collect(),
        None => anchor_free(doc, sentence),
    };
    expressions
        .into_iter()
        .map(|e| {
            let value = e.value.map(|v| match v {
                TimeExprValue::Date(d) => SlotTime::Date(d),
                TimeExprValue::Range(r, _) => SlotTime::Range(r),
            });
            // Without an anchor there is no "now" to lie after (a written year is not a plan) or before.
            let earlier = match (anchor, value) {
                (Some(anchor), Some(SlotTime::Date(d))) => (anchor - d.last_day()).num_days() > EARLIER_DAYS,
                (Some(anchor), Some(SlotTime::Range(r))) => (anchor - r.end).num_days() > EARLIER_DAYS,
                _ => false,
            };
            TimeSlot { span: e.span, value, basis: e.basis, future: anchored && e.future, earlier }
        })
        .collect()
}

/// Without an anchor, only the values of expressions that resolve the same whatever the anchor (written years,
/// full dates) can be trusted: resolve against two distant anchors; every date expression is kept, with its value
/// only where the two agree.
fn anchor_free(doc: &str, sentence: &TokenizedSentence) -> Vec<dyad_time::TemporalExpression> {
    let (Some(a), Some(b)) = (NaiveDate::from_ymd_opt(1901, 6, 15), NaiveDate::from_ymd_opt(2090, 6, 15)) else {
        return Vec::new();
    };
    let (first, second) = dyad_time::find_both(doc, sentence, a, b);
    first
        .into_iter()
        .filter(|e| e.is_date())
        .map(|mut e| {
            if !second.iter().any(|f| f.span == e.span && f.value == e.value) {
                e.value = None;
            }
            e
        })
        .collect()
}

/// The narrative date a sentence sets: its first expression at day or week precision. The first, because an
/// English news sentence states its main clause's date before a subordinate one's ("delivered Tuesday, a day
/// after X sent ..."); captions never set it (a photo's date is not the story's).
fn narrative_of(times: &[TimeSlot]) -> Option<EventDate> {
    times.iter().find_map(|t| match t.value {
        Some(SlotTime::Date(d)) if d.precision() <= Precision::Week => {
            Some(EventDate::from_value(d, format!("{NARRATIVE_BEFORE} ({})", t.basis)))
        }
        Some(SlotTime::Range(r)) if (r.end - r.start).num_days() <= 6 => {
            Some(EventDate::from_range(r, format!("{NARRATIVE_BEFORE} ({})", t.basis)))
        }
        _ => None,
    })
}

/// The date of an event whose clause names none: the document's narrative date, else the publication date.
/// Only a day or a week carries over: a year or month named earlier is background ("signed in 1963"), and the
/// sentences after it return to the news of the day.
fn fallback_date(time: Option<&TimeResolver>, anchor: Option<NaiveDate>) -> Option<EventDate> {
    let narrative = time.and_then(TimeResolver::narrative).filter(|n| n.precision() <= Precision::Week);
    if let Some(narrative) = narrative {
        return Some(EventDate::from_value(narrative, NARRATIVE_BEFORE));
    }
    let day = DateValue::from_naive(anchor?).ok()?;
    Some(EventDate::from_value(day, PUBLICATION_BASIS))
}

/// The basis of a date carried over from a time expression earlier in the text.
const NARRATIVE_BEFORE: &str = "narrative date of the preceding text";

/// The basis of a lead's date taken from a time expression of the sentences just after it.
const NARRATIVE_AFTER: &str = "narrative date of the following text";

/// The basis of a date that is the publication date.
const PUBLICATION_BASIS: &str = "reported: the publication date";

/// How many sentences after an undated lead the day that dates it may be named (see [`ArticleRun::date_the_lead`]).
const LEAD_SENTENCES: usize = 2;

fn is_historical(date: Option<&EventDate>, anchor: Option<NaiveDate>) -> bool {
    let (Some(date), Some(anchor)) = (date, anchor) else { return false };
    // A period counts from its last day, a range from its first.
    let last = match date.when {
        DateOrRange::Period(value) => value.last_day(),
        DateOrRange::Range(range) => range.start,
    };
    (anchor - last).num_days() > HISTORICAL_DAYS && last.year() < anchor.year()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod monadic_tests {
    use super::*;
    use dyad_page::Block;

    fn article(text: &str) -> Article {
        Article::from_body("m.txt", vec![Block { text: text.into(), start: 0, end: text.len() }])
    }

    #[test]
    fn an_ethnic_group_is_coded_by_the_country_it_lives_in() {
        let coded = |text: &str| {
            let coded = Coder::new().code(&article(text), NaiveDate::from_ymd_opt(2004, 3, 13));
            coded.events.iter().map(|e| e.source.country.clone().unwrap_or_default()).collect::<Vec<_>>()
        };
        let sources = coded("Ethnic Albanians demonstrated on Tuesday in Serbia against the government.");
        assert!(!sources.is_empty() && sources.iter().all(|c| c == "SRB"), "{sources:?}");
        // Not located: the kin state stays.
        let sources = coded("Ethnic Albanians attacked Serbian police.");
        assert!(sources.iter().all(|c| c != "SRB"), "{sources:?}");
    }

    #[test]
    fn events_without_a_target_only_on_request() {
        // (A resignation names its own state as target: "Georgia's president resigned" is 0831 GEOGOV->GEO.)
        let text = "Georgia's president promised reforms on Sunday.";
        let dyadic = Coder::new().code(&article(text), NaiveDate::from_ymd_opt(2024, 3, 13));
        assert!(dyadic.events.iter().all(|e| e.target.is_some()), "{:?}", dyadic.events);
        let all = Coder::new().with_monadic(true).code(&article(text), NaiveDate::from_ymd_opt(2024, 3, 13));
        assert!(all.events.iter().any(|e| e.target.is_none() && e.root == "03"), "{:?}", all.events);
    }

    #[test]
    fn a_stateless_role_takes_the_one_state_of_its_sentence() {
        let text = "Opposition groups in Zimbabwe demanded that President Smith resign.";
        let coded = Coder::new().code(&article(text), NaiveDate::from_ymd_opt(2024, 3, 13));
        let roles: Vec<_> = coded.events.iter().flat_map(|e| [Some(&e.source), e.target.as_ref()]).flatten().collect();
        assert!(roles.len() >= 2 && roles.iter().all(|p| p.country.as_deref() == Some("ZWE")), "{roles:?}");
        let text = "President Smith threatened action against Russia.";
        let coded = Coder::new().with_monadic(true).code(&article(text), NaiveDate::from_ymd_opt(2024, 3, 13));
        assert!(!coded.events.is_empty(), "a threat is coded");
        assert!(coded.events.iter().all(|e| e.source.country.is_none()), "{:?}", coded.events);
    }

    #[test]
    fn cities_and_regions_are_event_locations_not_actors() {
        let located = |text: &str| {
            let coded = Coder::new().code(&article(text), NaiveDate::from_ymd_opt(2016, 3, 13));
            assert!(!coded.events.is_empty(), "an event is coded in {text:?}");
            for e in &coded.events {
                let parties = [Some(&e.source), e.target.as_ref()];
                assert!(parties.iter().flatten().all(|p| !p.id.starts_with("place:")), "{:?}", e);
            }
            coded.events.iter().find_map(|e| e.location.clone()).map(|l| (l.name, l.country))
        };
        assert_eq!(
            located("Turkish artillery shelled Syrian army positions near Aleppo."),
            Some(("Aleppo".to_string(), Some("SYR".to_string())))
        );
        assert_eq!(
            located("Iran and France held talks in Geneva on Monday."),
            Some(("Geneva".to_string(), Some("CHE".to_string())))
        );
    }

    #[test]
    fn undated_written_years_are_not_plans() {
        let text = "Iran expelled inspectors from Iraq in late 2002.";
        let coded = Coder::new().code(&article(text), None);
        assert!(coded.events.iter().any(|e| e.root == "16"), "{:?}", coded.events);
        assert!(coded.events.iter().all(|e| !e.flags.future && !e.root.starts_with("13")), "{:?}", coded.events);
    }
}
