//! Clock times and parts of the day ("3 p.m.", "15:00", "at 10:30 am", "noon", "08:57 GMT", "this morning",
//! "last night"), read in the tokens the calendar grammar left alone. They never date an event: the caller attaches
//! each to a day (an adjacent day expression, else the anchor's) for TimeML's `TIME` values.

use crate::grammar::Found;
use crate::token::{Kind, Suffix, Tok};

/// The time of day an expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clock {
    /// Hour (0-23), minute and, when written, second; `utc` when a UTC zone follows ("GMT"); `open` when the hour
    /// was written without am/pm, part of the day or zone and could be p.m. ("at 3:20" after "this afternoon").
    At { hour: u8, minute: u8, second: Option<u8>, utc: bool, open: bool },
    /// A part of the day as TimeML writes it (`MO`, `AF`, `EV`, `NI`).
    Part(&'static str),
}

impl Clock {
    /// The TIMEX3 time part, after the `T`: `15:00`, `08:57:02Z`, `MO`.
    pub fn timex(self) -> String {
        match self {
            Clock::At { hour, minute, second, utc, .. } => {
                let mut s = format!("{hour:02}:{minute:02}");
                if let Some(sec) = second {
                    s.push_str(&format!(":{sec:02}"));
                }
                if utc {
                    s.push('Z');
                }
                s
            }
            Clock::Part(p) => p.to_string(),
        }
    }
}

/// One clock expression: the tokens it covers (inclusive start, exclusive end), the time, and for a part of the
/// day named with its own day ("last night") that day's offset from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClockFound {
    pub first: usize,
    pub end: usize,
    pub clock: Clock,
    pub days: Option<i64>,
}

/// Words before a bare "15:30" that make it a clock time rather than a verse ("John 3:16"), a ratio or a race time.
const BARE_CUES: &[&str] =
    &["at", "by", "until", "till", "from", "before", "after", "around", "about", "since", "and", "or", "between"];

struct C<'t, 'a> {
    t: &'t [Tok<'a>],
}

