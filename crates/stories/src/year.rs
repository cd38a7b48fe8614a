//! Year inference: a page that gives "April 28" and "on Friday" but no year takes its year from its story.

use chrono::{Datelike, NaiveDate, Weekday};
use dyad_core::DateValue;
use serde::Serialize;

/// A date that lacks its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    /// Month, 1–12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// A weekday the text gives for the same day ("on Friday"), if any.
    pub weekday: Option<Weekday>,
}

/// An inferred full date and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InferredDate {
    /// The full date.
    pub date: DateValue,
    /// A human-readable reason.
    pub basis: String,
}

/// How far (in days) the inferred date may lie from a dated page of the same story. Copies of one story appear
/// within days of each other; six weeks leaves room for late copies while keeping adjacent years apart (a year
/// boundary is crossed only when the story itself sits near it).
const MAX_DAYS_FROM_STORY: i64 = 45;

/// Gives `partial` a year from the publication dates of the other pages of its story.
///
/// Each year of a story page, and the years either side of it (for a story that crosses New Year), is a candidate;
/// a candidate must make a real date, lie within six weeks of that page's date and, when the text gives a
/// weekday, fall on that weekday. The candidate closest to the story's pages wins. `None` when no candidate
/// qualifies, or when two qualify at the same distance, since guessing a wrong year is worse than giving none.
pub fn infer_year(partial: PartialDate, story_dates: &[DateValue]) -> Option<InferredDate> {
    let mut best: Option<(i64, NaiveDate, NaiveDate)> = None;
    let mut tie = false;
    for anchor in story_dates {
        let a = anchor.first_day();
        for year in [a.year() - 1, a.year(), a.year() + 1] {
            let Some(cand) = NaiveDate::from_ymd_opt(year, partial.month, partial.day) else { continue };
            if partial.weekday.is_some_and(|w| cand.weekday() != w) {
                continue;
            }
            let dist = (cand - a).num_days().abs();
            if dist > MAX_DAYS_FROM_STORY {
                continue;
            }
            match best {
                Some((d, c, _)) if d < dist || (d == dist && c == cand) => {}
                Some((d, c, _)) if d == dist && c != cand => tie = true,
                _ => {
                    best = Some((dist, cand, a));
                    tie = false;
                }
            }
        }
    }
    if tie {
        return None;
    }
    let (_, date, anchor) = best?;
    let date = DateValue::from_naive(date).ok()?;
    let cue = match partial.weekday {
        Some(w) => format!(", and it is a {w:?} as the text says"),
        None => String::from(", no weekday to check"),
    };
    Some(InferredDate {
        date,
        basis: format!("year from a page of the same story dated {}{cue}", anchor.format("%Y-%m-%d")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::day(y, m, d).unwrap()
    }

    #[test]
    fn story_year_agreeing_with_weekday_is_taken() {
        // 28 April 2017 was a Friday.
        let p = PartialDate { month: 4, day: 28, weekday: Some(Weekday::Fri) };
        let got = infer_year(p, &[day(2017, 4, 28)]).unwrap();
        assert_eq!(got.date, day(2017, 4, 28));
        assert!(got.basis.contains("2017-04-28"));
    }

    #[test]
    fn story_year_disagreeing_with_weekday_is_refused() {
        let p = PartialDate { month: 4, day: 28, weekday: Some(Weekday::Thu) };
        assert_eq!(infer_year(p, &[day(2017, 4, 28)]), None);
    }

    #[test]
    fn without_weekday_the_nearest_year_wins_and_new_year_is_crossed() {
        let p = PartialDate { month: 12, day: 31, weekday: None };
        assert_eq!(infer_year(p, &[day(2018, 1, 2)]).unwrap().date, day(2017, 12, 31));
        let p = PartialDate { month: 6, day: 1, weekday: None };
        assert_eq!(infer_year(p, &[day(2020, 5, 30)]).unwrap().date, day(2020, 6, 1));
    }

    #[test]
    fn no_story_dates_or_impossible_dates_give_nothing() {
        let p = PartialDate { month: 4, day: 28, weekday: None };
        assert_eq!(infer_year(p, &[]), None);
        let p = PartialDate { month: 2, day: 30, weekday: None };
        assert_eq!(infer_year(p, &[day(2020, 2, 1)]), None);
    }

    #[test]
    fn story_dates_far_away_do_not_lend_their_year() {
        let p = PartialDate { month: 4, day: 28, weekday: None };
        assert_eq!(infer_year(p, &[day(2017, 7, 28)]), None);
    }
}
