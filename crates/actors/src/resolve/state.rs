//! The state a document keeps between its sentences (the countries and people it has named, the last subject), the
//! state of one sentence while the passes run, and the builders of mentions.

use crate::cues::{Gender, PersonCues};
use crate::data::{Entry, Gazetteer};
use crate::hits::{CountryMark, Matcher};
use crate::model::{ActorKind, ActorMention, MentionForm, cameo_code};
use crate::normalize::Normalized;
use crate::people::{Registry, after_office, entry_code};
use crate::roles::{Phrase, RoleInfo};
use crate::units::{Hit, Toks, Unit, View};
use chrono::NaiveDate;
use dyad_core::{ActorCode, Sector, Span};
use std::collections::HashMap;
use std::sync::Arc;

/// Where a text names a country, in text order.
pub(crate) type CountryMarks = Vec<CountryMark>;

/// Per-document resolution state: which countries the text has mentioned (for ambiguous aliases), which people
/// (for surnames, role anaphora and pronouns).
pub struct DocumentResolver<'r> {
    pub(crate) reg: &'r mut Registry,
    pub(crate) date: Option<NaiveDate>,
    pub(crate) country_counts: HashMap<String, u32>,
    /// The same counts without news media ("an Associated Press journalist" reports on any state): what
    /// [`DocumentResolver::dominant_country`] reads.
    pub(crate) state_counts: HashMap<String, u32>,
    /// Where the whole document names a country unambiguously, (byte offset, country) in text order, and the totals
    /// by country: found the first time a sentence asks which state the document is about before its own mentions
    /// can say (news puts its main events in its first lines), and only then.
    pub(crate) ahead: std::cell::OnceCell<(CountryMarks, HashMap<String, u32>)>,
    /// The byte range of the sentence being resolved, which the look-ahead leaves out.
    pub(crate) current: (usize, usize),
    /// Person index → (mentions in this document, sequence number of the last one).
    pub(crate) people: Vec<(u32, u32, u32)>,
    pub(crate) seq: u32,
    pub(crate) last_subject: Option<u32>,
    /// The person the previous sentence's reported clause is about ("Doe said Roe has ...": Roe), if any.
    pub(crate) last_reported: Option<u32>,
    /// Person index → the gender an honorific gave them in this document ("Mrs. Doe"): a pronoun of the other
    /// gender skips them.
    pub(crate) genders: HashMap<u32, Gender>,
    /// Person index → the code the document's own title or apposition gave them ("Mark Rutte, NATO's secretary
    /// general"): their later mentions in this document keep it, whatever post a listed person held on its date.
    pub(crate) titled: HashMap<u32, (String, Option<String>)>,
    /// Abbreviation → the mention it was defined after ("United Auto Workers (UAW)"), for later mentions.
    pub(crate) abbrevs: HashMap<String, ActorMention>,
    /// How many sentences the document has read so far (the current one included).
    pub(crate) sentence_no: u32,
    /// The last firm the document named, with the number of its sentence, for "the company" after it.
    pub(crate) last_firm: Option<(u32, ActorMention)>,
    pub(crate) norm: Normalized,
}

/// One sentence being resolved: where it lies in the document, and its units (see [`crate::units`]).
pub(crate) struct Sentence<'t> {
    /// The whole document text (mention spans are byte spans of it).
    pub(crate) text: &'t str,
    /// Where the sentence starts in `text`.
    pub(crate) offset: usize,
    pub(crate) sentence: &'t str,
    pub(crate) toks: Toks<'t>,
    pub(crate) hits: Vec<Hit>,
    pub(crate) units: Vec<Unit>,
    pub(crate) gaz: Arc<Gazetteer>,
}

impl Sentence<'_> {
    /// The sentence read through its units.
    pub(crate) fn view(&self) -> View<'_> {
        View { sentence: self.sentence, toks: self.toks, hits: &self.hits, units: &self.units, gaz: &self.gaz }
    }
}

