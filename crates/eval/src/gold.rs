use serde::Deserialize;

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file is not JSON of the expected shape.
    #[error("gold file is not valid: {0}")]
    Parse(#[from] serde_json::Error),
}

/// Either one string or a list of them (gold's `body_starts_with` takes both).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single accepted value.
    One(String),
    /// Any of these is right.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The accepted values.
    pub fn values(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// What one page must yield.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldDocument {
    /// The page's file name.
    pub file: String,
    /// The outlet; `None` where the page names none (absent means not checked).
    #[serde(default, deserialize_with = "present")]
    pub outlet: Option<Option<String>>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date (ISO day).
    pub published: Option<String>,
    /// The place of the dateline.
    pub dateline: Option<String>,
    /// The first words of the body.
    pub body_starts_with: Option<OneOrMany>,
    /// The last words of the body.
    pub body_ends_with: Option<String>,
    /// Set when one trailing word after `body_ends_with` is tolerated.
    pub body_ends_note: Option<String>,
    /// Page chrome that must not be in the body.
    #[serde(default)]
    pub not_in_body: Vec<String>,
    /// A caption that must be kept once, as a caption.
    pub caption: Option<String>,
}

/// Distinguishes `"outlet": null` (must be none) from a missing key (not checked).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::<String>::deserialize(d)?))
}

/// One gold event.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    /// The gold id (`x1`).
    pub id: String,
    /// Three-digit file prefixes that report it.
    pub files: Vec<String>,
    /// Source country (ISO3).
    pub source: String,
    /// Target country (ISO3).
    pub target: String,
    /// Either order matches.
    #[serde(default)]
    pub symmetric: bool,
    /// Allowed CAMEO roots.
    pub roots: Vec<String>,
    /// The expected full CAMEO code, where given.
    pub cameo: Option<String>,
    /// The date: `2017-04-27`, `2017-04`, `1960` or a range `A/B`.
    pub date: Option<String>,
    /// `day`, `week`, `month` or `year`.
    pub precision: Option<String>,
    /// Counted in the headline recall.
    #[serde(default)]
    pub required: bool,
}

/// A legitimate reading that is not scored for recall but does not count against precision.
#[derive(Debug, Clone, Deserialize)]
pub struct Tolerated {
    /// Three-digit file prefixes.
    pub files: Vec<String>,
    /// Source country.
    pub source: String,
    /// Target country.
    pub target: String,
    /// Allowed roots.
    pub roots: Vec<String>,
}

/// A must-not-extract rule: either pairs from files, or gold ids that must not be split into two events.
#[derive(Debug, Clone, Deserialize)]
pub struct MustNot {
    /// Why.
    pub why: String,
    /// Country pairs that must not be joined by any event from `files`.
    #[serde(default)]
    pub pairs: Vec<[String; 2]>,
    /// The files the pairs apply to.
    #[serde(default)]
    pub files: Vec<String>,
    /// Gold events that must each be one event.
    #[serde(default)]
    pub ids: Vec<String>,
}

/// A whole gold file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    /// Per-page expectations.
    #[serde(default)]
    pub documents: Vec<GoldDocument>,
    /// Groups of pages that are one story.
    #[serde(default)]
    pub story_clusters: Vec<Vec<String>>,
    /// Pages that must not be grouped with any other.
    #[serde(default)]
    pub distinct_stories: Vec<String>,
    /// The events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Tolerated readings.
    #[serde(default)]
    pub tolerated: Vec<Tolerated>,
    /// Hard failures.
    #[serde(default)]
    pub must_not_extract: Vec<MustNot>,
}

impl Gold {
    /// Parses a gold file's JSON text.
    pub fn parse(json: &str) -> Result<Gold, GoldError> {
        Ok(serde_json::from_str(json)?)
    }
}
