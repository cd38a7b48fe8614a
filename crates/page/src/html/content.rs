//! Finding the article inside the tree: boilerplate marking, paragraph scoring and block collection.
//!
//! Three linear passes over the arena, none recursive: (1) mark subtrees that are not article text (scripts,
//! `nav`, `footer`, `aside`, hidden elements, class/id words from `data/html-boilerplate.tsv`) and captions;
//! (2) sum text, link text and commas bottom-up and score paragraphs into their ancestors, in the manner of
//! Readability; (3) walk the best container and its qualifying siblings and cut their inline text into blocks,
//! each carrying the source span of the element (or text run) it came from.

use super::dom::{Common, Dom, Kind, NONE, NodeId, Tag};
use super::text::{BOILERPLATE, TextBuf};
use crate::model::{Block, DropReason, Dropped};
use std::sync::LazyLock;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Keep,
    Drop(DropReason),
    Caption,
}

/// What the content pass found.
pub(crate) struct Content {
    pub body: Vec<Block>,
    pub captions: Vec<Block>,
    pub dropped: Vec<Dropped>,
}

/// Per-node sums, indexed by node id.
struct Sums {
    text: Vec<u32>,
    link: Vec<u32>,
    commas: Vec<u32>,
    has_block: Vec<bool>,
}

pub(crate) fn extract(dom: &Dom<'_>, title: Option<&str>) -> Content {
    let n = dom.nodes.len();
    let raw_text = paragraph_text(dom);
    let total_text = raw_text.first().copied().unwrap_or(0);
    let mut marks = vec![Mark::Keep; n];
    let mut dropped = Vec::new();
    mark_boilerplate(dom, &raw_text, total_text, &mut marks, &mut dropped, true);
    let mut sums = content_sums(dom, &marks);
    let mut containers = choose_containers(dom, &marks, &sums);
    #[cfg(test)]
    if std::env::var("ZYTE_DEBUG").is_ok() {
        eprintln!("FIRST PASS {} containers, {} dropped, body text {}", containers.len(), dropped.len(), sums.text[0]);
        if let Ok(needle) = std::env::var("ZYTE_NEEDLE")
            && let Some(at) = dom.src.find(&needle)
        {
            let mut id = (0..n)
                .rev()
                .find(|&i| dom.nodes[i].start as usize <= at && at < dom.nodes[i].end as usize)
                .unwrap_or(0) as NodeId;
            while id != NONE {
                let i = id as usize;
                let m = match marks[i] {
                    Mark::Keep => "keep".to_string(),
                    Mark::Caption => "caption".into(),
                    Mark::Drop(r) => format!("{r:?}"),
                };
                eprintln!(
                    "  ANC {id} {}..{} {:?} class={:?} id={:?} mark={m} text={} link={} hasblock={}",
                    dom.node(id).start,
                    dom.node(id).end,
                    dom.tag(id),
                    dom.attr(id, "class"),
                    dom.attr(id, "id"),
                    sums.text[i],
                    sums.link[i],
                    sums.has_block[i]
                );
                id = dom.node(id).parent;
            }
        }
    }
    if containers.is_empty() {
        // Class words can be wrong (a page-wide wrapper called "content-with-sidebar"): try again with tag rules only.
        marks.iter_mut().for_each(|m| *m = Mark::Keep);
        dropped.clear();
        mark_boilerplate(dom, &raw_text, total_text, &mut marks, &mut dropped, false);
        sums = content_sums(dom, &marks);
        containers = choose_containers(dom, &marks, &sums);
    }
    #[cfg(test)]
    if std::env::var("ZYTE_DEBUG").is_ok() {
        for &c in &containers {
            let nd = dom.node(c);
            eprintln!(
                "CONTAINER {c} {:?} {:?} text {} {}..{}",
                dom.tag(c),
                dom.attr(c, "class"),
                sums.text[c as usize],
                nd.start,
                nd.end
            );
        }
    }
    let mut out = Content { body: Vec::new(), captions: Vec::new(), dropped };
    for &c in &containers {
        collect(dom, c, &marks, &sums, title, &mut out);
    }
    mark_outside(dom, &containers, &marks, &sums, &mut out.dropped);
    out.dropped.sort_by_key(|d| (d.start, d.end));
    dedup_captions(&mut out.captions, &mut out.dropped);
    out
}

