//! Story clusters: documents grouped by estimated shingle similarity, each cluster with an original and its copies.
//!
//! A story is anchored on its first document (its *seed*). A new document joins an existing story only when it is
//! similar to that story's seed, or to a strict majority of the story's members that the index returns, and when its
//! actors agree with the seed's (when both name actors, more than half of the smaller actor set is shared); when it
//! qualifies for several stories it joins the one holding its best match, and existing stories are never merged.
//! The actor check exists because reports built from the same phrasing about different countries (wire templates,
//! recurring "X and Y signed ..." formulas) pass a word-shingle threshold, while copies of one report name the same
//! actors.
//! Linking every pair above the threshold (single linkage) would chain A~B~C into one story even when A and C have
//! nothing in common, and a long-running topic with many similar reports would become one story; anchoring keeps
//! every story within the threshold of one document and keeps the index append-only (a story number never changes).

use crate::StoriesError;
use crate::hash::hash_str;
use crate::index::{Banding, LshIndex};
use crate::minhash::{MinHasher, SIG_LEN, Signature};
use crate::tokens::HashedTokens;
use crate::wire;
use dyad_core::DateValue;
use serde::{Deserialize, Serialize};

/// One document as the story index sees it. An adapter fills it from the page, time and actors crates.
#[derive(Debug, Clone, Default)]
pub struct StoryDocument {
    /// Who published it and when, and whom it credits.
    pub meta: DocumentMeta,
    /// The normalised text: words, canonical actor ids and resolved dates.
    pub tokens: HashedTokens,
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

impl StoryConfig {
    /// A document's fingerprint under these settings (the index's [`StoryIndex::fingerprint`], without an index).
    pub fn fingerprint(&self, tokens: &HashedTokens) -> Fingerprint {
        let hasher = MinHasher::with_sizes(self.shingle_min, self.shingle_max, self.seed);
        Fingerprint { signature: hasher.sign(tokens.as_slice()), actors: tokens.actor_bits() }
    }

    /// Names these settings: fingerprints and stories stored under another tag must be computed again.
    pub fn tag(&self) -> String {
        format!("minhash{SIG_LEN} {self:?}")
    }
}

/// What the index keeps of a document besides its fingerprint: enough to choose a story's original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMeta {
    /// The document's id (the page's file name).
    pub id: String,
    /// The outlet that published it, if known.
    pub outlet: Option<String>,
    /// Its publication date, if known.
    pub published: Option<DateValue>,
    /// The wire agencies the text credits.
    pub credits: Vec<String>,
}

/// What the index compares documents by: the MinHash signature of the normalised text and the Bloom set of its
/// actors. It is all a document's text contributes, so a store can keep it instead of re-coding the text to
/// rebuild the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// MinHash signature of the shingles.
    pub signature: Signature,
    /// The actors as a Bloom set ([`HashedTokens::actor_bits`]).
    pub actors: u64,
}

impl Fingerprint {
    /// Bytes of the encoded form.
    pub const ENCODED_LEN: usize = SIG_LEN * 4 + 8;

    /// A fixed little-endian encoding: the signature's values, then the actor set.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(Self::ENCODED_LEN);
        for v in self.signature.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.actors.to_le_bytes());
        out
    }

    /// Decodes [`Fingerprint::to_bytes`]; `None` for bytes of the wrong length.
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        if bytes.len() != Self::ENCODED_LEN {
            return None;
        }
        let (sig, actors) = bytes.split_at(SIG_LEN * 4);
        let mut signature = [0u32; SIG_LEN];
        for (v, chunk) in signature.iter_mut().zip(sig.chunks_exact(4)) {
            *v = u32::from_le_bytes(chunk.try_into().ok()?);
        }
        Some(Fingerprint { signature: Signature(signature), actors: u64::from_le_bytes(actors.try_into().ok()?) })
    }
}

/// A story: one original and the documents that copy or rewrite it. Serialises as the story record of FORMATS.md;
/// it is what the corpus stage writes to the store and what the store reads back and `dyad stories` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// A stable id derived from the original's id.
    pub id: String,
    /// Every document of the story, the original first, then in insertion order.
    pub files: Vec<String>,
    /// The original.
    pub original: String,
    /// The least estimated similarity of a copy to the original (1 for a story of one page). Estimated in `f32`
    /// and kept as the `f64` it widens to, which is what the store keeps and the record prints.
    pub similarity: f64,
}

/// A document's number in the index, in insertion order.
pub type DocNo = u32;

