//! Plain-text pages as scrapers save them: one line per paragraph, menu item or widget, with the article
//! somewhere in the middle.
//!
//! Each line gets features (length, share of function words, sentence shape, separators, cue phrases,
//! repetition). The body is the run of lines with the highest prose score (a maximum-sum segment: prose counts
//! for its length, chrome against it), cut at the first end-of-article cue after it starts. Title, byline, date and
//! captions are read from the lines just above the body; everything else is dropped with a reason.

use crate::cues::{CUES, CueClass};
use crate::date::{self, DateMention};
use crate::outlet;
use crate::{Article, Block, DropReason, Dropped, PageError, PageFormat, Published};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a line looks like on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Sentences: long enough, many function words.
    Prose,
    /// A short line: menu item, heading, label.
    Short,
    /// Several items joined by separators ("•", "|"): a ticker or a link list.
    LinkList,
}

/// What a line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Caption,
    Dropped(DropReason),
}

#[derive(Debug)]
struct Line<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    words: usize,
    chars: usize,
    shape: Shape,
    sentence_end: bool,
    cue: Option<CueClass>,
    /// Index of the first line with the same text, when this is a repeat.
    repeat_of: Option<usize>,
    /// Whether a later line repeats this one.
    repeated: bool,
}

const SEPARATORS: [char; 7] = ['•', '|', '·', '›', '»', '▪', '◦'];

fn ends_sentence(text: &str) -> bool {
    let mut t = text.trim_end_matches(['"', '”', '’', '\'', ' ']);
    // A trailing credit in parentheses: "... Laos. (Yonhap)".
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && t[open..].split_whitespace().count() <= 4
    {
        t = t[..open].trim_end();
    }
    let t = t.trim_end_matches(['"', '”', '’', '\'', ')', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

fn line_features<'a>(text: &'a str, start: usize, end: usize, buf: &mut String) -> Line<'a> {
    let mut words = 0usize;
    let mut stops = 0usize;
    let mut seps = 0usize;
    for token in text.split_whitespace() {
        if token.chars().count() == 1 && token.starts_with(SEPARATORS) {
            seps += 1;
            continue;
        }
        if !token.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        let bare = token.trim_matches(|c: char| !c.is_alphanumeric());
        if crate::lang::is_english_stopword(bare, buf) {
            stops += 1;
        }
    }
    let sentence_end = ends_sentence(text);
    let stop_share = if words == 0 { 0.0 } else { stops as f32 / words as f32 };
    let shape = if seps >= 2 && seps * 4 >= words.min(40) / 4 {
        Shape::LinkList
    } else if (words >= 8 && stop_share >= 0.12 && (sentence_end || words >= 25))
        || (words >= 5 && sentence_end && stop_share >= 0.2)
    {
        Shape::Prose
    } else {
        Shape::Short
    };
    Line {
        start,
        end,
        text,
        words,
        chars: text.chars().count(),
        shape,
        sentence_end,
        cue: CUES.line_class(text),
        repeat_of: None,
        repeated: false,
    }
}

/// The non-blank lines of `text`, trimmed, with byte offsets. A hard-wrapped paragraph (a long line that does
/// not end a sentence, followed directly by one that starts in lower case) is one line.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0usize;
    let mut prev_blank = true;
    for raw in text.split_inclusive('\n') {
        let trimmed_start = raw.trim_start();
        let start = at + (raw.len() - trimmed_start.len());
        let t = trimmed_start.trim_end();
        at += raw.len();
        if t.is_empty() {
            prev_blank = true;
            continue;
        }
        let end = start + t.len();
        if let Some(last) = spans.last_mut()
            && !prev_blank
            && t.chars().next().is_some_and(char::is_lowercase)
            && last.1 - last.0 >= 40
            && !ends_sentence(&text[last.0..last.1])
        {
            last.1 = end;
        } else {
            spans.push((start, end));
        }
        prev_blank = false;
    }
    let mut buf = String::new();
    let mut lines: Vec<Line<'_>> = spans.into_iter().map(|(s, e)| line_features(&text[s..e], s, e, &mut buf)).collect();
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for i in 0..lines.len() {
        // Only lines with some substance count as repeats; "Home" twice is just a menu.
        if lines[i].words < 3 {
            continue;
        }
        match first_seen.get(lines[i].text) {
            Some(&j) => {
                lines[i].repeat_of = Some(j);
                lines[j].repeated = true;
            }
            None => {
                first_seen.insert(lines[i].text, i);
            }
        }
    }
    lines
}

