//! The recogniser: token patterns that become unresolved expressions. Resolution against an anchor happens later
//! (`resolve.rs`), so that the patterns stay free of calendar arithmetic.

use crate::lexicon::{Part, Rel, Unit, Vague};
use crate::token::{Kind, Suffix, Tok};

/// Which year a month, quarter or season belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out.
    Abs(i32),
    /// Counted from the anchor's year ("last year" = -1).
    Offset(i32),
    /// Chosen from the anchor and the tense.
    Infer,
}

/// An expression as written, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Expr {
    /// A calendar day; without a year, the year comes from the anchor ("April 28") or from "N years ago".
    Date { year: YearRef, month: u32, day: u32, years_ago: Option<u32> },
    /// A month, possibly with a part ("early March") or a relation ("last September").
    Month { year: YearRef, month: u32, part: Option<Part>, rel: Option<Rel> },
    /// A year, possibly with a part ("mid-2019").
    Year { year: i32, part: Option<Part> },
    /// A decade by its first year.
    Decade { start: i32 },
    /// A weekday, with "last"/"next"/"this" when given.
    Weekday { weekday: u8, rel: Option<Rel> },
    /// A day counted from the anchor ("yesterday").
    Deictic { days: i64 },
    /// A period related to the anchor or to the narrative date ("last month", "the previous day").
    Relative { rel: Rel, unit: Unit, part: Option<Part> },
    /// "two years ago"; with `future`, "two years from now".
    Ago { n: u32, unit: Unit, future: bool },
    /// "a day earlier", "two weeks later", "a day after": a shift of the narrative date. `complement` is set when a
    /// "before"/"after" phrase follows, which dates the phrase's event rather than the clause's.
    Shift { n: i64, unit: Unit, complement: bool, opens_clause: bool },
    /// A quarter.
    Quarter { q: u32, year: YearRef },
    /// "the same period last year", "the same month a year ago": the month (or quarter, week) being reported, a year
    /// back.
    SameLastYear { unit: Unit },
    /// "the first Monday of March", "the last week of March 2011", "the second Friday of this month": the `nth`
    /// (1-5, or -1 for the last) weekday (`weekday` 1-7) or week (`weekday` 0) of a month (`month` 0 = the anchor's).
    InMonth { nth: i8, weekday: u8, month: u32, year: YearRef },
    /// A season.
    Season { season: &'static str, year: YearRef },
    /// A deictic word with no calendar value of its own ("recently", "currently", "soon").
    Vague(Vague),
    /// "in recent weeks" (past) or "in the coming weeks" (future).
    Around { unit: Unit, future: bool },
    /// "the 60th anniversary".
    Anniversary { n: u32 },
    /// A length of time: "nearly five decades".
    Duration { n: u32, unit: Unit },
    /// An age: "a 30-year-old".
    Age { n: u32 },
    /// A frequency: "annually", "every week".
    Set { unit: Unit },
}

/// One recognised expression: the tokens it covers (inclusive start, exclusive end) and its meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub first: usize,
    pub end: usize,
    pub expr: Expr,
}

const DURATION_MODIFIERS: &[&str] =
    &["nearly", "almost", "about", "over", "around", "some", "roughly", "approximately", "for", "within", "only"];
/// Words before "the day" that make it the day being reported ("ended the day", "for the day").
const DAY_FRAMES: &[&str] = &[
    "on",
    "for",
    "in",
    "during",
    "end",
    "ended",
    "ending",
    "ends",
    "finish",
    "finished",
    "finishing",
    "close",
    "closed",
    "closing",
    "start",
    "started",
    "starting",
    "began",
    "begin",
];
const WEEKEND_FRAMES: &[&str] = &["over", "during", "at", "on", "for", "through", "throughout"];
const AFTER_THE_DAY_BLOCK: &[&str] = &["before", "after", "of", "when", "that", "which", "he", "she", "they", "we"];
const TIME_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];
const NOUNISH_AFTER_YEAR_OK: &[&str] = &[
    "and", "or", "to", "when", "as", "with", "was", "were", "is", "are", "after", "before", "until", "but", "while",
    "through", "in", "on", "at", "for", "by", "the", "that", "which", "onwards", "onward", "it", "they", "he", "she",
    "we", "this", "these", "there", "its", "their", "his", "her", "a", "an", "has", "had", "have", "will", "would",
];

struct P<'t, 'a> {
    t: &'t [Tok<'a>],
}

