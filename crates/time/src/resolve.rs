//! Calendar arithmetic: an unresolved [`Expr`] plus the anchor, the tense and the document's narrative date become
//! a value at a precision, with a `basis` that says how.

use crate::grammar::{Expr, YearRef};
use crate::lexicon::{Part, Rel, Unit, Vague};
use crate::tense::Tense;
use chrono::{Datelike, Duration, Months, NaiveDate};
use dyad_core::{DateRange, DateValue, Precision};
use std::fmt;

/// A resolved calendar value: one period at a precision, or a range of days read at a precision ("this week" as
/// Monday to the anchor, a quarter as its three months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeValue {
    /// A single period.
    Date(DateValue),
    /// A range of days and the precision it is read at.
    Range(DateRange, Precision),
}

impl TimeValue {
    /// The precision.
    pub fn precision(self) -> Precision {
        match self {
            TimeValue::Date(d) => d.precision(),
            TimeValue::Range(_, p) => p,
        }
    }

    /// The first day covered.
    pub fn first_day(self) -> NaiveDate {
        match self {
            TimeValue::Date(d) => d.first_day(),
            TimeValue::Range(r, _) => r.start,
        }
    }

    /// The last day covered.
    pub fn last_day(self) -> NaiveDate {
        match self {
            TimeValue::Date(d) => d.last_day(),
            TimeValue::Range(r, _) => r.end,
        }
    }

    /// One period that holds the value's start: the date itself, or for a range the period of its precision that
    /// holds its first day (a quarter gives its first month, "this week" its ISO week).
    pub fn as_date(self) -> Option<DateValue> {
        match self {
            TimeValue::Date(d) => Some(d),
            TimeValue::Range(r, p) => DateValue::from_naive(r.start).ok().map(|d| d.truncate(p)),
        }
    }
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeValue::Date(d) => d.fmt(f),
            TimeValue::Range(r, _) => r.fmt(f),
        }
    }
}

/// What the resolver knows about the document so far.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// The date of the event most recently mentioned, for "the previous day" and "a day later".
    pub narrative: Option<DateValue>,
    /// The last day-precision event date, for chains counted in days ("the previous day", "on the day").
    pub narrative_day: Option<DateValue>,
    /// The last date resolved earlier in the same sentence, for "came a day after".
    pub in_sentence: Option<DateValue>,
    /// Years written out so far in the document, oldest first, for anniversaries.
    pub years: Vec<i32>,
}

/// A resolved value with its explanation and its TIMEX3 value.
pub(crate) struct Resolved {
    pub value: Option<TimeValue>,
    pub basis: String,
    pub timex: String,
    pub future: bool,
}

fn day(d: NaiveDate) -> Option<TimeValue> {
    DateValue::from_naive(d).ok().map(TimeValue::Date)
}

fn add_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    if months >= 0 {
        d.checked_add_months(Months::new(u32::try_from(months).ok()?))
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-months).ok()?))
    }
}

fn add_days(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(days)?)
}

/// The year for a month and day written without one: the candidate nearest the anchor, where a past clause
/// penalises dates after the anchor and a future clause dates before it.
fn year_for_day(anchor: NaiveDate, month: u32, dom: u32, tense: Tense) -> Option<NaiveDate> {
    let penalty = 90;
    (-1..=1).filter_map(|off| NaiveDate::from_ymd_opt(anchor.year() + off, month, dom)).min_by_key(|d| {
        let diff = (*d - anchor).num_days();
        let wrong_side = (tense == Tense::Past && diff > 0) || (tense == Tense::Future && diff < 0);
        diff.abs() + if wrong_side { penalty } else { 0 }
    })
}

