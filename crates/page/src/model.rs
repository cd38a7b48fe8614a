use dyad_core::DateValue;
use serde::{Deserialize, Serialize};

/// Whether the page was saved as plain text or as HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// Plain text as a scraper saved it (menus and all).
    Text,
    /// HTML markup.
    Html,
}

/// A run of article text: a body paragraph or a caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// The text, with white space as the page has it (plain text) or collapsed (HTML).
    pub text: String,
    /// Byte offset of the block's first byte in the original page.
    pub start: usize,
    /// Byte offset one past the block's last byte in the original page.
    pub end: usize,
}

/// Why a region of the page was not kept as article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Site menus and section lists.
    Navigation,
    /// A headline ticker ("Off the wire" and the like).
    Ticker,
    /// Breadcrumbs ("You are here: Home").
    Breadcrumb,
    /// Site header above the article: page-header date, language switch, logo text.
    Header,
    /// Footer: copyright, address, registration numbers, policies.
    Footer,
    /// Comment forms and comment threads.
    Comments,
    /// Legal disclaimers and notices.
    Disclaimer,
    /// Share buttons, related or recommended links, "You May Like", "Latest News".
    Related,
    /// Tags, labels and category lists.
    Tags,
    /// Byline and publication metadata lines (kept as fields, not as body text).
    Metadata,
    /// The title printed again.
    Title,
    /// A caption printed again.
    DuplicateCaption,
    /// Advertising and promotional text.
    Advertising,
    /// Script, style and other markup that is not text.
    Markup,
    /// Text that looks like boilerplate for any other reason (too short, link-like, no sentences).
    Boilerplate,
}

/// A region of the page that was not kept, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// Byte offset of the region's first byte in the original page.
    pub start: usize,
    /// Byte offset one past the region's last byte.
    pub end: usize,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// The article's publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The date at its precision (serialised as `value` and `precision`).
    #[serde(flatten)]
    pub date: DateValue,
    /// The page text or metadata it came from, or the reasoning when it was inferred.
    pub evidence: String,
    /// How it was chosen: `metadata`, `byline`, `dateline`, `inferred`, ...
    pub basis: String,
}

/// What page extraction produces: the article inside the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file name the page came from (as given to [`crate::extract`]).
    pub file: String,
    /// Plain text or HTML.
    pub format: PageFormat,
    /// The headline, if found.
    pub title: Option<String>,
    /// The outlet, canonical name from the outlet dictionary where known ("Xinhua").
    pub outlet: Option<String>,
    /// The outlet's country (ISO 3166-1 alpha-3), where the outlet dictionary knows it.
    pub outlet_country: Option<String>,
    /// The place in the dateline ("Pyongyang"), if any.
    pub dateline: Option<String>,
    /// The publication date; `None` when the page gives none and none can be inferred with a stated reason.
    pub published: Option<Published>,
    /// Candidate full dates when the page gives a day and month but no year, with the cue that limits them
    /// ("April 28" + "on Friday" in the lead: the April 28s that fell on a Friday in the 30 years up to the current
    /// year). Empty otherwise. The story stage settles the year.
    pub published_candidates: Vec<DateValue>,
    /// Body paragraphs in reading order.
    pub body: Vec<Block>,
    /// Photo captions, each once, kept apart from the body.
    pub captions: Vec<Block>,
    /// Every region that was not kept, with its reason.
    pub dropped: Vec<Dropped>,
    /// ISO 639-1 code of the article's language as detected ("en").
    pub language: String,
}

impl Article {
    /// An English plain-text article that is only `body`: no title, outlet, date or captions. For text that is
    /// already an article body (benchmark sentences, tests), which page extraction would find too short to keep.
    pub fn from_body(file: impl Into<String>, body: Vec<Block>) -> Article {
        Article {
            file: file.into(),
            format: PageFormat::Text,
            title: None,
            outlet: None,
            outlet_country: None,
            dateline: None,
            published: None,
            published_candidates: Vec::new(),
            body,
            captions: Vec::new(),
            dropped: Vec::new(),
            language: "en".into(),
        }
    }
}

/// Why a page could not be turned into an article. Each is a per-document outcome: the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The page has no bytes, or only white space.
    #[error("empty page")]
    Empty,
    /// The page is larger than the limit.
    #[error("page is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// The page's size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The page looks like binary data (NUL bytes, a known binary signature, many control bytes).
    #[error("binary data, not a text or HTML page: {0}")]
    Binary(String),
    /// The page is not valid UTF-8 and could not be decoded from a declared charset.
    #[error("invalid UTF-8 at byte {0}")]
    InvalidUtf8(usize),
    /// The HTML nests deeper than the parser will follow.
    #[error("HTML nested deeper than {0} levels")]
    TooDeep(usize),
    /// No article text was found.
    #[error("no article text found")]
    NoArticle,
    /// The article is not in a language dyad codes (English).
    #[error("article language is {0}, not English")]
    NotEnglish(String),
}
