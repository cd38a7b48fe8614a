//! The word lists of `data/time_words.tsv` and `data/time_past_verbs.tsv`, parsed once, and the trigger-word
//! prefilter built from them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_core::{DataError, data_lines, tsv_columns};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const WORDS_TSV: &str = include_str!("../../../data/time_words.tsv");
const PAST_TSV: &str = include_str!("../../../data/time_past_verbs.tsv");
const WORDS_FILE: &str = "time_words.tsv";
const PAST_FILE: &str = "time_past_verbs.tsv";

/// A calendar unit that a number can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
}

/// A word that relates a period to the anchor or to the narrative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    This,
    Last,
    Next,
    Past,
    Previous,
    Following,
    Coming,
    Same,
    Recent,
    Current,
}

/// Where inside a period an expression points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
}

/// TIMEX3's reference values for expressions with no calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vague {
    Past,
    Present,
    Future,
}

/// Everything the lists say about one lowercase word. Most words have one class; some have two ("fall").
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Word {
    pub month: u8,
    pub weekday: u8,
    pub number: Option<u32>,
    pub ordinal: u32,
    pub unit: Option<Unit>,
    pub deictic: Option<i8>,
    pub season: Option<&'static str>,
    pub rel: Option<Rel>,
    pub part: Option<Part>,
    pub vague: Option<Vague>,
    pub set: Option<Unit>,
    pub future: bool,
    pub present: bool,
    pub past: bool,
    pub prep: bool,
    /// A clock time the word names ("noon": 12:00), as hour and minute.
    pub clock: Option<(u8, u8)>,
    /// A part of the day: an index into [`PARTS_OF_DAY`], 0 for none (one byte: every token carries a `Word`).
    pub pod: u8,
    /// A time-zone word: 2 for UTC ("GMT", "UTC"), 1 for a local zone ("EST"), 0 for none.
    pub zone: u8,
    /// Listed at all: only listed words and numbers can open an expression.
    pub listed: bool,
}

/// TimeML's parts of the day, as [`Word::pod`] indexes them (0 is none).
pub(crate) const PARTS_OF_DAY: [&str; 5] = ["", "MO", "AF", "EV", "NI"];

impl Word {
    /// The part of the day the word names ("MO").
    pub fn pod(&self) -> Option<&'static str> {
        PARTS_OF_DAY.get(usize::from(self.pod)).copied().filter(|p| !p.is_empty())
    }

    /// A time-zone word: `Some(true)` for UTC, `Some(false)` for a local zone.
    pub fn zone(&self) -> Option<bool> {
        (self.zone > 0).then_some(self.zone == 2)
    }
}

/// FNV-1a: the keys are short lowercase words, for which SipHash's DoS resistance buys nothing and costs time.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<V> = HashMap<Vec<u8>, V, std::hash::BuildHasherDefault<Fnv>>;

pub(crate) struct Lexicon {
    words: FnvMap<Word>,
    /// The longest listed word, in bytes: longer words are not looked up.
    longest: usize,
    /// Words that can anchor an expression; a sentence without any of them (and without digits) has none.
    /// `None` only if the automaton could not be built, in which case every text is examined.
    triggers: AhoCorasick,
    /// Patterns of `triggers` below this index open dates; the others only clock times ("noon", "morning").
    date_triggers: usize,
}

/// What the prefilter found in a text: whether the calendar grammar and the clock pass need to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Scan {
    /// A trigger word or a date-like number: the calendar grammar runs.
    pub dates: bool,
    /// A clock-like number ("15:00", "3 p.m.") or a clock word ("noon", "morning").
    pub clocks: bool,
}

fn unit_of(s: &str) -> Option<Unit> {
    Some(match s {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "fortnight" => Unit::Fortnight,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" => Unit::Century,
        "weekend" => Unit::Weekend,
        _ => return None,
    })
}

fn rel_of(s: &str) -> Option<Rel> {
    Some(match s {
        "this" => Rel::This,
        "last" => Rel::Last,
        "next" => Rel::Next,
        "past" => Rel::Past,
        "previous" => Rel::Previous,
        "following" => Rel::Following,
        "coming" => Rel::Coming,
        "same" => Rel::Same,
        "recent" => Rel::Recent,
        "current" => Rel::Current,
        _ => return None,
    })
}

