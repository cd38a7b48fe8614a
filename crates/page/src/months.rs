//! Written dates in any of the languages of `data/month_names.tsv` ("9 octobre 2020", "17 de marzo de 2020",
//! "9. Oktober 2020", "March 27, 1987", "27-MAR-1987"), and the CJK form "2020年07月03日".
//!
//! The patterns are fixed and language-free (a day number, a word, a four-digit year); the word is looked up in
//! one table of month names, so adding a language is a data edit, not a new pattern.

use dyad_core::{DataError, DateValue, data_lines, tsv_columns};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

const MONTHS_TSV: &str = include_str!("../../../data/month_names.tsv");
const MONTHS_FILE: &str = "month_names.tsv";

static MONTHS: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| load(MONTHS_TSV));

/// The parsed table. The file is compiled in and validated by a unit test, so a bad line is a build defect: it
/// panics at first use, naming the file and the line.
fn load(src: &'static str) -> HashMap<&'static str, u32> {
    parse(src).unwrap_or_else(|e| panic!("bad embedded data file {e}"))
}

fn parse(text: &'static str) -> Result<HashMap<&'static str, u32>, DataError> {
    let mut out: HashMap<&'static str, u32> = HashMap::new();
    for (line, row) in data_lines(text) {
        let err = |message: String| DataError { file: MONTHS_FILE, line, message };
        let [lang, month, names] = tsv_columns(MONTHS_FILE, line, row)?;
        if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(err(format!("{lang:?} is not an ISO 639-1 code")));
        }
        let month: u32 = month
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| err(format!("{month:?} is not a month number")))?;
        if names.is_empty() {
            return Err(err("no names".into()));
        }
        for name in names.split_whitespace() {
            let name = name.trim_end_matches('.');
            if name.chars().any(char::is_uppercase) || !name.chars().all(char::is_alphabetic) {
                return Err(err(format!("{name:?} is not a lowercase word")));
            }
            match out.insert(name, month) {
                Some(m) if m != month => return Err(err(format!("{name:?} is month {m} on an earlier line"))),
                _ => {}
            }
        }
    }
    Ok(out)
}

/// The month a name stands for, in any listed language and any case ("MAR", "Oktober", "décembre", "Sept.").
pub(crate) fn month_of(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.is_empty() || word.len() > 40 {
        return None;
    }
    if let Some(&m) = MONTHS.get(word) {
        return Some(m);
    }
    let lower = word.to_lowercase();
    MONTHS.get(lower.as_str()).copied()
}

static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\d\p{L}])(\d{1,2})(?:st|nd|rd|th|er|º)?\.?(?:\s+de|\s+of)?(?:\s+|\s*[-/]\s*)(\p{L}+)\.?(?:\s*/\s*\p{L}+)?(?:\s+de|\s+del|,)?(?:\s+|\s*[-/]\s*)(\d{4})(?:[^\d]|$)",
    )
    .unwrap_or_else(|e| panic!("day-first pattern: {e}"))
});
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\d\p{L}])(\p{L}+)\.?(?:\s+|-)(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[^\d]|$)")
        .unwrap_or_else(|e| panic!("month-first pattern: {e}"))
});
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
        .unwrap_or_else(|e| panic!("CJK date pattern: {e}"))
});

/// A written date found in a text: its value and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    pub date: DateValue,
    pub start: usize,
    pub end: usize,
}

