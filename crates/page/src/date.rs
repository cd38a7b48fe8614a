//! Date candidates in page text: full dates ("Apr 21, 2021", "2025-07-13 03:04:10", "02 January 2024"),
//! year-less day-and-month dates ("April 28"), weekday cues, and publication dates inferred from anniversaries.
//!
//! The finder only reports what the text says; the plain-text reader decides which mention is the publication date by
//! where it stands on the page (header, byline, dateline).

use chrono::{Datelike, NaiveDate, Weekday};
use dyad_core::DateValue;
use regex::Regex;
use std::sync::LazyLock;

/// A date written in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateMention {
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// The year, when written.
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl DateMention {
    /// The full date, when the year is written and the date exists.
    pub(crate) fn value(&self) -> Option<DateValue> {
        DateValue::day(self.year?, self.month, self.day).ok()
    }
}

const MONTH: &str = "January|February|March|April|May|June|July|August|September|October|November|December|\
                     Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAY: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:T|(?-u:\b))
      | ^(?P<cy>(?:19|20)\d\d)(?P<cm>0[1-9]|1[0-2])(?P<cd>[0-3]\d)(?:T\d|\s|$)
      | (?-u:\b)(?P<nd>\d{{1,2}})(?P<sep>[./])(?P<nm>\d{{1,2}})[./](?P<ny>(?:19|20)\d\d)(?-u:\b)
      | (?i:(?-u:\b)(?:(?:{WEEKDAY}),?\s+)?(?P<mm>{MONTH})(?-u:\b)\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<my>(?:19|20)\d\d)(?-u:\b))?)
      | (?i:(?-u:\b)(?:(?:{WEEKDAY}),?\s+)?(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?|-)(?P<dm>{MONTH})(?-u:\b)\.?(?:(?:,?\s+|-)(?P<dy>(?:19|20)\d\d)(?-u:\b))?)
    "
    );
    Regex::new(&pattern).unwrap_or_else(|e| panic!("date pattern: {e}"))
});

fn month_number(name: &str) -> Option<u32> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == lower).map(|i| i as u32 + 1)
}

/// Every date mention in `text`, in order.
pub(crate) fn find_dates(text: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    // Every date form has a digit; most lines have none, and capture groups are the slow part of a regex.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for c in DATE_RE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let (year, month, day) = if let Some(y) = num("iy") {
            (Some(y as i32), num("im"), num("id"))
        } else if let Some(y) = num("cy") {
            // "19870327": only at the start of a line, where a header date stands.
            (Some(y as i32), num("cm"), num("cd"))
        } else if let Some(y) = num("ny") {
            // "22.04.2024" is day first; "04/22/2024" is month first; "04/05/2024" could be either, so it is skipped.
            let (a, b) = (num("nd").unwrap_or(0), num("nm").unwrap_or(0));
            let dotted = c.name("sep").is_some_and(|s| s.as_str() == ".");
            match (dotted, a > 12, b > 12) {
                (true, _, _) | (false, true, false) => (Some(y as i32), Some(b), Some(a)),
                (false, false, true) => (Some(y as i32), Some(a), Some(b)),
                _ => continue,
            }
        } else if let Some(m) = c.name("mm") {
            // "may" in lower case is the verb.
            if m.as_str() == "may" {
                continue;
            }
            (num("my").map(|y| y as i32), month_number(m.as_str()), num("md"))
        } else if let Some(m) = c.name("dm") {
            if m.as_str() == "may" {
                continue;
            }
            (num("dy").map(|y| y as i32), month_number(m.as_str()), num("dd"))
        } else {
            continue;
        };
        let (Some(month), Some(day)) = (month, day) else { continue };
        // Check the day exists (in a leap year when the year is unknown).
        if NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day).is_none() {
            continue;
        }
        out.push(DateMention { start: whole.start(), end: whole.end(), year, month, day });
    }
    out
}

/// The first full weekday name in `text` ("the media reported on Friday" → Friday).
pub(crate) fn first_weekday(text: &str) -> Option<Weekday> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)")
            .unwrap_or_else(|e| panic!("weekday pattern: {e}"))
    });
    let m = RE.find(text)?;
    m.as_str().parse::<Weekday>().ok()
}