/// Parses `time_words.tsv` text into word entries.
pub(crate) fn parse_words(text: &str) -> Result<HashMap<String, Word>, DataError> {
    let mut words: HashMap<String, Word> = HashMap::new();
    for (line, row) in data_lines(text) {
        let [word, class, value] = tsv_columns(WORDS_FILE, line, row)?;
        let bad = || DataError { file: WORDS_FILE, line, message: format!("unknown class or value in {row:?}") };
        if word.is_empty() || word.chars().any(|c| c.is_uppercase()) {
            return Err(bad());
        }
        let entry = words.entry(word.to_string()).or_default();
        // Tense and preposition words never open an expression; every other class can.
        // Clock words open no calendar expression: the clock pass (`clock.rs`) reads them.
        entry.listed |= !matches!(class, "prep" | "future" | "present" | "clock" | "pod" | "zone");
        match class {
            "month" => entry.month = value.parse().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?,
            "weekday" => entry.weekday = value.parse().ok().filter(|d| (1..=7).contains(d)).ok_or_else(bad)?,
            "number" => entry.number = Some(value.parse().map_err(|_| bad())?),
            "ordinal" => entry.ordinal = value.parse().map_err(|_| bad())?,
            "unit" => entry.unit = Some(unit_of(value).ok_or_else(bad)?),
            "deictic" => entry.deictic = Some(value.parse().map_err(|_| bad())?),
            "season" => {
                entry.season = Some(match value {
                    "SP" => "SP",
                    "SU" => "SU",
                    "FA" => "FA",
                    "WI" => "WI",
                    _ => return Err(bad()),
                })
            }
            "rel" => entry.rel = Some(rel_of(value).ok_or_else(bad)?),
            "part" => {
                entry.part = Some(match value {
                    "early" => Part::Early,
                    "mid" => Part::Mid,
                    "late" => Part::Late,
                    _ => return Err(bad()),
                })
            }
            "vague" => {
                entry.vague = Some(match value {
                    "PAST_REF" => Vague::Past,
                    "PRESENT_REF" => Vague::Present,
                    "FUTURE_REF" => Vague::Future,
                    _ => return Err(bad()),
                })
            }
            "set" => entry.set = Some(unit_of(value).ok_or_else(bad)?),
            "future" => entry.future = true,
            "present" => entry.present = true,
            "prep" => entry.prep = true,
            "cue" => {}
            "clock" => {
                let (h, m) = value.split_once(':').ok_or_else(bad)?;
                let (h, m): (u8, u8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
                if h > 23 || m > 59 {
                    return Err(bad());
                }
                entry.clock = Some((h, m));
            }
            "pod" => {
                let at = PARTS_OF_DAY.iter().position(|p| !p.is_empty() && *p == value).ok_or_else(bad)?;
                entry.pod = u8::try_from(at).map_err(|_| bad())?;
            }
            "zone" => {
                entry.zone = match value {
                    "Z" => 2,
                    "local" => 1,
                    _ => return Err(bad()),
                }
            }
            _ => return Err(bad()),
        }
    }
    Ok(words)
}

/// Parses `time_past_verbs.tsv` text.
pub(crate) fn parse_past(text: &str) -> Result<HashSet<String>, DataError> {
    let mut out = HashSet::new();
    for (line, row) in data_lines(text) {
        let [verb] = tsv_columns(PAST_FILE, line, row)?;
        if verb.contains(char::is_whitespace) || verb.chars().any(|c| c.is_uppercase()) {
            let message = format!("{verb:?} is not one lower-case word");
            return Err(DataError { file: PAST_FILE, line, message });
        }
        out.insert(verb.to_string());
    }
    Ok(out)
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| load(WORDS_TSV, PAST_TSV));

/// The lexicon of the two word files. The files are compiled in and validated by unit tests, so a bad line is a
/// build defect: it panics at first use, naming the file and the line, rather than leaving the lexicon empty.
fn load(words_src: &str, past_src: &str) -> Lexicon {
    let parsed = loaded(parse_words(words_src));
    let mut triggers: Vec<&str> = parsed
        .iter()
        .filter(|(w, e)| {
            w.len() >= 3
                && (e.month > 0
                    || e.weekday > 0
                    || e.unit.is_some()
                    || e.deictic.is_some()
                    || e.season.is_some()
                    || e.vague.is_some()
                    || e.set.is_some())
        })
        .map(|(w, _)| w.as_str())
        .collect();
    triggers.extend(["anniversary", "aged", "old", "fy"]);
    // Then the words that can only open a clock time: patterns from `date_triggers` on are these.
    let date_triggers = triggers.len();
    let mut clock_words: Vec<&str> = parsed
        .iter()
        .filter(|(w, e)| (e.clock.is_some() || e.pod != 0 || e.zone == 2) && !triggers.contains(&w.as_str()))
        .map(|(w, _)| w.as_str())
        .collect();
    clock_words.push("clock");
    triggers.extend(clock_words);
    let triggers = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&triggers)
        .unwrap_or_else(|e| panic!("bad embedded data file {WORDS_FILE}:0: trigger automaton: {e}"));
    let mut words: FnvMap<Word> = parsed.iter().map(|(k, v)| (k.as_bytes().to_vec(), *v)).collect();
    for verb in loaded(parse_past(past_src)) {
        words.entry(verb.into_bytes()).or_default().past = true;
    }
    let longest = words.keys().map(Vec::len).max().unwrap_or(0);
    Lexicon { words, longest, triggers, date_triggers }
}

