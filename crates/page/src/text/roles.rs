//! What each line of a plain-text page turned out to be, once the body run is known: body, caption, or dropped
//! with a reason; then the lines assembled into blocks. Lines are labelled in four passes: inside the body run,
//! just above it (captions, byline, title), the chrome above and below, and a default for the rest.

use super::lines::{Line, Shape, is_caption, is_headline, is_metadata};
use crate::cues::{CUES, CueClass};
use crate::date::DateMention;
use crate::model::{Block, DropReason, Dropped};

/// What a line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Body,
    Caption,
    Dropped(DropReason),
}

/// The drop reason a cue phrase implies.
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

/// What the lines just above the body hold.
pub(super) struct Header {
    /// The title line, if one was found.
    pub(super) title: Option<usize>,
    /// Byline and date lines, top to bottom.
    pub(super) meta_lines: Vec<usize>,
    /// The first line of the article's head (the title, or the highest line scanned); chrome lies above it.
    pub(super) top: usize,
}

/// The blocks of a page once every line has a role.
pub(super) struct Blocks {
    pub(super) body: Vec<Block>,
    pub(super) captions: Vec<Block>,
    pub(super) dropped: Vec<Dropped>,
}

/// The role of each line so far, and the caption texts seen (a caption printed twice is kept once).
pub(super) struct Labels<'a> {
    roles: Vec<Option<Role>>,
    caption_texts: Vec<&'a str>,
}

impl<'a> Labels<'a> {
    /// No line labelled yet, on a page of `n` lines.
    pub(super) fn new(n: usize) -> Labels<'a> {
        Labels { roles: vec![None; n], caption_texts: Vec::new() }
    }

    /// Inside the body run `a..=b`: body lines, captions, metadata, repeats.
    pub(super) fn body_run(&mut self, lines: &[Line<'a>], a: usize, b: usize, dates_of: &[Vec<DateMention>]) {
        let roles = &mut self.roles;
        let caption_texts = &mut self.caption_texts;
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
    }

    /// Above the body, which starts at line `a`: captions, metadata and the title, scanning up at most a few
    /// lines. `text` is the page, to see blank lines between lines.
    pub(super) fn above_body(
        &mut self,
        text: &str,
        lines: &[Line<'a>],
        a: usize,
        dates_of: &[Vec<DateMention>],
    ) -> Header {
        let roles = &mut self.roles;
        let caption_texts = &mut self.caption_texts;
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
                let dup =
                    caption_texts.contains(&l.text) || l.repeated && lines[i + 1..a].iter().any(|m| m.text == l.text);
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
        Header { title: title_idx, meta_lines, top }
    }

    /// Everything else: chrome above the article's head (which starts at `top`), lines between it and the body
    /// run `a..=b`, and chrome below the body.
    pub(super) fn chrome(
        &mut self,
        lines: &[Line<'a>],
        (a, b): (usize, usize),
        top: usize,
        dates_of: &[Vec<DateMention>],
    ) {
        let roles = &mut self.roles;
        let n = lines.len();
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
    }

    /// The blocks: body and captions line by line, neighbouring dropped lines of one reason merged; a wire end
    /// marker closing the story ("... as saying. Enditem", cut short to "Endi") is cut off.
    pub(super) fn into_blocks(self, lines: &[Line<'a>]) -> Blocks {
        let roles = self.roles;
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
        Blocks { body, captions, dropped }
    }
}
