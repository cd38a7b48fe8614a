//! The body run of a plain-text page: the maximum-sum run of lines, prose counting for its length and chrome
//! against it, cut at the first end-of-article cue once prose has started and trimmed to body prose at both ends.

use super::lines::{Line, Shape, is_caption};
use crate::cues::CueClass;
use crate::model::PageError;

/// The first and last line of the body run, or [`PageError::NoArticle`] when the page has no prose.
pub(super) fn find_body(lines: &[Line<'_>]) -> Result<(usize, usize), PageError> {
    let first_prose = lines.iter().position(|l| l.shape == Shape::Prose && l.cue.is_none_or(|c| !c.ends_article()));
    let best = best_run(lines);
    if best.0 <= 0 || first_prose.is_none() {
        return Err(PageError::NoArticle);
    }
    let (mut a, mut b) = (best.1, best.2);
    // Cut at the first end-of-article cue inside the run, once prose has started.
    let mut prose_seen = false;
    for (i, l) in lines.iter().enumerate().take(b + 1).skip(a) {
        if l.cue.is_some_and(CueClass::ends_article) && prose_seen {
            b = i.saturating_sub(1);
            break;
        }
        if l.shape == Shape::Prose && !is_caption(l, true) {
            prose_seen = true;
        }
    }
    let is_body_prose = |l: &Line<'_>| l.shape == Shape::Prose && !is_caption(l, true) && l.repeat_of.is_none();
    while b > a && !is_body_prose(&lines[b]) {
        b -= 1;
    }
    while a < b && !is_body_prose(&lines[a]) {
        a += 1;
    }
    if !is_body_prose(&lines[a]) {
        return Err(PageError::NoArticle);
    }
    Ok((a, b))
}

/// The maximum-sum run of lines as (score, first, last). Prose scores its length; chrome scores against. After an
/// end-of-article cue that follows prose, later prose counts a quarter, so a comment thread longer than the story
/// does not win.
fn best_run(lines: &[Line<'_>]) -> (i64, usize, usize) {
    let mut best = (0i64, 0usize, 0usize); // score, first, last
    let mut run = (0i64, 0usize);
    let mut poisoned = false;
    let mut seen_prose = false;
    for (i, l) in lines.iter().enumerate() {
        let caption = is_caption(l, true);
        let score: i64 = match (l.cue, l.shape) {
            (Some(c), _) if c.ends_article() => {
                if seen_prose {
                    poisoned = true;
                }
                -200
            }
            (Some(CueClass::Breadcrumb | CueClass::Ticker), _) => -100,
            _ if caption => 0,
            (Some(CueClass::Metadata | CueClass::Share | CueClass::Advertising), _) => -10,
            (_, Shape::Prose) => {
                seen_prose = true;
                let s = l.chars.min(1500) as i64;
                if poisoned { s / 4 } else { s }
            }
            (_, Shape::Short) => -25,
            (_, Shape::LinkList) => -(l.chars.max(50) as i64),
        };
        if run.0 <= 0 {
            run = (score, i);
        } else {
            run.0 += score;
        }
        if run.0 > best.0 {
            best = (run.0, run.1, i);
        }
    }
    best
}
