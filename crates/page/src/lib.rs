//! Page → article, the first stage of dyad: [`extract`] takes a page as a scraper saved it (plain text or HTML),
//! removes the boilerplate and returns an [`Article`]: title, outlet, dateline, publication date with its
//! evidence, body paragraphs and captions, and every dropped region with its reason; bad input is a per-document
//! [`PageError`], never a panic.
//!
//! Key design decision: every piece of output is an exact byte range of the original page, never a rewritten copy,
//! so each event dyad emits can be traced to the bytes that support it. The plain-text path therefore classifies
//! whole lines by their features (length, function words, sentence shape, cue phrases) instead of rewriting text.
#![deny(missing_docs)]

mod cues;
mod date;
pub mod html;
mod html_fallback;
mod input;
mod lang;
mod markup;
mod model;
mod months;
mod outlet;
mod text;

use chrono::Datelike;
pub use input::MAX_PAGE_BYTES;
pub use model::{Article, Block, DropReason, Dropped, PageError, PageFormat, Published};

/// Extracts the article from a page's raw bytes. `file` is recorded in the article as given.
///
/// Plain text and HTML are told apart by their markup. A page whose article is not in English returns
/// [`PageError::NotEnglish`]; every other failure is also a [`PageError`], so a batch can record it and go on.
///
/// ```
/// let page = "Home\nWorld\nSports\n\nLeaders agree to reopen border crossing\n\nPublished : Mar 3, 2019 - 10:00\n\n\
///     TOKYO, March 3 (Kyodo) -- The two governments agreed on Sunday to reopen the border crossing that has been \
///     closed since the floods.\n\n\
///     Officials said the first trucks would pass within a week, and that customs staff would be doubled.\n";
/// let article = dyad_page::extract("page.txt", page.as_bytes()).unwrap();
/// assert_eq!(article.title.as_deref(), Some("Leaders agree to reopen border crossing"));
/// assert_eq!(article.dateline.as_deref(), Some("Tokyo"));
/// assert_eq!(article.published.map(|p| p.date.to_string()).as_deref(), Some("2019-03-03"));
/// assert_eq!(article.body.len(), 2);
/// // Every block is an exact slice of the page.
/// let first = &article.body[0];
/// assert_eq!(&page[first.start..first.end], first.text);
/// ```
pub fn extract(file: &str, bytes: &[u8]) -> Result<Article, PageError> {
    extract_in_year(file, bytes, chrono::Utc::now().year())
}

/// As [`extract`], with the current year fixed (it bounds inferred and year-less dates), for reproducible runs.
pub fn extract_in_year(file: &str, bytes: &[u8], this_year: i32) -> Result<Article, PageError> {
    let decoded = input::decode(bytes)?;
    let text: &str = &decoded.text;
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let mut article = if input::looks_like_html(text) {
        // A page the HTML reader finds no article in may be text with a few tags: read it again as lines.
        let mut article = match html::extract_html(file, text) {
            Err(PageError::NoArticle) => {
                let mut a = html_fallback::extract_html(file, text, this_year)?;
                // The page's metadata still dates it when only its body had to be read as lines.
                if let Some(p) = html::published_date(text) {
                    a.published = Some(p);
                }
                a
            }
            other => other?,
        };
        // A site name as the page writes it ("XINHUANET", "theguardian") becomes the dictionary's canonical name.
        if let Some(name) = &article.outlet
            && !name.contains(" (via ")
            && let Some((canonical, country)) = outlet::lookup(name).or_else(|| outlet::lookup_host(name))
        {
            article.outlet = Some(canonical.to_string());
            article.outlet_country = Some(country.to_string());
        }
        if article.outlet_country.is_none()
            && let Some(name) = &article.outlet
        {
            // "Reuters (via The Japan Times)": the wire's country.
            let wire = name.split(" (via ").next().unwrap_or(name);
            article.outlet_country = outlet::lookup(wire).map(|o| o.1.to_string());
        }
        text::enrich_from_body(&mut article, text, this_year);
        article
    } else {
        match text::extract_text(file, text, PageFormat::Text, this_year) {
            // The plain-text reader finds prose by English function words, so a page in another language has
            // none: say which language it is instead.
            Err(PageError::NoArticle) => {
                let language = lang::detect(text);
                return Err(if language == "en" {
                    PageError::NoArticle
                } else {
                    PageError::NotEnglish(language.into())
                });
            }
            other => other?,
        }
    };
    if article.body.is_empty() {
        return Err(PageError::NoArticle);
    }
    let sample: String = article.body.iter().take(20).map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n");
    let language = lang::detect(&sample);
    if language != "en" {
        return Err(PageError::NotEnglish(language.to_string()));
    }
    article.language = language.to_string();
    if decoded.map.is_some() || decoded.shift != 0 {
        remap(&mut article, &decoded);
    }
    Ok(article)
}

/// Moves every offset from the decoded text back to the original bytes (after a BOM or a transcoding).
fn remap(article: &mut Article, decoded: &input::Decoded<'_>) {
    for blk in article.body.iter_mut().chain(article.captions.iter_mut()) {
        blk.start = decoded.original(blk.start);
        blk.end = decoded.original(blk.end);
    }
    for d in &mut article.dropped {
        d.start = decoded.original(d.start);
        d.end = decoded.original(d.end);
    }
}
