//! A small, forgiving HTML tree builder that keeps every node's byte span in the source.
//!
//! Why not an HTML5 parser: dyad needs source offsets for every block and thousands of pages per second. This
//! builder scans with `memchr`, never copies text, stores nodes in one arena (parent / first child / next sibling
//! indices) and never recurses, so 10,000 levels of nesting cost nothing but memory. It applies the handful of
//! HTML5 implied-end-tag rules that matter for text (`p`, `li`, `dt`/`dd`, table cells, `option`) and treats
//! `script`, `style`, `textarea`, `title` and friends as raw text.

use memchr::{memchr, memmem};

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = u32;
/// Marks "no node" in the link fields.
pub(crate) const NONE: NodeId = u32::MAX;

/// Element names the extractor cares about; everything else is [`Tag::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    Noscript,
    Template,
    Svg,
    Math,
    Iframe,
    Object,
    Canvas,
    Form,
    Button,
    Input,
    Select,
    Option,
    Textarea,
    Label,
    Nav,
    Header,
    Footer,
    Aside,
    Main,
    Article,
    Section,
    Div,
    P,
    Br,
    Hr,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Figure,
    Figcaption,
    Blockquote,
    Pre,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    A,
    Img,
    Picture,
    Video,
    Audio,
    Source,
    Time,
    Span,
    Font,
    Center,
    B,
    I,
    Em,
    Strong,
    Small,
    Sup,
    Sub,
    Code,
    Q,
    Cite,
    Abbr,
    U,
    Wbr,
    Other,
}

impl Tag {
    // One arm per known tag name: a table, long by nature, kept in one place.
    fn from_lower(name: &[u8]) -> Tag {
        match name {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"iframe" => Tag::Iframe,
            b"object" | b"embed" => Tag::Object,
            b"canvas" => Tag::Canvas,
            b"form" => Tag::Form,
            b"button" => Tag::Button,
            b"input" => Tag::Input,
            b"select" => Tag::Select,
            b"option" | b"optgroup" => Tag::Option,
            b"textarea" => Tag::Textarea,
            b"label" => Tag::Label,
            b"nav" => Tag::Nav,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"aside" => Tag::Aside,
            b"main" => Tag::Main,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"table" => Tag::Table,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"caption" => Tag::Caption,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            b"address" => Tag::Address,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            b"a" => Tag::A,
            b"img" => Tag::Img,
            b"picture" => Tag::Picture,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"source" | b"track" => Tag::Source,
            b"time" => Tag::Time,
            b"span" => Tag::Span,
            b"font" => Tag::Font,
            b"center" => Tag::Center,
            b"b" => Tag::B,
            b"i" => Tag::I,
            b"em" => Tag::Em,
            b"strong" => Tag::Strong,
            b"small" => Tag::Small,
            b"sup" => Tag::Sup,
            b"sub" => Tag::Sub,
            b"code" => Tag::Code,
            b"q" => Tag::Q,
            b"cite" => Tag::Cite,
            b"abbr" => Tag::Abbr,
            b"u" => Tag::U,
            b"wbr" => Tag::Wbr,
            _ => Tag::Other,
        }
    }

    /// Elements with no content and no end tag.
    fn is_void(self, name: &[u8]) -> bool {
        matches!(self, Tag::Meta | Tag::Link | Tag::Br | Tag::Hr | Tag::Img | Tag::Input | Tag::Source | Tag::Wbr)
            || (self == Tag::Other
                && matches!(name, b"area" | b"base" | b"col" | b"keygen" | b"param" | b"basefont" | b"bgsound"))
            || (self == Tag::Object && name == b"embed")
    }

    /// Elements whose content is not markup.
    fn is_raw_text(self, name: &[u8]) -> bool {
        matches!(self, Tag::Script | Tag::Style | Tag::Textarea | Tag::Title)
            || (self == Tag::Other && matches!(name, b"xmp" | b"noembed" | b"noframes" | b"plaintext"))
    }

