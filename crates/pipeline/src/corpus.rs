//! A batch of articles coded together: stories grouped, missing years inferred from the story, and events
//! consolidated across pages.

use crate::{CodedArticle, Coder};
use chrono::{Datelike, NaiveDate};
use dyad_core::{DateValue, Precision};
use dyad_events::EventRecord;
use dyad_page::{Article, Published};
use dyad_stories::{
    ConsolidateConfig, DocumentMeta, PartialDate, Report, StoriesError, Story, StoryConfig, StoryIndex, agencies_in,
    consolidate, infer_year,
};
use std::collections::HashMap;

/// What a batch of articles yields.
pub struct CorpusOutput {
    /// The articles, with years settled from their stories where the page lacked one.
    pub articles: Vec<Article>,
    /// Each article's coding, in the same order.
    pub coded: Vec<CodedArticle>,
    /// Every story, including stories of one page.
    pub stories: Vec<Story>,
    /// Consolidated events: each real-world event once, with every sentence that reports it.
    pub events: Vec<EventRecord>,
}

/// Articles coded one at a time, then grouped and consolidated by [`Corpus::finish`].
pub struct Corpus {
    coder: Coder,
    articles: Vec<Article>,
    coded: Vec<CodedArticle>,
}

/// The day an article's relative dates resolve against: its publication date when known to the day.
pub fn anchor_of(article: &Article) -> Option<NaiveDate> {
    article.published.as_ref().filter(|p| p.date.precision() == Precision::Day).map(|p| p.date.first_day())
}

impl Corpus {
    /// An empty batch coded by `coder`.
    pub fn new(coder: Coder) -> Corpus {
        Corpus { coder, articles: Vec::new(), coded: Vec::new() }
    }

    /// Codes and keeps one article. A page without a year that dates itself through an anniversary of a listed
    /// person is dated from it first ([`year_from_text`]).
    pub fn add(&mut self, mut article: Article) {
        date_from_text(&mut article);
        let coded = self.coder.code(&article, anchor_of(&article));
        self.articles.push(article);
        self.coded.push(coded);
    }

    /// Groups stories, settles missing years from them (re-coding those articles), and consolidates events.
    pub fn finish(mut self) -> Result<(CorpusOutput, Coder), StoriesError> {
        let mut index = StoryIndex::new(StoryConfig::default())?;
        for (article, coded) in self.articles.iter().zip(&self.coded) {
            index.add_fingerprinted(story_meta(article), index.fingerprint(&coded.story_tokens));
        }
        for no in 0..self.articles.len() {
            let article = &self.articles[no];
            if article.published.is_some() {
                continue;
            }
            let Some(published) = year_from_story(&article.published_candidates, &index.story_dates(no as u32)) else {
                continue;
            };
            index.set_published(no as u32, Some(published.date));
            self.articles[no].published = Some(published);
            self.coded[no] = self.coder.code(&self.articles[no], anchor_of(&self.articles[no]));
        }
        let stories = index.stories();
        let story_of: HashMap<&str, &str> =
            stories.iter().flat_map(|s| s.files.iter().map(move |f| (f.as_str(), s.id.as_str()))).collect();

        let mut reports = Vec::new();
        for (article, coded) in self.articles.iter().zip(&self.coded) {
            let story = story_of.get(article.file.as_str()).copied();
            for (ord, event) in coded.events.iter().enumerate() {
                reports.push(Report { event, doc: &article.file, ord, outlet: article.outlet.as_deref(), story });
            }
        }
        let events = consolidate(&reports, &ConsolidateConfig::default()).into_iter().map(|c| c.record).collect();
        let output = CorpusOutput { articles: self.articles, coded: self.coded, stories, events };
        Ok((output, self.coder))
    }
}

/// What the story index keeps of an article besides its fingerprint.
pub fn story_meta(article: &Article) -> DocumentMeta {
    let body: String = article.body.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    DocumentMeta {
        id: article.file.clone(),
        outlet: article.outlet.clone(),
        published: article.published.as_ref().map(|p| p.date),
        credits: agencies_in(&body).into_iter().map(str::to_string).collect(),
    }
}

/// Dates a page that has no publication date through its own text ([`year_from_text`]); every path that codes
/// or prints a page (ingest, `extract`, a [`Corpus`], ingest over HTTP) goes through it.
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
pub fn year_from_story(candidates: &[DateValue], story_dates: &[DateValue]) -> Option<Published> {
    let day = candidates.first()?.first_day();
    let partial = PartialDate { month: day.month(), day: day.day(), weekday: Some(day.weekday()) };
    let inferred = infer_year(partial, story_dates)?;
    Some(Published { date: inferred.date, evidence: inferred.basis, basis: "story".to_string() })
}