/// A parsed data file, or a panic naming the file and the line.
fn loaded<T>(parsed: Result<T, DataError>) -> T {
    parsed.unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

impl Lexicon {
    /// The entry of a word, compared case-insensitively, without allocating.
    pub fn get(&self, word: &str) -> Option<&Word> {
        let bytes = word.as_bytes();
        if bytes.len() > self.longest.min(24) {
            return None;
        }
        if !bytes.is_ascii() {
            let normalised: String = word.replace('\u{2019}', "'").to_lowercase();
            return self.words.get(normalised.as_bytes());
        }
        let mut buf = [0u8; 24];
        for (b, out) in bytes.iter().zip(buf.iter_mut()) {
            *out = b.to_ascii_lowercase();
        }
        self.words.get(&buf[..bytes.len()])
    }

    /// Whether `text` might hold a temporal expression: a trigger word on word boundaries, or a number that can be
    /// a date without one (a four-digit year, "5/11/2018", "'80s"). Other numbers ("$40 billion", "44,000") need a
    /// month or unit word beside them, which is a trigger.
    pub fn may_contain(&self, text: &str) -> bool {
        let scan = self.scan(text);
        scan.dates || scan.clocks
    }

    /// The prefilter, one pass over the numbers and one automaton scan: `dates` is exactly what it was before
    /// clock times were read (a clock word never hides a date trigger: both are whole words), so a text with only
    /// clock cues never reaches the calendar grammar.
    pub fn scan(&self, text: &str) -> Scan {
        let bytes = text.as_bytes();
        let mut scan = Scan::default();
        let (dates, clocks) = numbers(bytes);
        if dates {
            return Scan { dates, clocks: true };
        }
        scan.clocks = clocks;
        let is_word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric());
        for m in self.triggers.find_iter(text) {
            if (m.start() == 0 || !is_word(m.start() - 1)) && !is_word(m.end()) {
                if m.pattern().as_usize() < self.date_triggers {
                    scan.dates = true;
                    return scan;
                }
                scan.clocks = true;
            }
        }
        scan
    }
}

/// (a date-like number, a clock-like number): "2018", "5/11", "'80s"; "15:00", "3 p.m.", "3pm".
fn numbers(bytes: &[u8]) -> (bool, bool) {
    let mut clocks = false;
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let next = bytes.get(i).copied();
        let after_apostrophe = start > 0 && matches!(bytes[start - 1], b'\'' | 0x99);
        if i - start == 4 || matches!(next, Some(b'/' | b's')) || after_apostrophe {
            return (true, true);
        }
        clocks |= i - start <= 2 && clock_like(&bytes[i..]);
    }
    (false, clocks)
}

