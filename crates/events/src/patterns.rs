//! The pattern types of the event dictionaries: a verb pattern, a nominal event, a modifier cue's kind. The
//! built-in dictionaries (`dict.rs`) and the PETRARCH converter (`petrarch.rs`) both build them; the candidates
//! pass (`matcher.rs`) matches them.

/// A sequence of lemmas, e.g. `["joint", "exercise"]`.
pub type Phrase = Vec<&'static str>;

/// One row of `data/verbs.tsv` or `data/relations.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbPattern {
    /// A stable id, prefixed by its file: `verbs:meet|with|-`, `relations:maintain|with|tie,relation`.
    pub id: String,
    /// The verb's base form.
    pub verb: &'static str,
    /// Prepositions, one of which must follow (empty = none needed).
    pub preps: Vec<&'static str>,
    /// Object phrases, one of which must follow (empty = none needed).
    pub objects: Vec<Phrase>,
    /// CAMEO code (verbs.tsv) or relation kind (relations.tsv).
    pub code: &'static str,
    /// Symmetric action.
    pub symmetric: bool,
    /// Relations only: fires only in the simple present.
    pub present_only: bool,
    /// The preposition follows the verb itself, at most one lower-case word (a particle, an adverb) between
    /// (`next` in verbs.tsv): "headed back to Beijing", never "heads the Alliance for ..." (where "head" leads).
    pub prep_next: bool,
    /// An actor mention starts right after the verb, past "that" and a determiner (`actor` in verbs.tsv): "wants
    /// Britain to extradite X", "insisted that Germany pay", never "wants to join" or "insisted that it was".
    pub actor_next: bool,
    /// The party after the preposition is the source and the subject the target (`rev` in verbs.tsv): "received
    /// loans from X" is X's aid to the subject.
    pub reversed: bool,
    /// Loaded from an external dictionary ([`crate::Dictionaries::with_petrarch_verbs`]) rather than `data/`: such a
    /// row loses to a built-in row of the same verb that satisfies as many constraints, and its `objects` are
    /// sorted by first word, longest first among equals (the matcher looks them up by binary search).
    pub loaded: bool,
}

/// One row of `data/nominal_events.tsv` (or a verb-less row of `data/relations.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct NominalPattern {
    /// A stable id, prefixed by its file: `nominal:meeting`, `relations:alliance`.
    pub id: String,
    /// The phrase's lemmas.
    pub phrase: Phrase,
    /// Prepositions introducing the other party.
    pub preps: Vec<&'static str>,
    /// CAMEO code (or relation kind).
    pub code: &'static str,
    /// Symmetric action.
    pub symmetric: bool,
    /// An action of the clause's subject even without a preposition ("began a hunger strike").
    pub subject_action: bool,
}

/// What a cue phrase does to a predicate it precedes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    /// The action did not happen.
    Negation,
    /// The action is promised or wished for.
    Intent,
    /// The action is agreed ("agreed to"): promised like an intent, and mutual when the subject is a list.
    Agreement,
    /// The action is planned or expected.
    Future,
    /// Reported speech.
    Report,
    /// Passive auxiliary.
    Passive,
    /// The subject refuses the action ("refused to", "declined to"): the refusal is itself an event (root 12).
    Refusal,
    /// The subject tried and failed ("failed to reach agreement"): a failed meeting or agreement is a rejection
    /// (root 12), any other failed act is negated.
    Failure,
    /// The subject is obliged to act ("must", "should"): under a report verb, the speaker demands it (root 10).
    Obligation,
    /// A condition the action is threatened under ("unless"): a planned action with one is a threat (root 13).
    Condition,
    /// The subject readies the action ("prepared to resume shelling"): for an armed attack a show of force
    /// (root 15), otherwise a plan like a future cue.
    Preparation,
    /// A word naming a peacekeeping force ("peacekeepers"): such a force's movement into a place is
    /// peacekeeping (074), not a visit.
    Peacekeeping,
    /// The subject tries the action ("tried to assassinate", "attempted to seize"): coded as the act, as the
    /// CAMEO codebook's own examples do, and flagged as attempted.
    Attempt,
    /// A verb that charges, blames or disputes an act ("accused X of", "condemned X for", "denied"): a predicate
    /// in its of/for complement is the alleged act, reported rather than witnessed, and the verb's own event is
    /// kept.
    Allegation,
    /// The subject threatens the action ("threatened to", "warned to"): an intent whose code is a threat (root
    /// 13) even when the act threatened is cooperative ("threatened to withdraw its troops": 130, not the intent
    /// to de-escalate).
    Threat,
    /// What a protest demands (`aim_leadership`, `aim_policy`, `aim_rights`, `aim_institutions`): a protest of
    /// CAMEO 141-145 takes the sub-code of its aim, the digit given here (1411 "demonstrate for leadership
    /// change", ..., 1454).
    Aim(u8),
    /// What a speech act or act is about (`content_CODE`): an event coded by an ancestor of CODE in the codebook
    /// (its three-digit code, or that code's root-level "not specified" code: 112 or 110 for 1121, 120 for 122)
    /// takes CODE when this phrase is the nearest such cue after its predicate in its clause ("rebuffed a request
    /// for debt relief": 120 → 1221; "warned of a nuclear strike": 130 → 1385).
    Content(&'static str),
}
