//! Time: the temporal expressions of a sentence, with byte spans, resolved against an anchor date (normally the
//! publication date), so that an event is dated by what the text says rather than by the day it was reported. Each
//! gets a value at its own [`Precision`] (day, week, month, year, decade) or a range, a `basis` explaining the
//! reading, a TIMEX3 value and a [`Kind`] (durations, ages and frequencies are found so they are *not* dates).
//! Clock times and parts of the day ("at 3 p.m.", "08:57 GMT", "last night") are read in a second pass over what
//! the calendar grammar left, as [`Kind::Time`] on the day beside them: they give TimeML `TIME` values
//! ([`to_timeml`]) and never date an event. [`find`] reads one text; [`TimeResolver`] carries a document's chains
//! ("the previous day"), over plain text or over the text stage's sentences
//! ([`TimeResolver::resolve_tokenized`]).
//!
//! Key design decision: a hand-written recogniser over tokens, not a general date parser: news needs a past bias
//! read from the clause's tense, chains to the narrative date and non-dates kept out, and a sentence with no
//! trigger word and no digit must cost one automaton scan. The word lists are data files, parsed once. The tokens
//! are the text stage's (`dyad_text::Tokens`, one tokenizer for words), split further only where dates need finer
//! pieces ("2018-11-05", "5:30pm", "1,000"), so a sentence the pipeline has analysed is not tokenised again.
#![deny(missing_docs)]

mod clock;
mod grammar;
mod lexicon;
mod resolve;
mod tense;
mod token;

use chrono::NaiveDate;
use dyad_core::{DateValue, Precision, Span};
use dyad_text::TokenizedSentence;
use grammar::{Expr, YearRef};
use resolve::Context;
use serde::{Deserialize, Serialize};

pub use resolve::TimeValue;
pub use tense::Tense;

/// What an expression denotes. Only [`Kind::Date`] expressions date events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A point or period on the calendar.
    Date,
    /// A length of time ("nearly five decades").
    Duration,
    /// A frequency ("annually").
    Set,
    /// An age ("a 30-year-old").
    Age,
    /// A clock time or a part of the day read on its own ("at 3 p.m.", "last night"): its value is the day it falls
    /// on, but it dates no event (a day written beside it does).
    Time,
}

/// A temporal expression found in a text and resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct TemporalExpression {
    /// Where it is, in bytes of the text given to the resolver.
    pub span: Span,
    /// What it denotes.
    pub kind: Kind,
    /// The calendar value; `None` for durations, ages and frequencies.
    pub value: Option<TimeValue>,
    /// The value's precision; `None` when there is no value.
    pub precision: Option<Precision>,
    /// How the value was reached, e.g. "weekday, past tense, on or before anchor 2025-07-13".
    pub basis: String,
    /// Whether it refers to the future of the anchor (or is set in a future clause).
    pub future: bool,
    /// The tense of the clause around it.
    pub tense: Tense,
    /// The TIMEX3 value (`2017-W17`, `2009-Q1`, `PAST_REF`, `P5DE`, `2013-03-12T15:00`), for comparison with
    /// annotated corpora.
    pub timex: String,
    /// The time of day, when one is written: `15:00`, `08:57Z` (UTC), or a part of the day as TimeML writes it
    /// (`MO`, `AF`, `EV`, `NI`).
    pub time: Option<String>,
}

/// The record `dyad time` prints: one JSON line per expression (see FORMATS.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeRecord {
    /// The expression's text.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// ISO value at its precision, `START/END` for a range, or an ISO duration for a non-date.
    pub value: String,
    /// `day`, `week`, `month`, `year` or `decade`; `null` for a non-date.
    pub precision: Option<Precision>,
    /// How the value was reached.
    pub basis: String,
    /// `date`, `duration`, `set`, `age` or `time`.
    pub kind: Kind,
    /// Refers to the anchor's future.
    pub future: bool,
    /// The TIMEX3 value.
    pub timex: String,
    /// The time of day (`15:00`, `08:57Z`, `MO`), only when one is written; `value` stays the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl TemporalExpression {
    /// The printed record for this expression; `text` is the text the expression was found in.
    pub fn record(&self, text: &str) -> TimeRecord {
        TimeRecord {
            text: self.span.slice(text).unwrap_or_default().to_string(),
            start: self.span.start(),
            end: self.span.end(),
            value: self.value.map_or_else(|| self.timex.clone(), |v| v.to_string()),
            precision: self.precision,
            basis: self.basis.clone(),
            kind: self.kind,
            future: self.future,
            timex: self.timex.clone(),
            time: self.time.clone(),
        }
    }

    /// Whether this expression dates something.
    pub fn is_date(&self) -> bool {
        self.kind == Kind::Date && self.value.is_some()
    }
}