/// The first written date with a month name (or in CJK form) in `s`, of a year in `years`.
pub(crate) fn first_written_date(s: &str, years: std::ops::RangeInclusive<i32>) -> Option<Written> {
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut best: Option<Written> = None;
    let mut consider = |start: usize, end: usize, y: &str, m: Option<u32>, d: &str| {
        let (Ok(y), Some(m), Ok(d)) = (y.parse::<i32>(), m, d.parse::<u32>()) else { return };
        if !years.contains(&y) || best.is_some_and(|b| b.start <= start) {
            return;
        }
        if let Ok(date) = DateValue::day(y, m, d) {
            best = Some(Written { date, start, end });
        }
    };
    for c in DAY_FIRST.captures_iter(s) {
        let (Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3)) else { continue };
        if let Some(month) = month_of(m.as_str()) {
            consider(d.start(), y.end(), y.as_str(), Some(month), d.as_str());
            break;
        }
    }
    for c in MONTH_FIRST.captures_iter(s) {
        let (Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3)) else { continue };
        // "may" in lower case is the verb.
        if m.as_str() == "may" {
            continue;
        }
        if let Some(month) = month_of(m.as_str()) {
            consider(m.start(), y.end(), y.as_str(), Some(month), d.as_str());
            break;
        }
    }
    if let Some(c) = CJK.captures(s)
        && let (Some(w), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
    {
        consider(w.start(), w.end(), y.as_str(), m.as_str().parse().ok(), d.as_str());
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "month_names.tsv:2: ")]
    fn a_bad_file_panics_at_first_use_naming_file_and_line() {
        load("# header\nen\t13\tfoo\n");
    }
    use proptest::prelude::*;

    fn first(s: &str) -> Option<String> {
        first_written_date(s, 1900..=2100).map(|w| w.date.to_string())
    }

    #[test]
    fn data_file_loads() {
        assert!(parse(MONTHS_TSV).is_ok_and(|m| m.len() > 100));
    }

    #[test]
    fn a_malformed_line_names_its_file_and_line() {
        let e = parse("# header\nen\t13\tfoo\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("month_names.tsv") && e.contains('2'), "{e}");
        let e = parse("en\t1\tjanuary\nfr\t2\tjanuary\n").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("month_names.tsv") && e.contains('2'), "{e}");
    }

    #[test]
    fn reads_dates_in_many_languages() {
        let table = [
            ("Ambulance | 9 oktober 2020 11:12 | Alarmeringen.nl", Some("2020-10-09")),
            ("Publié le 9 octobre 2020 à 11h12", Some("2020-10-09")),
            ("martes 17 de marzo de 2020", Some("2020-03-17")),
            ("Berlin, 9. Oktober 2020", Some("2020-10-09")),
            ("22 de novembro de 2020", Some("2020-11-22")),
            ("Miércoles, 15 de Abril de 2020", Some("2020-04-15")),
            ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", Some("2020-10-07")),
            ("27-MAR-1987 08:57:02.39", Some("1987-03-27")),
            ("31/Oct/1974", Some("1974-10-31")),
            ("March 27, 1987", Some("1987-03-27")),
            ("SEPT. 3, 2019", Some("2019-09-03")),
            ("2020年07月03日", Some("2020-07-03")),
            ("2020년 3월 4일", Some("2020-03-04")),
            ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", Some("2020-04-24")),
            ("Kim 12, 2020", None),
            ("may 5 2020", None),
            ("31 février 2020", None),
        ];
        for (s, want) in table {
            assert_eq!(first(s).as_deref(), want, "{s}");
        }
        // The earliest of several.
        assert_eq!(first("updated 3 mars 2021, published 2 mars 2021").as_deref(), Some("2021-03-03"));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,60}") {
            let _ = first_written_date(&s, 1900..=2100);
        }

        #[test]
        fn round_trips(y in 1900i32..2100, m in 1u32..=12, d in 1u32..=28, lang in 0usize..6) {
            let names = [
                ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
                ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
                ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
                ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
                ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
                ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
            ];
            let name = names[lang][m as usize - 1];
            let text = match lang {
                2 | 4 => format!("el {d} de {name} de {y}"),
                3 => format!("{d}. {name} {y}"),
                5 => format!("{d:02}-{name}-{y} 08:57:02.39"),
                _ => format!("{d} {name} {y}"),
            };
            let want = DateValue::day(y, m, d).map_err(|_| TestCaseError::fail("bad date"))?;
            prop_assert_eq!(first_written_date(&text, 1900..=2100).map(|w| w.date), Some(want));
        }
    }
}