/// Whether `w` names a weekday, in full or abbreviated, in any case ("Fri", "FRIDAY", "Tues").
pub(crate) fn weekday_name(w: &str) -> bool {
    WEEKDAY.split('|').any(|d| d.eq_ignore_ascii_case(w))
}

/// How many years back a year-less date may lie. News archives that scrapers reach rarely go further back.
pub(crate) const YEAR_WINDOW: i32 = 30;

/// The dates `month`-`day` in the `YEAR_WINDOW` years up to `this_year` that fall on `weekday`, oldest first.
pub(crate) fn years_matching_weekday(month: u32, day: u32, weekday: Weekday, this_year: i32) -> Vec<DateValue> {
    (this_year - YEAR_WINDOW..=this_year)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| d.weekday() == weekday)
        .filter_map(|d| DateValue::from_naive(d).ok())
        .collect()
}

fn number_word(w: &str) -> Option<u32> {
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let teens =
        ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    let w = w.to_ascii_lowercase();
    if w == "a hundred" || w == "one hundred" || w == "hundred" {
        return Some(100);
    }
    if let Some(i) = units.iter().position(|u| *u == w) {
        return Some(i as u32 + 1);
    }
    if let Some(i) = teens.iter().position(|u| *u == w) {
        return Some(i as u32 + 10);
    }
    let (t, u) = w.split_once(['-', ' ']).unwrap_or((w.as_str(), ""));
    let ti = tens.iter().position(|x| *x == t)? as u32;
    let ui = if u.is_empty() { 0 } else { units.iter().position(|x| *x == u)? as u32 + 1 };
    Some(20 + ti * 10 + ui)
}