    /// Block-level elements: they end an open `p` and break a run of inline text.
    pub(crate) fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Head
                | Tag::Body
                | Tag::Nav
                | Tag::Header
                | Tag::Footer
                | Tag::Aside
                | Tag::Main
                | Tag::Article
                | Tag::Section
                | Tag::Div
                | Tag::P
                | Tag::Hr
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Address
                | Tag::Details
                | Tag::Summary
                | Tag::Dialog
                | Tag::Menu
                | Tag::Form
                | Tag::Center
                | Tag::Title
                | Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Template
        )
    }

    /// Start tags that close an open `p` (HTML5 "close a p element").
    fn closes_p(self) -> bool {
        self.is_block()
            && !matches!(self, Tag::Html | Tag::Head | Tag::Body | Tag::Title | Tag::Script | Tag::Style)
            && !matches!(self, Tag::Li | Tag::Dt | Tag::Dd | Tag::Td | Tag::Th | Tag::Tr | Tag::Caption)
            && !matches!(self, Tag::Thead | Tag::Tbody | Tag::Tfoot | Tag::Noscript | Tag::Template | Tag::Center)
    }

    /// Headings h1 to h6.
    pub(crate) fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The document root (no source of its own).
    Document,
    /// An element; `attrs` is the range of its attributes in [`Dom::attrs`].
    Element { tag: Tag, attrs_start: u32, attrs_end: u32 },
    /// Character data (undecoded; may hold entities).
    Text,
    /// A comment (kept so that dropped regions can name it).
    Comment,
}

/// One node with its source span and tree links.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub kind: Kind,
    /// First byte: the `<` of the start tag, or the first byte of text.
    pub start: u32,
    /// One past the last byte: after the end tag's `>` (or where the element was implicitly closed).
    pub end: u32,
    /// For elements, the first byte after the start tag's `>`; for text, equal to `start`.
    pub inner_start: u32,
    /// For elements, the first byte of the end tag (or `end` when implied); for text, equal to `end`.
    pub inner_end: u32,
    /// For text, the non-white-space bytes (0 for script and style text); for elements, 0.
    pub weight: u32,
    /// For text, the commas in it.
    pub commas: u32,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next_sibling: NodeId,
}

/// An attribute: name (lowercase compare) and raw value spans in the source.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr {
    pub name: (u32, u32),
    pub value: (u32, u32),
}

/// Raw values of the attributes that boilerplate marking reads.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Common<'a> {
    pub id: Option<&'a str>,
    pub class: Option<&'a str>,
    pub role: Option<&'a str>,
    pub style: Option<&'a str>,
    pub hidden: Option<&'a str>,
    pub aria_hidden: Option<&'a str>,
    pub itemprop: Option<&'a str>,
}

/// The parsed page.
pub(crate) struct Dom<'a> {
    pub src: &'a str,
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    /// The deepest nesting seen, for diagnostics and limits.
    pub max_depth: usize,
}

impl<'a> Dom<'a> {
    /// Builds the tree. Never fails: any byte sequence becomes some tree.
    pub(crate) fn parse(src: &'a str) -> Dom<'a> {
        Builder::new(src).run()
    }

    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub(crate) fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes[id as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// The raw source of a span (offsets come from the builder, which keeps them on char boundaries).
    pub(crate) fn slice(&self, start: u32, end: u32) -> &'a str {
        self.src.get(start as usize..end as usize).unwrap_or("")
    }

    /// The attributes extraction looks at, read in one pass.
    pub(crate) fn common(&self, id: NodeId) -> Common<'a> {
        let mut c = Common::default();
        let Kind::Element { attrs_start, attrs_end, .. } = self.nodes[id as usize].kind else { return c };
        for a in self.attrs.get(attrs_start as usize..attrs_end as usize).unwrap_or(&[]) {
            let name = self.slice(a.name.0, a.name.1);
            let value = self.slice(a.value.0, a.value.1);
            let slot = match name.len() {
                2 if name.eq_ignore_ascii_case("id") => &mut c.id,
                4 if name.eq_ignore_ascii_case("role") => &mut c.role,
                5 if name.eq_ignore_ascii_case("class") => &mut c.class,
                5 if name.eq_ignore_ascii_case("style") => &mut c.style,
                6 if name.eq_ignore_ascii_case("hidden") => &mut c.hidden,
                8 if name.eq_ignore_ascii_case("itemprop") => &mut c.itemprop,
                11 if name.eq_ignore_ascii_case("aria-hidden") => &mut c.aria_hidden,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        c
    }

    /// The raw value of attribute `name` (lowercase) on element `id`.
    pub(crate) fn attr(&self, id: NodeId, name: &str) -> Option<&'a str> {
        let Kind::Element { attrs_start, attrs_end, .. } = self.nodes[id as usize].kind else { return None };
        self.attrs.get(attrs_start as usize..attrs_end as usize)?.iter().find_map(|a| {
            let n = self.slice(a.name.0, a.name.1);
            n.eq_ignore_ascii_case(name).then(|| self.slice(a.value.0, a.value.1))
        })
    }

    /// The next node in document order (pre-order), staying inside `root`'s subtree.
    pub(crate) fn next_in(&self, id: NodeId, root: NodeId) -> NodeId {
        let n = &self.nodes[id as usize];
        if n.first_child != NONE {
            return n.first_child;
        }
        self.next_skipping_children(id, root)
    }

    /// The next node in pre-order after `id`'s subtree, staying inside `root`'s subtree.
    pub(crate) fn next_skipping_children(&self, mut id: NodeId, root: NodeId) -> NodeId {
        loop {
            if id == root {
                return NONE;
            }
            let n = &self.nodes[id as usize];
            if n.next_sibling != NONE {
                return n.next_sibling;
            }
            if n.parent == NONE {
                return NONE;
            }
            id = n.parent;
        }
    }
}

struct Builder<'a> {
    src: &'a str,
    bytes: &'a [u8],
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    stack: Vec<NodeId>,
    max_depth: usize,
}

