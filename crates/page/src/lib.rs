//! Page → article: the first stage of dyad.
//!
//! A page is what a scraper saved: plain text with menus, tickers and comment forms around the story, or raw
//! HTML. [`extract`] checks the bytes, detects which, removes the boilerplate, and returns an [`Article`]: the
//! title, the outlet, the dateline, the publication date with its precision and the evidence it came from, the body
//! paragraphs and the photo captions (kept apart from the body and deduplicated), each with byte offsets into the
//! original page, and every dropped region with the reason it was dropped.
//!
//! Key design decision: every piece of output points back into the original bytes. Nothing downstream ever
//! reads a rewritten copy of the page, so each event dyad emits can be traced to the exact bytes that support it.
//! For the same reason the plain-text path classifies whole lines by their features (length, function-word share,
//! sentence shape, separators, repetition, cue phrases from `data/page_cues.tsv`) instead of rewriting the text:
//! a body block is always an exact slice of the page. Bad input (binary data, invalid UTF-8, empty or enormous
//! pages, pathological nesting) is a per-document [`PageError`], never a panic.
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