/// What the passes over one sentence build up: its role phrases, which units a mention took, the mentions so far,
/// and the people the sentence named, with where.
pub(crate) struct Work {
    pub(crate) phrases: Vec<Phrase>,
    pub(crate) consumed: Vec<bool>,
    pub(crate) out: Vec<ActorMention>,
    pub(crate) people: Vec<(usize, u32)>,
    /// The sentence's runs of capitalised units (`a..=b`), found once by the names pass for the later passes.
    pub(crate) runs: Vec<(usize, usize)>,
}

impl Work {
    /// Marks the units of phrase `pi` as taken and returns its byte range in the sentence.
    pub(crate) fn take_phrase(&mut self, pi: usize, s: &Sentence) -> (usize, usize) {
        let ph = &self.phrases[pi];
        let v = s.view();
        let range = (v.start(ph.first), v.end(ph.last));
        self.consumed[ph.first..=ph.last].fill(true);
        range
    }
}

impl DocumentResolver<'_> {
    /// The state this document is mostly about so far: named at least three times, and more often than all
    /// other states together.
    ///
    /// In its first lines, before its mentions so far can settle it, the state the rest of the document names so
    /// (its headline and first lines are about it, and it says so later: "WASHINGTON (AP) — Ambassador X ...").
    /// `text` is the whole document.
    pub(crate) fn dominant_country(&self, text: &str) -> Option<String> {
        dominant(&self.state_counts).map(str::to_string).or_else(|| self.elsewhere(text))
    }

    /// The state the rest of the document (all but the current sentence) is mostly about, if one: its own mentions
    /// are left out, so that a sentence alone (or a one-sentence document) is never its own context. Only read while
    /// the document has named fewer than three states so far: later, a document whose own mentions settle no state
    /// (a bilateral report) is about none.
    fn elsewhere(&self, text: &str) -> Option<String> {
        if self.state_counts.values().sum::<u32>() >= 3 {
            return None;
        }
        let (marks, total) = self.marks(text);
        // The marks are in text order: this sentence's are one run of them.
        let (start, end) = self.current;
        let (a, b) = (marks.partition_point(|m| m.at < start), marks.partition_point(|m| m.at < end));
        let mut counts = total.clone();
        for m in &marks[a..b] {
            if let Some(n) = counts.get_mut(&m.country) {
                *n -= 1;
            }
        }
        dominant(&counts).map(str::to_string)
    }

    /// Where the whole document `text` names a country, and the totals by country (read once, when first asked).
    fn marks(&self, text: &str) -> &(CountryMarks, HashMap<String, u32>) {
        self.ahead.get_or_init(|| {
            let gaz = self.reg.gaz.clone();
            let matcher = Matcher { gaz: &gaz, counts: &self.country_counts, date: self.date };
            let marks = matcher.countries_named(&mut Normalized::default(), text);
            let mut total: HashMap<String, u32> = HashMap::new();
            for m in &marks {
                *total.entry(m.country.clone()).or_insert(0) += 1;
            }
            (marks, total)
        })
    }

    /// The state a description by nationality in the next sentences gives the person the current sentence
    /// introduces ("Wikileaks co-founder Julian Assange ... The 48-year-old Australian was evicted"): the first such
    /// description within [`DESCRIPTION_AHEAD`] sentences after this one. News describes the person it has just
    /// introduced; further on, a description may be of someone else.
    pub(crate) fn described_ahead(&self, text: &str) -> Option<String> {
        let end = self.current.1;
        let rest = text.get(end..)?;
        // The window: up to the end of the DESCRIPTION_AHEAD-th sentence after this one (a sentence ends at a full
        // stop, question or exclamation mark before white space, or at a line break; white space after an end
        // starts no other).
        let mut limit = text.len();
        let (mut ends, mut after_end) = (0, true);
        let bytes = rest.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let next_space = bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace());
            let is_end = b == b'\n' || (matches!(b, b'.' | b'?' | b'!') && next_space);
            if is_end && !after_end {
                ends += 1;
                if ends == DESCRIPTION_AHEAD {
                    limit = end + i;
                    break;
                }
            }
            after_end = is_end || (after_end && b.is_ascii_whitespace());
        }
        // Only the window is read, and only when it has "the" before a capitalised word (most have none).
        let window = text.get(end..limit)?;
        if !has_the_capitalised(window) {
            return None;
        }
        let gaz = self.reg.gaz.clone();
        let matcher = Matcher { gaz: &gaz, counts: &self.country_counts, date: self.date };
        let marks = matcher.countries_named(&mut Normalized::default(), window);
        marks.iter().find(|m| m.demonym && is_description(window, m, PersonCues::builtin())).map(|m| m.country.clone())
    }

    pub(crate) fn touch(&mut self, p: u32) {
        self.seq += 1;
        if let Some(x) = self.people.iter_mut().find(|x| x.0 == p) {
            x.1 += 1;
            x.2 = self.seq;
        } else {
            self.people.push((p, 1, self.seq));
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn person_mention(
        &self,
        p: u32,
        full: &str,
        s: usize,
        e: usize,
        offset: usize,
        form: MentionForm,
        info: Option<&RoleInfo>,
    ) -> Option<ActorMention> {
        let person = &self.reg.people[p as usize];
        let role = info.map(|i| i.text.clone()).or_else(|| person.roles.last().map(|r| r.role.clone()));
        let sector = person.roles.last().and_then(|r| r.sector.clone());
        // "Speaker Pelosi", "Judge Wilson", "the mayor Castro" with no state named: an office of a state's
        // government, legislature, courts, police or army held by someone the text gives no country is, in a
        // document about one state, an office of that state (news names the state of a domestic official once, if
        // at all). So is a former holder of such an office ("former special envoy John Roe", ELI), and an opposition
        // leader ("Opposition leader X was arrested"), whose opposition is to their own state's government. A person
        // with no office keeps no country: a bare name is as often a foreigner.
        let (country, code) = match (&person.country, sector.as_deref()) {
            (None, Some(sec))
                if Sector::from_code(sec).is_some_and(|s| s.is_state() || s == Sector::Eli || s == Sector::Opp)
                    && ActorCode::parse(&person.code).is_ok_and(|c| c.is_unknown()) =>
            {
                match self.dominant_country(full) {
                    Some(c) => (Some(c.clone()), cameo_code(Some(&c), Some(sec))),
                    None => (None, person.code.clone()),
                }
            }
            _ => (person.country.clone(), person.code.clone()),
        };
        make_mention(
            full,
            s,
            e,
            offset,
            MentionParts {
                actor: person.id.clone(),
                name: person.name.clone(),
                kind: ActorKind::Person,
                code,
                country,
                sector,
                role,
                form,
            },
        )
    }

    pub(crate) fn agent_mention(
        &self,
        info: &RoleInfo,
        full: &str,
        s: usize,
        e: usize,
        offset: usize,
    ) -> Option<ActorMention> {
        let code = match (&info.country, &info.org_code) {
            (None, Some(org)) => org.clone(),
            _ => cameo_code(info.country.as_deref(), info.sector.as_deref()),
        };
        let name = match &info.country {
            Some(c) => {
                format!("{} ({})", self.reg.gaz.country_name(c).unwrap_or(c), info.sector.as_deref().unwrap_or(""))
            }
            None => code.clone(),
        };
        make_mention(
            full,
            s,
            e,
            offset,
            MentionParts {
                actor: code.clone(),
                name,
                kind: ActorKind::Agent,
                code,
                country: info.country.clone(),
                sector: info.sector.clone(),
                role: Some(info.text.clone()),
                form: MentionForm::Role,
            },
        )
    }

    pub(crate) fn entry_mention(
        &self,
        e: &Entry,
        form: MentionForm,
        full: &str,
        s: usize,
        end: usize,
        offset: usize,
    ) -> Option<ActorMention> {
        let current = e.roles.iter().find(|r| r.valid_on(self.date));
        let sector = e
            .sector
            .clone()
            .or_else(|| current.and_then(|r| r.sector.clone()))
            .or_else(|| after_office(e, self.date).then(|| "ELI".to_string()));
        // A leader who served two states (Milosevic: Serbia, then Yugoslavia) is of the one served on the date, and
        // the head of an international organisation (a post of no state) is of none while in it.
        let country = match current {
            Some(r) if r.country.is_none() && r.actor_code().is_some_and(|c| c.is_transnational()) => None,
            _ => current.and_then(|r| r.country.clone()).or_else(|| e.country.clone()),
        };
        make_mention(
            full,
            s,
            end,
            offset,
            MentionParts {
                actor: e.id.clone(),
                name: e.name.clone(),
                kind: e.kind,
                code: entry_code(e, self.date),
                country,
                sector,
                role: current.map(|r| r.role.clone()),
                form,
            },
        )
    }
}

pub(crate) struct MentionParts {
    pub(crate) actor: String,
    pub(crate) name: String,
    pub(crate) kind: ActorKind,
    pub(crate) code: String,
    pub(crate) country: Option<String>,
    pub(crate) sector: Option<String>,
    pub(crate) role: Option<String>,
    pub(crate) form: MentionForm,
}

pub(crate) fn make_mention(full: &str, s: usize, e: usize, offset: usize, p: MentionParts) -> Option<ActorMention> {
    let span = Span::new(full, offset + s, offset + e).ok()?;
    let text = span.slice(full)?.to_string();
    Some(ActorMention {
        span,
        text,
        actor: p.actor,
        name: p.name,
        kind: p.kind,
        code: p.code,
        country: p.country,
        sector: p.sector,
        role: p.role,
        form: p.form,
    })
}

/// How many sentences after a person's first mention a description by nationality may still be theirs.
const DESCRIPTION_AHEAD: usize = 3;

/// Whether `text` has "the" (or "The") before a capitalised word, an age between or not ("the 48-year-old
/// Australian").
fn has_the_capitalised(text: &str) -> bool {
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if !w.eq_ignore_ascii_case("the") {
            continue;
        }
        if words.peek().is_some_and(|n| n.ends_with("-old")) {
            words.next();
        }
        if words.peek().is_some_and(|n| n.starts_with(char::is_uppercase)) {
            return true;
        }
    }
    false
}