/// After one or two digits: ":" and a digit, or "am"/"pm" (with or without stops or a space) as a whole word.
fn clock_like(rest: &[u8]) -> bool {
    if rest.first() == Some(&b':') {
        return rest.get(1).is_some_and(u8::is_ascii_digit);
    }
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    let Some((first, rest)) = rest.split_first() else { return false };
    if !matches!(first.to_ascii_lowercase(), b'a' | b'p') {
        return false;
    }
    let rest = rest.strip_prefix(b".").unwrap_or(rest);
    let Some((m, rest)) = rest.split_first() else { return false };
    m.eq_ignore_ascii_case(&b'm') && rest.first().is_none_or(|b| !b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_file_loads_and_covers_each_class() {
        let words = parse_words(WORDS_TSV).expect("time_words.tsv parses");
        assert_eq!(words["nov"].month, 11);
        assert_eq!(words["sunday"].weekday, 7);
        assert_eq!(words["sixty"].number, Some(60));
        assert_eq!(words["fifth"].ordinal, 5);
        assert_eq!(words["decades"].unit, Some(Unit::Decade));
        assert_eq!(words["yesterday"].deictic, Some(-1));
        assert_eq!(words["fall"].season, Some("FA"));
        assert_eq!(words["previous"].rel, Some(Rel::Previous));
        assert!(words["will"].future);
        assert_eq!(words["noon"].clock, Some((12, 0)));
        assert_eq!(words["tonight"].pod(), Some("NI"));
        assert_eq!(words["tonight"].deictic, Some(0));
        assert_eq!((words["gmt"].zone(), words["est"].zone()), (Some(true), Some(false)));
        assert!(!words["morning"].listed, "clock words open no calendar expression");
        for m in 1..=12u8 {
            assert!(words.values().any(|w| w.month == m), "month {m} missing");
        }
    }

    #[test]
    fn past_verb_file_loads() {
        let past = parse_past(PAST_TSV).expect("time_past_verbs.tsv parses");
        assert!(past.contains("held") && past.contains("left") && past.len() > 80);
        assert!(!past.iter().any(|w| w.ends_with("ed") && w.len() > 5), "regular pasts need not be listed");
    }

    #[test]
    fn bad_lines_are_rejected() {
        assert!(parse_words("may\tmonth").is_err());
        assert!(parse_words("may\tmonth\t13").is_err());
        assert!(parse_words("x\tcolour\t1").is_err());
        assert!(parse_words("noon\tclock\t25:00").is_err());
        assert!(parse_words("noon\tclock\tnoon").is_err());
        assert!(parse_words("dawn\tpod\tDA").is_err());
        assert!(parse_words("gmt\tzone\tUTC").is_err());
        assert!(parse_past("two words").is_err());
    }

    #[test]
    fn a_bad_line_names_its_file_and_line() {
        let e = parse_words("# word\tclass\tvalue\nmay\tmonth\t5\n\nmay\tmonth\n").unwrap_err();
        assert_eq!((e.file, e.line), ("time_words.tsv", 4));
        let e = parse_words("may\tmonth\t5\nx\tcolour\t1\n").unwrap_err();
        assert_eq!((e.file, e.line), ("time_words.tsv", 2));
        let e = parse_past("# verb\nheld\n\nTook\n").unwrap_err();
        assert_eq!((e.file, e.line), ("time_past_verbs.tsv", 4));
        assert_eq!(parse_past("held\nleft\tgone\n").unwrap_err().line, 2);
        let e = parse_words("noon\tclock\t12:00\nmidnight\tclock\t24:00\n").unwrap_err();
        assert_eq!((e.file, e.line), ("time_words.tsv", 2));
    }

    #[test]
    #[should_panic(expected = "time_words.tsv:2: ")]
    fn a_bad_words_file_panics_naming_file_and_line() {
        load("may\tmonth\t5\nx\tcolour\t1\n", "held\n");
    }

    #[test]
    #[should_panic(expected = "time_past_verbs.tsv:3: ")]
    fn a_bad_past_verbs_file_panics_naming_file_and_line() {
        load("may\tmonth\t5\n", "held\n\nTook\n");
    }

    #[test]
    fn prefilter_needs_a_whole_trigger_word_or_a_digit() {
        assert!(LEXICON.may_contain("They met on Saturday."));
        assert!(LEXICON.may_contain("in 1960"));
        assert!(LEXICON.may_contain("dated 5/11/18") && LEXICON.may_contain("the '80s"));
        assert!(!LEXICON.may_contain("It paid $40 billion for 44,000 new positions at 300 suppliers."));
        assert!(!LEXICON.may_contain("The minister praised the monetary union."));
        assert!(LEXICON.get("TODAY").is_some_and(|w| w.deictic == Some(0)));
    }
}