fn year_for_month(anchor: NaiveDate, month: u32, tense: Tense) -> i32 {
    let here = anchor.year() * 12 + anchor.month0() as i32;
    (-1..=1)
        .map(|off| anchor.year() + off)
        .min_by_key(|y| {
            let diff = y * 12 + month as i32 - 1 - here;
            let wrong_side = (tense == Tense::Past && diff > 0) || (tense == Tense::Future && diff < 0);
            diff.abs() * 2 + if wrong_side { 13 } else { 0 } + i32::from(diff < 0 && tense == Tense::Unknown)
        })
        .unwrap_or(anchor.year())
}

fn year_of(r: YearRef, anchor: NaiveDate) -> Option<i32> {
    match r {
        YearRef::Abs(y) => Some(y),
        YearRef::Offset(o) => Some(anchor.year() + o),
        YearRef::Infer => None,
    }
}

fn part_word(part: Option<Part>) -> &'static str {
    match part {
        Some(Part::Early) => "early ",
        Some(Part::Mid) => "mid ",
        Some(Part::Late) => "late ",
        None => "",
    }
}

fn unit_code(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "D",
        Unit::Week => "W",
        Unit::Fortnight => "W",
        Unit::Month => "M",
        Unit::Quarter => "Q",
        Unit::Year => "Y",
        Unit::Decade => "DE",
        Unit::Century => "CE",
        Unit::Weekend => "WE",
    }
}

fn timex_of(v: TimeValue) -> String {
    match v {
        TimeValue::Date(d) if d.precision() == Precision::Decade => format!("{:03}", d.year_number() / 10),
        TimeValue::Date(d) => d.to_string(),
        TimeValue::Range(r, Precision::Week) => DateValue::week_of(r.start).map(|w| w.to_string()).unwrap_or_default(),
        TimeValue::Range(r, p) => DateValue::from_naive(r.start).map(|d| d.truncate(p).to_string()).unwrap_or_default(),
    }
}

/// Shifts a date by `n` units and keeps the coarser of its precision and the unit's.
fn shift(base: DateValue, n: i64, unit: Unit) -> Option<DateValue> {
    let d = base.first_day();
    let (moved, unit_precision) = match unit {
        Unit::Day => (add_days(d, n)?, Precision::Day),
        Unit::Week => (add_days(d, 7 * n)?, Precision::Day),
        Unit::Fortnight => (add_days(d, 14 * n)?, Precision::Day),
        Unit::Month => (add_months(d, n)?, Precision::Month),
        Unit::Quarter => (add_months(d, 3 * n)?, Precision::Month),
        Unit::Year => (add_months(d, 12 * n)?, Precision::Year),
        Unit::Decade => (add_months(d, 120 * n)?, Precision::Decade),
        Unit::Century | Unit::Weekend => return None,
    };
    let precision = base.precision().max(unit_precision);
    Some(DateValue::from_naive(moved).ok()?.truncate(precision))
}

fn weekday_date(anchor: NaiveDate, weekday: u8, rel: Option<Rel>, tense: Tense) -> (NaiveDate, &'static str) {
    let here = anchor.weekday().number_from_monday() as i64;
    let back = (here - weekday as i64).rem_euclid(7);
    let ahead = (weekday as i64 - here).rem_euclid(7);
    let before = |n: i64| anchor - Duration::days(n);
    let after = |n: i64| anchor + Duration::days(n);
    match rel {
        Some(Rel::Last | Rel::Past) => (before(if back == 0 { 7 } else { back }), "strictly before"),
        Some(Rel::Next | Rel::Coming) => (after(if ahead == 0 { 7 } else { ahead }), "strictly after"),
        _ if tense == Tense::Future => (after(ahead), "on or after"),
        _ => (before(back), "on or before"),
    }
}

fn quarter_range(year: i32, q: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(year, 3 * (q - 1) + 1, 1)?;
    let end = add_days(add_months(start, 3)?, -1)?;
    DateRange::new(start, end)
}

fn season_range(year: i32, season: &str) -> Option<DateRange> {
    let (m, len) = match season {
        "SP" => (3, 3),
        "SU" => (6, 3),
        "FA" => (9, 3),
        _ => (12, 3),
    };
    let start = NaiveDate::from_ymd_opt(year, m, 1)?;
    DateRange::new(start, add_days(add_months(start, len)?, -1)?)
}