impl<'a> Builder<'a> {
    fn new(src: &'a str) -> Builder<'a> {
        let root = Node {
            kind: Kind::Document,
            start: 0,
            end: src.len() as u32,
            inner_start: 0,
            inner_end: src.len() as u32,
            weight: 0,
            commas: 0,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        };
        let mut nodes = Vec::with_capacity(src.len() / 40 + 16);
        nodes.push(root);
        Builder {
            src,
            bytes: src.as_bytes(),
            nodes,
            attrs: Vec::with_capacity(src.len() / 60 + 16),
            stack: vec![0],
            max_depth: 0,
        }
    }

    fn append(&mut self, mut node: Node) -> NodeId {
        let parent = *self.stack.last().unwrap_or(&0);
        let id = self.nodes.len() as NodeId;
        node.parent = parent;
        let p = &mut self.nodes[parent as usize];
        if p.last_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child as usize;
            p.last_child = id;
            self.nodes[last].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        self.nodes.push(node);
        id
    }

    fn leaf(kind: Kind, start: usize, end: usize) -> Node {
        Node {
            kind,
            start: start as u32,
            end: end as u32,
            inner_start: start as u32,
            inner_end: end as u32,
            weight: 0,
            commas: 0,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
        }
    }

    /// A text node with its weight and commas counted once, here.
    fn text_leaf(&self, start: usize, end: usize) -> Node {
        let mut node = Self::leaf(Kind::Text, start, end);
        let bytes = &self.bytes[start..end];
        node.weight = bytes.iter().filter(|b| !b.is_ascii_whitespace()).count() as u32;
        node.commas = memchr::memchr_iter(b',', bytes).count() as u32;
        node
    }

    fn top_tag(&self) -> Option<Tag> {
        let id = *self.stack.last()?;
        match self.nodes[id as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            _ => None,
        }
    }

    /// Closes the element on top of the stack, ending it at `at` (an implied end).
    fn pop_to(&mut self, depth: usize, at: usize) {
        while self.stack.len() > depth.max(1) {
            if let Some(id) = self.stack.pop() {
                let n = &mut self.nodes[id as usize];
                n.end = at as u32;
                n.inner_end = at as u32;
            }
        }
    }

    /// Index in the stack of the nearest open element `tag`, not looking past any of `barriers`.
    fn find_open(&self, tag: Tag, barriers: &[Tag]) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev() {
            if let Kind::Element { tag: t, .. } = self.nodes[id as usize].kind {
                if t == tag {
                    return Some(i);
                }
                if barriers.contains(&t) {
                    return None;
                }
            } else {
                return None;
            }
        }
        None
    }

