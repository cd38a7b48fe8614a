//! The event coder's own input types. An adapter fills them from the actors and time stages, so this crate does
//! not depend on either.

use dyad_core::{ActorCode, DateRange, DateValue, Span};
use serde::{Deserialize, Serialize};

/// What kind of thing an actor mention is; it decides which roles the mention may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    /// A named or described person ("Kim Jong-un", "the Cuban ambassador").
    Person,
    /// An organisation or institution ("the Foreign Ministry", "the Cuban Embassy").
    Organization,
    /// A country or its government ("North Korea", "the DPRK", "Pyongyang" used for its government).
    Country,
    /// A people, party or armed group ("the Cuban people", "rebels").
    Group,
    /// A city, region or site. Only a location, except as the destination of a movement verb
    /// ("arrived in Pyongyang", "visited Havana").
    Place,
    /// A news outlet or agency ("KCNA", "Xinhua"). Never the source of an event it reports.
    Media,
}

/// One actor mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSlot {
    /// Byte span of the mention in the text that was tokenised.
    pub span: Span,
    /// Canonical actor id (from the actors stage).
    pub actor_id: String,
    /// Display name.
    pub name: String,
    /// CAMEO actor code such as `PRKGOV`, if known.
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country, if known.
    pub country: Option<String>,
    /// What the mention is.
    pub kind: SlotKind,
}

impl ActorSlot {
    /// The slot's code read as an [`ActorCode`] (`None` without a code, or for one of another shape).
    pub fn actor_code(&self) -> Option<ActorCode> {
        ActorCode::parse(self.code.as_deref()?).ok()
    }
}

/// When a time slot says something happened: a date at some precision, or a range of days. (The time stage's
/// richer `dyad_time::TimeValue` also gives the precision a range is read at; an adapter maps it to this.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotTime {
    /// A date at its precision.
    Date(DateValue),
    /// An inclusive range of days ("this week").
    Range(DateRange),
}

/// One time expression in a sentence: its span always (so the matcher never reads it as an object), its value
/// when it resolves (a relative "on Monday" on a page with no publication date has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSlot {
    /// Byte span of the expression.
    pub span: Span,
    /// Its resolved value; `None` when it depends on an anchor the document lacks.
    pub value: Option<SlotTime>,
    /// Why it resolved so ("'Thursday', past tense, before 2017-04-28").
    pub basis: String,
    /// Whether it lies after the document's anchor date (a planned or expected action).
    pub future: bool,
    /// Whether it ends more than [`EARLIER_DAYS`] before the document's anchor date: an earlier stage of the
    /// story, which never dates an act told in the present ("has dropped an investigation into an allegation made
    /// in 2010").
    #[serde(default)]
    pub earlier: bool,
}

/// How many days before the anchor a time expression must end to be [`TimeSlot::earlier`]: more than a headline's
/// "last week" in the historical present.
pub const EARLIER_DAYS: i64 = 14;