/// Per node, before any marking: the text of long, link-poor paragraphs beneath it. Scripts and styles do not
/// count. Class words never drop an element that holds much of the page's paragraph text.
fn paragraph_text(dom: &Dom<'_>) -> Vec<u32> {
    let n = dom.nodes.len();
    let mut text = vec![0u32; n];
    let mut link = vec![0u32; n];
    let mut good = vec![0u32; n];
    for id in (0..n).rev() {
        let node = &dom.nodes[id];
        match node.kind {
            Kind::Text => text[id] = node.weight,
            Kind::Element { tag, .. } => {
                if matches!(tag, Tag::Script | Tag::Style | Tag::Noscript | Tag::Template | Tag::Head) {
                    text[id] = 0;
                    link[id] = 0;
                    good[id] = 0;
                } else if tag == Tag::A {
                    link[id] = text[id];
                } else if matches!(tag, Tag::P | Tag::Pre | Tag::Blockquote)
                    && good[id] == 0
                    && text[id] >= 60
                    && link[id] * 3 < text[id]
                {
                    good[id] = text[id];
                }
            }
            _ => {}
        }
        let p = node.parent;
        if p != NONE {
            let p = p as usize;
            text[p] = text[p].saturating_add(text[id]);
            link[p] = link[p].saturating_add(link[id]);
            good[p] = good[p].saturating_add(good[id]);
        }
    }
    good
}

fn tag_reason(common: &Common<'_>, tag: Tag) -> Option<DropReason> {
    Some(match tag {
        Tag::Head
        | Tag::Script
        | Tag::Style
        | Tag::Noscript
        | Tag::Template
        | Tag::Svg
        | Tag::Math
        | Tag::Iframe
        | Tag::Object
        | Tag::Canvas
        | Tag::Button
        | Tag::Input
        | Tag::Select
        | Tag::Option
        | Tag::Textarea
        | Tag::Video
        | Tag::Audio
        | Tag::Dialog
        | Tag::Title => DropReason::Markup,
        Tag::Nav | Tag::Menu => DropReason::Navigation,
        Tag::Footer => DropReason::Footer,
        Tag::Aside => DropReason::Related,
        Tag::Header => {
            // A header inside the article holds the headline and byline (kept as fields); a page header is site
            // chrome. Either way it is not body text.
            if common.class.is_some_and(|c| c.contains("entry") || c.contains("article")) {
                DropReason::Metadata
            } else {
                DropReason::Header
            }
        }
        _ => return None,
    })
}

fn hidden(c: &Common<'_>) -> bool {
    if c.hidden.is_some() || c.aria_hidden.is_some_and(|v| v.eq_ignore_ascii_case("true")) {
        return true;
    }
    c.style.is_some_and(|s| {
        let b = s.as_bytes();
        (memchr::memmem::find(b, b"none").is_some() || memchr::memmem::find(b, b"hidden").is_some()) && {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        }
    })
}

fn role_reason(role: &str) -> Option<DropReason> {
    Some(match role.trim().to_ascii_lowercase().as_str() {
        "navigation" | "menu" | "menubar" => DropReason::Navigation,
        "contentinfo" => DropReason::Footer,
        "banner" => DropReason::Header,
        "complementary" => DropReason::Related,
        "dialog" | "alertdialog" => DropReason::Boilerplate,
        _ => return None,
    })
}

fn is_article_body(c: &Common<'_>) -> bool {
    c.itemprop.is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
}