/// Resolves the sentences of one document in order, carrying what chains need: the anchor, the narrative date
/// (the last event date resolved) and the years mentioned so far.
///
/// ```
/// use chrono::NaiveDate;
/// let anchor = NaiveDate::from_ymd_opt(2025, 7, 13).unwrap();
/// let mut doc = dyad_time::TimeResolver::new(anchor);
/// let first = doc.resolve_sentence("They met on Saturday.");
/// assert_eq!(first[0].value.unwrap().to_string(), "2025-07-12");
/// let second = doc.resolve_sentence("Talks had been held the previous day.");
/// assert_eq!(second[0].value.unwrap().to_string(), "2025-07-11");
/// ```
#[derive(Debug, Clone)]
pub struct TimeResolver {
    anchor: NaiveDate,
    ctx: Context,
}

impl TimeResolver {
    /// A resolver for a document published on `anchor`.
    pub fn new(anchor: NaiveDate) -> TimeResolver {
        TimeResolver { anchor, ctx: Context::default() }
    }

    /// The anchor date.
    pub fn anchor(&self) -> NaiveDate {
        self.anchor
    }

    /// The date of the event most recently mentioned, if any.
    pub fn narrative(&self) -> Option<DateValue> {
        self.ctx.narrative
    }

    /// Finds and resolves the expressions of `text` (a sentence, or several in order), updating the document
    /// state. Spans are byte offsets into `text`. The text is tokenised by the text stage (`dyad_text::token_spans`);
    /// a caller that has its sentences tokenised already uses [`TimeResolver::resolve_tokenized`].
    pub fn resolve_sentence(&mut self, text: &str) -> Vec<TemporalExpression> {
        match Recognised::of(text) {
            Some(r) => r.resolve(self),
            None => Vec::new(),
        }
    }

    /// Finds and resolves the expressions of `sentence`, one sentence of `text` with its tokens, updating the
    /// document state: what [`TimeResolver::resolve_sentence`] gives for the sentence's text, read from its tokens
    /// instead of tokenising it again. Spans are byte offsets into `text`, as the sentence's are.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let text = "Kim arrived. They met on Saturday.";
    /// let sentences = dyad_text::sentences(text);
    /// let mut doc = dyad_time::TimeResolver::new(NaiveDate::from_ymd_opt(2025, 7, 13).unwrap());
    /// let found = doc.resolve_tokenized(text, &sentences[1]);
    /// assert_eq!(found[0].span.slice(text), Some("on Saturday"));
    /// assert_eq!(found[0].value.unwrap().to_string(), "2025-07-12");
    /// ```
    pub fn resolve_tokenized(&mut self, text: &str, sentence: &TokenizedSentence) -> Vec<TemporalExpression> {
        match Recognised::of_sentence(text, sentence) {
            Some(r) => r.resolve(self),
            None => Vec::new(),
        }
    }

