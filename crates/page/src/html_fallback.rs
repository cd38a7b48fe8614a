//! The fallback for an HTML page the HTML reader finds no article in (text with a few tags): markup is blanked out
//! byte for byte (so offsets still point into the original page), block-level tags become line breaks, and the
//! plain-text reader reads the result. Entities stay as written.

use crate::markup::blank_markup;
use crate::model::{Article, PageError, PageFormat};

/// Extracts an article from HTML through the plain-text path.
pub(crate) fn extract_html(file: &str, html: &str, this_year: i32) -> Result<Article, PageError> {
    let blanked = blank_markup(html);
    let mut article = crate::text::extract_text(file, &blanked, PageFormat::Html, this_year)?;
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for blk in article.body.iter_mut().chain(article.captions.iter_mut()) {
        blk.text = collapse(&blk.text);
    }
    article.title = article.title.map(|t| collapse(&t));
    Ok(article)
}