fn mark_boilerplate(
    dom: &Dom<'_>,
    raw_text: &[u32],
    total_text: u32,
    marks: &mut [Mark],
    dropped: &mut Vec<Dropped>,
    use_classes: bool,
) {
    let mut lower = String::new();
    let mut cache: rustc_hash::FxHashMap<&str, (Option<DropReason>, bool)> = rustc_hash::FxHashMap::default();
    let mut id: NodeId = 0;
    while id != NONE {
        let node = dom.node(id);
        let mut skip = false;
        match node.kind {
            Kind::Element { tag, .. } => {
                let mut mark = Mark::Keep;
                let common = dom.common(id);
                if let Some(r) = tag_reason(&common, tag) {
                    mark = Mark::Drop(r);
                } else if tag == Tag::Figcaption {
                    mark = Mark::Caption;
                } else if !matches!(tag, Tag::Html | Tag::Body)
                    && hidden(&common)
                    // Streaming frameworks park the whole article in a hidden element until scripts move it.
                    && (raw_text[id as usize] as u64) * 5 < total_text as u64 * 2
                {
                    mark = Mark::Drop(DropReason::Boilerplate);
                } else if let Some(r) = common.role.and_then(role_reason) {
                    if !matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article) {
                        mark = Mark::Drop(r);
                    }
                } else if use_classes
                    && !matches!(tag, Tag::Html | Tag::Body | Tag::Main | Tag::Article | Tag::P | Tag::Figure)
                    && !is_article_body(&common)
                    && (raw_text[id as usize] as u64) * 5 < total_text as u64 * 2
                {
                    for v in [common.class, common.id] {
                        let Some(v) = v else { continue };
                        if v.len() > 200 || v.is_empty() {
                            continue;
                        }
                        // Pages repeat the same class on many elements: classify each value once.
                        let (reason, caption) = *cache.entry(v).or_insert_with(|| {
                            let r = BOILERPLATE.classify(v, &mut lower);
                            (r, lower.contains("caption"))
                        });
                        if let Some(r) = reason {
                            mark = Mark::Drop(r);
                            break;
                        }
                        if caption && raw_text[id as usize] < 300 {
                            mark = Mark::Caption;
                            break;
                        }
                    }
                }
                if let Mark::Drop(reason) = mark {
                    dropped.push(Dropped { start: node.start as usize, end: node.end as usize, reason });
                    skip = true;
                }
                marks[id as usize] = mark;
                if mark == Mark::Caption {
                    skip = true;
                }
            }
            Kind::Comment => {
                marks[id as usize] = Mark::Drop(DropReason::Markup);
            }
            _ => {}
        }
        id = if skip { dom.next_skipping_children(id, 0) } else { dom.next_in(id, 0) };
    }
}

fn content_sums(dom: &Dom<'_>, marks: &[Mark]) -> Sums {
    let n = dom.nodes.len();
    let mut s = Sums { text: vec![0; n], link: vec![0; n], commas: vec![0; n], has_block: vec![false; n] };
    for id in (0..n).rev() {
        let node = &dom.nodes[id];
        match node.kind {
            Kind::Text => {
                s.text[id] = node.weight;
                s.commas[id] = node.commas;
            }
            Kind::Element { tag: Tag::A, .. } => s.link[id] = s.text[id],
            _ => {}
        }
        let p = node.parent;
        if p == NONE || marks[id] != Mark::Keep {
            if let (true, Kind::Element { tag, .. }) = (p != NONE, dom.nodes[id].kind)
                && tag.is_block()
            {
                s.has_block[p as usize] = true;
            }
            continue;
        }
        let p = p as usize;
        s.text[p] = s.text[p].saturating_add(s.text[id]);
        s.link[p] = s.link[p].saturating_add(s.link[id]);
        s.commas[p] = s.commas[p].saturating_add(s.commas[id]);
        if let Kind::Element { tag, .. } = node.kind
            && (tag.is_block() || s.has_block[id])
        {
            s.has_block[p] = true;
        }
    }
    s
}

fn class_weight(dom: &Dom<'_>, id: NodeId) -> f32 {
    static POSITIVE: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["article", "body", "content", "entry", "main", "post", "story", "text"])
            .expect("static patterns")
    });
    let common = dom.common(id);
    let mut w = 0.0;
    if is_article_body(&common) {
        w += 50.0;
    }
    for v in [common.class, common.id].into_iter().flatten() {
        if POSITIVE.is_match(v) {
            w += 25.0;
        }
    }
    w
}

