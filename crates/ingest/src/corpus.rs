//! The steps of the corpus stage that look beyond one page: what the store and the story index keep of a coded
//! article, dating a page from its own text or from its story.

use chrono::{Datelike, NaiveDate};
use dyad_core::DateValue;
use dyad_page::{Article, Published};
use dyad_pipeline::CodedArticle;
use dyad_store::{BucketedEvent, DocCoding, ParsedDocument};
use dyad_stories::{DocumentMeta, PartialDate, StoryConfig, agencies_in, bucket_of, infer_year};

/// A coded article as the store writes it: the article with everything coded from it, moved as it is, and its
/// coding.
pub(crate) fn parsed_document(article: dyad_page::Article, coded: CodedArticle) -> ParsedDocument {
    let coding = doc_coding(&article, &coded);
    ParsedDocument {
        article,
        sentences: coded.sentences,
        actors: coded.actors,
        mentions: coded.mentions,
        relations: coded.relations,
        coding: Some(coding),
    }
}

/// What incremental ingest keeps of a coded article: its story fingerprint, credits and unconsolidated events
/// with the consolidation bucket of each.
pub(crate) fn doc_coding(article: &Article, coded: &CodedArticle) -> DocCoding {
    DocCoding {
        fingerprint: StoryConfig::default().fingerprint(&coded.story_tokens).to_bytes(),
        credits: story_meta(article).credits,
        events: coded
            .events
            .iter()
            .map(|event| BucketedEvent { bucket: bucket_of(event), event: event.clone() })
            .collect(),
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
