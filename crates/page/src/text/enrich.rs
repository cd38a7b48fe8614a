//! What the story's own text says, filled into an article read by another path (HTML): byline and credit lines
//! left at the edges of the body, the dateline, a wire credit, and a publication date when none was found.

use super::fields::dateline;
use super::lines::{Shape, is_metadata, line_features};
use crate::date::{self, DateMention};
use crate::markup::blank_markup;
use crate::model::{Article, DropReason, Dropped, Published};
use crate::outlet;

/// Fills what the story's own text says into an article read by another path (HTML): the dateline, a wire credit
/// at the start or end of the story (combined with the site already found: "Kyodo (via The Japan Times)"), and,
/// when no date was found, the dateline's date, year candidates from a weekday cue, or an anniversary.
pub(crate) fn enrich_from_body(article: &mut Article, page: &str, this_year: i32) {
    let meta_credit = drop_edge_metadata(article);
    let first = article.body.first().map(|b| b.text.clone()).unwrap_or_default();
    let last = article.body.last().map(|b| b.text.clone()).unwrap_or_default();
    let found = dateline(&first);
    if article.dateline.is_none() {
        article.dateline = found.as_ref().map(|d| d.0.clone());
    }
    add_credit(article, page, meta_credit, &first, &last);
    if article.published.is_some() || !article.published_candidates.is_empty() {
        return;
    }
    date_from_story(article, found, &first, this_year);
}

/// Byline, date and credit lines that another path left at the edges of the body ("Source: Xinhua | 2023-04-14",
/// "(Reporting by ...; Editing by ...)") are metadata: drops them, dates the article by the first (when it has no
/// date yet) and returns the first credit they name (an outlet index).
fn drop_edge_metadata(article: &mut Article) -> Option<usize> {
    let mut buf = String::new();
    let mut meta_credit = None;
    for from_start in [true, false] {
        while article.body.len() > 1 {
            let at = if from_start { 0 } else { article.body.len() - 1 };
            let block = &article.body[at];
            let l = line_features(&block.text, block.start, block.end, &mut buf);
            let dates = date::find_dates(&block.text);
            if l.shape == Shape::Prose || !is_metadata(&l, &dates) {
                break;
            }
            meta_credit = meta_credit.or_else(|| outlet::credit_in_meta_line(&block.text).map(|c| c.outlet));
            if article.published.is_none()
                && let Some((d, v)) = dates.iter().find_map(|d| d.value().map(|v| (d, v)))
            {
                let evidence = block.text[..d.end].trim().to_string();
                article.published = Some(Published { date: v, evidence, basis: "byline".into() });
            }
            article.dropped.push(Dropped { start: block.start, end: block.end, reason: DropReason::Metadata });
            article.body.remove(at);
        }
    }
    article.dropped.sort_by_key(|d| d.start);
    meta_credit
}

/// A wire credit (from the edge metadata, the story's first or last words, or a credit line just above the story
/// that the other path dropped: "KYODO" between headline and text) combined with the site already found.
fn add_credit(article: &mut Article, page: &str, meta_credit: Option<usize>, first: &str, last: &str) {
    let body_start = article.body.first().map_or(0, |b| b.start);
    let lead_credit = || {
        let above: Vec<&Dropped> = article.dropped.iter().filter(|d| d.end <= body_start).collect();
        above.iter().rev().take(3).find_map(|d| {
            let region = page.get(d.start..d.end)?;
            let plain = blank_markup(region);
            plain
                .lines()
                .map(str::trim)
                .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 6)
                .find_map(|t| outlet::credit_in_meta_line(t).map(|c| c.outlet))
        })
    };
    let credit = meta_credit
        .or_else(|| outlet::credit_at_start(first).or_else(|| outlet::credit_at_end(last)).map(|c| c.outlet))
        .or_else(lead_credit);
    if credit.is_some() && !article.outlet.as_deref().is_some_and(|o| o.contains(" (via ")) {
        let host = article.outlet.as_deref().and_then(|name| {
            let o = outlet::OUTLETS.lookup(name)?;
            outlet::OUTLETS.list.iter().position(|x| std::ptr::eq(x, o))
        });
        if let Some((name, country)) = outlet::combine(credit, host) {
            article.outlet = Some(name);
            article.outlet_country = Some(country.to_string());
        }
    }
}

/// The date of an undated article from its story: the dateline's date, year candidates from a weekday cue, or an
/// anniversary.
fn date_from_story(article: &mut Article, found: Option<(String, Option<DateMention>)>, first: &str, this_year: i32) {
    if let Some((_, Some(d))) = &found {
        match d.value() {
            Some(v) => {
                let evidence = first.split_once([':', '—', '–', '(']).map_or("", |p| p.0).trim().to_string();
                article.published = Some(Published { date: v, evidence, basis: "dateline".into() });
            }
            None => {
                if let Some(wd) = date::first_weekday(first) {
                    article.published_candidates = date::years_matching_weekday(d.month, d.day, wd, this_year);
                }
            }
        }
        return;
    }
    let joined: String = article.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    if let Some((v, why)) = date::infer_from_anniversary(&joined, this_year) {
        article.published = Some(Published { date: v, evidence: why, basis: "inferred".into() });
    }
}