fn tag_weight(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => -3.0,
        t if t.is_heading() => -5.0,
        _ => 0.0,
    }
}

/// Paragraph scores: what each candidate container scored, and the link-poor paragraph text it holds.
struct Scores {
    /// Score of each node (meaningful where `scored`).
    score: Vec<f32>,
    scored: Vec<bool>,
    /// Text of link-poor paragraphs directly inside each node (summed into ancestors by [`sum_good_upwards`]).
    good: Vec<u32>,
}

/// The best-scoring container and those of its siblings that also look like article text, in document order.
fn choose_containers(dom: &Dom<'_>, marks: &[Mark], sums: &Sums) -> Vec<NodeId> {
    let n = dom.nodes.len();
    let mut scores = score_paragraphs(dom, marks, sums);
    let (best, best_score) = best_candidate(&mut scores, sums);
    if best == NONE {
        // No paragraphs at all: fall back to the body (or the whole document) so short pages still give text.
        let body = (0..n as NodeId).find(|&i| dom.tag(i) == Some(Tag::Body)).unwrap_or(0);
        return if sums.text[body as usize] > 0 { vec![body] } else { Vec::new() };
    }
    sum_good_upwards(dom, marks, &mut scores.good);
    let best = climb(dom, sums, &scores.good, best);
    let best_score =
        if scores.scored[best as usize] { scores.score[best as usize].max(best_score) } else { best_score };
    let parent = dom.node(best).parent;
    if parent == NONE {
        return vec![best];
    }
    let mut out = same_class_containers(dom, marks, &scores.good, best);
    let threshold = (best_score * 0.2).max(10.0);
    let mut c = dom.node(parent).first_child;
    while c != NONE {
        let ci = c as usize;
        let keep = c == best
            || marks[ci] == Mark::Keep
                && dom.tag(c).is_some()
                && (scores.scored[ci] && scores.score[ci] >= threshold || {
                    let len = sums.text[ci];
                    let density = if len == 0 { 1.0 } else { sums.link[ci] as f32 / len as f32 };
                    dom.tag(c) == Some(Tag::P)
                        && (len > 80 && density < 0.25 || len > 0 && density == 0.0 && sums.commas[ci] > 0)
                });
        if keep && !out.contains(&c) {
            out.push(c);
        }
        c = dom.node(c).next_sibling;
    }
    out.sort_unstable();
    outermost(dom, &out)
}

/// Scores every paragraph's ancestors (up to five levels, less the higher): a paragraph is a p-like element, a
/// leaf div, or a run of loose text directly inside a div that also holds blocks (`text<br>text<div class=ad>`).
fn score_paragraphs(dom: &Dom<'_>, marks: &[Mark], sums: &Sums) -> Scores {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    let mut scored = vec![false; n];
    // Text of link-poor paragraphs, summed into every ancestor below (after the walk).
    let mut good = vec![0u32; n];
    let mut id: NodeId = 0;
    while id != NONE {
        let skip = marks[id as usize] != Mark::Keep;
        if !skip && let Some(first) = paragraph_container(dom, sums, id) {
            let len = sums.text[id as usize];
            if len >= 25 && first != NONE && sums.link[id as usize] * 10 < len * 3 {
                good[first as usize] += len;
            }
            if len >= 25 {
                let s = 1.0 + sums.commas[id as usize].min(50) as f32 + (len as f32 / 100.0).min(3.0);
                let mut anc = first;
                for level in 0..5 {
                    if anc == NONE || anc == 0 {
                        break;
                    }
                    let a = anc as usize;
                    if !scored[a] {
                        scored[a] = true;
                        score[a] = dom.tag(anc).map_or(0.0, tag_weight) + class_weight(dom, anc);
                    }
                    score[a] += s / [1.0, 2.0, 6.0, 9.0, 12.0][level];
                    anc = dom.node(anc).parent;
                }
            }
        }
        id = if skip { dom.next_skipping_children(id, 0) } else { dom.next_in(id, 0) };
    }
    Scores { score, scored, good }
}