    fn run(mut self) -> Dom<'a> {
        let len = self.bytes.len();
        let mut pos = 0usize;
        let mut text_start = 0usize;
        while pos < len {
            let Some(off) = memchr(b'<', &self.bytes[pos..]) else { break };
            let lt = pos + off;
            let starts_markup =
                self.bytes.get(lt + 1).is_some_and(|&c| c.is_ascii_alphabetic() || matches!(c, b'!' | b'/' | b'?'));
            if !starts_markup {
                pos = lt + 1;
                continue;
            }
            if text_start < lt {
                self.append(self.text_leaf(text_start, lt));
            }
            // `markup_at` emits the node; the result is the first byte after it.
            let next = self.markup_at(lt).unwrap_or(lt + 1);
            pos = next;
            text_start = next;
        }
        if text_start < len {
            self.append(self.text_leaf(text_start, len));
        }
        self.pop_to(1, len);
        Dom { src: self.src, nodes: self.nodes, attrs: self.attrs, max_depth: self.max_depth }
    }

    /// Handles markup starting at `lt` (a `<`). Returns the position after it, or `None` if the `<` is text.
    fn markup_at(&mut self, lt: usize) -> Option<usize> {
        let b = self.bytes;
        let next = *b.get(lt + 1)?;
        if next == b'!' {
            if b.get(lt + 2..lt + 4) == Some(b"--") {
                let end = memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |i| lt + 4 + i + 3);
                self.append(Self::leaf(Kind::Comment, lt, end));
                return Some(end);
            }
            let end = memchr(b'>', &b[lt..]).map_or(b.len(), |i| lt + i + 1);
            return Some(end);
        }
        if next == b'?' {
            let end = memchr(b'>', &b[lt..]).map_or(b.len(), |i| lt + i + 1);
            return Some(end);
        }
        if next == b'/' {
            return Some(self.end_tag(lt));
        }
        if !next.is_ascii_alphabetic() {
            return None;
        }
        let name_start = lt + 1;
        let name_end = scan_name(b, name_start);
        let mut buf = [0u8; 16];
        let lname = lower(&b[name_start..name_end], &mut buf);
        let tag = Tag::from_lower(lname);
        let attrs_start = self.attrs.len() as u32;
        let (tag_end, self_closing) = self.scan_attrs(name_end);
        let attrs_end = self.attrs.len() as u32;
        self.implied_closes(tag, lt);
        let mut node = Self::leaf(Kind::Element { tag, attrs_start, attrs_end }, lt, tag_end);
        node.inner_start = tag_end as u32;
        let id = self.append(node);
        if tag.is_void(lname) || (self_closing && matches!(tag, Tag::Other | Tag::Svg | Tag::Math)) {
            return Some(tag_end);
        }
        if tag.is_raw_text(lname) {
            return Some(self.raw_text(id, lname, tag_end));
        }
        self.stack.push(id);
        self.max_depth = self.max_depth.max(self.stack.len());
        Some(tag_end)
    }

    /// Handles the end tag at `lt` (a `</`). Returns the position after it.
    fn end_tag(&mut self, lt: usize) -> usize {
        let b = self.bytes;
        let name_start = lt + 2;
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            // `</>` or `</ ...`: a bogus comment in HTML5; skip to `>`.
            return memchr(b'>', &b[lt..]).map_or(b.len(), |i| lt + i + 1);
        }
        let name_end = scan_name(b, name_start);
        let end = memchr(b'>', &b[name_end..]).map_or(b.len(), |i| name_end + i + 1);
        let mut buf = [0u8; 16];
        let lname = lower(&b[name_start..name_end], &mut buf);
        let tag = Tag::from_lower(lname);
        let raw = &b[name_start..name_end];
        self.close(tag, raw, lt, end);
        end
    }

    /// The raw text of element `id` (a script or style whose start tag ends at `tag_end`, named `lname`): one text
    /// child up to the matching end tag, compared case-insensitively, or to the end of the page. Returns the
    /// position after the end tag.
    fn raw_text(&mut self, id: NodeId, lname: &[u8], tag_end: usize) -> usize {
        let b = self.bytes;
        let mut at = tag_end;
        let (text_end, close_end) = loop {
            match memmem::find(&b[at..], b"</") {
                Some(i) => {
                    let s = at + i;
                    let n = b.get(s + 2..s + 2 + lname.len());
                    if n.is_some_and(|n| n.eq_ignore_ascii_case(lname)) {
                        break (s, memchr(b'>', &b[s..]).map_or(b.len(), |j| s + j + 1));
                    }
                    at = s + 2;
                }
                None => break (b.len(), b.len()),
            }
        };
        if tag_end < text_end {
            self.stack.push(id);
            self.append(Self::leaf(Kind::Text, tag_end, text_end));
            self.stack.pop();
        }
        let n = &mut self.nodes[id as usize];
        n.inner_end = text_end as u32;
        n.end = close_end as u32;
        close_end
    }

    fn implied_closes(&mut self, tag: Tag, at: usize) {
        if (tag.closes_p() || tag == Tag::P)
            && let Some(i) = self.find_open(
                Tag::P,
                &[Tag::Div, Tag::Td, Tag::Th, Tag::Li, Tag::Blockquote, Tag::Article, Tag::Section, Tag::Body],
            )
        {
            self.pop_to(i, at);
        }
        match tag {
            Tag::Li => {
                if let Some(i) = self.find_open(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Div, Tag::Table]) {
                    self.pop_to(i, at);
                }
            }
            Tag::Dt | Tag::Dd => {
                for t in [Tag::Dt, Tag::Dd] {
                    if let Some(i) = self.find_open(t, &[Tag::Dl, Tag::Div]) {
                        self.pop_to(i, at);
                    }
                }
            }
            Tag::Td | Tag::Th => {
                for t in [Tag::Td, Tag::Th] {
                    if let Some(i) = self.find_open(t, &[Tag::Tr, Tag::Table]) {
                        self.pop_to(i, at);
                    }
                }
            }
            Tag::Tr => {
                if let Some(i) = self.find_open(Tag::Tr, &[Tag::Table]) {
                    self.pop_to(i, at);
                }
            }
            Tag::Option if self.top_tag() == Some(Tag::Option) => {
                let d = self.stack.len() - 1;
                self.pop_to(d, at);
            }
            _ => {}
        }
    }

    fn close(&mut self, tag: Tag, raw_name: &[u8], lt: usize, end: usize) {
        // Find the nearest open element with this name; a stray end tag is ignored.
        let mut found = None;
        for (i, &id) in self.stack.iter().enumerate().rev() {
            if let Kind::Element { tag: t, .. } = self.nodes[id as usize].kind {
                if t == tag && (tag != Tag::Other || self.name_of(id).eq_ignore_ascii_case(raw_name)) {
                    found = Some(i);
                    break;
                }
            } else {
                break;
            }
        }
        let Some(i) = found else {
            // A stray end tag (HTML5 turns a lone `</p>` into an empty p, which holds no text either way).
            return;
        };
        // Elements above the match were left open: they end where this end tag starts.
        while self.stack.len() > i + 1 {
            self.pop_to(self.stack.len() - 1, lt);
        }
        if let Some(id) = self.stack.pop() {
            let n = &mut self.nodes[id as usize];
            n.inner_end = lt as u32;
            n.end = end as u32;
        }
    }

    fn name_of(&self, id: NodeId) -> &'a [u8] {
        let s = self.nodes[id as usize].start as usize + 1;
        &self.bytes[s..scan_name(self.bytes, s)]
    }

    /// Scans attributes from `at` to the tag's `>`; returns (position after `>`, self-closing).
    fn scan_attrs(&mut self, mut at: usize) -> (usize, bool) {
        let b = self.bytes;
        let len = b.len();
        loop {
            while at < len && (b[at].is_ascii_whitespace() || b[at] == b'/') {
                at += 1;
            }
            if at >= len {
                return (len, false);
            }
            if b[at] == b'>' {
                let self_closing = at > 0 && b[at - 1] == b'/';
                return (at + 1, self_closing);
            }
            let name_start = at;
            while at < len
                && !(b[at].is_ascii_whitespace() || matches!(b[at], b'=' | b'>') || (b[at] == b'/' && at > name_start))
            {
                at += 1;
            }
            let name_end = at;
            while at < len && b[at].is_ascii_whitespace() {
                at += 1;
            }
            let mut value = (at as u32, at as u32);
            if at < len && b[at] == b'=' {
                at += 1;
                while at < len && b[at].is_ascii_whitespace() {
                    at += 1;
                }
                if at < len && (b[at] == b'"' || b[at] == b'\'') {
                    let q = b[at];
                    let vs = at + 1;
                    let ve = memchr(q, &b[vs..]).map_or(len, |i| vs + i);
                    value = (vs as u32, ve as u32);
                    at = (ve + 1).min(len);
                } else {
                    let vs = at;
                    while at < len && !b[at].is_ascii_whitespace() && b[at] != b'>' {
                        at += 1;
                    }
                    value = (vs as u32, at as u32);
                }
            }
            if name_end > name_start && self.attrs.len() < u32::MAX as usize - 1 {
                self.attrs.push(Attr { name: (name_start as u32, name_end as u32), value });
            }
            if name_end == name_start && at == name_start {
                at += 1;
            }
        }
    }
}

/// End of a tag name: ASCII letters, digits, `-`, `:` and `_`. Stops on any other byte, so it never splits a
/// multi-byte character (those bytes are all >= 0x80).
fn scan_name(b: &[u8], mut at: usize) -> usize {
    while at < b.len() && (b[at].is_ascii_alphanumeric() || matches!(b[at], b'-' | b':' | b'_')) {
        at += 1;
    }
    at
}

fn lower<'b>(name: &[u8], buf: &'b mut [u8; 16]) -> &'b [u8] {
    if name.len() > buf.len() {
        // Longer than any tag we know: the exact spelling does not matter.
        return &buf[..0];
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    &buf[..name.len()]
}