impl C<'_, '_> {
    fn is(&self, i: usize, word: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.is(word))
    }

    /// Token `i` touches token `i - 1`.
    fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].end == self.t[i].start
    }

    fn punct_joined(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c)) && self.joined(i)
    }

    /// A two-digit number joined to the previous token, at most `max`.
    fn two_digits(&self, i: usize, max: u32) -> Option<u8> {
        let t = self.t.get(i)?;
        (self.joined(i) && t.kind == Kind::Num && t.suffix == Suffix::None && t.digits == 2 && t.num <= max)
            .then_some(t.num as u8)
    }

    /// "a.m.", "p.m.", "am", "PM" at `i`: (is p.m., index after).
    fn meridiem(&self, i: usize) -> Option<(bool, usize)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let pm = if t.is("a") || t.is("am") {
            false
        } else if t.is("p") || t.is("pm") {
            true
        } else {
            return None;
        };
        if t.text.len() == 2 {
            // Not the first part of a hyphenated word ("am-bitious").
            let hyphenated = self.joined(i + 1) && (self.t[i + 1].is_punct('-') || self.t[i + 1].kind != Kind::Punct);
            return (!hyphenated).then_some((pm, i + 1));
        }
        // "a.m." / "a.m": the letters joined by stops.
        if self.punct_joined(i + 1, '.') && self.is(i + 2, "m") && self.joined(i + 2) {
            let end = if self.punct_joined(i + 3, '.') { i + 4 } else { i + 3 };
            return Some((pm, end));
        }
        None
    }

    /// Digits with "am"/"pm" attached: "3pm", "30am" (the token the tokenizer keeps as a word).
    fn fused(&self, i: usize) -> Option<(u32, bool)> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Word || t.text.len() < 3 || t.text.len() > 4 || !t.text.is_ascii() {
            return None;
        }
        let (digits, suffix) = t.text.split_at(t.text.len() - 2);
        let pm = if suffix.eq_ignore_ascii_case("pm") {
            true
        } else if suffix.eq_ignore_ascii_case("am") {
            false
        } else {
            return None;
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((digits.parse().ok()?, pm))
    }

    /// A zone after a clock time: "GMT", "UTC" (UTC), "EST", "local time", "Moscow time"; an offset after GMT or
    /// UTC ("GMT+8") makes it local. Returns (is UTC, index after).
    fn zone(&self, i: usize) -> Option<(bool, usize)> {
        let t = self.t.get(i)?;
        if self.is(i, "local") && self.is(i + 1, "time") {
            return Some((false, i + 2));
        }
        if let Some(utc) = t.w.zone()
            && t.kind == Kind::Word
            && t.text.bytes().all(|b| b.is_ascii_uppercase())
        {
            let signed = self.t.get(i + 1).is_some_and(|s| s.is_punct('+') || s.is_punct('-'));
            if signed && self.t.get(i + 2).is_some_and(|n| n.kind == Kind::Num && n.digits <= 4) {
                return Some((false, i + 3));
            }
            return Some((utc, i + 1));
        }
        // "Moscow time": a capitalised place and "time".
        if t.cap && t.kind == Kind::Word && t.w.month == 0 && t.w.weekday == 0 && self.is(i + 1, "time") {
            return Some((false, i + 2));
        }
        None
    }

    /// "in the morning", "in the afternoon", "at night" after a clock time: the part of the day.
    fn part_after(&self, i: usize) -> Option<(&'static str, usize)> {
        if self.is(i, "in") && self.is(i + 1, "the") {
            let pod = self.t.get(i + 2)?.w.pod()?;
            return (pod != "NI").then_some((pod, i + 3));
        }
        if self.is(i, "at") && self.is(i + 1, "night") {
            return Some(("NI", i + 2));
        }
        None
    }

    /// "o'clock" (or "o’clock") at `i`: the index after it.
    fn oclock(&self, i: usize) -> Option<usize> {
        let joined_apostrophe = self.is(i, "o")
            && self.t.get(i + 1).is_some_and(|t| t.is_punct('\'') || t.is_punct('\u{2019}'))
            && self.joined(i + 1)
            && self.is(i + 2, "clock")
            && self.joined(i + 2);
        (joined_apostrophe || self.is(i, "oclock")).then(|| if self.is(i, "oclock") { i + 1 } else { i + 3 })
    }

    /// Whether a bare "15:30" (no am/pm, no zone) at `i` reads as a clock time from what precedes it.
    fn bare_context(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|p| self.t.get(p)) else { return true };
        if prev.ends_sentence || BARE_CUES.iter().any(|c| prev.is(c)) {
            return true;
        }
        // "Tuesday 15:00", "today 15:00", "27-MAR-1987 08:57:02", "(15:00)"; not "John 3:16", "in 2:03:59",
        // "of 3:10".
        prev.w.weekday > 0
            || prev.w.deictic.is_some()
            || prev.is_punct('(')
            || prev.is_punct(',')
            || (prev.kind == Kind::Num && prev.digits == 4)
    }

    /// "15:30", "10:30am", "08:57:02.39" at `i` (hour `h`); a bare one needs a cue before it ([`C::bare_context`]).
    fn colon(&self, i: usize, h: u32) -> Option<(usize, Clock)> {
        let (minute, pm, mut j) = if let Some(m) = self.two_digits(i + 2, 59) {
            (m, None, i + 3)
        } else if let Some((m, pm)) = self.fused(i + 2).filter(|_| self.joined(i + 2)) {
            (u8::try_from(m).ok().filter(|m| *m <= 59 && self.t[i + 2].text.len() == 4)?, Some(pm), i + 3)
        } else {
            return None;
        };
        let mut second = None;
        if pm.is_none() && self.punct_joined(j, ':') {
            second = Some(self.two_digits(j + 1, 59)?);
            j += 2;
            if self.punct_joined(j, '.') && self.t.get(j + 1).is_some_and(|f| f.kind == Kind::Num) && self.joined(j + 1)
            {
                j += 2;
            }
        }
        // A longer run of numbers is something else ("1:2:3:4", "10:30:00:00").
        if self.punct_joined(j, ':') && self.t.get(j + 1).is_some_and(|n| n.kind == Kind::Num) {
            return None;
        }
        let (hour, marked, j) = match pm {
            Some(pm) => (twelve_hour(h, pm)?, true, j),
            None => match self.meridiem(j) {
                Some((pm, k)) => (twelve_hour(h, pm)?, true, k),
                None => (h as u8, false, j),
            },
        };
        let zoned = self.zone(j).is_some();
        if !marked && !zoned && !self.bare_context(i) {
            return None;
        }
        Some(self.finish(j, hour, minute, second, marked))
    }

    /// "0800 GMT", "at 1500 hours": four digits with a zone, or after "at" with "hours".
    fn four_digits(&self, i: usize) -> Option<(usize, Clock)> {
        let t = self.t.get(i)?;
        let (h, m) = (t.num / 100, t.num % 100);
        if h > 23 || m > 59 {
            return None;
        }
        let clock = |utc| Clock::At { hour: h as u8, minute: m as u8, second: None, utc, open: false };
        if let Some((utc, end)) = self.zone(i + 1) {
            return Some((end, clock(utc)));
        }
        let after_at = i > 0 && self.t[i - 1].is("at");
        (after_at && (self.is(i + 1, "hours") || self.is(i + 1, "hrs"))).then(|| (i + 2, clock(false)))
    }

    /// A clock time opening at token `i` (a number, a number word, or "3pm"): (index after, clock).
    fn time_at(&self, i: usize) -> Option<(usize, Clock)> {
        let t = self.t.get(i)?;
        // "3pm", "11AM"
        if let Some((h, pm)) = self.fused(i) {
            let hour = twelve_hour(h, pm)?;
            return Some(self.finish(i + 1, hour, 0, None, true));
        }
        let hour_word = t.kind == Kind::Word && !(t.is("a") || t.is("an")) && t.w.number.is_some_and(|n| n <= 12);
        let h = if t.kind == Kind::Num && t.suffix == Suffix::None && t.digits <= 2 {
            t.num
        } else if hour_word {
            t.w.number?
        } else if t.kind == Kind::Num && t.suffix == Suffix::None && t.digits == 4 {
            return self.four_digits(i);
        } else {
            return None;
        };
        // Not the middle of a longer number or a date: "12:30" inside "3/12:30", "1.5", "24-7".
        if i > 0 && self.joined(i) && !self.t[i - 1].is_punct('(') {
            return None;
        }
        // "15:30", "10:30am", "08:57:02.39"
        if t.kind == Kind::Num && self.punct_joined(i + 1, ':') && h <= 23 {
            return self.colon(i, h);
        }
        // "at 8 GMT"
        if t.kind == Kind::Num
            && h <= 23
            && let Some((utc, j)) =
                self.zone(i + 1).filter(|_| !self.is(i + 1, "local") && self.t[i + 1].w.zone().is_some())
        {
            return Some((j, Clock::At { hour: h as u8, minute: 0, second: None, utc, open: false }));
        }
        if h == 0 || h > 12 {
            return None;
        }
        // "3 p.m.", "three am", "10 o'clock", "3 o'clock in the afternoon"
        if let Some((pm, j)) = self.meridiem(i + 1) {
            return Some(self.finish(j, twelve_hour(h, pm)?, 0, None, true));
        }
        if let Some(j) = self.oclock(i + 1) {
            return Some(self.finish(j, h as u8, 0, None, false));
        }
        // "3 in the afternoon"
        if t.kind == Kind::Num
            && let Some((pod, j)) = self.part_after(i + 1)
        {
            return Some((
                j,
                Clock::At { hour: with_part(h as u8, pod), minute: 0, second: None, utc: false, open: false },
            ));
        }
        None
    }

    /// The rest of a clock time after its digits and am/pm: "in the afternoon" (when no am/pm was given), a zone.
    fn finish(&self, j: usize, hour: u8, minute: u8, second: Option<u8>, marked: bool) -> (usize, Clock) {
        let (hour, j, open) = match self.part_after(j) {
            Some((pod, k)) if !marked => (with_part(hour, pod), k, false),
            Some((_, k)) => (hour, k, false),
            None => (hour, j, !marked && hour <= 12),
        };
        match self.zone(j) {
            Some((utc, k)) => (k, Clock::At { hour, minute, second, utc, open: false }),
            None => (j, Clock::At { hour, minute, second, utc: false, open }),
        }
    }

    /// Minutes counted from the hour before a clock time at `i`: "a quarter past 3pm", "20 minutes past noon",
    /// "twenty after 3pm", "a quarter to noon". Returns the first token and the clock time.
    fn minutes_before(&self, i: usize, clock: Clock) -> Option<(usize, Clock)> {
        let Clock::At { hour, minute: 0, second: None, utc, .. } = clock else { return None };
        let rel = i.checked_sub(1)?;
        let to = if self.is(rel, "past") || self.is(rel, "after") {
            false
        } else if self.is(rel, "to") || self.is(rel, "before") {
            true
        } else {
            return None;
        };
        let mut k = rel.checked_sub(1)?;
        if self.is(k, "minutes") {
            k = k.checked_sub(1)?;
        }
        let t = self.t.get(k)?;
        let (n, first) = if t.is("quarter") {
            (15, if k > 0 && self.is(k - 1, "a") { k - 1 } else { k })
        } else if t.is("half") && !to {
            (30, k)
        } else if t.kind == Kind::Num && t.suffix == Suffix::None && (1..60).contains(&t.num) {
            (t.num as u8, k)
        } else if t.kind == Kind::Word && t.w.number.is_some_and(|n| (1..60).contains(&n)) && !t.is("a") {
            (t.w.number? as u8, k)
        } else {
            return None;
        };
        let (hour, minute) = if to { ((hour + 23) % 24, 60 - n) } else { (hour, n) };
        Some((first, Clock::At { hour, minute, second: None, utc, open: false }))
    }

    /// A clock or part-of-day expression at token `i`: (first, end, clock, days).
    fn at(&self, i: usize) -> Option<ClockFound> {
        let t = self.t.get(i)?;
        if let Some((hour, minute)) = t.w.clock {
            // "noon", "12 noon", "midnight GMT"
            let first = if i > 0 && self.t[i - 1].kind == Kind::Num && self.t[i - 1].num == 12 { i - 1 } else { i };
            let (utc, end) = self.zone(i + 1).unwrap_or((false, i + 1));
            let clock = Clock::At { hour, minute, second: None, utc, open: false };
            return Some(ClockFound { first, end, clock, days: None });
        }
        // "this morning", "this afternoon", "this evening", "last night"
        if t.is("this")
            && let Some(pod) =
                self.t.get(i + 1).and_then(|n| n.w.pod()).filter(|p| *p != "NI" && !self.is(i + 1, "tonight"))
        {
            return Some(ClockFound { first: i, end: i + 2, clock: Clock::Part(pod), days: Some(0) });
        }
        if t.is("last") && self.is(i + 1, "night") {
            return Some(ClockFound { first: i, end: i + 2, clock: Clock::Part("NI"), days: Some(-1) });
        }
        let (end, clock) = self.time_at(i)?;
        Some(ClockFound { first: i, end, clock, days: None })
    }
}