/// When `id` is a paragraph, the container its text scores into: an element's parent, or for loose text the
/// block-holding element around it.
fn paragraph_container(dom: &Dom<'_>, sums: &Sums, id: NodeId) -> Option<NodeId> {
    match dom.node(id).kind {
        Kind::Element { tag, .. } => {
            let is_para = matches!(tag, Tag::P | Tag::Pre | Tag::Td | Tag::Blockquote | Tag::Dd)
                || (matches!(tag, Tag::Div | Tag::Section | Tag::Article) && !sums.has_block[id as usize]);
            is_para.then(|| dom.node(id).parent)
        }
        Kind::Text => {
            let mut b = dom.node(id).parent;
            let mut hops = 0;
            while b != NONE && hops < 3 && dom.tag(b).is_some_and(|t| !t.is_block()) {
                b = dom.node(b).parent;
                hops += 1;
            }
            (b != NONE && sums.has_block[b as usize]).then_some(b)
        }
        _ => None,
    }
}

/// The best-scoring container after each score is discounted by its link density (scores are updated in place),
/// with its score; `NONE` when no paragraph scored.
fn best_candidate(scores: &mut Scores, sums: &Sums) -> (NodeId, f32) {
    let mut best = NONE;
    let mut best_score = 0f32;
    for i in 0..scores.score.len() {
        if !scores.scored[i] || sums.text[i] == 0 {
            continue;
        }
        let density = sums.link[i] as f32 / sums.text[i] as f32;
        scores.score[i] *= 1.0 - density.min(1.0);
        if scores.score[i] > best_score {
            best_score = scores.score[i];
            best = i as NodeId;
        }
    }
    (best, best_score)
}

/// Sums each kept node's good paragraph text into its parent, bottom up.
fn sum_good_upwards(dom: &Dom<'_>, marks: &[Mark], good: &mut [u32]) {
    for i in (1..dom.nodes.len()).rev() {
        let p = dom.nodes[i].parent;
        if p != NONE && marks[i] == Mark::Keep {
            good[p as usize] = good[p as usize].saturating_add(good[i]);
        }
    }
}

/// Articles cut into many small wrappers (a card per paragraph) leave the best candidate holding a fraction of the
/// text: climbs while an ancestor (up to three levels) holds clearly more good paragraph text and is not link-heavy.
fn climb(dom: &Dom<'_>, sums: &Sums, good: &[u32], mut best: NodeId) -> NodeId {
    'climb: loop {
        let bg = good[best as usize] as u64;
        let mut anc = dom.node(best).parent;
        for _ in 0..3 {
            if anc == NONE || matches!(dom.tag(anc), None | Some(Tag::Body | Tag::Html)) {
                break 'climb;
            }
            let a = anc as usize;
            let link_poor = sums.link[a] as u64 * 10 < sums.text[a].max(1) as u64 * 3;
            if good[a] as u64 * 10 > bg * 13 && (bg < 1000 || good[a] as u64 > bg * 2) && link_poor {
                best = anc;
                continue 'climb;
            }
            anc = dom.node(anc).parent;
        }
        break;
    }
    best
}

/// An article that ads cut into several containers often repeats the container's exact class list: the other kept
/// elements with the same tag and class that hold good paragraph text, in document order.
fn same_class_containers(dom: &Dom<'_>, marks: &[Mark], good: &[u32], best: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let Some(class) = dom.common(best).class.filter(|c| c.len() >= 4) else { return out };
    let best_node = *dom.node(best);
    let tag = dom.tag(best);
    for i in 1..dom.nodes.len() {
        let node = &dom.nodes[i];
        if i as NodeId == best || good[i] == 0 || marks[i] != Mark::Keep || dom.tag(i as NodeId) != tag {
            continue;
        }
        let nested = (node.start >= best_node.start && node.end <= best_node.end)
            || (best_node.start >= node.start && best_node.end <= node.end);
        if !nested && dom.common(i as NodeId).class == Some(class) && !inside_dropped(dom, i as NodeId, marks) {
            out.push(i as NodeId);
        }
    }
    out
}

