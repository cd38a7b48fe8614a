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
    /// No agent is named and the target's own state acts on it ("two prison officers were charged with
    /// falsifying records"): `source` is the target's slot, and [`EventCandidate::to_record`] makes the target's
    /// country the source.
    pub home_source: bool,
    /// Told in the present ("is urging", "wants", "has dropped") with no time expression of its own: it happens
    /// now, so a narrative date well before the publication date does not date it.
    pub now: bool,
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
    /// Events whose target is named by a reference to an earlier act ("rejected these accusations"), for the
    /// caller, who sees the earlier sentences, to resolve.
    pub references: Vec<crate::reference::ActReference>,
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
        let source = match self.home_source {
            true => party(self.source)?.country.as_ref().map(state)?,
            false => party(self.source)?,
        };
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
            record.date = t.value.map(|value| match value {
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

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::DateValue;

    fn slot(text: &str, name: &str, id: &str, country: &str, kind: SlotKind) -> ActorSlot {
        let start = text.find(name).unwrap();
        ActorSlot {
            span: Span::new(text, start, start + name.len()).unwrap(),
            actor_id: id.into(),
            name: name.into(),
            code: Some(id.into()),
            country: Some(country.into()),
            kind,
        }
    }

    fn candidate(source: usize, target: Option<usize>) -> EventCandidate {
        EventCandidate {
            code: "173",
            done_code: "173",
            source,
            target,
            flags: Flags::default(),
            evidence: Span::new("x", 0, 1).unwrap(),
            pattern: "test",
            time: Some(0),
            location: Some(1),
            home_target: false,
            home_source: false,
            now: false,
        }
    }

    #[test]
    fn a_record_from_the_slots() {
        let text = "Police in Basra arrested Kuwaitis on Monday.";
        let actors = [
            slot(text, "Police", "IRQCOP", "IRQ", SlotKind::Organization),
            slot(text, "Basra", "IRQBAS", "IRQ", SlotKind::Place),
            slot(text, "Kuwaitis", "KWT", "KWT", SlotKind::Group),
        ];
        let monday = text.find("Monday").unwrap();
        let times = [TimeSlot {
            span: Span::new(text, monday, monday + 6).unwrap(),
            value: Some(SlotTime::Date(DateValue::day(2020, 1, 6).unwrap())),
            basis: "test".into(),
            future: false,
            earlier: false,
        }];
        let r = candidate(0, Some(2)).to_record(&actors, &times, Mention::default()).expect("record");
        assert_eq!((r.id.as_str(), r.source.id.as_str()), ("173:IRQCOP:KWT", "IRQCOP"));
        assert_eq!(r.location.as_ref().map(|l| l.name.as_str()), Some("Basra"));
        assert_eq!(r.date.as_ref().map(|d| d.when.to_string()).as_deref(), Some("2020-01-06"));
        assert_eq!((r.mentions.len(), r.num_mentions), (1, 1));
        // A time slot with no value (a weekday on an undated page) dates nothing.
        let undated = [TimeSlot { value: None, ..times[0].clone() }];
        let r = candidate(0, Some(2)).to_record(&actors, &undated, Mention::default()).expect("record");
        assert!(r.date.is_none());
        // A place taken as a party stands for its state.
        let r = candidate(0, Some(1)).to_record(&actors, &times, Mention::default()).expect("record");
        assert_eq!(r.target.map(|t| t.id), Some("IRQ".to_string()));
        // An act at home names the source's own state as the target.
        let home = EventCandidate { home_target: true, ..candidate(0, None) };
        let r = home.to_record(&actors, &times, Mention::default()).expect("record");
        assert_eq!(r.target.map(|t| t.id), Some("IRQ".to_string()));
        // An agentless legal act at home names the target's own state as the source.
        let own = EventCandidate { home_source: true, ..candidate(0, Some(0)) };
        let r = own.to_record(&actors, &times, Mention::default()).expect("record");
        assert_eq!((r.source.id.as_str(), r.target.map(|t| t.id)), ("IRQ", Some("IRQCOP".to_string())));
        // A slot out of range makes no record.
        assert!(candidate(7, None).to_record(&actors, &times, Mention::default()).is_none());
    }
}