/// Whether the demonym at `m` stands for a person: after "the" (with an age between: "the 48-year-old
/// Australian"), followed by a nationality noun ("the Australian national"), punctuation, or a word that follows a
/// subject ("was", "said"), as the nationality pass reads it.
fn is_description(text: &str, m: &CountryMark, cues: &PersonCues) -> bool {
    let before = text.get(..m.at).unwrap_or("").trim_end();
    let mut words = before.rsplit(char::is_whitespace);
    let mut w = words.next().unwrap_or("");
    if w.ends_with("-old") {
        w = words.next().unwrap_or("");
    }
    if !w.eq_ignore_ascii_case("the") {
        return false;
    }
    let after = text.get(m.end..).unwrap_or("");
    match after.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => {
            let next = after.trim_start();
            let word: &str = next.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            if word.is_empty() {
                return !next.starts_with(|c: char| c.is_alphanumeric());
            }
            cues.is_nationality(word) || cues.follows_description(word)
        }
        Some(c) => !c.is_alphanumeric() && c != '-',
    }
}

/// The state named at least three times and more often than all other states together, if any.
fn dominant(counts: &HashMap<String, u32>) -> Option<&str> {
    let total: u32 = counts.values().sum();
    let (c, n) = counts.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(c.as_str())))?;
    (*n >= 3 && 2 * n > total).then_some(c.as_str())
}
