//! Story clusters: documents grouped by estimated shingle similarity, each cluster with an original and its copies.

use crate::StoriesError;
use crate::hash::hash_str;
use crate::index::{Banding, LshIndex};
use crate::minhash::{MinHasher, Signature};
use crate::tokens::Tokens;
use crate::wire;
use dyad_core::DateValue;
use serde::{Deserialize, Serialize};

/// One document as the story index sees it. An adapter fills it from the page, time and actors crates.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The document's id (the page's file name).
    pub id: String,
    /// The outlet that published it, if known.
    pub outlet: Option<String>,
    /// Its publication date, if known.
    pub published: Option<DateValue>,
    /// The wire agencies the text credits ("Xinhua news agency reported"); see [`crate::agencies_in`].
    pub credits: Vec<String>,
    /// The normalised text: words, canonical actor ids and resolved dates.
    pub tokens: Tokens,
}

/// Settings of the story index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StoryConfig {
    /// Least tokens per shingle.
    pub shingle_min: usize,
    /// Most tokens per shingle; runs of every length in between are shingles too.
    pub shingle_max: usize,
    /// Least estimated Jaccard similarity for two documents to be one story.
    pub threshold: f32,
    /// LSH banding.
    pub banding: Banding,
    /// Most documents visited per bucket per query.
    pub max_chain: usize,
    /// Seed of the MinHash functions.
    pub seed: u64,
}

impl Default for StoryConfig {
    /// Shingles of 1 and 2 content tokens and a threshold of 0.18, calibrated with `dyad bench near-dup` on the labelled
    /// set in `tests/data` (see the crate documentation for the figures).
    fn default() -> StoryConfig {
        StoryConfig {
            shingle_min: 1,
            shingle_max: 2,
            threshold: 0.18,
            banding: Banding::DEFAULT,
            max_chain: 256,
            seed: 0x5eed_d1ad,
        }
    }
}

#[derive(Debug, Clone)]
struct Meta {
    id: String,
    outlet: Option<String>,
    published: Option<DateValue>,
    credits: Vec<String>,
}

/// A copy in a story, with its estimated similarity to the original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCopy {
    /// The copy's document id.
    pub file: String,
    /// Estimated Jaccard similarity of its shingles to the original's.
    pub similarity: f32,
}

/// A story: one original and the documents that copy or rewrite it. Serialises as the story record of FORMATS.md
/// plus `copies`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// A stable id derived from the original's id.
    pub id: String,
    /// Every document of the story, the original first, then in insertion order.
    pub files: Vec<String>,
    /// The original.
    pub original: String,
    /// The least estimated similarity of a copy to the original (1 for a story of one page).
    pub similarity: f32,
    /// The copies with their similarities.
    pub copies: Vec<StoryCopy>,
}

/// A document's number in the index, in insertion order.
pub type DocNo = u32;

/// The incremental story index: add documents one at a time; read the stories at any point.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    config: StoryConfig,
    hasher: MinHasher,
    index: LshIndex,
    meta: Vec<Meta>,
    parent: Vec<DocNo>,
    size: Vec<u32>,
}

impl StoryIndex {
    /// An empty index.
    pub fn new(config: StoryConfig) -> Result<StoryIndex, StoriesError> {
        if !(0.0..=1.0).contains(&config.threshold) {
            return Err(StoriesError::Threshold(config.threshold));
        }
        Ok(StoryIndex {
            config,
            hasher: MinHasher::with_sizes(config.shingle_min, config.shingle_max, config.seed),
            index: LshIndex::new(config.banding, config.max_chain)?,
            meta: Vec::new(),
            parent: Vec::new(),
            size: Vec::new(),
        })
    }

    /// The settings.
    pub fn config(&self) -> StoryConfig {
        self.config
    }

    /// The MinHash signature of a document's tokens under this index's settings.
    pub fn sign(&self, tokens: &Tokens) -> Signature {
        self.hasher.sign(tokens.as_slice())
    }

    /// Adds a document; returns its number and the earlier documents it matched, best first.
    pub fn add(&mut self, doc: &Document) -> (DocNo, Vec<(DocNo, f32)>) {
        let sig = self.sign(&doc.tokens);
        let matches = self.index.query(&sig, self.config.threshold);
        let no = self.index.insert(sig);
        self.meta.push(Meta {
            id: doc.id.clone(),
            outlet: doc.outlet.clone(),
            published: doc.published,
            credits: doc.credits.clone(),
        });
        self.parent.push(no);
        self.size.push(1);
        for &(other, _) in &matches {
            self.union(no, other);
        }
        (no, matches)
    }

    /// The stored documents whose estimated similarity to `sig` reaches the threshold, best first, without adding
    /// anything.
    pub fn query(&self, sig: &Signature) -> Vec<(DocNo, f32)> {
        self.index.query(sig, self.config.threshold)
    }

    /// The candidate documents the LSH index proposes for `sig` before the similarity check (for diagnostics).
    pub fn candidates(&self, sig: &Signature, out: &mut Vec<DocNo>) {
        self.index.candidates(sig, out);
    }