fn month_value(year: i32, month: u32) -> Option<TimeValue> {
    DateValue::month(year, month).ok().map(TimeValue::Date)
}

/// Resolves one expression. Returns `None` when the text names no real date (31 February) or the base of an
/// anniversary is unknown.
pub(crate) fn resolve(
    expr: Expr,
    anchor: NaiveDate,
    tense: Tense,
    ctx: &Context,
    sentence_years: &[i32],
) -> Option<Resolved> {
    let a = anchor;
    let ts = tense.as_str();
    let mut future_word = false;
    let (value, basis): (Option<TimeValue>, String) = match expr {
        Expr::Date { year, month, day: dom, years_ago } => date(year, month, dom, years_ago, a, tense)?,
        Expr::Month { year, month, part, rel } => month_of(year, month, part, rel, a, tense),
        Expr::Year { year, part } => {
            (DateValue::year(year).ok().map(TimeValue::Date), format!("{}explicit year", part_word(part)))
        }
        Expr::Decade { start } => (DateValue::decade(start).ok().map(TimeValue::Date), "decade".to_string()),
        Expr::Weekday { weekday, rel } => {
            let (d, how) = weekday_date(a, weekday, rel, tense);
            (day(d), format!("weekday, {ts} tense, {how} anchor {a}"))
        }
        Expr::Deictic { days } => {
            future_word = days > 0;
            (day(add_days(a, days)?), format!("{days:+} days from anchor {a}"))
        }
        Expr::Relative { rel, unit, part } => return relative(rel, unit, part, a, tense, ctx),
        Expr::Ago { n, unit, future } => {
            future_word = future;
            let base = DateValue::from_naive(a).ok()?;
            let n = n as i64;
            let v = shift(base, if future { n } else { -n }, unit)?;
            let v = if unit == Unit::Week { v } else { v.truncate(unit_precision(unit)) };
            (Some(TimeValue::Date(v)), format!("{n} {unit:?}s {} anchor {a}", if future { "after" } else { "before" }))
        }
        Expr::Shift { n, unit, complement, opens_clause } => {
            shift_from(Shift { n, unit, complement, opens_clause }, a, tense, ctx)?
        }
        Expr::Quarter { q, year } => return quarter(q, year, a, tense),
        Expr::SameLastYear { unit: Unit::Quarter } => return same_quarter_last_year(a, ctx),
        Expr::SameLastYear { unit } => same_last_year(unit, a, ctx)?,
        Expr::InMonth { nth, weekday, month, year } => in_month(nth, weekday, month, year, a, tense)?,
        Expr::Season { season, year } => return season_of(season, year, a, tense),
        Expr::Vague(v) => return vague(v, a),
        Expr::Around { unit, future } => return around(unit, future, a),
        Expr::Anniversary { n } => {
            let n = n as i32;
            let fits = |y: &&i32| (**y + n - a.year()).abs() <= 1;
            let base = sentence_years.iter().find(fits).or_else(|| ctx.years.iter().rev().find(fits)).copied()?;
            (DateValue::year(base + n).ok().map(TimeValue::Date), format!("{n}th anniversary of {base}"))
        }
        Expr::Duration { n, unit } => {
            return Some(non_date(format!("P{n}{}", unit_code(unit)), "duration, not a date"));
        }
        Expr::Age { n } => return Some(non_date(format!("P{n}Y"), "age, not a date")),
        Expr::Set { unit } => return Some(non_date(format!("P1{}", unit_code(unit)), "frequency, not a date")),
    };
    let value = value?;
    let future = future_word || value.first_day() > a || (tense == Tense::Future && value.last_day() >= a);
    // "mid-2011": the value stays the year (the part is in the basis); TIMEX3 annotators write the middle month.
    let timex = match expr {
        Expr::Year { year, part: Some(Part::Mid) } => format!("{year:04}-06"),
        _ => timex_of(value),
    };
    Some(Resolved { value: Some(value), basis, timex, future })
}