/// The containers not nested in another one of `out` (sorted), in order.
fn outermost(dom: &Dom<'_>, out: &[NodeId]) -> Vec<NodeId> {
    let spans: Vec<(u32, u32)> = out.iter().map(|&c| (dom.node(c).start, dom.node(c).end)).collect();
    let mut kept = Vec::with_capacity(out.len());
    for (i, &c) in out.iter().enumerate() {
        let (s, e) = spans[i];
        if !spans.iter().enumerate().any(|(j, &(s2, e2))| j != i && s2 <= s && e <= e2 && (s2, e2) != (s, e)) {
            kept.push(c);
        }
    }
    kept
}

fn inside_dropped(dom: &Dom<'_>, id: NodeId, marks: &[Mark]) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if marks[a as usize] != Mark::Keep {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

struct Run {
    buf: TextBuf,
    start: u32,
    end: u32,
    link: u32,
    owner: NodeId,
}

impl Run {
    /// Adds text node `id` to the run: its whole text (white space included), its trimmed span, and its length to
    /// the link text when it sits inside a link. A run's first text sets its owner, the enclosing block.
    fn push_text(&mut self, dom: &Dom<'_>, id: NodeId, owner: NodeId, in_link: bool) {
        let node = dom.node(id);
        let raw = dom.slice(node.start, node.end);
        let trimmed = raw.trim_matches(|c: char| c.is_ascii_whitespace());
        if trimmed.is_empty() {
            self.buf.push_raw(raw);
            return;
        }
        let lead = (raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_whitespace()).len()) as u32;
        let s = node.start + lead;
        if self.start == u32::MAX {
            self.start = s;
            self.owner = owner;
        }
        self.end = s + trimmed.len() as u32;
        let before = self.buf.text.len();
        self.buf.push_raw(raw);
        if in_link {
            self.link += (self.buf.text.len() - before) as u32;
        }
    }
}