/// The incremental story index: add documents one at a time; read the stories at any point.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    config: StoryConfig,
    hasher: MinHasher,
    index: LshIndex,
    meta: Vec<DocumentMeta>,
    /// Each document's story, numbered by the story's seed (its first document).
    story: Vec<DocNo>,
    /// Each story's later members (all but the seed), indexed by the seed; empty for documents that are not seeds.
    /// Kept so a story's members are found without a scan of every document.
    later: Vec<Vec<DocNo>>,
    /// Each document's actors as a Bloom set ([`HashedTokens::actor_bits`]).
    actors: Vec<u64>,
}

/// Whether two documents' actor sets agree: when both name actors, more than half of the smaller set is shared.
fn actors_agree(a: u64, b: u64) -> bool {
    let smaller = a.count_ones().min(b.count_ones());
    smaller == 0 || 2 * (a & b).count_ones() > smaller
}

/// What the matches of a new document say about one existing story.
#[derive(Debug, Clone, Copy)]
struct StoryVote {
    story: DocNo,
    matched: u32,
    best: f32,
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
            story: Vec::new(),
            later: Vec::new(),
            actors: Vec::new(),
        })
    }

    /// The settings.
    pub fn config(&self) -> StoryConfig {
        self.config
    }

    /// The MinHash signature of a document's tokens under this index's settings.
    pub fn sign(&self, tokens: &HashedTokens) -> Signature {
        self.hasher.sign(tokens.as_slice())
    }

    /// Adds a document; returns its number and the earlier documents it matched, best first. The document joins
    /// the story that holds its best match among the stories it qualifies for (see the module documentation), or
    /// starts a story of its own.
    pub fn add(&mut self, doc: &StoryDocument) -> (DocNo, Vec<(DocNo, f32)>) {
        self.add_fingerprinted(doc.meta.clone(), self.fingerprint(&doc.tokens))
    }

    /// A document's fingerprint under this index's settings.
    pub fn fingerprint(&self, tokens: &HashedTokens) -> Fingerprint {
        self.config.fingerprint(tokens)
    }

    /// [`StoryIndex::add`] for a document whose fingerprint is already known (one kept by a store). Adding the same
    /// fingerprints in the same order gives the same stories: story choice depends only on earlier documents.
    pub fn add_fingerprinted(&mut self, meta: DocumentMeta, fingerprint: Fingerprint) -> (DocNo, Vec<(DocNo, f32)>) {
        let Fingerprint { signature: sig, actors } = fingerprint;
        let matches = self.index.query(&sig, self.config.threshold);
        let joins = self.choose_story(&sig, actors, &matches);
        let no = self.index.insert(sig);
        self.meta.push(meta);
        let story = joins.unwrap_or(no);
        self.story.push(story);
        self.later.push(Vec::new());
        self.actors.push(actors);
        if story != no
            && let Some(later) = self.later.get_mut(story as usize)
        {
            later.push(no);
        }
        (no, matches)
    }

    /// The story a document with signature `sig`, actor set `actors` and the given matches (best first) joins, if
    /// any: among the stories whose seed's actors agree with its own and whose seed it matches or whose members it
    /// mostly matches, the one holding its best match.
    fn choose_story(&self, sig: &Signature, actors: u64, matches: &[(DocNo, f32)]) -> Option<DocNo> {
        // Matches are few (bounded by the candidate chains), so a linear list beats a map here.
        let mut votes: Vec<StoryVote> = Vec::new();
        for &(doc, sim) in matches {
            let Some(&story) = self.story.get(doc as usize) else { continue };
            match votes.iter_mut().find(|v| v.story == story) {
                Some(v) => v.matched += 1,
                None => votes.push(StoryVote { story, matched: 1, best: sim }),
            }
        }
        votes
            .into_iter()
            .filter(|v| {
                if !actors_agree(actors, self.actors.get(v.story as usize).copied().unwrap_or(0)) {
                    return false;
                }
                let size = self.later.get(v.story as usize).map_or(0, |l| l.len() as u32 + 1);
                let seed_sim = self.index.signature(v.story).map_or(0.0, |s| s.similarity(sig));
                seed_sim >= self.config.threshold || 2 * v.matched > size
            })
            .max_by(|a, b| a.best.total_cmp(&b.best).then(b.story.cmp(&a.story)))
            .map(|v| v.story)
    }

    /// Adds a document whose story is already known, without searching for one: rebuilding an index from stored
    /// fingerprints and stories costs only the inserts. `story` is what [`StoryIndex::story_of`] gave when the
    /// document was first added: an earlier story's first document, or the document's own number ([`Self::len`])
    /// when it started a story. Falls back to [`StoryIndex::add`]'s search for any other value.
    pub fn add_to_story(&mut self, meta: DocumentMeta, fingerprint: Fingerprint, story: DocNo) -> DocNo {
        let own = story as usize == self.meta.len();
        if !own && self.story.get(story as usize) != Some(&story) {
            return self.add_fingerprinted(meta, fingerprint).0;
        }
        let no = self.index.insert(fingerprint.signature);
        self.meta.push(meta);
        self.story.push(story);
        self.later.push(Vec::new());
        self.actors.push(fingerprint.actors);
        if !own && let Some(later) = self.later.get_mut(story as usize) {
            later.push(no);
        }
        no
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

    /// The story number of a document (the same for all documents of one story): its story's seed.
    pub fn story_of(&self, doc: DocNo) -> DocNo {
        self.story.get(doc as usize).copied().unwrap_or(doc)
    }

    /// Document numbers grouped by story, each group in insertion order, groups ordered by first member.
    pub fn groups(&self) -> Vec<Vec<DocNo>> {
        let mut by_root: std::collections::HashMap<DocNo, usize> = std::collections::HashMap::new();
        let mut groups: Vec<Vec<DocNo>> = Vec::new();
        for doc in 0..self.meta.len() as DocNo {
            let root = self.story_of(doc);
            let slot = *by_root.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[slot].push(doc);
        }
        groups
    }

    /// The members of `doc`'s story in insertion order (the seed first).
    pub fn members(&self, doc: DocNo) -> Vec<DocNo> {
        let seed = self.story_of(doc);
        let mut out = vec![seed];
        out.extend(self.later.get(seed as usize).into_iter().flatten());
        out
    }

    /// The publication dates of the other documents of `doc`'s story, for year inference.
    pub fn story_dates(&self, doc: DocNo) -> Vec<DateValue> {
        self.members(doc)
            .into_iter()
            .filter(|&d| d != doc)
            .filter_map(|d| self.meta.get(d as usize)?.published)
            .collect()
    }

    /// One story: the story of `doc`.
    pub fn story_with(&self, doc: DocNo) -> Story {
        self.story(&self.members(doc))
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
        let original_id = self.meta[original as usize].id.clone();
        let mut files = vec![original_id.clone()];
        let mut similarity = 1.0f32;
        for &d in members.iter().filter(|&&d| d != original) {
            let s = match (orig_sig, self.index.signature(d)) {
                (Some(a), Some(b)) => a.similarity(b),
                _ => 0.0,
            };
            similarity = similarity.min(s);
            files.push(self.meta[d as usize].id.clone());
        }
        Story {
            id: format!("{:016x}", hash_str(0x5707, &original_id)),
            files,
            original: original_id,
            similarity: f64::from(similarity),
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

    /// What the index keeps of a document.
    pub fn meta(&self, doc: DocNo) -> Option<&DocumentMeta> {
        self.meta.get(doc as usize)
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

    /// Heap bytes of everything else kept per document (ids, outlets, story numbers, sizes, actor sets), approximately.
    pub fn meta_heap_bytes(&self) -> usize {
        let per: usize = self
            .meta
            .iter()
            .map(|m| m.id.capacity() + m.outlet.as_ref().map_or(0, String::capacity) + m.credits.capacity() * 24)
            .sum();
        per + self.meta.capacity() * std::mem::size_of::<DocumentMeta>()
            + self.story.capacity() * 4
            + self.later.iter().map(|l| l.capacity() * 4).sum::<usize>()
            + self.later.capacity() * std::mem::size_of::<Vec<DocNo>>()
            + self.actors.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of the hashed tokens `from..to`, so overlaps between documents are exact.
    fn doc(id: &str, from: u64, to: u64) -> StoryDocument {
        let mut tokens = HashedTokens::new();
        for t in from..to {
            tokens.push_hashed(t);
        }
        StoryDocument { meta: DocumentMeta { id: id.to_string(), ..DocumentMeta::default() }, tokens }
    }

    #[test]
    fn stored_fingerprints_rebuild_the_same_stories() {
        let docs = [doc("a", 0, 200), doc("b", 20, 220), doc("c", 500, 700), doc("d", 510, 690), doc("e", 0, 150)];
        let mut direct = StoryIndex::new(StoryConfig::default()).unwrap();
        let mut stored = Vec::new();
        for d in &docs {
            direct.add(d);
            stored.push(direct.fingerprint(&d.tokens).to_bytes());
        }
        let mut rebuilt = StoryIndex::new(StoryConfig::default()).unwrap();
        for (d, bytes) in docs.iter().zip(&stored) {
            let fingerprint = Fingerprint::from_bytes(bytes).expect("a stored fingerprint decodes");
            rebuilt.add_fingerprinted(d.meta.clone(), fingerprint);
        }
        assert_eq!(rebuilt.stories(), direct.stories());
        assert_eq!(direct.groups(), vec![vec![0, 1, 4], vec![2, 3]]);
        assert_eq!(direct.members(4), vec![0, 1, 4]);
        assert_eq!(direct.story_with(3).files, vec!["c", "d"]);
        assert_eq!(Fingerprint::from_bytes(&stored[0][1..]), None, "a truncated fingerprint is rejected");
        let mut known = StoryIndex::new(StoryConfig::default()).unwrap();
        for (n, (d, bytes)) in docs.iter().zip(&stored).enumerate() {
            let fingerprint = Fingerprint::from_bytes(bytes).unwrap();
            let meta = d.meta.clone();
            known.add_to_story(meta, fingerprint, direct.story_of(n as DocNo));
        }
        assert_eq!(known.stories(), direct.stories());
        let mut bad = StoryIndex::new(StoryConfig::default()).unwrap();
        let first = Fingerprint::from_bytes(&stored[0]).unwrap();
        assert_eq!(bad.add_to_story(DocumentMeta::default(), first, 7), 0, "an unknown story is searched for");
        assert_eq!(bad.story_of(0), 0);
    }

    #[test]
    fn a_chain_does_not_join_its_ends() {
        let mut idx = StoryIndex::new(StoryConfig::default()).unwrap();
        // A~B and B~C share half their tokens; A and C share none.
        let (a, _) = idx.add(&doc("a", 0, 200));
        let (b, b_matches) = idx.add(&doc("b", 100, 300));
        let (c, c_matches) = idx.add(&doc("c", 200, 400));
        assert_eq!(b_matches.first().map(|m| m.0), Some(a), "B must match A");
        assert!(c_matches.iter().any(|m| m.0 == b), "C must match B");
        assert!(c_matches.iter().all(|m| m.0 != a), "C must not match A");
        assert_eq!(idx.story_of(b), idx.story_of(a));
        assert_ne!(idx.story_of(c), idx.story_of(a));
        assert_eq!(idx.groups(), vec![vec![a, b], vec![c]]);
    }

    #[test]
    fn a_bridge_document_joins_its_best_story_without_merging() {
        let mut idx = StoryIndex::new(StoryConfig::default()).unwrap();
        let (x1, _) = idx.add(&doc("x1", 0, 200));
        idx.add(&doc("x2", 10, 210));
        let (y1, _) = idx.add(&doc("y1", 1000, 1200));
        idx.add(&doc("y2", 1010, 1210));
        // Overlaps both stories (estimated about 0.47 with x1 and 0.29 with y1), the first one more.
        let mut bridge = doc("bridge", 60, 200);
        (1050..1150).for_each(|t| bridge.tokens.push_hashed(t));
        let (b, matches) = idx.add(&bridge);
        assert!(matches.iter().any(|m| idx.story_of(m.0) == y1), "the bridge must match the second story too");
        assert_eq!(idx.story_of(b), x1);
        let sizes: Vec<usize> = idx.groups().iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![3, 2]);
    }

    #[test]
    fn same_phrasing_about_other_actors_is_another_story() {
        let mut idx = StoryIndex::new(StoryConfig::default()).unwrap();
        let page = |id: &str, a: &str, b: &str| {
            let mut d = doc(id, 0, 150);
            d.tokens.push_actor(a);
            d.tokens.push_text("signed a treaty with");
            d.tokens.push_actor(b);
            d
        };
        let (fra_chl, _) = idx.add(&page("1", "FRA", "CHL"));
        let (copy, matches) = idx.add(&page("2", "FRA", "CHL"));
        let (fra_per, _) = idx.add(&page("3", "FRA", "PER"));
        assert!(!matches.is_empty());
        assert_eq!(idx.story_of(copy), fra_chl);
        assert_eq!(idx.story_of(fra_per), fra_per);
        // Documents without actors are judged on their words alone.
        let (plain, _) = idx.add(&doc("4", 0, 150));
        assert_eq!(idx.story_of(plain), fra_chl);
    }

    #[test]
    fn actor_agreement_needs_more_than_half_of_the_smaller_set() {
        assert!(actors_agree(0, 0b11));
        assert!(actors_agree(0b1, 0b11));
        assert!(!actors_agree(0b011, 0b101));
        assert!(actors_agree(0b0111, 0b1011));
        assert!(!actors_agree(0b01, 0b10));
    }

    #[test]
    fn near_copies_of_one_report_form_one_story() {
        let mut idx = StoryIndex::new(StoryConfig::default()).unwrap();
        for k in 0..10u64 {
            idx.add(&doc(&format!("copy{k}"), k * 5, 200 + k * 5));
        }
        assert_eq!(idx.groups().len(), 1);
        assert_eq!(idx.clusters().len(), 1);
        assert_eq!(idx.clusters()[0].files.len(), 10);
    }
}