/// A quarter: of its year, or of the anchor's year unless that quarter is still to come in a non-future clause.
fn quarter(q: u32, year: YearRef, a: NaiveDate, tense: Tense) -> Option<Resolved> {
    let y = match year_of(year, a) {
        Some(y) => y,
        None => {
            let start = NaiveDate::from_ymd_opt(a.year(), 3 * (q - 1) + 1, 1)?;
            if tense != Tense::Future && start > a { a.year() - 1 } else { a.year() }
        }
    };
    let r = quarter_range(y, q)?;
    Some(Resolved {
        value: Some(TimeValue::Range(r, Precision::Month)),
        basis: format!("quarter {q} of {y}"),
        timex: format!("{y:04}-Q{q}"),
        future: r.start > a,
    })
}

/// The `nth` (or last) weekday or week of a month: a day, or an ISO week.
fn in_month(
    nth: i8,
    weekday: u8,
    month: u32,
    year: YearRef,
    a: NaiveDate,
    tense: Tense,
) -> Option<(Option<TimeValue>, String)> {
    let (y, m) = match (month, year_of(year, a)) {
        (0, _) => (a.year(), a.month()),
        (m, Some(y)) => (y, m),
        (m, None) => (year_for_month(a, m, tense), m),
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let last = add_days(NaiveDate::from_ymd_opt(y + i32::from(m == 12), m % 12 + 1, 1)?, -1)?;
    let which = if nth < 0 { "last".to_string() } else { format!("number {nth}") };
    Some(if weekday == 0 {
        // The week that has most of its days in the month at that place: ISO weeks, Monday first.
        let mid = if nth < 0 { add_days(last, -3)? } else { add_days(first, 3 + 7 * (i64::from(nth) - 1))? };
        if mid.month() != m {
            return None;
        }
        let w = DateValue::week_of(mid).ok()?;
        (Some(TimeValue::Date(w)), format!("week {which} of {y}-{m:02}"))
    } else {
        let wd = i64::from(weekday) - 1;
        let d = if nth < 0 {
            let back = (i64::from(last.weekday().num_days_from_monday()) - wd).rem_euclid(7);
            add_days(last, -back)?
        } else {
            let fwd = (wd - i64::from(first.weekday().num_days_from_monday())).rem_euclid(7);
            add_days(first, fwd + 7 * (i64::from(nth) - 1))?
        };
        if d.month() != m {
            return None;
        }
        (day(d), format!("weekday {which} of {y}-{m:02}"))
    })
}

/// A season: of its year, or of the anchor's year unless it is still to come in a past-tense clause.
fn season_of(season: &'static str, year: YearRef, a: NaiveDate, tense: Tense) -> Option<Resolved> {
    let y = match year_of(year, a) {
        Some(y) => y,
        None => {
            let r = season_range(a.year(), season)?;
            if tense == Tense::Past && r.start > a { a.year() - 1 } else { a.year() }
        }
    };
    let r = season_range(y, season)?;
    Some(Resolved {
        value: Some(TimeValue::Range(r, Precision::Month)),
        basis: format!("season of {y}, {} tense", tense.as_str()),
        timex: format!("{y:04}-{season}"),
        future: r.start > a,
    })
}

/// A vague reference ("recently", "now", "soon") as a period around the anchor.
fn vague(v: Vague, a: NaiveDate) -> Option<Resolved> {
    let (value, basis, timex, future) = match v {
        Vague::Past => {
            // "recently" in news is within weeks: the anchor's month, or the one before early in a month.
            let d = if a.day() >= 8 { a } else { add_days(a, -8)? };
            (
                month_value(d.year(), d.month()),
                "'recently': the anchor's month (the one before in a month's first week), anchor",
                "PAST_REF",
                false,
            )
        }
        Vague::Present => (day(a), "present reference: the anchor", "PRESENT_REF", false),
        Vague::Future => {
            let r = DateRange::new(a, add_days(a, 30)?)?;
            (Some(TimeValue::Range(r, Precision::Month)), "'soon': the month after the anchor", "FUTURE_REF", true)
        }
    };
    Some(Resolved { value, basis: format!("{basis} {a}"), timex: timex.to_string(), future })
}

/// "In the coming days", "in recent months": the period of that length before or after the anchor.
fn around(unit: Unit, future: bool, a: NaiveDate) -> Option<Resolved> {
    let (len_days, precision) = match unit {
        Unit::Day => (7, Precision::Week),
        Unit::Week | Unit::Fortnight => (28, Precision::Week),
        Unit::Month => (183, Precision::Month),
        _ => (3 * 365, Precision::Year),
    };
    let r =
        if future { DateRange::new(a, add_days(a, len_days)?)? } else { DateRange::new(add_days(a, -len_days)?, a)? };
    Some(Resolved {
        value: Some(TimeValue::Range(r, precision)),
        basis: format!("the {len_days} days {} anchor {a}", if future { "after" } else { "before" }),
        timex: if future { "FUTURE_REF" } else { "PAST_REF" }.to_string(),
        future,
    })
}

/// A month and day: in its own year, some years before the anchor's, or in the year the anchor and tense imply.
fn date(
    year: YearRef,
    month: u32,
    dom: u32,
    years_ago: Option<u32>,
    a: NaiveDate,
    tense: Tense,
) -> Option<(Option<TimeValue>, String)> {
    Some(if let Some(n) = years_ago {
        let y = a.year() - n as i32;
        let v = DateValue::day(y, month, dom).ok().map(TimeValue::Date);
        (v, format!("month and day, {n} years before the anchor's year {}", a.year()))
    } else if let Some(y) = year_of(year, a) {
        (DateValue::day(y, month, dom).ok().map(TimeValue::Date), "explicit date".to_string())
    } else {
        let d = year_for_day(a, month, dom, tense)?;
        (day(d), format!("month and day, year from anchor {a}, {} tense", tense.as_str()))
    })
}

/// A month: in its own year, the year a relative word ("last March") or the anchor and tense imply.
fn month_of(
    year: YearRef,
    month: u32,
    part: Option<Part>,
    rel: Option<Rel>,
    a: NaiveDate,
    tense: Tense,
) -> (Option<TimeValue>, String) {
    let y = match (rel, year_of(year, a)) {
        (Some(Rel::Last | Rel::Past), _) => a.year() - i32::from(month >= a.month()),
        (Some(Rel::Next | Rel::Coming), _) => a.year() + i32::from(month <= a.month()),
        (Some(_), _) => a.year(),
        (None, Some(y)) => y,
        (None, None) => year_for_month(a, month, tense),
    };
    let how = match (year, rel) {
        (YearRef::Abs(_), _) => "explicit month".to_string(),
        (YearRef::Offset(o), _) => format!("month, {o:+} years from anchor {a}"),
        (_, Some(r)) => format!("{r:?} month, relative to anchor {a}").to_lowercase(),
        _ => format!("month, year from anchor {a}, {} tense", tense.as_str()),
    };
    (month_value(y, month), format!("{}{how}", part_word(part)))
}

/// A counted shift as the grammar read it: "a day later" (`complement` false), "came a day after Y" (`complement`),
/// "A day after Y, X ..." (`opens_clause` too).
struct Shift {
    n: i64,
    unit: Unit,
    complement: bool,
    opens_clause: bool,
}

/// "A day later", "a day after": a shift of the narrative date (or the clause's date, or the anchor).
///
/// With no date of the text to count from, "X came a day after Y" in a past or present clause dates Y a day before
/// the anchor (X is taken to be the reported day, as an undated act is); "A day after Y, X ..." and a future clause
/// give no date: counting forward from the anchor would put a past act in the future.
fn shift_from(s: Shift, a: NaiveDate, tense: Tense, ctx: &Context) -> Option<(Option<TimeValue>, String)> {
    let Shift { n, unit, complement, opens_clause } = s;
    // "X came a day after Y" dates Y from X's date; "A day after Y, X ..." dates X from Y's.
    let narrative = if matches!(unit, Unit::Day | Unit::Week) { ctx.narrative_day } else { ctx.narrative };
    let base = ctx.in_sentence.filter(|_| complement).or(narrative);
    let (base, n, from) = match base {
        Some(d) if complement && !opens_clause => (d, -n, "the clause's date, for the event after 'after'/'before'"),
        Some(d) => (d, n, "the narrative date"),
        None if complement && (opens_clause || tense == Tense::Future) => return None,
        None if complement => (DateValue::from_naive(a).ok()?, -n, "the anchor, for the event after 'after'/'before'"),
        None => (DateValue::from_naive(a).ok()?, n, "the anchor"),
    };
    let v = shift(base, n, unit)?;
    Some((Some(TimeValue::Date(v)), format!("{n:+} {unit:?}s from {from} {base}")))
}

/// The month being reported (the narrative's, else the anchor's) that the "same period a year before" is read from.
fn reported_month(a: NaiveDate, ctx: &Context) -> NaiveDate {
    ctx.narrative.filter(|d| d.precision() <= Precision::Month).map_or(a, |d| d.first_day())
}

/// "The same month (week) a year ago": the period being reported (the sales month of a sales report), a year back,
/// at the unit's precision.
fn same_last_year(unit: Unit, a: NaiveDate, ctx: &Context) -> Option<(Option<TimeValue>, String)> {
    let base = reported_month(a, ctx);
    let back = add_months(base, -12)?;
    let v = match unit {
        Unit::Week => DateValue::week_of(back).ok()?,
        _ => DateValue::month(back.year(), back.month()).ok()?,
    };
    Some((Some(TimeValue::Date(v)), format!("the same {unit:?} a year before {base}").to_lowercase()))
}

/// "The same quarter last year": the quarter of the period being reported, a year back.
fn same_quarter_last_year(a: NaiveDate, ctx: &Context) -> Option<Resolved> {
    let base = reported_month(a, ctx);
    let back = add_months(base, -12)?;
    let q = (back.month() - 1) / 3 + 1;
    let r = quarter_range(back.year(), q)?;
    Some(Resolved {
        value: Some(TimeValue::Range(r, Precision::Month)),
        basis: format!("the same quarter a year before {base}"),
        timex: format!("{:04}-Q{q}", back.year()),
        future: false,
    })
}

fn non_date(timex: String, basis: &str) -> Resolved {
    Resolved { value: None, basis: basis.to_string(), timex, future: false }
}

fn unit_precision(unit: Unit) -> Precision {
    match unit {
        Unit::Day | Unit::Week | Unit::Fortnight | Unit::Weekend => Precision::Day,
        Unit::Month | Unit::Quarter => Precision::Month,
        Unit::Year => Precision::Year,
        Unit::Decade | Unit::Century => Precision::Decade,
    }
}

/// "last weekend", "next weekend", "this weekend": Saturday and Sunday around the anchor `a`.
fn relative_weekend(rel: Rel, a: NaiveDate, tense: Tense) -> Option<Resolved> {
    let ts = tense.as_str();
    let sat = |d: NaiveDate| -> Option<DateRange> { DateRange::new(d, add_days(d, 1)?) };
    let wd = a.weekday().num_days_from_monday() as i64; // Saturday = 5
    let back = if wd >= 5 { wd - 5 } else { wd + 2 };
    let last_sat = add_days(a, -back)?;
    let next_sat = add_days(a, (5 - wd).rem_euclid(7))?;
    let start = match rel {
        Rel::Last | Rel::Past | Rel::Previous => {
            if wd >= 5 {
                add_days(last_sat, -7)?
            } else {
                last_sat
            }
        }
        Rel::Next | Rel::Coming | Rel::Following => {
            if wd >= 5 {
                add_days(last_sat, 7)?
            } else {
                next_sat
            }
        }
        // "this weekend" / "the weekend": in a past clause the last one; otherwise the coming one, or the
        // current one when the anchor is itself a weekend day.
        _ if tense == Tense::Past || wd >= 5 => last_sat,
        _ => next_sat,
    };
    let r = sat(start)?;
    let iso = start.iso_week();
    Some(Resolved {
        value: Some(TimeValue::Range(r, Precision::Week)),
        basis: format!("weekend, {ts} tense, anchor {a}"),
        timex: format!("{:04}-W{:02}-WE", iso.year(), iso.week()),
        future: r.start > a,
    })
}

/// "last quarter", "next quarter", "this quarter": the quarter `step` quarters from `base`'s.
fn relative_quarter(base: DateValue, step: i64, from: &str, a: NaiveDate) -> Option<Resolved> {
    let q0 = (base.first_day().month0() / 3) as i64 + step;
    let y = base.year_number() + q0.div_euclid(4) as i32;
    let q = q0.rem_euclid(4) as u32 + 1;
    let r = quarter_range(y, q)?;
    Some(Resolved {
        value: Some(TimeValue::Range(r, Precision::Month)),
        basis: format!("quarter relative to {from} {base}"),
        timex: format!("{y:04}-Q{q}"),
        future: r.start > a,
    })
}

fn relative(rel: Rel, unit: Unit, part: Option<Part>, a: NaiveDate, tense: Tense, ctx: &Context) -> Option<Resolved> {
    let chained = matches!(rel, Rel::Previous | Rel::Following | Rel::Same);
    let anchor_day = DateValue::from_naive(a).ok()?;
    let narrative = if matches!(unit, Unit::Day) { ctx.narrative_day } else { ctx.narrative };
    let (base, from) = match (chained, narrative) {
        (true, Some(d)) => (d, "the narrative date"),
        _ => (anchor_day, "anchor"),
    };
    let step: i64 = match rel {
        Rel::This | Rel::Current | Rel::Same | Rel::Recent => 0,
        Rel::Last | Rel::Past | Rel::Previous => -1,
        Rel::Next | Rel::Coming | Rel::Following => 1,
    };
    let ts = tense.as_str();
    let value = match unit {
        Unit::Week if step == 0 && rel != Rel::Same => {
            let monday = a - Duration::days(a.weekday().num_days_from_monday() as i64);
            let sunday = monday + Duration::days(6);
            let later = part == Some(Part::Late) || (part.is_none() && tense == Tense::Future);
            let r = if later { DateRange::new(a, sunday)? } else { DateRange::new(monday, a)? };
            TimeValue::Range(r, Precision::Week)
        }
        Unit::Week if rel == Rel::Past => TimeValue::Range(DateRange::new(add_days(a, -7)?, a)?, Precision::Week),
        Unit::Week => TimeValue::Date(DateValue::week_of(add_days(base.first_day(), 7 * step)?).ok()?),
        Unit::Weekend => return relative_weekend(rel, a, tense),
        Unit::Quarter => return relative_quarter(base, step, from, a),
        Unit::Day if rel == Rel::Past || rel == Rel::This || rel == Rel::Current => TimeValue::Date(anchor_day),
        Unit::Century => return None,
        _ => {
            let v = shift(base, step, unit)?;
            TimeValue::Date(v.truncate(unit_precision(unit)))
        }
    };
    let future = value.first_day() > a || (tense == Tense::Future && value.last_day() >= a && step >= 0);
    Some(Resolved {
        value: Some(value),
        basis: format!("{}{:?} {unit:?} relative to {from} {base}, {ts} tense", part_word(part), rel).to_lowercase(),
        timex: timex_of(value),
        future,
    })
}