fn cue_reason(cue: CueClass) -> DropReason {
    match cue {
        CueClass::Comments => DropReason::Comments,
        CueClass::Related | CueClass::Share => DropReason::Related,
        CueClass::Disclaimer => DropReason::Disclaimer,
        CueClass::Tags => DropReason::Tags,
        CueClass::Footer => DropReason::Footer,
        CueClass::Breadcrumb => DropReason::Breadcrumb,
        CueClass::Ticker => DropReason::Ticker,
        CueClass::Advertising => DropReason::Advertising,
        CueClass::Metadata => DropReason::Metadata,
        CueClass::Caption | CueClass::CaptionHint => DropReason::DuplicateCaption,
        CueClass::EndMarker => DropReason::Boilerplate,
    }
}

/// Whether the line reads as a photo caption. `near_body` allows the weaker signs (a repeat, a position marker
/// such as "(R)"), which only mean "caption" in the lead area where photos sit.
fn is_caption(line: &Line<'_>, near_body: bool) -> bool {
    if line.words > 90 {
        return false;
    }
    let credit_tail = line.text.ends_with(')') && line.text.rfind('(').is_some_and(|o| line.text[o..].len() < 40);
    match line.cue {
        Some(CueClass::Caption) => true,
        Some(CueClass::CaptionHint) => near_body || line.repeat_of.is_some() || line.repeated || credit_tail,
        _ => near_body && (line.repeated || line.repeat_of.is_some()) && line.shape == Shape::Prose,
    }
}

/// Most lines a page may have for [`promote_short_page`] to read it as a brief.
const SHORT_PAGE_LINES: usize = 5;

/// A page of one or two sentences is an article: a wire brief, a headline alone, a line of a sentence file. Their
/// lines often fail the prose test, being short or dense with names ("Chinese President Xi Jinping meets Russian
/// President Vladimir Putin in Beijing." has one function word in eleven), and a page without prose has no body.
/// So on a page of at most [`SHORT_PAGE_LINES`] lines, none of them prose or a link list, a line that reads as a
/// sentence (at least 4 words, a capital or digit first, a sentence end, no chrome cue) counts as prose; failing
/// any, the longest line that reads as a headline does. Longer pages are left to the prose test, so chrome-only
/// pages (menus, error pages) and every page long enough to have an article keep their reading.
fn promote_short_page(lines: &mut [Line<'_>]) {
    if lines.len() > SHORT_PAGE_LINES || lines.iter().any(|l| l.shape != Shape::Short) {
        return;
    }
    let candidate = |l: &Line<'_>| {
        l.cue.is_none()
            && l.words >= 4
            && l.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"'“‘".contains(c))
    };
    let mut promoted = false;
    for l in lines.iter_mut().filter(|l| candidate(l) && l.sentence_end) {
        l.shape = Shape::Prose;
        promoted = true;
    }
    if !promoted && let Some(l) = lines.iter_mut().filter(|l| candidate(l) && is_headline(l)).max_by_key(|l| l.words) {
        l.shape = Shape::Prose;
    }
}

/// Whether the line reads as a headline: a handful of words, no closing full stop.
fn is_headline(line: &Line<'_>) -> bool {
    (2..=30).contains(&line.words)
        && line.chars <= 250
        && line.shape != Shape::LinkList
        && (!line.sentence_end || line.text.ends_with(['?', '!']))
        && line.cue.is_none_or(|c| matches!(c, CueClass::CaptionHint))
        && line.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '\'' || c == '"')
}