    /// Sets a document's publication date after the fact (for example one inferred from its story).
    pub fn set_published(&mut self, doc: DocNo, date: Option<DateValue>) {
        if let Some(m) = self.meta.get_mut(doc as usize) {
            m.published = date;
        }
    }

    fn find(&self, mut x: DocNo) -> DocNo {
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            x = p;
        }
        x
    }

    fn union(&mut self, a: DocNo, b: DocNo) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        // Union by size keeps trees shallow without path compression, so `find` can take `&self`.
        let (big, small) = if self.size[ra as usize] >= self.size[rb as usize] { (ra, rb) } else { (rb, ra) };
        self.parent[small as usize] = big;
        self.size[big as usize] += self.size[small as usize];
    }

    /// The story number of a document (the same for all documents of one story).
    pub fn story_of(&self, doc: DocNo) -> DocNo {
        self.find(doc)
    }

    /// Document numbers grouped by story, each group in insertion order, groups ordered by first member.
    pub fn groups(&self) -> Vec<Vec<DocNo>> {
        let mut by_root: std::collections::HashMap<DocNo, usize> = std::collections::HashMap::new();
        let mut groups: Vec<Vec<DocNo>> = Vec::new();
        for doc in 0..self.meta.len() as DocNo {
            let root = self.find(doc);
            let slot = *by_root.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[slot].push(doc);
        }
        groups
    }

    /// The publication dates of the other documents of `doc`'s story, for year inference.
    pub fn story_dates(&self, doc: DocNo) -> Vec<DateValue> {
        let root = self.find(doc);
        (0..self.meta.len() as DocNo)
            .filter(|&d| d != doc && self.find(d) == root)
            .filter_map(|d| self.meta[d as usize].published)
            .collect()
    }

    /// Every story, including stories of one document.
    pub fn stories(&self) -> Vec<Story> {
        self.groups().into_iter().map(|g| self.story(&g)).collect()
    }

    /// Only the stories with at least two documents.
    pub fn clusters(&self) -> Vec<Story> {
        self.groups().into_iter().filter(|g| g.len() > 1).map(|g| self.story(&g)).collect()
    }

    fn story(&self, members: &[DocNo]) -> Story {
        let original = self.choose_original(members);
        let orig_sig = self.index.signature(original);
        let mut copies = Vec::new();
        for &d in members.iter().filter(|&&d| d != original) {
            let similarity = match (orig_sig, self.index.signature(d)) {
                (Some(a), Some(b)) => a.similarity(b),
                _ => 0.0,
            };
            copies.push(StoryCopy { file: self.meta[d as usize].id.clone(), similarity });
        }
        let similarity = copies.iter().map(|c| c.similarity).fold(1.0f32, f32::min);
        let original_id = self.meta[original as usize].id.clone();
        let mut files = vec![original_id.clone()];
        files.extend(copies.iter().map(|c| c.file.clone()));
        Story {
            id: format!("{:016x}", hash_str(0x5707, &original_id)),
            files,
            original: original_id,
            similarity,
            copies,
        }
    }

    /// The original: among the documents published no later than a day after the earliest one (or all, when no
    /// date is known), a wire report that another member credits, else a wire report, else the earliest, else the
    /// first added. Copies commonly appear a day after the wire report they carry, hence the day's slack.
    fn choose_original(&self, members: &[DocNo]) -> DocNo {
        let earliest = members.iter().filter_map(|&d| self.meta[d as usize].published.map(|p| p.first_day())).min();
        let early = |d: DocNo| match (earliest, self.meta[d as usize].published) {
            (Some(e), Some(p)) => p.first_day() <= e + chrono::Duration::days(1),
            (Some(_), None) => false,
            (None, _) => true,
        };
        let credited: Vec<&str> =
            members.iter().flat_map(|&d| self.meta[d as usize].credits.iter().map(String::as_str)).collect();
        let agency = |d: DocNo| self.meta[d as usize].outlet.as_deref().and_then(wire::agency_of_outlet);
        let rank = |d: DocNo| {
            let a = agency(d);
            let is_credited = a.is_some_and(|a| credited.contains(&a));
            let date = self.meta[d as usize].published.map(|p| p.first_day());
            (!is_credited, a.is_none(), date.is_none(), date, d)
        };
        let pool: Vec<DocNo> = members.iter().copied().filter(|&d| early(d)).collect();
        let pool = if pool.is_empty() { members.to_vec() } else { pool };
        pool.into_iter().min_by_key(|&d| rank(d)).unwrap_or(0)
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.meta.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.meta.is_empty()
    }

    /// Heap bytes of the LSH index proper (signatures, buckets, chains).
    pub fn index_heap_bytes(&self) -> usize {
        self.index.heap_bytes()
    }

    /// Heap bytes of everything else kept per document (ids, outlets, union-find), approximately.
    pub fn meta_heap_bytes(&self) -> usize {
        let per: usize = self
            .meta
            .iter()
            .map(|m| m.id.capacity() + m.outlet.as_ref().map_or(0, String::capacity) + m.credits.capacity() * 24)
            .sum();
        per + self.meta.capacity() * std::mem::size_of::<Meta>() + (self.parent.capacity() + self.size.capacity()) * 4
    }
}
