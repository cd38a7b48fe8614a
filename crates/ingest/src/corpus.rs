//! The steps of the corpus stage that look beyond one page: what the story index keeps of an article, dating a
//! page from its own text or from its story, and events as consolidation sees them and back.

use chrono::{Datelike, NaiveDate};
use dyad_core::DateValue;
use dyad_events::{EventDate, EventRecord, Location};
use dyad_page::{Article, Published};
use dyad_stories::{
    ConsolidatedEvent, DocumentMeta, EventInput, PartialDate, Place, agencies_in, bucket_key, infer_year,
};
use std::collections::HashMap;

/// What the story index keeps of an article besides its fingerprint.
pub(crate) fn story_meta(article: &Article) -> DocumentMeta {
    let body: String = article.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    DocumentMeta {
        id: article.file.clone(),
        outlet: article.outlet.clone(),
        published: article.published.as_ref().map(|p| p.date),
        credits: agencies_in(&body).into_iter().map(str::to_string).collect(),
    }
}

/// Dates a page that has no publication date through its own text ([`year_from_text`]); every path that codes
/// or prints a page (ingest, `extract`, ingest over HTTP) goes through it.
pub fn date_from_text(article: &mut Article) {
    if article.published.is_none() {
        article.published = year_from_text(article);
    }
}