/// Whether token `i` is something every clock time holds: a colon, am/pm ("3pm", "a.m."), a clock, zone or
/// part-of-day word, "o'clock" or "hours". Most sentences with a date have none, and skip the clock pass.
fn cue(toks: &[Tok<'_>], i: usize, t: &Tok<'_>) -> bool {
    match t.kind {
        Kind::Punct => t.is_punct(':'),
        Kind::Num => false,
        Kind::Word => {
            t.w.clock.is_some()
                || t.w.pod().is_some()
                || t.w.zone().is_some()
                || t.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || (t.text.len() == 1 && (t.is("a") || t.is("p")) && toks.get(i + 1).is_some_and(|n| n.is_punct('.')))
                || match *t.text.as_bytes() {
                    [a, m] => matches!(a | 0x20, b'a' | b'p') && m | 0x20 == b'm',
                    [b'h' | b'H', ..] => t.is("hrs") || t.is("hours"),
                    [b'c' | b'C' | b'o' | b'O', ..] => t.is("clock") || t.is("oclock"),
                    _ => false,
                }
        }
    }
}

fn twelve_hour(h: u32, pm: bool) -> Option<u8> {
    if h == 0 || h > 12 {
        return None;
    }
    let h = h as u8;
    Some(match (h, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    })
}

/// A 12-hour reading moved into a part of the day: "3 in the afternoon" is 15:00, "12 in the morning" 00:00.
fn with_part(hour: u8, pod: &str) -> u8 {
    match pod {
        "AF" | "EV" | "NI" if hour < 12 => hour + 12,
        "MO" if hour == 12 => 0,
        _ => hour,
    }
}

/// The clock expressions of `toks` outside the calendar expressions `taken` (sorted, not overlapping), left to
/// right. A leading "at" is part of the span ("at 3 p.m."), as "on" is of "on Saturday".
pub(crate) fn recognise(toks: &[Tok<'_>], taken: &[Found]) -> Vec<ClockFound> {
    if !toks.iter().enumerate().any(|(i, t)| cue(toks, i, t)) {
        return Vec::new();
    }
    let c = C { t: toks };
    let mut out = Vec::new();
    let mut next_taken = taken.iter().peekable();
    let mut i = 0;
    while i < toks.len() {
        while next_taken.peek().is_some_and(|f| f.end <= i) {
            next_taken.next();
        }
        let limit = next_taken.peek().map_or(toks.len(), |f| f.first);
        if i >= limit {
            i = next_taken.peek().map_or(i + 1, |f| f.end.max(i + 1));
            continue;
        }
        let t = &toks[i];
        // Only numbers, "3pm", number words and listed clock words can open a clock time: one cheap test a token.
        let opens = match t.kind {
            Kind::Num => t.suffix == Suffix::None,
            Kind::Word => {
                t.w.clock.is_some()
                    || t.w.number.is_some()
                    || t.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    || t.is("this")
                    || t.is("last")
            }
            Kind::Punct => false,
        };
        match opens.then(|| c.at(i)).flatten() {
            Some(mut f) if f.end <= limit && f.end > i => {
                // The token before is free: not in a calendar expression nor in the last clock time.
                let prev_free = i > 0
                    && out.last().is_none_or(|l: &ClockFound| l.end < i)
                    && taken.iter().all(|g| g.end < i || g.first > i - 1);
                if f.first < i && !prev_free {
                    f.first = i;
                }
                if let Some((first, clock)) = c.minutes_before(i, f.clock)
                    && out.last().is_none_or(|l: &ClockFound| l.end <= first)
                    && taken.iter().all(|g| g.end <= first || g.first >= i)
                {
                    f.first = first;
                    f.clock = clock;
                }
                if f.first == i && prev_free && toks[i - 1].is("at") {
                    f.first = i - 1;
                }
                i = f.end;
                out.push(f);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn clocks(text: &str) -> Vec<(String, String)> {
        let toks = tokenize(text);
        recognise(&toks, &[])
            .into_iter()
            .map(|f| (text[toks[f.first].start..toks[f.end - 1].end].to_string(), f.clock.timex()))
            .collect()
    }

    #[test]
    fn reads_the_common_forms() {
        let table = [
            ("They met at 3 p.m. in Paris.", "at 3 p.m.", "15:00"),
            ("The vote opens at 15:00.", "at 15:00", "15:00"),
            ("It began at 10:30 am local time.", "at 10:30 am local time", "10:30"),
            ("Doors close at noon.", "at noon", "12:00"),
            ("The ceasefire began at midnight GMT.", "at midnight GMT", "00:00Z"),
            ("Filed at 08:57 GMT.", "at 08:57 GMT", "08:57Z"),
            ("At 0800 UTC, the banks acted.", "At 0800 UTC", "08:00Z"),
            ("He spoke this morning.", "this morning", "MO"),
            ("Shots rang out last night.", "last night", "NI"),
            ("at 3 o'clock in the afternoon", "at 3 o'clock in the afternoon", "15:00"),
            ("at 9:01:10 AM", "at 9:01:10 AM", "09:01:10"),
            ("at 12 a.m.", "at 12 a.m.", "00:00"),
            ("at 3 am, the", "at 3 am", "03:00"),
            ("landed at 6:40 p.m. ( GMT +8 )", "at 6:40 p.m.", "18:40"),
        ];
        for (text, span, timex) in table {
            assert_eq!(clocks(text), [(span.to_string(), timex.to_string())], "{text}");
        }
    }

    #[test]
    fn scores_verses_ratios_and_prices_are_not_clock_times() {
        for text in [
            "They won 3-1 on aggregate.",
            "John 3:16 is quoted.",
            "a ratio of 3:10",
            "He ran the marathon in 2:03:59.",
            "Shares cost 10.30 euros.",
            "the 9/11 attacks",
            "It rose 25:1 against the dollar.",
        ] {
            assert!(clocks(text).is_empty(), "{text}: {:?}", clocks(text));
        }
    }
}