    /// Clock times as expressions of kind [`Kind::Time`], each on the day of the day expression written right
    /// beside it ("on Tuesday at 3 p.m.", "12:00 UTC Monday"), else on its own day ("last night"), else on the
    /// anchor; `out` stays in text order.
    fn add_clocks(
        &self,
        text: &str,
        toks: &[token::Tok<'_>],
        clocks: &[clock::ClockFound],
        out: &mut Vec<TemporalExpression>,
    ) {
        let mut added = Vec::with_capacity(clocks.len());
        // The sentence a byte offset lies in, counted by the sentence ends of the tokens that end at or before it
        // (counted once: a long text with many clock times and days would count them again for every pair).
        let mut ends_before = Vec::with_capacity(toks.len() + 1);
        ends_before.push(0);
        for t in toks {
            ends_before.push(ends_before.last().copied().unwrap_or(0) + usize::from(t.ends_sentence));
        }
        let sentence = |at: usize| ends_before.get(toks.partition_point(|t| t.end <= at)).copied().unwrap_or(0);
        for c in clocks {
            let (start, end) = (toks[c.first].start, toks[c.end - 1].end);
            let Ok(span) = Span::new(text, start, end) else { continue };
            let blank = |a: usize, b: usize| a <= b && text.get(a..b).is_some_and(|g| g.trim().is_empty());
            // Days: the calendar expressions, and parts of the day read before ("this morning at 10 am").
            let is_part = |e: &TemporalExpression| e.kind == Kind::Time && !e.timex.contains(':');
            let days =
                out.iter().chain(&added).filter(|e| e.kind == Kind::Date || is_part(e)).filter_map(|e| match e.value {
                    Some(TimeValue::Date(d)) if d.precision() == Precision::Day => Some((e, d.first_day())),
                    _ => None,
                });
            // Beside it with only blanks between, else the nearest day in its sentence ("flew Tuesday in Everett at
            // 18:00 UTC", "at 16:15 UTC, June 1st").
            let distance = |e: &TemporalExpression| {
                if blank(e.span.end(), start) || blank(end, e.span.start()) {
                    Some(0)
                } else if sentence(e.span.start()) == sentence(start) {
                    Some(1 + e.span.start().abs_diff(start))
                } else {
                    None
                }
            };
            let nearest = days.filter_map(|(e, d)| Some((distance(e)?, d, e))).min_by_key(|(dist, ..)| *dist);
            // "this afternoon at 3:20": an hour without am/pm after a later part of the day is p.m.
            let mut clock = c.clock;
            if let (Some((0, _, e)), clock::Clock::At { hour, open: true, .. }) = (nearest, &mut clock)
                && matches!(e.time.as_deref(), Some("AF" | "EV" | "NI"))
                && *hour < 12
            {
                *hour += 12;
            }
            let beside = nearest.map(|(_, d, e)| (d, e.span.slice(text).unwrap_or_default()));
            let (day, basis) = match (beside, c.days) {
                (Some((d, words)), _) => (Some(d), format!("clock time on '{words}'")),
                (None, Some(n)) => (
                    self.anchor.checked_add_signed(chrono::Duration::days(n)),
                    format!("part of the day, {n} day(s) from anchor {}", self.anchor),
                ),
                (None, None) => (Some(self.anchor), format!("clock time on the anchor day {}", self.anchor)),
            };
            let Some(value) = day.and_then(|d| DateValue::from_naive(d).ok()) else { continue };
            let time = clock.timex();
            added.push(TemporalExpression {
                span,
                kind: Kind::Time,
                value: Some(TimeValue::Date(value)),
                precision: Some(Precision::Day),
                basis,
                future: value.first_day() > self.anchor,
                tense: tense::tense_at(toks, c.first, c.end),
                timex: format!("{value}T{time}"),
                time: Some(time),
            });
        }
        out.extend(added);
        out.sort_by_key(|e| e.span.start());
    }

    /// Resolves the calendar expressions the grammar found.
    fn resolve_found(
        &mut self,
        text: &str,
        toks: &[token::Tok<'_>],
        found: &[grammar::Found],
    ) -> Vec<TemporalExpression> {
        let mut out = Vec::with_capacity(found.len());
        let mut sentence_of_last: Option<usize> = None;
        // The sentence of each expression (how many sentence ends come before its first token), counted once: a
        // long text with many expressions would otherwise count them again for every pair.
        let mut ends = 0;
        let mut at = 0;
        let sentences: Vec<usize> = found
            .iter()
            .map(|f| {
                let upto = f.first.min(toks.len());
                if upto < at {
                    (ends, at) = (0, 0);
                }
                ends += toks[at..upto].iter().filter(|t| t.ends_sentence).count();
                at = upto;
                ends
            })
            .collect();
        for (n, f) in found.iter().enumerate() {
            let sentence = sentences[n];
            if sentence_of_last != Some(sentence) {
                self.ctx.in_sentence = None;
                sentence_of_last = Some(sentence);
            }
            let sentence_years: Vec<i32> = found
                .iter()
                .zip(&sentences)
                .enumerate()
                .filter(|(m, (_, s))| *m != n && **s == sentence)
                .filter_map(|(_, (g, _))| written_year(&g.expr))
                .collect();
            let mut tense = tense::tense_at(toks, f.first, f.end);
            // "closed until Friday": a state that lasts up to a weekday. Unless the clause is a simple past
            // ("stayed until Friday"), the state still holds at the anchor (a present perfect "has kept them closed
            // until Friday" included), so the weekday lies ahead.
            if matches!(f.expr, Expr::Weekday { rel: None, .. })
                && f.first > 0
                && (toks[f.first - 1].is("until") || toks[f.first - 1].is("till"))
            {
                let clause_start = (0..f.first).rev().find(|&i| toks[i].ends_sentence).map_or(0, |i| i + 1);
                let clause = &toks[clause_start..f.first];
                // A present perfect, a future or an infinitive ("to remain closed") before the weekday.
                let ahead = clause.iter().any(|t| t.is("has") || t.is("have") || t.is("will"))
                    || clause.windows(2).any(|w| {
                        w[0].is("to") && w[1].text.chars().next().is_some_and(char::is_lowercase) && !w[1].is("the")
                    });
                if tense != Tense::Past || ahead {
                    tense = Tense::Future;
                }
            }
            let Some(r) = resolve::resolve(f.expr, self.anchor, tense, &self.ctx, &sentence_years) else {
                continue;
            };
            let Ok(span) = Span::new(text, toks[f.first].start, toks[f.end - 1].end) else { continue };
            let kind = match f.expr {
                Expr::Duration { .. } => Kind::Duration,
                Expr::Age { .. } => Kind::Age,
                Expr::Set { .. } => Kind::Set,
                _ => Kind::Date,
            };
            if let Some(y) = written_year(&f.expr) {
                self.ctx.years.push(y);
            }
            // "since October 1997" is a point of comparison, not the date of an event.
            let reference_point = f.first > 0 && toks[f.first - 1].is("since");
            if let Some(TimeValue::Date(d)) = r.value
                && moves_narrative(&f.expr)
                && !reference_point
            {
                self.ctx.narrative = Some(d);
                if d.precision() == Precision::Day {
                    self.ctx.narrative_day = Some(d);
                }
                self.ctx.in_sentence = Some(d);
            }
            let (timex, time) = part_of_day(f, toks, r.value, r.timex);
            out.push(TemporalExpression {
                span,
                kind,
                value: r.value,
                precision: r.value.map(TimeValue::precision),
                basis: r.basis,
                future: r.future,
                tense,
                timex,
                time,
            });
        }
        out
    }
}

/// "Friday morning", "tonight": the day, with TimeML's part of the day in the TIMEX3 value (`2013-03-08TMO`) and
/// as the expression's time. Other expressions keep their TIMEX3 value.
fn part_of_day(
    f: &grammar::Found,
    toks: &[token::Tok<'_>],
    value: Option<TimeValue>,
    timex: String,
) -> (String, Option<String>) {
    match toks[f.end - 1].w.pod() {
        Some(pod)
            if matches!(f.expr, Expr::Weekday { .. } | Expr::Deictic { .. })
                && value.is_some_and(|v| v.precision() == Precision::Day) =>
        {
            (format!("{timex}T{pod}"), Some(pod.to_string()))
        }
        _ => (timex, None),
    }
}

fn written_year(e: &Expr) -> Option<i32> {
    match *e {
        Expr::Year { year, .. } => Some(year),
        Expr::Date { year: YearRef::Abs(y), .. } | Expr::Month { year: YearRef::Abs(y), .. } => Some(y),
        _ => None,
    }
}

/// Expressions that date an event and so become the base of later chains; vague and generic ones do not.
fn moves_narrative(e: &Expr) -> bool {
    !matches!(
        e,
        Expr::Vague(_)
            | Expr::Around { .. }
            | Expr::Decade { .. }
            | Expr::Anniversary { .. }
            | Expr::SameLastYear { .. }
            | Expr::Duration { .. }
            | Expr::Age { .. }
            | Expr::Set { .. }
    )
}

/// Whether `text` might hold a temporal expression (a digit or a trigger word); `false` means it certainly has none.
/// This is the cheap first step of every call.
pub fn may_contain_time(text: &str) -> bool {
    lexicon::LEXICON.may_contain(text)
}

/// What the anchor-free passes found in one sentence: its tokens, the calendar expressions and the clock times. The
/// scan, tokens and grammar depend on no anchor, so one recognition serves any number of resolutions.
struct Recognised<'a> {
    /// The text spans are given in, and where the sentence starts in it.
    whole: &'a str,
    base: usize,
    /// The sentence's text; token offsets are offsets into it.
    text: &'a str,
    toks: Vec<token::Tok<'a>>,
    found: Vec<grammar::Found>,
    clocks: Vec<clock::ClockFound>,
}

impl<'a> Recognised<'a> {
    /// `None` when `text` certainly holds no expression (the cheap automaton scan); else its tokens, read with the
    /// text stage's tokenizer.
    fn of(text: &'a str) -> Option<Recognised<'a>> {
        Recognised::with(text, 0, text, token::tokenize)
    }

    /// The same for one tokenised sentence of `whole`, read from its tokens.
    fn of_sentence(whole: &'a str, sentence: &TokenizedSentence) -> Option<Recognised<'a>> {
        let (text, base) = (sentence.span.slice(whole)?, sentence.span.start());
        Recognised::with(whole, base, text, |text| {
            token::lex(text, base, sentence.tokens.as_slice().iter().map(|t| t.span))
        })
    }

    /// Scans `text` (which starts at byte `base` of `whole`) and, when it may hold an expression, reads the tokens
    /// `lex` gives and runs the grammars over them.
    fn with(
        whole: &'a str,
        base: usize,
        text: &'a str,
        lex: impl FnOnce(&'a str) -> Vec<token::Tok<'a>>,
    ) -> Option<Recognised<'a>> {
        let scan = lexicon::LEXICON.scan(text);
        if !scan.dates && !scan.clocks {
            return None;
        }
        let toks = lex(text);
        // The calendar grammar runs exactly where it ran before clock times were read, so they move no date.
        let found = if scan.dates { grammar::recognise(&toks) } else { Vec::new() };
        let clocks = clock::recognise(&toks, &found);
        Some(Recognised { whole, base, text, toks, found, clocks })
    }

    /// The expressions resolved by `doc`, updating its state, with spans in the whole text.
    fn resolve(&self, doc: &mut TimeResolver) -> Vec<TemporalExpression> {
        let mut out = doc.resolve_found(self.text, &self.toks, &self.found);
        if !self.clocks.is_empty() {
            doc.add_clocks(self.text, &self.toks, &self.clocks, &mut out);
        }
        if self.base > 0 {
            out.retain_mut(|e| match Span::new(self.whole, e.span.start() + self.base, e.span.end() + self.base) {
                Ok(span) => {
                    e.span = span;
                    true
                }
                Err(_) => false,
            });
        }
        out
    }
}

/// The expressions of `sentence` (one tokenised sentence of `text`) resolved against each of two anchors, each as a
/// fresh document: what [`TimeResolver::resolve_tokenized`] gives for `a` and for `b`, with the sentence scanned
/// and parsed once. A caller with no anchor uses it to keep only the values that do not depend on one.
pub fn find_both(
    text: &str,
    sentence: &TokenizedSentence,
    a: NaiveDate,
    b: NaiveDate,
) -> (Vec<TemporalExpression>, Vec<TemporalExpression>) {
    match Recognised::of_sentence(text, sentence) {
        Some(r) => (r.resolve(&mut TimeResolver::new(a)), r.resolve(&mut TimeResolver::new(b))),
        None => (Vec::new(), Vec::new()),
    }
}

/// The expressions of `text` resolved against `anchor`, as a fresh document.
///
/// ```
/// use chrono::NaiveDate;
/// let anchor = NaiveDate::from_ymd_opt(2018, 11, 8).unwrap();
/// let text = "The envoys met on Nov. 5, 2018 and will meet again next month.";
/// let found = dyad_time::find(text, anchor);
/// let values: Vec<String> = found.iter().filter_map(|e| e.value).map(|v| v.to_string()).collect();
/// assert_eq!(values, ["2018-11-05", "2018-12"]);
/// assert_eq!(found[0].span.slice(text), Some("on Nov. 5, 2018"));
/// ```
pub fn find(text: &str, anchor: NaiveDate) -> Vec<TemporalExpression> {
    TimeResolver::new(anchor).resolve_sentence(text)
}

/// The TimeML `type` of an expression: `DATE`, `TIME` (a value with a clock time), `DURATION` (lengths and ages)
/// or `SET`.
pub fn timeml_type(e: &TemporalExpression) -> &'static str {
    match e.kind {
        Kind::Date | Kind::Time if e.time.is_some() => "TIME",
        Kind::Date | Kind::Time => "DATE",
        Kind::Duration | Kind::Age => "DURATION",
        Kind::Set => "SET",
    }
}

fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// One TIMEX3 as TimeML would annotate it: a day and the clock time written beside it are one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET` ([`timeml_type`]).
    pub kind: &'static str,
    /// The TIMEX3 value.
    pub value: String,
    /// It has a calendar value (not a duration, an age, a frequency or a vague `PAST_REF`).
    pub dated: bool,
}

/// The TIMEX3 elements of `exprs` (found in `text`, in order): each expression, except that a day and the clock
/// time beside it on that day ("on Tuesday" + "at 3 p.m.", "12:00 UTC" + "Monday") become one `TIME` element
/// over both, valued `2013-03-12T15:00`. Overlapping or empty ones are left out.
pub fn timexes(text: &str, exprs: &[TemporalExpression]) -> Vec<Timex> {
    let mut out: Vec<Timex> = Vec::with_capacity(exprs.len());
    let mut last: Option<&TemporalExpression> = None;
    for e in exprs {
        let (start, end) = (e.span.start(), e.span.end());
        if e.timex.is_empty() || end > text.len() || out.last().is_some_and(|t| start < t.end) {
            continue;
        }
        let here = Timex { start, end, kind: timeml_type(e), value: e.timex.clone(), dated: e.value.is_some() };
        let joins = |day: &TemporalExpression, clock: &TemporalExpression| {
            clock.kind == Kind::Time
                && clock.timex.contains(':')
                && (day.kind == Kind::Date || !day.timex.contains(':'))
                && day.precision == Some(Precision::Day)
                && day.value == clock.value
        };
        let gap_blank = out.last().is_some_and(|t| text.get(t.end..start).is_some_and(|g| g.trim().is_empty()));
        if let (Some(prev), Some(t)) = (last, out.last_mut())
            && gap_blank
            && (joins(prev, e) || joins(e, prev))
        {
            let clock = if e.kind == Kind::Time { e } else { prev };
            *t = Timex { start: t.start, end, kind: "TIME", value: clock.timex.clone(), dated: true };
            last = None;
            continue;
        }
        out.push(here);
        last = Some(e);
    }
    out
}

/// `text` as a TimeML document (the TempEval-3 `.tml` shape): the anchor as the document creation time, and each
/// element of [`timexes`] wrapped in a `TIMEX3` element whose `value` follows TimeML's conventions (`2013-W12`,
/// `2013-SU`, `2013-Q1`, `PRESENT_REF`, `P3Y`, `201` for a decade, `2013-03-12T15:00`, `2013-03-12TMO`).
pub fn to_timeml(text: &str, anchor: NaiveDate, exprs: &[TemporalExpression]) -> String {
    let mut out = String::with_capacity(text.len() + 64 * exprs.len() + 256);
    out.push_str("<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>dyad</DOCID>\n");
    let dct = anchor.format("%Y-%m-%d").to_string();
    out.push_str(&format!(
        "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{dct}\" temporalFunction=\"false\" \
         functionInDocument=\"CREATION_TIME\">{dct}</TIMEX3></DCT>\n<TEXT>"
    ));
    let mut at = 0;
    let mut tid = 0;
    for e in timexes(text, exprs) {
        let (start, end) = (e.start, e.end);
        if start < at {
            continue;
        }
        let (Some(before), Some(inside)) = (text.get(at..start), text.get(start..end)) else { continue };
        xml_escape(before, &mut out);
        tid += 1;
        out.push_str(&format!("<TIMEX3 tid=\"t{tid}\" type=\"{}\" value=\"", e.kind));
        xml_escape(&e.value, &mut out);
        out.push('"');
        if matches!(e.kind, "DATE" | "TIME") && e.value != dct {
            out.push_str(" temporalFunction=\"true\" anchorTimeID=\"t0\"");
        }
        out.push('>');
        xml_escape(inside, &mut out);
        out.push_str("</TIMEX3>");
        at = end;
    }
    xml_escape(text.get(at..).unwrap_or_default(), &mut out);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn find_both_is_find_against_each_anchor() {
        let (a, b) = (NaiveDate::from_ymd_opt(1901, 6, 15).unwrap(), NaiveDate::from_ymd_opt(2090, 6, 15).unwrap());
        for text in [
            "The envoys met on Nov. 5, 2018 and will meet again next month.",
            "On Tuesday at 3 p.m. the talks resumed; a day earlier, in 1963, nothing.",
            "Last night's strike followed Monday's talks at 08:57 GMT.",
            "No date here at all.",
            "",
        ] {
            assert_eq!(find_both(text, &whole(text), a, b), (find(text, a), find(text, b)), "{text}");
        }
    }

    proptest! {
        #[test]
        fn find_both_agrees_with_find(text in "[A-Za-z0-9 ,.:]{0,60}") {
            let (a, b) = (NaiveDate::from_ymd_opt(2001, 2, 3).unwrap(), NaiveDate::from_ymd_opt(2024, 11, 30).unwrap());
            prop_assert_eq!(find_both(&text, &whole(&text), a, b), (find(&text, a), find(&text, b)));
        }

        #[test]
        fn tokenized_sentences_resolve_as_their_texts(text in "([A-Z][a-z]{0,6}|[a-z]{1,6}|[0-9]{1,4}|[ ,.:]|\n|n't|'s|\
             on|last|Monday|March|May|2018|5:30pm|p\\.m\\.|a day earlier|the previous day|ago|years|week){0,40}") {
            let anchor = NaiveDate::from_ymd_opt(2018, 11, 8).unwrap_or_default();
            let (mut by_tokens, mut by_text) = (TimeResolver::new(anchor), TimeResolver::new(anchor));
            for s in dyad_text::sentences(&text) {
                let shifted: Vec<TemporalExpression> = by_text
                    .resolve_sentence(&text[s.span.range()])
                    .into_iter()
                    .map(|mut e| {
                        e.span = Span::new(&text, e.span.start() + s.span.start(), e.span.end() + s.span.start()).unwrap();
                        e
                    })
                    .collect();
                prop_assert_eq!(by_tokens.resolve_tokenized(&text, &s), shifted);
            }
        }
    }

    #[test]
    fn long_mixed_and_punctuation_only_texts_resolve_without_panic() {
        let anchor = NaiveDate::from_ymd_opt(2018, 11, 8).unwrap_or_default();
        // 5,000 tokens and more, a date every hundred words (each expression looks over the whole text).
        let long: String = (0..1000)
            .map(|i| {
                if i % 20 == 0 {
                    format!("On Nov. {} they didn't meet at 5:30pm, ", i % 40)
                } else {
                    "the envoys met again, ".into()
                }
            })
            .collect();
        let mixed = "Москва, 5 мая 2018 г. — 北京 2018年5月5日; القاهرة ٣ مايو; Ⅻ² on Monday 3:30pm didn’t’s “Nov.” 5";
        let punctuation = "...!?;:--–—()[]{}'’`\"“”«»/\\|@#$%^&*+=~<>.,\n\n?!".repeat(100);
        for text in [long.as_str(), mixed, punctuation.as_str()] {
            let plain = find(text, anchor);
            let mut doc = TimeResolver::new(anchor);
            let by_sentence: Vec<TemporalExpression> =
                dyad_text::sentences(text).iter().flat_map(|s| doc.resolve_tokenized(text, s)).collect();
            for e in plain.iter().chain(&by_sentence) {
                assert!(e.span.slice(text).is_some());
            }
            if text == long {
                assert!(dyad_text::tokenize(text, Span::new(text, 0, text.len()).unwrap()).len() >= 5000);
                assert!(plain.len() >= 50 && by_sentence.len() >= 50, "{} / {}", plain.len(), by_sentence.len());
            }
        }
    }

    /// `text` as one tokenised sentence.
    fn whole(text: &str) -> dyad_text::TokenizedSentence {
        let span = Span::new(text, 0, text.len()).unwrap_or_else(|_| unreachable!());
        dyad_text::TokenizedSentence { index: 0, span, tokens: dyad_text::tokenize(text, span) }
    }

    #[test]
    fn until_a_weekday_lies_ahead_unless_the_clause_is_simple_past() {
        let anchor = NaiveDate::from_ymd_opt(2008, 9, 18).unwrap_or_default();
        let first = |text: &str| find(text, anchor).first().map(|e| e.timex.clone()).unwrap_or_default();
        assert_eq!(first("Markets will stay closed until Friday."), "2008-09-19");
        assert_eq!(first("Russian markets to remain closed until Friday"), "2008-09-19");
        assert_eq!(first("The government has continued to hold all markets closed until Friday."), "2008-09-19");
        assert_eq!(first("The delegation stayed in Moscow until Friday."), "2008-09-12");
    }

    #[test]
    fn the_same_period_last_year() {
        let anchor = NaiveDate::from_ymd_opt(2009, 2, 3).unwrap_or_default();
        let mut doc = TimeResolver::new(anchor);
        doc.resolve_sentence("Sales fell in January.");
        let found = doc.resolve_sentence("They were down 37 percent from the same month a year ago.");
        let rec = found.first().map(|e| e.record("They were down 37 percent from the same month a year ago."));
        assert_eq!(rec.map(|r| (r.text, r.timex)), Some(("the same month a year ago".into(), "2008-01".into())));
        let text = "Profit doubled from the same period last year.";
        assert_eq!(find(text, anchor).first().map(|e| e.timex.clone()).as_deref(), Some("2008-02"));
        let text = "Profit doubled from the same quarter of the previous year.";
        assert_eq!(find(text, anchor).first().map(|e| e.timex.clone()).as_deref(), Some("2008-Q1"));
    }

    #[test]
    fn weekdays_and_weeks_of_a_month() {
        let anchor = NaiveDate::from_ymd_opt(2013, 2, 12).unwrap_or_default();
        let table = [
            ("Markets fell in the last week of March 2011.", "the last week of March 2011", "2011-W13"),
            ("Talks resume on the first Monday of March in Oslo.", "the first Monday of March", "2013-03-04"),
            ("The vote is on the last Monday of March next year.", "the last Monday of March next year", "2014-03-31"),
            ("They met on the second Friday of this month.", "the second Friday of this month", "2013-02-08"),
            ("Sales rose in the first week of January 2012.", "the first week of January 2012", "2012-W01"),
        ];
        for (text, span, want) in table {
            let found = find(text, anchor);
            let rec = found.first().map(|e| e.record(text));
            assert_eq!(rec.map(|r| (r.text, r.timex)), Some((span.to_string(), want.to_string())), "{text}");
        }
        // No fifth Monday in February 2013.
        assert!(find("on the fifth Monday of February 2013", anchor).iter().all(|e| !e.is_date()));
    }

    #[test]
    fn timeml_values_follow_timeml_conventions() {
        let anchor = NaiveDate::from_ymd_opt(2013, 3, 20).unwrap_or_default();
        let text = "Talks held last week & this summer are set for three years, currently <sic>.";
        let found = find(text, anchor);
        let doc = to_timeml(text, anchor, &found);
        for want in [
            r#"functionInDocument="CREATION_TIME">2013-03-20</TIMEX3></DCT>"#,
            r#"type="DATE" value="2013-W11" temporalFunction="true" anchorTimeID="t0">last week</TIMEX3>"#,
            r#"value="2013-SU""#,
            r#"type="DURATION" value="P3Y""#,
            r#"value="PRESENT_REF""#,
            "&amp; ",
            "&lt;sic&gt;.</TEXT>",
        ] {
            assert!(doc.contains(want), "{want} not in {doc}");
        }
    }

    fn anchor() -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, 4, 21).unwrap_or_default()
    }