/// Whether the line is byline or date metadata.
fn is_metadata(line: &Line<'_>, dates: &[DateMention]) -> bool {
    if line.cue == Some(CueClass::Metadata) {
        return true;
    }
    if line.shape == Shape::Prose && line.words > 12 {
        return false;
    }
    // A credit line of any length: "(Reporting by ...; Editing by ...)".
    if !line.sentence_end && line.words <= 30 && CUES.opening_class(line.text) == Some(CueClass::Metadata) {
        return true;
    }
    // A byline: "By SELIN ARSLAN and KARL BJORN".
    if (line.text.starts_with("By ") || line.text.starts_with("BY ")) && line.words <= 12 && !line.sentence_end {
        return true;
    }
    !dates.is_empty() || outlet::credit_in_meta_line(line.text).is_some()
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<place>[A-Z][\p{L}'’.\-]+(?:[ \-][A-Z][\p{L}'’.\-]+){0,3}|[A-Z][A-Z'’.\- ]{2,30})(?:,\s*[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?)??(?:,\s*(?P<date>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?(?:\s*\((?P<tag>[^)]{1,40})\)\s*(?::|--|—|–|-)|\s*(?::|--|—|–|-)|\.?\s*/(?P<slash>[A-Za-z][A-Za-z\- ]{1,20})/\.?)\s+\S",
    )
    .unwrap_or_else(|e| panic!("dateline pattern: {e}"))
});