/// The body blocks and captions under `root`: text runs between block boundaries, flushed into blocks.
fn collect(dom: &Dom<'_>, root: NodeId, marks: &[Mark], sums: &Sums, title: Option<&str>, out: &mut Content) {
    let mut run = Run { buf: TextBuf::default(), start: u32::MAX, end: 0, link: 0, owner: root };
    let mut link_depth = 0u32;
    // Owners: the nearest enclosing block element, kept as a stack of (node, depth marker).
    let mut owners: Vec<NodeId> = vec![root];
    let mut id = root;
    loop {
        // Enter `id`.
        let node = dom.node(id);
        let mut descend = false;
        match node.kind {
            Kind::Text => run.push_text(dom, id, *owners.last().unwrap_or(&root), link_depth > 0),
            Kind::Element { tag, .. } => match marks[id as usize] {
                Mark::Drop(_) => {}
                Mark::Caption => {
                    flush(dom, &mut run, sums, title, out);
                    let mut buf = TextBuf::default();
                    subtree_text(dom, id, marks, &mut buf);
                    if !buf.text.is_empty() {
                        out.captions.push(Block { text: buf.text, start: node.start as usize, end: node.end as usize });
                    }
                }
                Mark::Keep => {
                    if tag.is_block() {
                        flush(dom, &mut run, sums, title, out);
                        owners.push(id);
                    } else if tag == Tag::Br {
                        run.buf.space();
                    } else if tag == Tag::A {
                        link_depth += 1;
                    }
                    descend = node.first_child != NONE;
                    if !descend {
                        leave(dom, id, &mut run, &mut owners, &mut link_depth, sums, title, out);
                    }
                }
            },
            _ => {}
        }
        if descend {
            id = node.first_child;
            continue;
        }
        // Move to the next sibling, leaving finished ancestors.
        loop {
            if id == root {
                flush(dom, &mut run, sums, title, out);
                return;
            }
            let n = dom.node(id);
            if n.next_sibling != NONE {
                id = n.next_sibling;
                break;
            }
            id = n.parent;
            if id == NONE {
                flush(dom, &mut run, sums, title, out);
                return;
            }
            leave(dom, id, &mut run, &mut owners, &mut link_depth, sums, title, out);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn leave(
    dom: &Dom<'_>,
    id: NodeId,
    run: &mut Run,
    owners: &mut Vec<NodeId>,
    link_depth: &mut u32,
    sums: &Sums,
    title: Option<&str>,
    out: &mut Content,
) {
    match dom.tag(id) {
        Some(t) if t.is_block() => {
            flush(dom, run, sums, title, out);
            if owners.last() == Some(&id) && owners.len() > 1 {
                owners.pop();
            }
        }
        Some(Tag::A) => *link_depth = link_depth.saturating_sub(1),
        _ => {}
    }
}

fn flush(dom: &Dom<'_>, run: &mut Run, sums: &Sums, title: Option<&str>, out: &mut Content) {
    if run.start == u32::MAX {
        run.buf.clear();
        run.link = 0;
        return;
    }
    let text = std::mem::take(&mut run.buf.text);
    run.buf.clear();
    let owner = dom.node(run.owner);
    // A run that is all of its block's text is cited by the whole element.
    let (start, end) = if run.owner != 0 && !sums.has_block[run.owner as usize] && owner.start <= run.start {
        (owner.start, owner.end.max(run.end))
    } else {
        (run.start, run.end)
    };
    let chars = text.chars().count().max(1);
    let density = run.link as f32 / text.len().max(1) as f32;
    let reason = if title.is_some_and(|t| text.len() <= t.len() + 8 && same_text(t, &text)) {
        Some(DropReason::Title)
    } else if (density > 0.5 && chars < 400) || (density > 0.3 && chars < 40) {
        Some(DropReason::Related)
    } else {
        None
    };
    let (start, end) = (start as usize, end as usize);
    if dyad_core::Span::new(dom.src, start, end).is_ok() {
        match reason {
            Some(reason) => out.dropped.push(Dropped { start, end, reason }),
            None => out.body.push(Block { text, start, end }),
        }
    }
    run.start = u32::MAX;
    run.end = 0;
    run.link = 0;
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

/// The collapsed text of a subtree, skipping dropped parts.
fn subtree_text(dom: &Dom<'_>, root: NodeId, marks: &[Mark], buf: &mut TextBuf) {
    let mut id = root;
    while id != NONE {
        let node = dom.node(id);
        let skip = marks.get(id as usize).is_some_and(|m| matches!(m, Mark::Drop(_)));
        if !skip {
            match node.kind {
                Kind::Text => buf.push_raw(dom.slice(node.start, node.end)),
                Kind::Element { tag, .. } if tag.is_block() || tag == Tag::Br => buf.space(),
                _ => {}
            }
        }
        id = if skip { dom.next_skipping_children(id, root) } else { dom.next_in(id, root) };
    }
}

/// Records the kept-looking text outside the chosen containers as boilerplate.
fn mark_outside(dom: &Dom<'_>, containers: &[NodeId], marks: &[Mark], sums: &Sums, dropped: &mut Vec<Dropped>) {
    let mut holds = vec![false; dom.nodes.len()];
    for &c in containers {
        let mut a = c;
        while a != NONE && !holds[a as usize] {
            holds[a as usize] = true;
            a = dom.node(a).parent;
        }
    }
    let mut id: NodeId = 0;
    while id != NONE {
        let i = id as usize;
        let inside = containers.contains(&id);
        let mut skip = inside || marks[i] != Mark::Keep;
        if !skip && !holds[i] {
            skip = true;
            if sums.text[i] > 0 {
                let n = dom.node(id);
                dropped.push(Dropped { start: n.start as usize, end: n.end as usize, reason: DropReason::Boilerplate });
            }
        }
        id = if skip { dom.next_skipping_children(id, 0) } else { dom.next_in(id, 0) };
    }
}

/// Keeps each caption once; repeats are recorded as dropped duplicates.
fn dedup_captions(captions: &mut Vec<Block>, dropped: &mut Vec<Dropped>) {
    let mut seen = std::collections::HashSet::new();
    captions.retain(|c| {
        if seen.insert(c.text.clone()) {
            true
        } else {
            dropped.push(Dropped { start: c.start, end: c.end, reason: DropReason::DuplicateCaption });
            false
        }
    });
}