impl<'a> P<'_, 'a> {
    fn get(&self, i: usize) -> Option<&Tok<'a>> {
        self.t.get(i)
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.get(i).is_some_and(|t| t.is(word))
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Token `i` touches token `i - 1` (no space between).
    fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].end == self.t[i].start
    }

    fn hyphen_joined(&self, i: usize) -> bool {
        (self.punct(i, '-') || self.punct(i, '\u{2010}') || self.punct(i, '\u{2011}'))
            && self.joined(i)
            && self.joined(i + 1)
    }

    /// A four-digit year in a plausible range, possibly "FY2007".
    fn year4(&self, i: usize) -> Option<i32> {
        let t = self.get(i)?;
        let ok = t.kind == Kind::Num
            && t.digits == 4
            && matches!(t.suffix, Suffix::None | Suffix::FiscalYear)
            && (1000..=2200).contains(&t.num);
        ok.then_some(t.num as i32)
    }

    /// A day-of-month number: "5", "05", "5th".
    fn day_num(&self, i: usize) -> Option<u32> {
        let t = self.get(i)?;
        let ok = t.kind == Kind::Num
            && t.digits <= 2
            && matches!(t.suffix, Suffix::None | Suffix::Ordinal)
            && (1..=31).contains(&t.num)
            && !(self.punct(i + 1, ':') && self.joined(i + 1));
        ok.then_some(t.num)
    }

    /// A month name at `i`, with a trailing abbreviation stop; returns the month and the next index.
    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.get(i)?;
        let m = t.w.month as u32;
        if m == 0 || t.kind != Kind::Word || !t.cap {
            return None;
        }
        let full = t.text.len() >= 5 || t.is("may") || t.is("june") || t.is("july");
        let stop = self.punct(i + 1, '.') && self.joined(i + 1);
        let next = if stop { i + 2 } else { i + 1 };
        if !full && !stop && self.day_num(next).is_none() && self.year4(next).is_none() {
            return None;
        }
        // "May" and "March" are also a verb and a noun: demand a date-like neighbour.
        if t.is("may") || t.is("march") {
            let prev_ok = i > 0 && {
                let p = &self.t[i - 1];
                p.w.prep || p.w.part.is_some() || p.w.rel.is_some() || p.is("of") || p.is("the") || p.is("mid")
            };
            let next_ok = self.day_num(next).is_some() || self.year4(next).is_some() || self.punct(next, ',');
            if !prev_ok && !next_ok {
                return None;
            }
        }
        Some((m, next))
    }

    fn weekday(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.get(i)?;
        if t.w.weekday == 0 || t.kind != Kind::Word || !t.cap {
            return None;
        }
        if t.text.len() < 6 {
            // Abbreviations ("Sat.", "Sun.") also mean other things; only with their stop and a date after.
            let stop = self.punct(i + 1, '.') && self.joined(i + 1);
            if !stop {
                return None;
            }
            return Some((t.w.weekday, i + 2));
        }
        Some((t.w.weekday, i + 1))
    }

    /// A count: digits, number words ("sixty", "twenty-five"), "a"/"an". Returns value and next index.
    fn count(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.get(i)?;
        if let Some(n) = t.plain_num(4) {
            return Some((n, i + 1));
        }
        let n = t.w.number?;
        if (t.is("a") || t.is("an")) && self.is(i + 1, "few") {
            return Some((3, i + 2));
        }
        if self.hyphen_joined(i + 1)
            && let Some(units) = self.get(i + 2).and_then(|u| u.w.number)
            && n >= 20
            && units < 10
        {
            return Some((n + units, i + 3));
        }
        if self.is(i + 1, "hundred") && n < 10 {
            return Some((n * 100, i + 2));
        }
        if t.is("couple") || t.is("dozen") {
            return Some((n, if self.is(i + 1, "of") { i + 2 } else { i + 1 }));
        }
        Some((n, i + 1))
    }

    /// A unit word, allowing a hyphen before it ("five-year"); returns unit, index after, and whether hyphenated.
    fn unit(&self, i: usize) -> Option<(Unit, usize, bool)> {
        if self.hyphen_joined(i) {
            let u = self.get(i + 1)?.w.unit?;
            return Some((u, i + 2, true));
        }
        let u = self.get(i)?.w.unit?;
        Some((u, i + 1, false))
    }

    fn year_ref_after(&self, i: usize) -> (YearRef, usize) {
        // "November 2018", "November of 2018", "January this year", "March of last year"
        let j = if self.is(i, "of") || self.punct(i, ',') { i + 1 } else { i };
        if let Some(y) = self.year4(j) {
            return (YearRef::Abs(y), j + 1);
        }
        if let Some(rel) = self.get(j).and_then(|t| t.w.rel)
            && self.get(j + 1).is_some_and(|t| t.w.unit == Some(Unit::Year))
        {
            let off = match rel {
                Rel::This | Rel::Current => Some(0),
                Rel::Last | Rel::Previous | Rel::Past => Some(-1),
                Rel::Next | Rel::Coming | Rel::Following => Some(1),
                _ => None,
            };
            if let Some(off) = off {
                return (YearRef::Offset(off), j + 2);
            }
        }
        (YearRef::Infer, i)
    }

    /// Numeric dates: 2018-11-05 and 11/5/2018.
    fn numeric_date(&self, i: usize) -> Option<(usize, Expr)> {
        let a = self.get(i)?;
        if a.kind != Kind::Num || a.suffix != Suffix::None {
            return None;
        }
        let sep = self.get(i + 1)?;
        let (b, c) = (self.get(i + 2)?, self.get(i + 4)?);
        let joined = self.joined(i + 1) && self.joined(i + 2) && self.joined(i + 3) && self.joined(i + 4);
        if !joined || b.kind != Kind::Num || c.kind != Kind::Num || self.get(i + 3).is_none_or(|s| s.text != sep.text) {
            return None;
        }
        let sep_char = sep.text.chars().next()?;
        if self.joined(i + 5) && self.get(i + 5).is_some_and(|t| t.kind == Kind::Num || t.is_punct(sep_char)) {
            return None;
        }
        match sep.text {
            "-" if a.digits == 4 && b.digits == 2 && c.digits == 2 => Some((
                i + 5,
                Expr::Date { year: YearRef::Abs(a.num as i32), month: b.num, day: c.num, years_ago: None },
            )),
            "/" if a.digits <= 2 && b.digits <= 2 && (c.digits == 2 || c.digits == 4) => {
                let year = if c.digits == 2 { if c.num < 50 { 2000 + c.num } else { 1900 + c.num } } else { c.num };
                // American order unless the first part cannot be a month.
                let (month, day) = if a.num > 12 { (b.num, a.num) } else { (a.num, b.num) };
                Some((i + 5, Expr::Date { year: YearRef::Abs(year as i32), month, day, years_ago: None }))
            }
            _ => None,
        }
    }

    /// "N years ago" right after a day ("On August 29 sixty years ago").
    fn years_ago(&self, i: usize) -> Option<(u32, usize)> {
        let (n, j) = self.count(i)?;
        let (unit, k, _) = self.unit(j)?;
        (unit == Unit::Year && self.is(k, "ago")).then_some((n, k + 1))
    }

    fn month_first(&self, i: usize) -> Option<(usize, Expr)> {
        let (month, j) = self.month(i)?;
        if let Some(day) = self.day_num(j) {
            let after_day = j + 1;
            let k = if self.punct(after_day, ',') { after_day + 1 } else { after_day };
            if let Some(y) = self.year4(k) {
                return Some((k + 1, Expr::Date { year: YearRef::Abs(y), month, day, years_ago: None }));
            }
            if let Some((n, end)) = self.years_ago(after_day) {
                return Some((end, Expr::Date { year: YearRef::Infer, month, day, years_ago: Some(n) }));
            }
            let (year, end) = self.year_ref_after(after_day);
            return Some((end, Expr::Date { year, month, day, years_ago: None }));
        }
        let (year, end) = self.year_ref_after(j);
        Some((end, Expr::Month { year, month, part: None, rel: None }))
    }

    fn day_first(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let day = match self.day_num(i) {
            Some(d) => d,
            None if t.w.ordinal > 0 && t.w.ordinal <= 31 && i > 0 && self.t[i - 1].is("the") => t.w.ordinal,
            None => return None,
        };
        let j = if self.is(i + 1, "of") { i + 2 } else { i + 1 };
        let (month, k) = self.month(j)?;
        let (year, end) = self.year_ref_after(k);
        Some((end, Expr::Date { year, month, day, years_ago: None }))
    }

    fn weekday_expr(&self, i: usize) -> Option<(usize, Expr)> {
        let (rel, j) = match self.get(i)?.w.rel {
            Some(r @ (Rel::Last | Rel::Next | Rel::This | Rel::Past | Rel::Coming)) => (Some(r), i + 1),
            _ => (None, i),
        };
        let (weekday, mut k) = self.weekday(j)?;
        // "Tuesday, 02 January 2024": the date is more precise than the weekday.
        let after_comma = if self.punct(k, ',') { k + 1 } else { k };
        if rel.is_none()
            && let Some((end, e @ Expr::Date { .. })) =
                self.month_first(after_comma).or_else(|| self.day_first(after_comma))
        {
            return Some((end, e));
        }
        if self.get(k).is_some_and(|t| TIME_OF_DAY.iter().any(|w| t.is(w))) {
            k += 1;
        }
        Some((k, Expr::Weekday { weekday, rel }))
    }

    /// "early March", "mid-2019", "the end of last year", "earlier this month", "later today".
    fn part_of(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let part = t.w.part?;
        let mut j = i + 1;
        let spelled = t.is("beginning") || t.is("start") || t.is("end") || t.is("middle");
        if spelled {
            if !(i > 0 && self.t[i - 1].is("the") && self.is(j, "of")) {
                return None;
            }
            j += 1;
        } else if self.hyphen_joined(j) {
            j += 1;
        }
        if let Some(y) = self.year4(j) {
            if self.get(j).is_some_and(|t| t.suffix == Suffix::Plural) {
                return None;
            }
            return Some((j + 1, Expr::Year { year: y, part: Some(part) }));
        }
        if let Some(t) = self.get(j)
            && t.kind == Kind::Num
            && t.suffix == Suffix::Plural
            && t.digits == 4
        {
            return Some((j + 1, Expr::Decade { start: (t.num - t.num % 10) as i32 }));
        }
        if let Some((month, k)) = self.month(j) {
            let (year, end) = self.year_ref_after(k);
            return Some((end, Expr::Month { year, month, part: Some(part), rel: None }));
        }
        if self.is(j, "today") || self.is(j, "tonight") {
            return Some((j + 1, Expr::Deictic { days: 0 }));
        }
        // "the end of the year" = this year; "earlier this week"; "late last year".
        let rel = match self.get(j)?.w.rel {
            Some(r) => Some(r),
            None if self.is(j, "the") => Some(Rel::This),
            None => None,
        }?;
        let (unit, end, _) = self.unit(j + 1)?;
        let rel = if rel == Rel::Past { Rel::Last } else { rel };
        Some((end, Expr::Relative { rel, unit, part: Some(part) }))
    }

    /// "this week", "last month", "the previous day", "next Monday", "last September", "that day".
    fn relative(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        if t.is("that") {
            if let Some((unit, end, false)) =
                self.unit(i + 1).or_else(|| self.is(i + 1, "same").then(|| self.unit(i + 2)).flatten())
            {
                return Some((end, Expr::Relative { rel: Rel::Same, unit, part: None }));
            }
            return None;
        }
        // "over the weekend", "during the weekend": the weekend of the clause's tense.
        if t.is("weekend") && i >= 2 && self.t[i - 1].is("the") && WEEKEND_FRAMES.iter().any(|w| self.t[i - 2].is(w)) {
            return Some((i + 1, Expr::Relative { rel: Rel::This, unit: Unit::Weekend, part: None }));
        }
        if t.is("day") && i >= 2 && self.t[i - 1].is("the") && DAY_FRAMES.iter().any(|w| self.t[i - 2].is(w)) {
            let next_ok = self.get(i + 1).is_none_or(|n| !AFTER_THE_DAY_BLOCK.iter().any(|w| n.is(w)));
            return next_ok.then_some((i + 1, Expr::Relative { rel: Rel::Same, unit: Unit::Day, part: None }));
        }
        let rel = t.w.rel?;
        let has_the = i > 0 && self.t[i - 1].is("the");
        if rel == Rel::Recent {
            return None;
        }
        if let Some((unit, end, false)) = self.unit(i + 1) {
            if matches!(rel, Rel::Previous | Rel::Following | Rel::Same) && !has_the {
                return None;
            }
            // "the coming weeks", "recent years" are spans, read by `vague`.
            if self.get(i + 1).is_some_and(|u| u.text.ends_with(['s', 'S'])) {
                return None;
            }
            // "the next month" follows the narrative; "next month" follows the anchor.
            let rel = if has_the && rel == Rel::Next { Rel::Following } else { rel };
            // "the past week" is a trailing period; "the last week of March" is handled as unknown.
            if has_the && self.is(end, "of") {
                return None;
            }
            return Some((end, Expr::Relative { rel, unit, part: None }));
        }
        if matches!(rel, Rel::Last | Rel::Next | Rel::This | Rel::Past | Rel::Coming) && !has_the {
            if let Some((month, end)) = self.month(i + 1) {
                return Some((end, Expr::Month { year: YearRef::Infer, month, part: None, rel: Some(rel) }));
            }
            if let Some(season) = self.get(i + 1).and_then(|t| t.w.season) {
                return Some((i + 2, Expr::Season { season, year: YearRef::Infer }.with_rel(rel)));
            }
        }
        None
    }

    /// "the day before", "the week after", "the year previous": a shift of the narrative date.
    /// "the same period last year", "the same month a year earlier", "the same quarter of the previous year".
    fn same_last_year(&self, i: usize) -> Option<(usize, Expr)> {
        if !(self.is(i, "the") && self.is(i + 1, "same")) {
            return None;
        }
        let (unit, mut j) = if self.is(i + 2, "period") || self.is(i + 2, "time") {
            (Unit::Month, i + 3)
        } else {
            match self.unit(i + 2)? {
                (u @ (Unit::Month | Unit::Quarter | Unit::Week), j, false) => (u, j),
                _ => return None,
            }
        };
        if self.is(j, "of") || self.is(j, "in") {
            j += 1;
        }
        let year_word = |k: usize| self.unit(k).is_some_and(|(u, _, plural)| u == Unit::Year && !plural);
        let end = if (self.is(j, "last") || self.is(j, "a") || self.is(j, "one")) && year_word(j + 1) {
            if self.is(j, "last") {
                j + 2
            } else if self.is(j + 2, "ago") || self.is(j + 2, "earlier") || self.is(j + 2, "before") {
                j + 3
            } else {
                return None;
            }
        } else if self.is(j, "the")
            && (((self.is(j + 1, "previous") || self.is(j + 1, "prior") || self.is(j + 1, "last")) && year_word(j + 2))
                || (year_word(j + 1) && self.is(j + 2, "before")))
        {
            j + 3
        } else {
            return None;
        };
        Some((end, Expr::SameLastYear { unit }))
    }

    fn the_unit_shift(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.is(i, "the") || i > 0 && (self.t[i - 1].is("in") || self.t[i - 1].is("during")) {
            return None;
        }
        let (unit, j, false) = self.unit(i + 1)? else { return None };
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year) {
            return None;
        }
        let n = if self.is(j, "before") || self.is(j, "previous") || self.is(j, "earlier") {
            -1
        } else if self.is(j, "after") || self.is(j, "later") {
            1
        } else {
            return None;
        };
        if (self.is(j + 1, "yesterday") || self.is(j + 1, "tomorrow")) && unit == Unit::Day {
            return Some((j + 2, Expr::Deictic { days: 2 * n }));
        }
        Some((j + 1, Expr::Shift { n, unit, complement: false, opens_clause: false }))
    }

    fn deictic(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        if let Some(days) = t.w.deictic {
            let mut end = i + 1;
            if self.get(end).is_some_and(|t| TIME_OF_DAY.iter().any(|w| t.is(w))) {
                end += 1;
            }
            return Some((end, Expr::Deictic { days: days as i64 }));
        }
        if t.is("this") && self.get(i + 1).is_some_and(|t| TIME_OF_DAY.iter().any(|w| t.is(w)) && !t.is("night")) {
            return Some((i + 2, Expr::Deictic { days: 0 }));
        }
        None
    }

    /// Counted periods: "two years ago", "a day after", "nearly five decades", "a 30-year-old".
    fn counted(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        if t.is("aged") {
            let n = self.get(i + 1)?.plain_num(3)?;
            return Some((i + 2, Expr::Age { n }));
        }
        let (n, j) = self.count(i)?;
        let (unit, k, hyphenated) = self.unit(j)?;
        if unit == Unit::Weekend || unit == Unit::Quarter && !self.is(k, "ago") {
            return None;
        }
        // Ages: "30-year-old", "30 years old".
        if unit == Unit::Year
            && ((self.hyphen_joined(k) && self.is(k + 1, "old")) || (!hyphenated && self.is(k, "old")))
        {
            let end = if self.is(k, "old") { k + 1 } else { k + 2 };
            return Some((end, Expr::Age { n }));
        }
        if hyphenated {
            return Some((k, Expr::Duration { n, unit }));
        }
        // "a day" after a count or money is a rate: "twice a day", "$5 a year".
        if (t.is("a") || t.is("an"))
            && i > 0
            && (self.t[i - 1].kind == Kind::Num || self.t[i - 1].is("twice") || self.t[i - 1].is("times"))
        {
            return Some((k, Expr::Set { unit }));
        }
        let n64 = n as i64;
        if self.is(k, "ago") {
            return Some((k + 1, Expr::Ago { n, unit, future: false }));
        }
        if self.is(k, "from") && self.is(k + 1, "now") {
            return Some((k + 2, Expr::Ago { n, unit, future: true }));
        }
        if self.is(k, "earlier") || self.is(k, "previously") || (self.is(k, "before") && self.ends_phrase(k + 1)) {
            return Some((k + 1, Expr::Shift { n: -n64, unit, complement: false, opens_clause: false }));
        }
        if self.is(k, "later") || self.is(k, "afterwards") || (self.is(k, "after") && self.ends_phrase(k + 1)) {
            return Some((k + 1, Expr::Shift { n: n64, unit, complement: false, opens_clause: false }));
        }
        let opens_clause = self.opens_clause(self.duration_opening(i));
        if self.is(k, "after") {
            return Some((k + 1, Expr::Shift { n: n64, unit, complement: true, opens_clause }));
        }
        if self.is(k, "before") {
            return Some((k + 1, Expr::Shift { n: -n64, unit, complement: true, opens_clause }));
        }
        Some((k, Expr::Duration { n, unit }))
    }

    /// Whether token `i` starts a sentence or follows a clause break.
    fn opens_clause(&self, i: usize) -> bool {
        i == 0 || self.t[i - 1].ends_sentence || self.t[i - 1].is_punct(',') || self.t[i - 1].is_punct(';')
    }

    /// Whether nothing follows at `i` that a "before"/"after" could take as its object.
    fn ends_phrase(&self, i: usize) -> bool {
        self.get(i).is_none_or(|t| t.kind == Kind::Punct)
    }

    fn year_like(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        if t.kind == Kind::Num && t.suffix == Suffix::Plural {
            if t.digits == 4 && (1000..=2200).contains(&t.num) {
                return Some((i + 1, Expr::Decade { start: (t.num - t.num % 10) as i32 }));
            }
            let apostrophe = i > 0 && self.t[i - 1].text.starts_with(['\'', '\u{2019}']) && self.joined(i);
            let det = i > 0 && (self.t[i - 1].is("the") || self.t[i - 1].w.prep || self.t[i - 1].w.part.is_some());
            // "the 70s and 80s": a second decade joined to a first.
            let listed = i >= 2
                && (self.t[i - 1].is("and") || self.t[i - 1].is("or"))
                && self.t[i - 2].kind == Kind::Num
                && self.t[i - 2].suffix == Suffix::Plural;
            let det = det || listed;
            if t.digits == 2 && t.num % 10 == 0 && (apostrophe || det) {
                // Two-digit decades are read in the 1900s; the 2000s are written in full in news.
                return Some((i + 1, Expr::Decade { start: 1900 + t.num as i32 }));
            }
            return None;
        }
        if t.kind == Kind::Num && t.suffix == Suffix::FiscalYear {
            return Some((i + 1, Expr::Year { year: t.num as i32, part: None }));
        }
        if t.is("fiscal") && self.year4(i + 1).is_some() {
            return Some((i + 2, Expr::Year { year: self.year4(i + 1)?, part: None }));
        }
        let year = self.year4(i)?;
        if t.suffix != Suffix::None {
            return None;
        }
        let prev = i.checked_sub(1).and_then(|p| self.get(p));
        let next = self.get(i + 1);
        // Money, grouped thousands and numbered things are not years.
        if let Some(p) = prev
            && (p.text.starts_with(['$', '\u{20ac}', '\u{a3}', '#']) || p.is("no") || p.is("number"))
        {
            return None;
        }
        if let Some(n) = next
            && (n.is_punct('%') || (n.is_punct(',') && self.joined(i + 1) && self.joined(i + 2)))
        {
            return None;
        }
        if self.punct(i + 1, '.') && self.joined(i + 1) && self.get(i + 2).is_some_and(|t| t.kind == Kind::Num) {
            return None;
        }
        // A capitalised name before a number is a model or an index ("Russell 2000").
        if let Some(p) = prev
            && p.kind == Kind::Word
            && p.cap
            && !p.w.prep
            && p.w.month == 0
            && p.w.part.is_none()
            && !(i >= 2 && self.t[i - 2].ends_sentence)
            && i >= 2
        {
            return None;
        }
        let in_range = prev.is_some_and(|p| p.is("and") || p.is("or") || p.is("to") || p.is_punct('-'))
            && (i.saturating_sub(4)..i.saturating_sub(1)).any(|k| self.year4(k).is_some());
        let prev_dateish = in_range
            || prev.is_some_and(|p| {
                p.w.prep || p.is("the") || p.is("of") || p.w.part.is_some() || p.w.month > 0 || p.is_punct('-')
            });
        let next_ok = next.is_none_or(|n| {
            !n.is_lower_word() || NOUNISH_AFTER_YEAR_OK.iter().any(|w| n.is(w)) || n.w.past || n.text.ends_with("ed")
        });
        if !(prev_dateish || next_ok) || year < 1800 && !prev.is_some_and(|p| p.w.prep) {
            return None;
        }
        Some((i + 1, Expr::Year { year, part: None }))
    }

    fn quarter(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let q = if t.w.ordinal > 0 {
            t.w.ordinal
        } else if t.kind == Kind::Num && t.suffix == Suffix::Ordinal {
            t.num
        } else if t.is("final") || t.is("last") && i > 0 && self.t[i - 1].is("the") && !self.is(i + 2, "of") {
            if t.is("last") {
                return None;
            }
            4
        } else {
            return None;
        };
        if !(1..=4).contains(&q) {
            return None;
        }
        let (unit, j, _) = self.unit(i + 1)?;
        if unit != Unit::Quarter {
            return None;
        }
        let (year, end) = self.year_ref_after(j);
        Some((end, Expr::Quarter { q, year }))
    }

    fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let season = t.w.season?;
        let after_the = i >= 2 && self.t[i - 1].is("the") && (self.t[i - 2].w.prep && !self.t[i - 2].is("to"));
        let prev_ok = after_the || i > 0 && self.t[i - 1].w.prep && !self.t[i - 1].is("to") && !t.is("fall");
        let (year, end) = self.year_ref_after(i + 1);
        // "a fall in sales", "the fall of the wall", "continue to fall" are not the season.
        let blocked = self.is(i + 1, "of") && year == YearRef::Infer || self.is(i + 1, "in");
        if blocked
            || !(prev_ok || year != YearRef::Infer || (t.cap && !t.is("fall") && i > 0 && !self.t[i - 1].ends_sentence))
        {
            return None;
        }
        Some((end, Expr::Season { season, year }))
    }

    fn vague(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        // "in recent weeks", "in the coming months", "in the next few days"
        if t.is("recent") || t.is("coming") || t.is("next") && self.is(i + 1, "few") {
            let j = if self.is(i + 1, "few") { i + 2 } else { i + 1 };
            let (unit, end, false) = self.unit(j)? else { return None };
            let plural = self.get(j).is_some_and(|u| u.text.ends_with('s'));
            if !plural || matches!(unit, Unit::Weekend | Unit::Quarter) {
                return None;
            }
            return Some((end, Expr::Around { unit, future: !t.is("recent") }));
        }
        let v = t.w.vague?;
        Some((i + 1, Expr::Vague(v)))
    }

    fn anniversary(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let n = if t.kind == Kind::Num && t.suffix == Suffix::Ordinal {
            t.num
        } else if t.w.ordinal > 0 {
            t.w.ordinal
        } else {
            return None;
        };
        let mut j = i + 1;
        if !self.is(j, "anniversary") {
            j += 1;
        }
        self.is(j, "anniversary").then_some((j + 1, Expr::Anniversary { n }))
    }

    fn set(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        if let Some(unit) = t.w.set {
            return Some((i + 1, Expr::Set { unit }));
        }
        if t.is("every") || t.is("each") || t.is("per") {
            let (unit, end, false) = self.unit(i + 1)? else { return None };
            return Some((end, Expr::Set { unit }));
        }
        None
    }

    /// "first Monday of March", "last week of March 2011", "second Friday of this month".
    fn in_month(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.get(i)?;
        let nth: i8 = if t.is("last") || t.is("final") {
            -1
        } else if (1..=5).contains(&t.w.ordinal) && t.kind == Kind::Word {
            t.w.ordinal as i8
        } else {
            return None;
        };
        let (weekday, j) = match self.weekday(i + 1) {
            Some((w, j)) => (w, j),
            None if self.is(i + 1, "week") => (0, i + 2),
            None => return None,
        };
        if !(self.is(j, "of") || self.is(j, "in")) {
            return None;
        }
        if (self.is(j + 1, "this") || self.is(j + 1, "the")) && self.is(j + 2, "month") {
            return Some((j + 3, Expr::InMonth { nth, weekday, month: 0, year: YearRef::Offset(0) }));
        }
        let (month, k) = self.month(j + 1)?;
        let (year, end) = self.year_ref_after(k);
        Some((end, Expr::InMonth { nth, weekday, month, year }))
    }

    fn at(&self, i: usize) -> Option<(usize, Expr)> {
        self.in_month(i)
            .or_else(|| self.numeric_date(i))
            .or_else(|| self.weekday_expr(i))
            .or_else(|| self.month_first(i))
            .or_else(|| self.day_first(i))
            .or_else(|| self.anniversary(i))
            .or_else(|| self.quarter(i))
            .or_else(|| self.part_of(i))
            .or_else(|| self.the_unit_shift(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.deictic(i))
            .or_else(|| self.vague(i))
            .or_else(|| self.counted(i))
            .or_else(|| self.year_like(i))
            .or_else(|| self.season(i))
            .or_else(|| self.set(i))
    }
}