/// The dateline at the start of the story: `(place, date text)`. A place must come with a date or a credit tag,
/// or be written in capitals ("WASHINGTON —"), so that "Kim: we will ..." is not a dateline.
pub(crate) fn dateline(first: &str) -> Option<(String, Option<DateMention>)> {
    let c = DATELINE.captures(first)?;
    let place = c.name("place")?;
    let has_date = c.name("date").is_some();
    let has_tag = c.name("tag").is_some() || c.name("slash").is_some();
    let caps = place.as_str().chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
    if !(has_date || has_tag || caps) || place.as_str().split_whitespace().count() > 4 {
        return None;
    }
    let date = c.name("date").and_then(|d| date::find_dates(d.as_str()).into_iter().next());
    let mut name = place.as_str().trim().to_string();
    if caps {
        // "NEW YORK" → "New York".
        name = name
            .split(' ')
            .map(|w| {
                let mut cs = w.chars();
                cs.next().map_or(String::new(), |f| f.to_string() + &cs.as_str().to_lowercase())
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    Some((name, date))
}

/// Extracts the article from a plain-text page. `text` offsets are the page's offsets.
pub(crate) fn extract_text(file: &str, text: &str, format: PageFormat, this_year: i32) -> Result<Article, PageError> {
    let mut lines = split_lines(text);
    if lines.is_empty() {
        return Err(PageError::Empty);
    }
    promote_short_page(&mut lines);
    let n = lines.len();
    let first_prose = lines.iter().position(|l| l.shape == Shape::Prose && l.cue.is_none_or(|c| !c.ends_article()));

    // 1. The body: the maximum-sum run of lines. Prose scores its length; chrome scores against. After an
    //    end-of-article cue that follows prose, later prose counts a quarter, so a comment thread longer than the
    //    story does not win.
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

    let mut roles: Vec<Option<Role>> = vec![None; n];
    let dates_of: Vec<Vec<DateMention>> = lines.iter().map(|l| date::find_dates(l.text)).collect();

    // 2. Inside the body run: body lines, captions, metadata, repeats.
    let mut caption_texts: Vec<&str> = Vec::new();
    for i in a..=b {
        let l = &lines[i];
        let role = if let Some(j) = l.repeat_of.filter(|&j| j >= a || caption_texts.contains(&lines[j].text)) {
            if roles[j] == Some(Role::Caption) || caption_texts.contains(&l.text) {
                Role::Dropped(DropReason::DuplicateCaption)
            } else {
                Role::Dropped(DropReason::Boilerplate)
            }
        } else if is_caption(l, false) {
            caption_texts.push(l.text);
            Role::Caption
        } else if matches!(l.cue, Some(CueClass::Share | CueClass::Advertising | CueClass::Breadcrumb)) {
            Role::Dropped(l.cue.map_or(DropReason::Boilerplate, cue_reason))
        } else if l.shape != Shape::Prose && is_metadata(l, &dates_of[i]) {
            Role::Dropped(DropReason::Metadata)
        } else if l.shape == Shape::LinkList {
            Role::Dropped(DropReason::Related)
        } else {
            Role::Body
        };
        roles[i] = Some(role);
    }

    // 3. Above the body: captions, metadata and the title, scanning up at most a few lines.
    let mut title_idx = None;
    let mut meta_lines: Vec<usize> = Vec::new();
    let mut scanned = 0;
    let mut i = a;
    while i > 0 && scanned < 10 {
        i -= 1;
        scanned += 1;
        let l = &lines[i];
        if matches!(l.cue, Some(CueClass::Breadcrumb | CueClass::Ticker)) || l.shape == Shape::LinkList {
            break;
        }
        if is_caption(l, true) {
            let dup = caption_texts.contains(&l.text) || l.repeated && lines[i + 1..a].iter().any(|m| m.text == l.text);
            roles[i] = Some(if dup { Role::Dropped(DropReason::DuplicateCaption) } else { Role::Caption });
            if !dup {
                caption_texts.push(l.text);
            }
            continue;
        }
        if is_metadata(l, &dates_of[i]) || matches!(l.cue, Some(CueClass::Share)) {
            roles[i] = Some(Role::Dropped(if l.cue == Some(CueClass::Share) && dates_of[i].is_empty() {
                DropReason::Related
            } else {
                DropReason::Metadata
            }));
            meta_lines.push(i);
            continue;
        }
        if is_headline(l) {
            // A line inside a run of short lines is a menu item, not the headline.
            let short = |j: usize| lines.get(j).is_some_and(|m| m.shape == Shape::Short && m.cue.is_none());
            let tight_before = i > 0 && short(i - 1) && !text[lines[i - 1].end..l.start].contains("\n\n");
            let tight_after = short(i + 1) && i + 1 < a && !text[l.end..lines[i + 1].start].contains("\n\n");
            if tight_before && tight_after {
                break;
            }
            // A headline printed twice: keep the first as the title.
            let first = l.repeat_of.unwrap_or(i);
            title_idx = Some(first);
            for (j, m) in lines.iter().enumerate().take(a) {
                if m.text == l.text {
                    roles[j] = Some(Role::Dropped(DropReason::Title));
                }
            }
            break;
        }
        if l.repeat_of.is_some() || l.repeated {
            roles[i] = Some(Role::Dropped(DropReason::Title));
            continue;
        }
        break;
    }
    let top = title_idx.unwrap_or(a.saturating_sub(scanned));
    meta_lines.reverse();

    // 4. Everything else: chrome above and below.
    let short = |j: usize| lines[j].shape == Shape::Short;
    let in_nav_run: Vec<bool> =
        (0..n).map(|i| short(i) && ((i > 0 && short(i - 1)) || (i + 1 < n && short(i + 1)))).collect();
    let first_nav = (0..top).find(|&i| in_nav_run[i] || lines[i].shape == Shape::LinkList).unwrap_or(top);
    for i in 0..top {
        if roles[i].is_some() {
            continue;
        }
        let l = &lines[i];
        let reason = match (l.cue, l.shape) {
            (Some(c), _) if !matches!(c, CueClass::Caption | CueClass::CaptionHint | CueClass::Metadata) => {
                cue_reason(c)
            }
            (_, Shape::LinkList) if l.chars > 150 => DropReason::Ticker,
            (_, Shape::LinkList) => DropReason::Navigation,
            _ if i < first_nav || !dates_of[i].is_empty() => DropReason::Header,
            _ => DropReason::Navigation,
        };
        roles[i] = Some(Role::Dropped(reason));
    }
    for r in roles.iter_mut().take(a).skip(top) {
        if r.is_none() {
            *r = Some(Role::Dropped(DropReason::Boilerplate));
        }
    }
    let mut current = DropReason::Boilerplate;
    for i in b + 1..n {
        let l = &lines[i];
        let reason = match (l.cue, l.shape) {
            (Some(c), _) if !matches!(c, CueClass::Caption | CueClass::CaptionHint) => {
                let r = cue_reason(c);
                if c.ends_article() || c == CueClass::Share {
                    current = r;
                }
                r
            }
            (_, Shape::LinkList) if current == DropReason::Boilerplate => DropReason::Related,
            _ => current,
        };
        roles[i] = Some(Role::Dropped(reason));
    }

    // 5. Assemble blocks.
    let mut body: Vec<Block> = Vec::new();
    let mut captions: Vec<Block> = Vec::new();
    let mut dropped: Vec<Dropped> = Vec::new();
    let mut prev_role: Option<Role> = None;
    for (i, l) in lines.iter().enumerate() {
        let role = roles[i].unwrap_or(Role::Dropped(DropReason::Boilerplate));
        match role {
            Role::Body => body.push(Block { text: l.text.to_string(), start: l.start, end: l.end }),
            Role::Caption => captions.push(Block { text: l.text.to_string(), start: l.start, end: l.end }),
            Role::Dropped(reason) => match dropped.last_mut() {
                Some(d) if prev_role == Some(role) && d.reason == reason => d.end = l.end,
                _ => dropped.push(Dropped { start: l.start, end: l.end, reason }),
            },
        }
        prev_role = Some(role);
    }
    // A wire end marker closing the story ("... as saying. Enditem", cut short to "Endi").
    if let Some(last) = body.last_mut()
        && let Some(at) = CUES.end_marker_at(&last.text)
        && at > 0
    {
        let cut = last.start + at;
        let kept = last.text[..at].trim_end();
        dropped.push(Dropped { start: cut, end: last.end, reason: DropReason::Boilerplate });
        last.end = last.start + kept.len();
        last.text = kept.to_string();
    }
    dropped.sort_by_key(|d| d.start);

    // 6. Fields.
    let title = title_idx.map(|i| lines[i].text.to_string());
    let first_text = body.first().map(|blk| blk.text.as_str()).unwrap_or("");
    let last_text = body.last().map(|blk| blk.text.as_str()).unwrap_or("");
    let dateline_found = dateline(first_text);

    // Outlet: a credit (byline or wire line, opening tag, closing tag), then the host site from copyright lines.
    let credit = meta_lines
        .iter()
        .find_map(|&i| outlet::credit_in_meta_line(lines[i].text))
        .or_else(|| outlet::credit_at_start(first_text))
        .or_else(|| outlet::credit_at_end(last_text))
        .map(|c| c.outlet);
    let copyright_lines: Vec<usize> = (0..n)
        .filter(|&i| !(a..=b).contains(&i))
        .filter(|&i| {
            let t = lines[i].text.to_ascii_lowercase();
            t.contains("copyright") || t.contains('©') || t.contains("all rights reserved")
        })
        .collect();
    let host = copyright_lines
        .iter()
        .flat_map(|&i| i.saturating_sub(2)..=(i + 2).min(n - 1))
        .filter(|i| !(a..=b).contains(i))
        .find_map(|i| outlet::names_in_site_line(lines[i].text).into_iter().next());
    let (outlet_name, outlet_country) = match outlet::combine(credit, host) {
        Some((name, country)) => (Some(name), Some(country.to_string())),
        None => (None, None),
    };

    // Publication date: labelled metadata first, then any full date in the metadata lines, then the dateline,
    // then an anniversary. Dates above the title are the site's header (today's date), not the article's.
    let mut published = None;
    let mut candidates = Vec::new();
    let labelled = |t: &str| {
        let t = t.trim_start().to_ascii_lowercase();
        ["published", "posted", "date", "released"].iter().any(|p| t.starts_with(p))
    };
    let mut meta_dates: Vec<(u8, usize, DateMention)> = Vec::new();
    for &i in &meta_lines {
        let lower = lines[i].text.trim_start().to_ascii_lowercase();
        let rank = if labelled(lines[i].text) {
            0
        } else if lower.starts_with("updated") || lower.starts_with("last updated") {
            2
        } else {
            1
        };
        for d in &dates_of[i] {
            meta_dates.push((rank, i, *d));
        }
    }
    meta_dates.sort_by_key(|m| m.0);
    if let Some((_, i, d, v)) = meta_dates.iter().find_map(|(r, i, d)| d.value().map(|v| (r, i, d, v))) {
        let line = lines[*i].text;
        let evidence = line[..d.end].trim();
        published = Some(Published { date: v, evidence: evidence.to_string(), basis: "byline".into() });
    }
    if published.is_none()
        && let Some((_, Some(d))) = &dateline_found
    {
        match d.value() {
            Some(v) => {
                let evidence = first_text[..first_text.len().min(d.end + 40)].to_string();
                let evidence =
                    evidence.split_once([':', '—', '–']).map_or(evidence.clone(), |p| p.0.trim().to_string());
                published = Some(Published { date: v, evidence, basis: "dateline".into() });
            }
            None => {
                // "April 28" with "on Friday" in the lead: the years whose April 28 was a Friday.
                if let Some(wd) = date::first_weekday(first_text) {
                    candidates = date::years_matching_weekday(d.month, d.day, wd, this_year);
                }
            }
        }
    }
    if published.is_none() && candidates.is_empty() {
        let joined: String = body.iter().map(|blk| blk.text.as_str()).collect::<Vec<_>>().join("\n");
        if let Some((v, why)) = date::infer_from_anniversary(&joined, this_year) {
            published = Some(Published { date: v, evidence: why, basis: "inferred".into() });
        }
    }

    Ok(Article {
        file: file.to_string(),
        format,
        title,
        outlet: outlet_name,
        outlet_country,
        dateline: dateline_found.map(|d| d.0),
        published,
        published_candidates: candidates,
        body,
        captions,
        dropped,
        language: "en".into(),
    })
}

/// Fills what the story's own text says into an article read by another path (HTML): the dateline, a wire credit
/// at the start or end of the story (combined with the site already found: "Kyodo (via The Japan Times)"), and,
/// when no date was found, the dateline's date, year candidates from a weekday cue, or an anniversary.
pub(crate) fn enrich_from_body(article: &mut Article, page: &str, this_year: i32) {
    // Byline, date and credit lines that another path left at the edges of the body ("Source: Xinhua | 2023-04-14",
    // "(Reporting by ...; Editing by ...)") are metadata: drop them, and read them as such.
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
    let first = article.body.first().map(|b| b.text.clone()).unwrap_or_default();
    let last = article.body.last().map(|b| b.text.clone()).unwrap_or_default();
    let found = dateline(&first);
    if article.dateline.is_none() {
        article.dateline = found.as_ref().map(|d| d.0.clone());
    }
    // A credit line just above the story that the other path dropped ("KYODO" between headline and text).
    let body_start = article.body.first().map_or(0, |b| b.start);
    let lead_credit = || {
        let above: Vec<&Dropped> = article.dropped.iter().filter(|d| d.end <= body_start).collect();
        above.iter().rev().take(3).find_map(|d| {
            let region = page.get(d.start..d.end)?;
            let plain = crate::html_fallback::blank_markup(region);
            plain
                .lines()
                .map(str::trim)
                .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 6)
                .find_map(|t| outlet::credit_in_meta_line(t).map(|c| c.outlet))
        })
    };
    let credit = meta_credit
        .or_else(|| outlet::credit_at_start(&first).or_else(|| outlet::credit_at_end(&last)).map(|c| c.outlet))
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
    if article.published.is_some() || !article.published_candidates.is_empty() {
        return;
    }
    if let Some((_, Some(d))) = &found {
        match d.value() {
            Some(v) => {
                let evidence = first.split_once([':', '—', '–', '(']).map_or("", |p| p.0).trim().to_string();
                article.published = Some(Published { date: v, evidence, basis: "dateline".into() });
            }
            None => {
                if let Some(wd) = date::first_weekday(&first) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        extract_text("t.txt", text, PageFormat::Text, 2026).unwrap()
    }

    #[test]
    fn menu_title_byline_body_footer() {
        let page = "Home\nWorld\nPolitics\nSports\n\nLeaders agree to reopen border crossing\n\nBy Kyodo\nPublished : Mar 3, 2019 - 10:00\n\n\
                    TOKYO, March 3 (Kyodo) -- The two governments agreed on Sunday to reopen the border crossing that has been closed since the floods.\n\n\
                    Officials said the first trucks would pass within a week, and that customs staff would be doubled at the post.\n\n\
                    Leave a Reply\n\nYou are commenting using your account. Log Out\n\nCopyright 2019 Example Daily. All rights reserved.\n";
        let a = article(page);
        assert_eq!(a.title.as_deref(), Some("Leaders agree to reopen border crossing"));
        assert_eq!(a.outlet.as_deref(), Some("Kyodo"));
        assert_eq!(a.dateline.as_deref(), Some("Tokyo"));
        assert_eq!(a.published.as_ref().map(|p| p.date.to_string()), Some("2019-03-03".into()));
        assert_eq!(a.body.len(), 2);
        assert!(a.body[1].text.ends_with("post."));
        for blk in &a.body {
            assert_eq!(&page[blk.start..blk.end], blk.text);
        }
        assert!(a.dropped.iter().any(|d| d.reason == DropReason::Comments));
        assert!(a.dropped.iter().any(|d| d.reason == DropReason::Navigation));
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let page = "Ministers meet in Oslo\n\nThe foreign ministers of Norway and Sweden met in Oslo on Monday to\ndiscuss fishing rights in the Barents Sea and agreed to meet again.\n";
        let a = article(page);
        assert_eq!(a.body.len(), 1);
        assert!(a.body[0].text.contains("to\ndiscuss"));
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline("WASHINGTON (AP) — The talks").map(|d| d.0), Some("Washington".into()));
        assert_eq!(dateline("Pyongyang, April 28 : North Korea").map(|d| d.0), Some("Pyongyang".into()));
        assert_eq!(dateline("Kim: we will meet").map(|d| d.0), None);
        assert_eq!(dateline("MOSCOW, June 3. /TASS/. Talks").map(|d| d.0), Some("Moscow".into()));
        assert_eq!(dateline("The talks - which began on Monday - ended").map(|d| d.0), None);
    }

    #[test]
    fn no_prose_is_no_article() {
        assert_eq!(extract_text("t", "Home\nNews\nSports\n", PageFormat::Text, 2026).err(), Some(PageError::NoArticle));
    }

    #[test]
    fn a_page_of_one_or_two_sentences_is_an_article() {
        let body = |page: &str| -> Vec<String> {
            extract_text("t", page, PageFormat::Text, 2026)
                .map(|a| a.body.into_iter().map(|b| b.text).collect())
                .unwrap_or_default()
        };
        // Dense with names: one function word in eleven.
        let dense = "Chinese President Xi Jinping meets Russian President Vladimir Putin in Beijing.";
        assert_eq!(body(dense), vec![dense.to_string()]);
        let wire = "MOSCOW, June 19 (Reuters) - Russian President Vladimir Putin arrived in North Korea.";
        assert_eq!(body(&format!("{wire}\n")), vec![wire.to_string()]);
        // A headline alone, and a headline with its one sentence (the headline stays the title).
        assert_eq!(
            body("Putin arrives in Pyongyang for talks with Kim\n"),
            vec!["Putin arrives in Pyongyang for talks with Kim"]
        );
        let two = format!("Putin arrives in Pyongyang\n\n{dense}\n");
        let article = extract_text("t", &two, PageFormat::Text, 2026).expect("an article");
        assert_eq!(article.title.as_deref(), Some("Putin arrives in Pyongyang"));
        assert_eq!(article.body.len(), 1);
        // Chrome stays chrome: a menu, a cookie notice, a page too long to be a brief.
        assert!(body("Home\nNews\nSports\nWorld\n").is_empty());
        assert!(body("Accept cookies\nPrivacy Policy\n").is_empty());
        let menu = "Home\nNews\nSports\nWorld\nBusiness\nChinese President Xi Jinping meets Russian President Putin.\n";
        assert!(body(menu).is_empty(), "six lines: not a brief");
    }
}