/// A publication date inferred from an anniversary: "On August 29 sixty years ago, X happened" plus the year X
/// happened ("in 1960") gives August 29 of 1960 + 60. The year is the one whose sentence shares most content words
/// with the "years ago" sentence; an "Nth anniversary" with the same N, or at least one shared word, is required,
/// and the result may not be earlier than any year the text mentions or later than `this_year`.
pub(crate) fn infer_from_anniversary(text: &str, this_year: i32) -> Option<(DateValue, String)> {
    static AGO: LazyLock<Regex> = LazyLock::new(|| {
        let n = r"\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred";
        let p = format!(
            r"(?i)(?-u:\b)(?P<m1>{MONTH})\.?\s+(?P<d1>\d{{1,2}}),?\s+(?P<n1>{n})\s+years\s+ago(?-u:\b)|(?-u:\b)(?P<n2>{n})\s+years\s+ago(?:\s+today)?,?\s+on\s+(?P<m2>{MONTH})\.?\s+(?P<d2>\d{{1,2}})(?-u:\b)"
        );
        Regex::new(&p).unwrap_or_else(|e| panic!("anniversary pattern: {e}"))
    });
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(1[6-9]\d\d|20\d\d)(?-u:\b)").unwrap_or_else(|e| panic!("year pattern: {e}"))
    });
    static NTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\d{1,3})(?:st|nd|rd|th)\s+anniversary").unwrap_or_else(|e| panic!("nth pattern: {e}"))
    });
    let c = AGO.captures(text)?;
    let whole = c.get(0)?;
    let (m, d, n) = match (c.name("m1"), c.name("m2")) {
        (Some(m), _) => (m, c.name("d1")?, c.name("n1")?),
        (None, Some(m)) => (m, c.name("d2")?, c.name("n2")?),
        _ => return None,
    };
    if m.as_str() == "may" {
        return None;
    }
    let month = month_number(m.as_str())?;
    let day: u32 = d.as_str().parse().ok()?;
    let n = number_word(n.as_str())? as i32;
    let sentence_of = |at: usize| -> &str {
        let s = text[..at].rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let e = text[at..].find(['.', '!', '?', '\n']).map_or(text.len(), |i| at + i);
        &text[s..e]
    };
    let stems = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 5)
            .map(|w| w.to_lowercase().chars().take(6).collect::<String>())
            .collect()
    };
    let ago_sentence = sentence_of(whole.start());
    let ago_stems = stems(ago_sentence);
    let years: Vec<(usize, i32)> = YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(1)?;
            // "the 1990s" is a decade, not a year.
            if text[m.end()..].starts_with('s') || (m.start() >= whole.start() && m.end() <= whole.end()) {
                return None;
            }
            Some((m.start(), m.as_str().parse().ok()?))
        })
        .collect();
    let latest_mentioned = years.iter().map(|y| y.1).max()?;
    let confirmed = NTH.captures_iter(text).any(|c| c.get(1).and_then(|x| x.as_str().parse::<i32>().ok()) == Some(n));
    let mut best: Option<(usize, i32, &str)> = None;
    for &(at, y) in &years {
        let published = y + n;
        if published < latest_mentioned || published > this_year {
            continue;
        }
        let sentence = sentence_of(at);
        let shared = stems(sentence).iter().filter(|s| ago_stems.contains(s)).count();
        if best.is_none_or(|b| shared > b.0) {
            best = Some((shared, y, sentence));
        }
    }
    let (shared, year, sentence) = best?;
    if shared == 0 && !confirmed {
        return None;
    }
    let date = DateValue::day(year + n, month, day).ok()?;
    let mut evidence = format!("'{}' + '{}'", whole.as_str().trim(), sentence.trim());
    if confirmed {
        evidence.push_str(&format!(" + '{n}th anniversary'"));
    }
    evidence.push_str(&format!(": {year} + {n} years"));
    Some((date, evidence))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        find_dates(text)
            .iter()
            .map(|d| match d.value() {
                Some(v) => v.to_string(),
                None => format!("--{:02}-{:02}", d.month, d.day),
            })
            .collect()
    }

    #[test]
    fn finds_the_common_forms() {
        let table = [
            ("Published : Apr 21, 2021 - 09:46", vec!["2021-04-21"]),
            ("Kyodo, April 28, 2017 Adjust font size:", vec!["2017-04-28"]),
            ("2025-07-13 03:04:10", vec!["2025-07-13"]),
            ("Tuesday, 02 January 2024 12:17 GMT", vec!["2024-01-02"]),
            ("Berlin, March 3 : talks", vec!["--03-03"]),
            ("the 3rd of May, 2019", vec!["2019-05-03"]),
            ("may 5 members", vec![]),
            ("February 30, 2020", vec![]),
            ("Sept. 9, 1948", vec!["1948-09-09"]),
            ("22.04.2024", vec!["2024-04-22"]),
            ("04/22/2024 and 04/05/2024", vec!["2024-04-22"]),
            ("27-MAR-1987 08:57:02.39", vec!["1987-03-27"]),
            ("19870327", vec!["1987-03-27"]),
            ("ID 19870327 and 19870328", vec![]),
            ("1987-03-27T08:57:02Z", vec!["1987-03-27"]),
            ("Fri, 27 Mar 1987 08:57:02 -0500", vec!["1987-03-27"]),
            ("MARCH 27, 1987", vec!["1987-03-27"]),
        ];
        for (text, want) in table {
            assert_eq!(dates(text), want, "{text}");
        }
    }

    #[test]
    fn weekday_years() {
        let got = years_matching_weekday(4, 28, Weekday::Fri, 2026);
        let got: Vec<String> = got.iter().map(|d| d.to_string()).collect();
        assert!(got.contains(&"2017-04-28".to_string()));
        assert!(got.len() <= 6, "{got:?}");
        assert!(got.iter().all(|d| d.as_str() >= "1996"));
        assert_eq!(first_weekday("reported on Friday after Monday"), Some(Weekday::Fri));
    }

    #[test]
    fn anniversary() {
        let text = "On March 5 forty years ago the two states signed a treaty of friendship. \
                    War broke out in 1978. The treaty of friendship was signed in 1980 in Hanoi. \
                    Leaders visited in 2015. Both mark the 40th anniversary.";
        let (d, why) = infer_from_anniversary(text, 2026).unwrap();
        assert_eq!(d.to_string(), "2020-03-05");
        assert!(why.contains("1980"), "{why}");
        assert_eq!(infer_from_anniversary("Nothing happened in 1990.", 2026), None);
        // The inferred year may not lie in the future.
        assert_eq!(infer_from_anniversary("On May 1 ninety years ago a treaty was signed in 1990.", 2026), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(number_word("sixty"), Some(60));
        assert_eq!(number_word("seventy-five"), Some(75));
        assert_eq!(number_word("12"), Some(12));
        assert_eq!(number_word("lots"), None);
    }
}
