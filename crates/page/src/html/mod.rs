//! HTML page → article.
//!
//! A hand-written tree builder ([`dom`]) keeps the byte span of every element, so body blocks, captions and
//! dropped regions all point into the original HTML. Metadata ([`meta`]) and content ([`content`]) are separate
//! passes over the same arena. Nothing here recurses over the tree: deep nesting costs memory, not stack.

mod content;
mod dom;
mod meta;
#[cfg(test)]
mod tests;
mod text;

use crate::model::{Article, PageError, PageFormat, Published};

/// Pages nested deeper than this are refused: real pages stay far below, and the limit bounds the work that
/// unclosed-tag soups can cause.
pub(crate) const MAX_DEPTH: usize = 100_000;

/// Extracts the article from an HTML page (already checked for size and binary content, and decoded).
pub(crate) fn extract_html(file: &str, html: &str) -> Result<Article, PageError> {
    if html.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let dom = dom::Dom::parse(html);
    if dom.max_depth > MAX_DEPTH {
        return Err(PageError::TooDeep(MAX_DEPTH));
    }
    let meta = meta::extract(&dom);
    let content = content::extract(&dom, meta.title.as_deref());
    if content.body.is_empty() {
        return Err(PageError::NoArticle);
    }
    let language = html_lang(&dom).unwrap_or_else(|| "und".to_string());
    Ok(Article {
        file: file.to_string(),
        format: PageFormat::Html,
        title: meta.title,
        outlet: meta.outlet,
        outlet_country: None,
        dateline: None,
        published: meta.published.map(|f| Published { date: f.date, evidence: f.evidence, basis: f.basis.to_string() }),
        published_candidates: Vec::new(),
        body: content.body,
        captions: content.captions,
        dropped: content.dropped,
        language,
    })
}

/// Extracts the article from decoded HTML with no language check: `language` is the page's `<html lang>` (or
/// "und"). For benchmarks and tools that read pages in any language; the pipeline uses [`crate::extract`].
pub fn extract_any_language(file: &str, html: &str) -> Result<Article, PageError> {
    extract_html(file, html)
}

/// The publication date an HTML page's metadata, scripts, time elements and bylines give, whether or not an article
/// can be extracted from it.
pub fn published_date(html: &str) -> Option<Published> {
    let dom = dom::Dom::parse(html);
    if dom.max_depth > MAX_DEPTH {
        return None;
    }
    let f = meta::extract(&dom).published?;
    Some(Published { date: f.date, evidence: f.evidence, basis: f.basis.to_string() })
}

/// A publication date written into a page address (`/2019/11/18/`, `/20191118/`, `/2019/11/` as a month), for
/// callers that know where a page came from when the page itself gives no date.
pub fn date_from_url(url: &str) -> Option<dyad_core::DateValue> {
    meta::url_date(url)
}

/// The primary language subtag of `<html lang>`, lowercased ("en" for "en-GB"); detection may override it.
fn html_lang(dom: &dom::Dom<'_>) -> Option<String> {
    let html = (0..dom.nodes.len().min(64) as u32).find(|&i| dom.tag(i) == Some(dom::Tag::Html))?;
    let lang = dom.attr(html, "lang").or_else(|| dom.attr(html, "xml:lang"))?;
    let primary = lang.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}