/// The publication date a page without a year gives through its own text: the year of an anniversary of a
/// listed person ("the 105th birth anniversary of Kim Il-sung": 1912 + 105 = 2017, see
/// [`dyad_actors::anniversary_year`]) with the month and day of its year-less dateline. Of the dateline's
/// readings ([`Article::published_candidates`]), the one in that year is taken; `None` when the page has no such
/// reading or no anniversary, or when the readings were narrowed by a weekday and none falls in that year.
pub fn year_from_text(article: &Article) -> Option<Published> {
    let first = article.published_candidates.first()?;
    let text: String = std::iter::once(article.title.as_deref().unwrap_or(""))
        .chain(article.body.iter().map(|b| b.text.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let found = dyad_actors::anniversary_year(&text)?;
    let day = first.first_day();
    let date = NaiveDate::from_ymd_opt(found.year, day.month(), day.day())?;
    if !article.published_candidates.iter().any(|c| c.first_day() == date) {
        return None;
    }
    Some(Published {
        date: DateValue::from_naive(date).ok()?,
        evidence: format!("{} ({})", found.evidence, found.basis),
        basis: "anniversary".to_string(),
    })
}

/// The publication date a page without a year takes from the dates of the other pages of its story.
/// `candidates` are the page's full-date readings of its year-less dateline ([`Article::published_candidates`]);
/// the first one's month, day and weekday are matched against the story's dates. `None` when nothing fits.
pub(crate) fn year_from_story(candidates: &[DateValue], story_dates: &[DateValue]) -> Option<Published> {
    let day = candidates.first()?.first_day();
    let partial = PartialDate { month: day.month(), day: day.day(), weekday: Some(day.weekday()) };
    let inferred = infer_year(partial, story_dates)?;
    Some(Published { date: inferred.date, evidence: inferred.basis, basis: "story".to_string() })
}

/// The bucket an event is consolidated in (see [`dyad_stories::bucket_key`]).
pub(crate) fn bucket_of(event: &EventRecord) -> String {
    bucket_key(&event.code, &actor_key(Some(&event.source)), &actor_key(event.target.as_ref()))
}

/// One page's event as consolidation sees it. `id` names it among all inputs; `story` is its page's story.
pub(crate) fn event_input(event: &EventRecord, id: String, outlet: Option<&str>, story: Option<&str>) -> EventInput {
    EventInput {
        id,
        file: event.mentions.first().map_or_else(String::new, |m| m.page_key().to_string()),
        outlet: outlet.map(str::to_string),
        story: story.map(str::to_string),
        source: actor_key(Some(&event.source)),
        target: actor_key(event.target.as_ref()),
        code: event.code.clone(),
        symmetric: event.flags.symmetric,
        date: event.date.as_ref().and_then(EventDate::period),
        place: event.location.as_ref().map(|l| Place { name: Some(l.name.clone()), country: l.country.clone() }),
        mentions: event.mentions.clone(),
    }
}

/// The record of a consolidated event: the member whose date is the cluster's (else the first) gives actors,
/// date, place and flags; the cluster gives the code, mentions and counts. `originals` maps input ids to records.
pub(crate) fn consolidated_record(
    c: &ConsolidatedEvent,
    originals: &HashMap<String, &EventRecord>,
) -> Option<EventRecord> {
    let representative = c
        .members
        .iter()
        .filter_map(|m| originals.get(m))
        .find(|e| e.date.as_ref().and_then(EventDate::period) == c.date)
        .or_else(|| c.members.first().and_then(|m| originals.get(m)))?;
    let mut record = EventRecord::for_code(
        &c.code,
        representative.source.clone(),
        representative.target.clone(),
        representative.pattern.clone(),
    )
    .unwrap_or_else(|| (*representative).clone());
    record.id = c.id.clone();
    record.date = representative.date.clone();
    record.location = representative.location.clone().or_else(|| {
        c.place.as_ref().and_then(|p| Some(Location { name: p.name.clone()?, country: p.country.clone() }))
    });
    record.flags = representative.flags;
    record.flags.symmetric = c.symmetric;
    record.mentions = c.mentions.clone();
    record.num_mentions = c.num_mentions;
    record.num_sources = c.num_sources;
    record.num_articles = c.num_articles;
    record.story = c.story.clone();
    Some(record)
}

/// The key events are consolidated on: the actor's country where it has one, else its id.
fn actor_key(party: Option<&dyad_events::Party>) -> String {
    party.map_or_else(|| "-".to_string(), |p| p.country.clone().unwrap_or_else(|| p.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_events::Party;

    fn day(y: i32, m: u32, d: u32) -> DateValue {
        DateValue::day(y, m, d).unwrap()
    }

    #[test]
    fn a_story_gives_a_year_less_page_the_year_of_its_pages() {
        // "Friday, April 28": the reading in 2017 (a Friday) is the candidate; a page of the story is of 2017-04-27.
        let candidates = [day(2017, 4, 28)];
        let published = year_from_story(&candidates, &[day(2017, 4, 27)]).expect("dated by the story");
        assert_eq!((published.date, published.basis.as_str()), (day(2017, 4, 28), "story"));
        assert_eq!(year_from_story(&candidates, &[]), None, "a story of one page dates nothing");
        assert_eq!(year_from_story(&candidates, &[day(2012, 1, 3)]), None, "too far from the story");
        assert_eq!(year_from_story(&[], &[day(2017, 4, 27)]), None);
    }

    #[test]
    fn both_directions_of_a_pair_share_a_bucket() {
        let party = |code: &str, country: Option<&str>| Party {
            id: code.into(),
            name: code.into(),
            code: Some(code.into()),
            country: country.map(str::to_string),
        };
        let event = |source: Party, target: Option<Party>, code: &str| {
            let mut e = EventRecord::for_code(code, source, target, String::new()).expect("a known code");
            e.mentions.clear();
            e
        };
        let there = event(party("PRKGOV", Some("PRK")), Some(party("CUB", Some("CUB"))), "042");
        let back = event(party("CUBGOV", Some("CUB")), Some(party("PRK", Some("PRK"))), "043");
        assert_eq!(bucket_of(&there), bucket_of(&back), "one root, one unordered pair of countries");
        let other_root = event(party("CUB", Some("CUB")), Some(party("PRK", Some("PRK"))), "051");
        assert_ne!(bucket_of(&there), bucket_of(&other_root));
        // Without a country an actor is keyed by its id; without a target, by "-".
        let alone = event(party("UN", None), None, "042");
        assert_eq!(bucket_of(&alone), "04|-|UN");
    }
}