impl Expr {
    fn with_rel(self, rel: Rel) -> Expr {
        match self {
            Expr::Season { season, .. } => {
                let year = match rel {
                    Rel::Last | Rel::Past => YearRef::Offset(-1),
                    Rel::Next | Rel::Coming => YearRef::Offset(1),
                    _ => YearRef::Offset(0),
                };
                // "last summer" is the most recent summer; an offset of a year is the usual reading in news
                // written after that summer, and the anchor's year is kept for "this".
                Expr::Season { season, year }
            }
            other => other,
        }
    }

    /// Whether the expression dates something (as opposed to a length, an age or a frequency).
    #[cfg(test)]
    pub fn is_date(&self) -> bool {
        !matches!(self, Expr::Duration { .. } | Expr::Age { .. } | Expr::Set { .. })
    }
}

/// Finds every expression in `toks`, left to right, without overlaps.
pub(crate) fn recognise(toks: &[Tok<'_>]) -> Vec<Found> {
    let p = P { t: toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Only numbers and listed words open an expression; everything else is skipped at once.
        if t.kind == Kind::Punct || (t.kind == Kind::Word && (!t.w.listed || t.text.len() == 1 && !t.is("a"))) {
            i += 1;
            continue;
        }
        // "the" and "that" only open shifts and chains; elsewhere they are taken in by `opening`.
        let attempt = if t.is("the") {
            p.same_last_year(i).or_else(|| p.the_unit_shift(i))
        } else if t.is("that") {
            p.relative(i)
        } else {
            p.at(i)
        };
        match attempt {
            Some((end, expr)) if end > i => {
                let first = opening(&p, i, &expr);
                let first = if matches!(expr, Expr::Duration { .. }) { duration_opening(&p, first) } else { first };
                out.push(Found { first, end, expr });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Includes a leading "the", "on" or "in" in the span, as in "on Saturday", "in 1960", "the previous day".
fn opening(p: &P<'_, '_>, i: usize, expr: &Expr) -> usize {
    if i == 0 {
        return 0;
    }
    let prev = &p.t[i - 1];
    let takes_the = matches!(
        expr,
        Expr::Relative { .. }
            | Expr::Decade { .. }
            | Expr::Anniversary { .. }
            | Expr::Quarter { .. }
            | Expr::Date { .. }
            | Expr::Around { .. }
            | Expr::InMonth { .. }
    ) || matches!(expr, Expr::Shift { complement: false, .. });
    if prev.is("the") && takes_the {
        return i - 1;
    }
    let dated = matches!(
        expr,
        Expr::Date { .. } | Expr::Weekday { .. } | Expr::Month { .. } | Expr::Year { .. } | Expr::Decade { .. }
    );
    if (prev.is("on") || prev.is("in")) && dated {
        return i - 1;
    }
    if prev.is("in") && matches!(expr, Expr::Around { .. }) {
        return i - 1;
    }
    if prev.is("the") && i >= 2 && p.t[i - 2].is("in") && matches!(expr, Expr::Around { .. } | Expr::Decade { .. }) {
        return i - 2;
    }
    i
}

fn duration_opening(p: &P<'_, '_>, i: usize) -> usize {
    p.duration_opening(i)
}

impl P<'_, '_> {
    fn duration_opening(&self, i: usize) -> usize {
        let p = self;
        let mut first = i;
        while first > 0 && DURATION_MODIFIERS.iter().any(|m| p.t[first - 1].is(m)) {
            first -= 1;
        }
        first
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn exprs(text: &str) -> Vec<(String, Expr)> {
        let toks = tokenize(text);
        recognise(&toks)
            .into_iter()
            .map(|f| (text[toks[f.first].start..toks[f.end - 1].end].to_string(), f.expr))
            .collect()
    }

    #[test]
    fn spans_include_their_opening_word() {
        let found = exprs("They met on Saturday and in 1960 the previous day.");
        let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["on Saturday", "in 1960", "the previous day"]);
    }

    #[test]
    fn verbs_and_quantities_are_not_dates() {
        assert!(exprs("You may march to the square with 2000 people.").is_empty());
        assert!(exprs("It cost $2010 and rose 2015%.").is_empty());
    }

    #[test]
    fn ages_and_durations_are_kinds_of_their_own() {
        let found = exprs("a 30-year-old man who served nearly five decades");
        assert_eq!(found[0].1, Expr::Age { n: 30 });
        assert_eq!(found[1].0, "nearly five decades");
        assert!(!found[1].1.is_date());
    }
}
