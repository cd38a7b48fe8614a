//! What the coder finds in one sentence: event and relation candidates, with their parties as indices into the
//! sentence's slots, and the single-mention record an event candidate makes.

use crate::record::{EventDate, EventRecord, Flags, Location, Mention, Party};
use crate::slots::{ActorSlot, SlotKind, SlotTime, TimeSlot};
use dyad_core::Span;
use serde::Serialize;

/// One coded event in a sentence, with roles given as indices into the sentence's actor and time slots.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventCandidate {
    /// The CAMEO code to report (already moved to the intent counterpart when the action is promised/planned).
    pub code: &'static str,
    /// The code of the action as done (the pattern's code).
    pub done_code: &'static str,
    /// Index of the source actor slot.
    pub source: usize,
    /// Index of the target actor slot, if the sentence names one.
    pub target: Option<usize>,
    /// Negated, future, reported, symmetric (historical is left to the caller, who knows the publication date).
    pub flags: Flags,
    /// Byte span from the first to the last word that supports the event (actors and predicate).
    pub evidence: Span,
    /// Which pattern fired.
    pub pattern: &'static str,
    /// Index of the time slot that dates the event, if any.
    pub time: Option<usize>,
    /// Index of the actor slot (a place) where it happened, if any.
    pub location: Option<usize>,
    /// With no target named, the act is aimed at the source's own state or people: a state's administrative
    /// coercion or its easing (curfews, arrests, lifting an emergency) and police using force ("police opened
    /// fire ..., arresting 12"). [`EventCandidate::to_record`] then makes the source's country the target.
    pub home_target: bool,
}

/// A standing relation (not an event) between two actor slots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationCandidate {
    /// `ties`, `alliance` or `support`.
    pub kind: &'static str,
    /// One side (the subject, where there is one).
    pub a: usize,
    /// The other side.
    pub b: usize,
    /// Supporting text.
    pub evidence: Span,
    /// Which cue fired.
    pub pattern: &'static str,
}

/// Everything coded in one sentence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SentenceEvents {
    /// Events, one per (source, code, target).
    pub events: Vec<EventCandidate>,
    /// Standing relations.
    pub relations: Vec<RelationCandidate>,
}

impl EventCandidate {
    /// The single-mention [`EventRecord`] for this candidate: parties, date, location, flags and pattern filled
    /// from the slots it points into (the same `actors` and `times` given to [`crate::code_sentence`]), with one
    /// `mention`. `id` is `code:source:target` until consolidation assigns the final one. `None` if a slot
    /// index is out of range or the code is unknown.
    pub fn to_record(&self, actors: &[ActorSlot], times: &[TimeSlot], mention: Mention) -> Option<EventRecord> {
        let state =
            |c: &String| Party { id: c.clone(), name: c.clone(), code: Some(c.clone()), country: Some(c.clone()) };
        let party = |k: usize| {
            actors.get(k).map(|s| match (&s.kind, &s.country) {
                // A place taken as a party ("shelled targets in X-city", "was arrested in X-city") stands for
                // its state; the place itself stays the event's location.
                (SlotKind::Place, Some(c)) if &s.actor_id != c => state(c),
                _ => Party {
                    id: s.actor_id.clone(),
                    name: s.name.clone(),
                    code: s.code.clone(),
                    country: s.country.clone(),
                },
            })
        };
        let source = party(self.source)?;
        let target = match self.target {
            Some(t) => Some(party(t)?),
            // The source's own state, named by its country code.
            None if self.home_target => source.country.as_ref().map(state),
            None => None,
        };
        let mut record = EventRecord::for_code(self.code, source, target, self.pattern)?;
        record.id =
            format!("{}:{}:{}", self.code, record.source.id, record.target.as_ref().map_or("-", |t| t.id.as_str()));
        if let Some(t) = self.time.and_then(|t| times.get(t)) {
            record.date = Some(match t.value {
                SlotTime::Date(d) => EventDate::from_value(d, t.basis.clone()),
                SlotTime::Range(r) => EventDate::from_range(r, t.basis.clone()),
            });
        }
        if let Some(place) = self.location.and_then(|l| actors.get(l)) {
            record.location = Some(Location { name: place.name.clone(), country: place.country.clone() });
        }
        record.flags = self.flags;
        record.mentions.push(mention);
        record.num_mentions = 1;
        record.num_articles = 1;
        record.num_sources = 1;
        Some(record)
    }
}