    #[test]
    fn sentences_without_triggers_cost_nothing_and_find_nothing() {
        assert!(find("The minister praised the bilateral relations.", anchor()).is_empty());
    }

    #[test]
    fn record_prints_value_and_precision() {
        let text = "Kim sent messages last month.";
        let found = find(text, anchor());
        let rec = found[0].record(text);
        assert_eq!((rec.text.as_str(), rec.value.as_str()), ("last month", "2021-03"));
        let json = serde_json::to_string(&rec).unwrap_or_default();
        assert!(json.contains(r#""precision":"month""#), "{json}");
    }

    proptest! {
        #[test]
        fn never_panics_and_values_print_as_valid_iso(text in "\\PC{0,80}", days in 0i64..40000) {
            let a = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            for e in find(&text, a) {
                prop_assert!(e.span.slice(&text).is_some());
                if let Some(TimeValue::Date(d)) = e.value {
                    let back: DateValue = d.to_string().parse().map_err(|_| TestCaseError::fail("unparsable"))?;
                    prop_assert_eq!(back, d);
                }
            }
        }

        #[test]
        fn date_like_text_never_panics(
            m in 0usize..12, d in 0u32..40, y in 0u32..3000, w in 0usize..7, n in 0u32..200,
            days in 0i64..40000,
        ) {
            const MONTHS: [&str; 12] = ["January", "Feb.", "March", "Apr", "May", "June", "Jul.", "August",
                "Sept.", "October", "Nov.", "December"];
            const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
            let text = format!(
                "On {} {d}, {y} and {} {d} they met last {} and {n} years ago, {d}/{m}/{y}, {y}-{m:02}-{d:02}, \
                 the {n}th anniversary, mid-{y}, the {y}s, a {n}-year-old, {n} days later.",
                MONTHS[m], MONTHS[(m + 3) % 12], DAYS[w]
            );
            let a = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + chrono::Duration::days(days);
            let mut doc = TimeResolver::new(a);
            for e in doc.resolve_sentence(&text) {
                match e.value {
                    Some(TimeValue::Date(v)) => {
                        let back: DateValue = v.to_string().parse().map_err(|_| TestCaseError::fail("unparsable"))?;
                        prop_assert_eq!(back, v);
                        prop_assert_eq!(Some(v.precision()), e.precision);
                    }
                    Some(TimeValue::Range(r, _)) => prop_assert!(r.start <= r.end),
                    None => prop_assert!(e.kind != Kind::Date),
                }
            }
        }
    }
}
