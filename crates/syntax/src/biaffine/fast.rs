//! The biaffine parser's forward pass without candle (default build): the network of the candle `Network`, read
//! from the model file that [`encode_model`] writes, giving the same heads and relations.
//!
//! Speed comes from the layout chosen at load time: every input projection and MLP is one matrix product over the
//! whole sentence (both LSTM directions, all four MLPs side by side); the first layer's UPOS, XPOS and shape parts
//! (and its biases) are precomputed gate pre-activations, so they are lookups; the recurrence is a vectorised
//! matrix–vector loop ([`super::kernels`]); relations are scored for the chosen head only; buffers live in a
//! [`Workspace`] reused from sentence to sentence. Eisner's O(n³) decoding runs on chunks of at most
//! [`MAX_CHUNK`] words (the BiLSTM still reads the whole sentence), whose roots hang from the first chunk's root.

use super::kernels::{Packed, dot, lstm_step};
use super::{
    BiaffineError, Config, ROOT, Result, SHAPES, SPECIALS, Vocab, eisner, norm_into, param_shapes, shape, suffix,
};
use crate::model::{ModelFile, Section};
use std::collections::HashMap;

/// Longest run of words decoded as one tree; longer sentences are cut into chunks of at most this many words.
pub const MAX_CHUNK: usize = 150;

/// Words of a label block: the relation scorer's intermediate is `block × labels × label_dim` floats.
const LABEL_BLOCK: usize = 64;

const MAGIC: &str = "dyad-biaffine 1\n";

/// A named tensor: name, shape, row-major values.
pub(crate) type NamedTensor = (String, Vec<usize>, Vec<f32>);

/// The inference-only biaffine parser.
#[derive(Debug, Clone)]
pub struct NnParser {
    vocab: Vocab,
    config: Config,
    emb_word: Vec<f32>,
    emb_suffix: Vec<f32>,
    /// First layer, word and suffix rows of the input weights, columns forward | backward: (word + suffix) × 8h.
    w0: Packed,
    /// First-layer gate pre-activations (8h) of each UPOS, XPOS and shape id; the biases are in `shape0`.
    upos0: Vec<f32>,
    xpos0: Vec<f32>,
    shape0: Vec<f32>,
    /// Layers after the first: input weights (2h × 8h) and biases (8h).
    wih: Vec<(Packed, Vec<f32>)>,
    /// Per layer, the recurrent weights of the forward and backward directions (h × 4h each).
    whh: Vec<[Vec<f32>; 2]>,
    /// The four MLPs side by side (2h × (2 arc + 2 label)) and their biases.
    mlp_w: Packed,
    mlp_b: Vec<f32>,
    arc_u: Packed,
    arc_head_bias: Vec<f32>,
    /// The bilinear relation weights with each label's block transposed: `[b, label · label_dim + a]` is
    /// `lab.u[a, label · label_dim + b]`, so that a product with head vectors gives per-label dependent weights.
    lab_ut: Packed,
    /// The linear relation weights transposed: labels × 2 label_dim.
    lab_wt: Vec<f32>,
    lab_b: Vec<f32>,
}

/// Buffers reused from sentence to sentence, and the last parse's result.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    ids: Vec<[u32; 5]>,
    norm: String,
    x: Vec<f32>,
    gates: Vec<f32>,
    states: Vec<f32>,
    h: Vec<f32>,
    c: Vec<f32>,
    mlp: Vec<f32>,
    left: Vec<f32>,
    hsel: Vec<f32>,
    bias: Vec<f32>,
    scores: Vec<f32>,
    lab_t: Vec<f32>,
    uniq: Vec<usize>,
    heads: Vec<usize>,
    labels: Vec<u32>,
}

impl Workspace {
    /// The head of each word of the last parsed sentence (`0` = root, else the word's 1-based position).
    pub fn heads(&self) -> &[usize] {
        &self.heads
    }
    /// The relation id of each word of the last parsed sentence (names from [`NnParser::label`]).
    pub fn labels(&self) -> &[u32] {
        &self.labels
    }
}

fn resize(v: &mut Vec<f32>, n: usize) -> &mut [f32] {
    if v.len() < n {
        v.resize(n, 0.0);
    }
    &mut v[..n]
}

impl NnParser {
    /// The parser of the model file embedded in this build (the `nn` section of `data/syntax.model`).
    pub fn embedded() -> Result<NnParser> {
        NnParser::from_model_file(crate::Model::embedded_bytes())
    }

    /// The parser of a model file's `nn` section; a file without one is [`BiaffineError::NoNnSection`].
    pub fn from_model_file(bytes: &[u8]) -> Result<NnParser> {
        NnParser::from_bytes(NnParser::section(bytes)?)
    }

    /// The bytes of a model file's `nn` section (not yet checked: [`NnParser::from_bytes`] reads them); a file
    /// without one is [`BiaffineError::NoNnSection`].
    pub fn section(bytes: &[u8]) -> Result<&[u8]> {
        ModelFile::read(bytes)?.get(Section::Nn).ok_or(BiaffineError::NoNnSection)
    }

    /// Reads the bytes of an `nn` section (layout at `encode_model`, and in `data/README.md`): weights stored as
    /// f16, computed in f32.
    pub fn from_bytes(bytes: &[u8]) -> Result<NnParser> {
        let (vocab, config, tensors) = decode_model(bytes)?;
        NnParser::from_tensors(vocab, config, tensors)
    }

    /// The parser of a vocabulary, sizes and the network's tensors (names and shapes of `param_shapes`).
    // Longer than usual: one straight-line list of the layout decisions (which tensor goes where), clearer in one
    // place than split across helpers that would each need most of these locals.
    pub(crate) fn from_tensors(vocab: Vocab, config: Config, tensors: Vec<NamedTensor>) -> Result<NnParser> {
        let want = param_shapes(&config, &vocab);
        let mut map: HashMap<String, (Vec<usize>, Vec<f32>)> =
            tensors.into_iter().map(|(n, s, v)| (n, (s, v))).collect();
        for (name, shape) in &want {
            match map.get(name) {
                Some((s, v)) if s == shape && v.len() == shape.iter().product::<usize>() => {}
                Some((s, _)) => return Err(BiaffineError::Format(format!("tensor {name} has shape {s:?}"))),
                None => return Err(BiaffineError::Format(format!("no tensor {name}"))),
            }
        }
        let mut take = |name: &str| map.remove(name).map(|(_, v)| v).unwrap_or_default();
        let c = &config;
        let (h, g4) = (c.hidden, 4 * c.hidden);
        let g8 = 2 * g4;
        // First layer: split each direction's input weights by input part.
        let (wf, wb) = (take("lstm0f.wih"), take("lstm0b.wih"));
        let (bf, bb) = (take("lstm0f.bias"), take("lstm0b.bias"));
        let rows = |w: &[f32], from: usize, n: usize| w[from * g4..(from + n) * g4].to_vec();
        let (o_upos, o_xpos) = (c.word_dim, c.word_dim + c.tag_dim);
        let (o_suf, o_shape) = (o_xpos + c.tag_dim, o_xpos + c.tag_dim + c.suffix_dim);
        let side_by_side = |f: &[f32], b: &[f32], n: usize| {
            let mut out = vec![0f32; n * g8];
            for r in 0..n {
                out[r * g8..r * g8 + g4].copy_from_slice(&f[r * g4..(r + 1) * g4]);
                out[r * g8 + g4..(r + 1) * g8].copy_from_slice(&b[r * g4..(r + 1) * g4]);
            }
            out
        };
        let project = |emb: &[f32], dim: usize, from: usize| {
            let n = emb.len() / dim.max(1);
            let (mut f, mut b) = (vec![0f32; n * g4], vec![0f32; n * g4]);
            Packed::new(&rows(&wf, from, dim), dim, g4).matmul(n, emb, dim, &mut f, g4);
            Packed::new(&rows(&wb, from, dim), dim, g4).matmul(n, emb, dim, &mut b, g4);
            side_by_side(&f, &b, n)
        };
        let upos0 = project(&take("emb.upos"), c.tag_dim, o_upos);
        let xpos0 = project(&take("emb.xpos"), c.tag_dim, o_xpos);
        let mut shape0 = project(&take("emb.shape"), c.shape_dim, o_shape);
        for row in shape0.chunks_exact_mut(g8) {
            for (x, b) in row.iter_mut().zip(bf.iter().chain(&bb)) {
                *x += b;
            }
        }
        let mut wf0 = rows(&wf, 0, c.word_dim);
        wf0.extend(rows(&wf, o_suf, c.suffix_dim));
        let mut wb0 = rows(&wb, 0, c.word_dim);
        wb0.extend(rows(&wb, o_suf, c.suffix_dim));
        let w0 = Packed::new(&side_by_side(&wf0, &wb0, c.word_dim + c.suffix_dim), c.word_dim + c.suffix_dim, g8);
        let mut wih = Vec::new();
        let mut whh = Vec::new();
        for l in 0..c.layers {
            if l > 0 {
                let w = side_by_side(&take(&format!("lstm{l}f.wih")), &take(&format!("lstm{l}b.wih")), 2 * h);
                let mut b = take(&format!("lstm{l}f.bias"));
                b.extend(take(&format!("lstm{l}b.bias")));
                wih.push((Packed::new(&w, 2 * h, g8), b));
            }
            whh.push([take(&format!("lstm{l}f.whh")), take(&format!("lstm{l}b.whh"))]);
        }
        let parts =
            [("arc_dep", c.arc_dim), ("arc_head", c.arc_dim), ("lab_dep", c.label_dim), ("lab_head", c.label_dim)];
        let m: usize = parts.iter().map(|p| p.1).sum();
        let (mut mlp_w, mut mlp_b) = (vec![0f32; 2 * h * m], Vec::with_capacity(m));
        let mut col = 0;
        for (name, dim) in parts {
            let w = take(&format!("{name}.w"));
            for r in 0..2 * h {
                mlp_w[r * m + col..r * m + col + dim].copy_from_slice(&w[r * dim..(r + 1) * dim]);
            }
            mlp_b.extend(take(&format!("{name}.b")));
            col += dim;
        }
        let nl = vocab.labels.len();
        let lab_w = take("lab.w");
        let lab_wt = transpose(&lab_w, 2 * c.label_dim, nl);
        Ok(NnParser {
            emb_word: take("emb.word"),
            emb_suffix: take("emb.suffix"),
            w0,
            upos0,
            xpos0,
            shape0,
            wih,
            whh,
            mlp_w: Packed::new(&mlp_w, 2 * h, m),
            mlp_b,
            arc_u: Packed::new(&take("arc.u"), c.arc_dim, c.arc_dim),
            arc_head_bias: take("arc.head_bias"),
            lab_ut: Packed::new(&swap_outer_axes(&take("lab.u"), c.label_dim, nl), c.label_dim, nl * c.label_dim),
            lab_wt,
            lab_b: take("lab.b"),
            vocab,
            config,
        })
    }

    /// The sizes of the network.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The name of relation id `id` (as the candle parser names it).
    pub fn label(&self, id: u32) -> &str {
        let strings = &self.vocab.labels.strings;
        strings.get((id.max(SPECIALS) - SPECIALS) as usize).map_or("dep", String::as_str)
    }

    /// Parses one sentence given as (form, UPOS, XPOS) per word; the heads and relation ids are then in `ws`
    /// ([`Workspace::heads`], [`Workspace::labels`]). An empty sentence gives empty results.
    pub fn parse<'a>(&self, ws: &mut Workspace, words: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) {
        ws.ids.clear();
        ws.ids.push([ROOT; 5]);
        for (form, upos, xpos) in words {
            norm_into(form, &mut ws.norm);
            let v = &self.vocab;
            let sh = shape(form);
            ws.ids.push([v.words.id(&ws.norm), v.upos.id(upos), v.xpos.id(xpos), v.suffixes.id(suffix(&ws.norm)), sh]);
        }
        let n = ws.ids.len() - 1;
        ws.heads.clear();
        ws.labels.clear();
        if n == 0 {
            return;
        }
        self.encode(ws);
        self.arcs(ws);
        self.relations(ws);
    }

    /// BiLSTM states and the four MLP outputs of `ws.ids` into `ws.mlp`.
    fn encode(&self, ws: &mut Workspace) {
        let c = &self.config;
        let (h, g4) = (c.hidden, 4 * c.hidden);
        let g8 = 2 * g4;
        let t = ws.ids.len();
        let (wd, sd) = (c.word_dim, c.suffix_dim);
        let in0 = wd + sd;
        let x = resize(&mut ws.x, t * in0.max(2 * h));
        for (row, ids) in x.chunks_exact_mut(in0).zip(&ws.ids) {
            let (w, s) = (ids[0] as usize, ids[3] as usize);
            row[..wd].copy_from_slice(&self.emb_word[w * wd..(w + 1) * wd]);
            row[wd..].copy_from_slice(&self.emb_suffix[s * sd..(s + 1) * sd]);
        }
        let gates = resize(&mut ws.gates, t * g8);
        self.w0.matmul(t, x, in0, gates, g8);
        for (row, ids) in gates.chunks_exact_mut(g8).zip(&ws.ids) {
            let (u, p, s) = (ids[1] as usize, ids[2] as usize, (ids[4] as usize).min(SHAPES - 1));
            let (u, p, s) = (&self.upos0[u * g8..][..g8], &self.xpos0[p * g8..][..g8], &self.shape0[s * g8..][..g8]);
            for (((g, a), b), d) in row.iter_mut().zip(u).zip(p).zip(s) {
                *g += a + b + d;
            }
        }
        let states = resize(&mut ws.states, t * 2 * h);
        for (l, [wf, wb]) in self.whh.iter().enumerate() {
            if l > 0 {
                let (w, b) = &self.wih[l - 1];
                w.matmul(t, states, 2 * h, gates, g8);
                for row in gates.chunks_exact_mut(g8) {
                    for (g, b) in row.iter_mut().zip(b) {
                        *g += b;
                    }
                }
            }
            for (dir, w) in [(0, wf), (1, wb)] {
                let hs = resize(&mut ws.h, h);
                hs.fill(0.0);
                let cs = resize(&mut ws.c, h);
                cs.fill(0.0);
                for step in 0..t {
                    let i = if dir == 0 { step } else { t - 1 - step };
                    lstm_step(&mut gates[i * g8 + dir * g4..][..g4], w, hs, cs);
                    states[i * 2 * h + dir * h..][..h].copy_from_slice(hs);
                }
            }
        }
        let m = self.mlp_b.len();
        let mlp = resize(&mut ws.mlp, t * m);
        self.mlp_w.matmul(t, states, 2 * h, mlp, m);
        for row in mlp.chunks_exact_mut(m) {
            for (y, b) in row.iter_mut().zip(&self.mlp_b) {
                *y = (*y + b).max(0.0);
            }
        }
    }

    /// Heads by Eisner's algorithm on chunks of at most [`MAX_CHUNK`] words.
    fn arcs(&self, ws: &mut Workspace) {
        let n = ws.ids.len() - 1;
        let a = self.config.arc_dim;
        let m = self.mlp_b.len();
        let chunks = n.div_ceil(MAX_CHUNK);
        let size = n.div_ceil(chunks);
        ws.heads.resize(n, 0);
        let mut first_root = 0;
        for start in (1..=n).step_by(size) {
            let len = size.min(n + 1 - start);
            let mlp = &ws.mlp;
            let left = resize(&mut ws.left, len * a);
            self.arc_u.matmul(len, &mlp[start * m..], m, left, a);
            let hsel = resize(&mut ws.hsel, (len + 1) * a);
            let head_row = |i: usize| &mlp[i * m + a..i * m + 2 * a];
            hsel[..a].copy_from_slice(head_row(0));
            for k in 0..len {
                hsel[(k + 1) * a..(k + 2) * a].copy_from_slice(head_row(start + k));
            }
            let bias = resize(&mut ws.bias, len + 1);
            for (b, row) in bias.iter_mut().zip(hsel.chunks_exact(a)) {
                *b = dot(row, &self.arc_head_bias);
            }
            let scores = resize(&mut ws.scores, len * (len + 1));
            for (row, l) in scores.chunks_exact_mut(len + 1).zip(left.chunks_exact(a)) {
                for (s, hrow) in row.iter_mut().zip(hsel.chunks_exact(a)) {
                    *s = dot(l, hrow);
                }
            }
            let tree = eisner(len, |hd, d| scores[(d - 1) * (len + 1) + hd] + bias[hd]);
            for (k, &hd) in tree.iter().enumerate() {
                ws.heads[start - 1 + k] = if hd > 0 {
                    start + hd - 1
                } else if start == 1 {
                    first_root = start + k;
                    0
                } else {
                    first_root
                };
            }
        }
    }

    /// The best relation of each word for its chosen head.
    fn relations(&self, ws: &mut Workspace) {
        let n = ws.heads.len();
        let (a, dl) = (self.config.arc_dim, self.config.label_dim);
        let m = self.mlp_b.len();
        let nl = self.lab_b.len();
        let (od, oh) = (2 * a, 2 * a + dl);
        for start in (1..=n).step_by(LABEL_BLOCK) {
            let len = LABEL_BLOCK.min(n + 1 - start);
            // The bilinear part per distinct head of the block (about half as many as words): t[head][label] is
            // the vector whose dot product with a dependent's MLP output is that label's bilinear score.
            ws.uniq.clear();
            ws.uniq.extend_from_slice(&ws.heads[start - 1..start - 1 + len]);
            ws.uniq.sort_unstable();
            ws.uniq.dedup();
            let k = ws.uniq.len();
            let hsel = resize(&mut ws.hsel, k * dl);
            for (row, &hd) in hsel.chunks_exact_mut(dl).zip(&ws.uniq) {
                row.copy_from_slice(&ws.mlp[hd * m + oh..][..dl]);
            }
            let t = resize(&mut ws.lab_t, k * nl * dl);
            self.lab_ut.matmul(k, hsel, dl, t, nl * dl);
            for d in start..start + len {
                let hd = ws.heads[d - 1];
                let idx = ws.uniq.binary_search(&hd).unwrap_or(0);
                let dep = &ws.mlp[d * m + od..][..dl];
                let head = &ws.mlp[hd * m + oh..][..dl];
                let (mut best, mut arg) = (f32::NEG_INFINITY, 0u32);
                for lab in 0..nl {
                    let w = &self.lab_wt[lab * 2 * dl..(lab + 1) * 2 * dl];
                    let s = dot(&t[(idx * nl + lab) * dl..][..dl], dep)
                        + (dot(dep, &w[..dl]) + dot(head, &w[dl..]) + self.lab_b[lab]);
                    if s > best {
                        (best, arg) = (s, lab as u32);
                    }
                }
                ws.labels.push(arg);
            }
        }
    }

    /// Parses `gold`'s words with `tags`' tags; returns copies of `gold` with the predicted heads and relations
    /// (as the candle `Network::parse` does).
    pub fn parse_sentences(&self, gold: &[crate::Sentence], tags: &[crate::Sentence]) -> Vec<crate::Sentence> {
        let mut ws = Workspace::default();
        gold.iter()
            .zip(tags)
            .map(|(g, t)| {
                self.parse(
                    &mut ws,
                    g.words.iter().enumerate().map(|(i, w)| {
                        let tw = t.words.get(i).unwrap_or(w);
                        (w.form.as_str(), tw.upos.as_str(), tw.xpos.as_str())
                    }),
                );
                let mut out = g.clone();
                for ((w, &hd), &lab) in out.words.iter_mut().zip(ws.heads()).zip(ws.labels()) {
                    w.head = Some(hd);
                    w.deprel = self.label(lab).to_string();
                }
                out
            })
            .collect()
    }
}

/// The `nn` section of the model file: a text header, the vocabulary, then every tensor as little-endian IEEE
/// half floats.
///
/// ```text
/// dyad-biaffine 1
/// dims word=100 tag=32 suffix=32 shape=8 hidden=200 layers=2 arc=256 label=100
/// vocab BYTES            (then BYTES of the vocabulary text, `Vocab::to_text`)
/// tensors COUNT
/// NAME D1xD2             (per tensor, in the order of the network's parameters, then 2 × D1 × D2 bytes)
/// ```
#[cfg(any(feature = "nn", test))]
pub(crate) fn encode_model(vocab: &Vocab, c: &Config, tensors: &[NamedTensor]) -> Vec<u8> {
    let mut out = MAGIC.as_bytes().to_vec();
    out.extend(
        format!(
            "dims word={} tag={} suffix={} shape={} hidden={} layers={} arc={} label={}\n",
            c.word_dim, c.tag_dim, c.suffix_dim, c.shape_dim, c.hidden, c.layers, c.arc_dim, c.label_dim
        )
        .bytes(),
    );
    let text = vocab.to_text();
    out.extend(format!("vocab {}\n", text.len()).bytes());
    out.extend(text.bytes());
    out.extend(format!("tensors {}\n", tensors.len()).bytes());
    for (name, shape, values) in tensors {
        let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
        out.extend(format!("{name} {}\n", dims.join("x")).bytes());
        for &v in values {
            out.extend(half::f16::from_f32(v).to_le_bytes());
        }
    }
    out
}

/// Reads [`encode_model`]'s bytes.
fn decode_model(bytes: &[u8]) -> Result<(Vocab, Config, Vec<NamedTensor>)> {
    let bad = |what: &str| BiaffineError::Format(format!("nn model file: {what}"));
    let mut pos = 0;
    let mut line = |what: &str| next_line(bytes, &mut pos, what);
    if line("header")? != MAGIC.trim_end() {
        return Err(bad("not a dyad-biaffine 1 file"));
    }
    let dims = line("dims line")?;
    let dims: HashMap<&str, usize> = dims
        .strip_prefix("dims ")
        .ok_or_else(|| bad("dims line"))?
        .split(' ')
        .map(|kv| kv.split_once('=').and_then(|(k, v)| Some((k, v.parse().ok()?))).ok_or_else(|| bad("dims line")))
        .collect::<Result<_>>()?;
    // Sizes from 1 to 100,000 (8 layers at most) keep every product of sizes far from overflowing.
    let dim = |k: &str| {
        let limit = if k == "layers" { 8 } else { 100_000 };
        dims.get(k).copied().filter(|d| (1..=limit).contains(d)).ok_or_else(|| bad(&format!("dims line: {k}")))
    };
    let config = Config {
        word_dim: dim("word")?,
        tag_dim: dim("tag")?,
        suffix_dim: dim("suffix")?,
        shape_dim: dim("shape")?,
        hidden: dim("hidden")?,
        layers: dim("layers")?,
        arc_dim: dim("arc")?,
        label_dim: dim("label")?,
        ..Config::default()
    };
    let vlen: usize =
        line("vocab line")?.strip_prefix("vocab ").and_then(|n| n.parse().ok()).ok_or_else(|| bad("vocab line"))?;
    let vtext = pos
        .checked_add(vlen)
        .and_then(|end| bytes.get(pos..end))
        .and_then(|b| std::str::from_utf8(b).ok())
        .ok_or_else(|| bad("vocabulary"))?;
    let vocab = Vocab::from_text(vtext)?;
    pos += vlen;
    let count: usize = next_line(bytes, &mut pos, "tensors line")?
        .strip_prefix("tensors ")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| bad("tensors line"))?;
    let mut tensors = Vec::new();
    for _ in 0..count {
        let head = next_line(bytes, &mut pos, "tensor line")?;
        let (name, dims) = head.split_once(' ').ok_or_else(|| bad(head))?;
        let shape: Vec<usize> = dims.split('x').map(|d| d.parse().map_err(|_| bad(head))).collect::<Result<_>>()?;
        let n: usize = shape.iter().try_fold(1usize, |a, &d| a.checked_mul(d)).ok_or_else(|| bad(head))?;
        let (name, start) = (name.to_string(), pos);
        let data = n
            .checked_mul(2)
            .and_then(|len| bytes.get(start..start.checked_add(len)?))
            .ok_or_else(|| bad(&format!("tensor {name} is cut short")))?;
        let values = data.chunks_exact(2).map(|b| half::f16::from_le_bytes([b[0], b[1]]).to_f32()).collect();
        pos += 2 * n;
        tensors.push((name, shape, values));
    }
    if pos != bytes.len() {
        return Err(bad("bytes after the last tensor"));
    }
    Ok((vocab, config, tensors))
}

/// The text of the line at `*pos` (without its newline); moves `*pos` past it.
fn next_line<'b>(bytes: &'b [u8], pos: &mut usize, what: &str) -> Result<&'b str> {
    let bad = || BiaffineError::Format(format!("nn model file: {what}"));
    let rest = bytes.get(*pos..).unwrap_or_default();
    let end = rest.iter().position(|&b| b == b'\n').ok_or_else(bad)?;
    let text = std::str::from_utf8(&rest[..end]).map_err(|_| bad())?;
    *pos += end + 1;
    Ok(text)
}

/// The `rows` × `cols` matrix `w` (row-major) transposed: `t[c][r] = w[r][c]`.
fn transpose(w: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    (0..cols).flat_map(|c| (0..rows).map(move |r| w[r * cols + c])).collect()
}

/// The `d` × `n` × `d` tensor `u` (row-major) with its first and last axes swapped: `t[a][l][b] = u[b][l][a]`
/// (the label bilinear's weights laid out by the dependent's dimension first).
fn swap_outer_axes(u: &[f32], d: usize, n: usize) -> Vec<f32> {
    (0..d).flat_map(|a| (0..n).flat_map(move |l| (0..d).map(move |b| u[(b * n + l) * d + a]))).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Sentence, Word};

    /// A few sentences whose words, tags and relations make a small vocabulary.
    pub(crate) fn sentences() -> Vec<Sentence> {
        let text = [
            ("The NATO forces attacked 12 towns near Paris .", "DET PROPN NOUN VERB NUM NOUN ADP PROPN PUNCT"),
            ("Rebels attacked the towns again on Monday-night .", "NOUN VERB DET NOUN ADV ADP NOUN PUNCT"),
            ("The forces said the rebels fled .", "DET NOUN VERB DET NOUN VERB PUNCT"),
        ];
        let rels = ["det", "nsubj", "obj", "root", "punct", "case", "nmod", "advmod"];
        text.iter()
            .flat_map(|(w, t)| [(w, t), (w, t)])
            .enumerate()
            .map(|(k, (w, t))| {
                let forms: Vec<&str> = w.split(' ').collect();
                let tags: Vec<&str> = t.split(' ').collect();
                let n = forms.len();
                let words = forms
                    .iter()
                    .zip(&tags)
                    .enumerate()
                    .map(|(i, (f, t))| {
                        let mut word = Word::new(f);
                        word.upos = t.to_string();
                        word.xpos = format!("X{}", t.len() + k % 2);
                        word.head = Some(if i == 2 { 0 } else { 3.min(n) });
                        word.deprel = rels[(i + k) % rels.len()].to_string();
                        word
                    })
                    .collect();
                Sentence { words, ..Sentence::default() }
            })
            .collect()
    }

    /// Random tensors of the right shapes for a tiny network (seeded, so every run is the same).
    pub(crate) fn random_model(seed: u64) -> (Vocab, Config, Vec<NamedTensor>) {
        let s = sentences();
        let vocab = Vocab::build(&s, &s);
        let config = Config {
            word_dim: 6,
            tag_dim: 4,
            suffix_dim: 3,
            shape_dim: 2,
            hidden: 7,
            layers: 2,
            arc_dim: 5,
            label_dim: 4,
            ..Config::default()
        };
        let mut rng = super::super::Rng::new(seed);
        let tensors = param_shapes(&config, &vocab)
            .into_iter()
            .map(|(name, shape)| {
                let n = shape.iter().product();
                let values = (0..n).map(|_| rng.uniform() * 2.0 - 1.0).collect();
                (name, shape, values)
            })
            .collect();
        (vocab, config, tensors)
    }

    fn is_tree(heads: &[usize]) -> bool {
        let n = heads.len();
        heads.iter().filter(|&&h| h == 0).count() == 1
            && (1..=n).all(|d| {
                let (mut x, mut steps) = (d, 0);
                while x != 0 && steps <= n {
                    x = heads[x - 1];
                    steps += 1;
                }
                x == 0
            })
    }

    #[test]
    fn model_file_round_trips_through_f16() {
        let (vocab, config, tensors) = random_model(3);
        let bytes = encode_model(&vocab, &config, &tensors);
        let read = NnParser::from_bytes(&bytes).expect("read");
        // The same tensors rounded to f16 by hand give the same parser.
        let rounded: Vec<NamedTensor> = tensors
            .into_iter()
            .map(|(n, s, v)| (n, s, v.into_iter().map(|x| half::f16::from_f32(x).to_f32()).collect()))
            .collect();
        let direct = NnParser::from_tensors(vocab, config, rounded).expect("tensors");
        assert_eq!(read.emb_word, direct.emb_word);
        assert_eq!(read.lab_wt, direct.lab_wt);
        let s = sentences();
        let (a, b) = (read.parse_sentences(&s, &s), direct.parse_sentences(&s, &s));
        assert_eq!(a, b);
        for p in &a {
            let heads: Vec<usize> = p.words.iter().map(|w| w.head.unwrap_or(99)).collect();
            assert!(is_tree(&heads), "{heads:?}");
        }
    }

    #[test]
    fn the_embedded_model_reads() {
        let p = NnParser::embedded().expect("the nn section of data/syntax.model");
        let mut ws = Workspace::default();
        p.parse(&mut ws, [("Rebels", "NOUN", "NNS"), ("attacked", "VERB", "VBD"), ("Kabul", "PROPN", "NNP")]);
        assert_eq!(ws.heads(), [2, 0, 2]);
        let labels: Vec<&str> = ws.labels().iter().map(|&l| p.label(l)).collect();
        assert_eq!(labels, ["nsubj", "root", "obj"]);
    }

    #[test]
    fn the_nn_section_of_a_model_file_reads() {
        let (vocab, config, tensors) = random_model(3);
        let nn = encode_model(&vocab, &config, &tensors);
        let model = crate::Model::from_bytes(&crate::tests::MODEL).expect("tiny model");
        let file = model.to_bytes_with_nn(Some(&nn));
        let (a, b) = (NnParser::from_model_file(&file).expect("file"), NnParser::from_bytes(&nn).expect("section"));
        let s = sentences();
        assert_eq!(a.parse_sentences(&s, &s), b.parse_sentences(&s, &s));
        // No nn section, a damaged container, a damaged section: errors that say which.
        let err = NnParser::from_model_file(&crate::tests::MODEL).expect_err("no nn");
        assert!(matches!(err, BiaffineError::NoNnSection) && err.to_string().contains("--export"), "{err}");
        let err = NnParser::from_model_file(&file[..file.len() - 1]).expect_err("cut");
        assert!(matches!(err, BiaffineError::Model(crate::ModelError::Truncated("nn"))), "{err}");
        let bad = model.to_bytes_with_nn(Some(&nn[..nn.len() - 1]));
        assert!(NnParser::from_model_file(&bad).expect_err("section").to_string().contains("cut short"));
    }

    #[test]
    fn malformed_model_files_are_errors() {
        let (vocab, config, tensors) = random_model(3);
        let bytes = encode_model(&vocab, &config, &tensors);
        for (cut, what) in [(&bytes[..bytes.len() - 1], "cut short"), (&bytes[5..], "not a dyad-biaffine 1 file")] {
            let err = NnParser::from_bytes(cut).expect_err("malformed").to_string();
            assert!(err.contains(what), "{err}");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(NnParser::from_bytes(&extra).expect_err("extra").to_string().contains("after the last tensor"));
        let mut wrong = tensors.clone();
        wrong[0].1 = vec![1, 1];
        wrong[0].2 = vec![0.0];
        let err = NnParser::from_bytes(&encode_model(&vocab, &config, &wrong)).expect_err("shape").to_string();
        assert!(err.contains("emb.word"), "{err}");
        assert!(NnParser::from_bytes(b"").is_err());
        let text = String::from_utf8_lossy(&bytes).into_owned();
        for (from, to) in [("hidden=7", "hidden=0"), ("layers=2", "layers=99"), ("arc=5", "arc=99999999999999")] {
            let changed = text.replacen(from, to, 1);
            let err = NnParser::from_bytes(changed.as_bytes()).expect_err(to).to_string();
            assert!(err.contains("dims line"), "{err}");
        }
        // Lengths that would run past the end of memory are errors too, not overflows.
        let vocab_line = text.lines().find(|l| l.starts_with("vocab ")).expect("vocab line");
        let huge = text.replacen(vocab_line, &format!("vocab {}", usize::MAX), 1);
        assert!(NnParser::from_bytes(huge.as_bytes()).expect_err("vocab").to_string().contains("vocabulary"));
        let tensor_line = text.lines().find(|l| l.starts_with("emb.word ")).expect("tensor line");
        let huge = text.replacen(tensor_line, &format!("emb.word {}x1", usize::MAX / 2), 1);
        assert!(NnParser::from_bytes(huge.as_bytes()).expect_err("tensor").to_string().contains("cut short"));
    }

    #[test]
    fn long_sentences_are_parsed_in_chunks_as_one_tree() {
        let (vocab, config, tensors) = random_model(5);
        let p = NnParser::from_tensors(vocab, config, tensors).expect("tensors");
        let mut ws = Workspace::default();
        let words = ["The", "forces", "attacked", "12", "towns", "near", "Paris", ",", "and"];
        let t = std::time::Instant::now();
        p.parse(&mut ws, (0..5000).map(|i| (words[i % words.len()], "NOUN", "X4")));
        // About 0.1 s in a release build; unchunked, Eisner alone would take hours. The bound leaves room for an
        // unoptimised build on a loaded machine.
        assert!(t.elapsed().as_secs_f64() < 60.0, "{:?}", t.elapsed());
        assert_eq!(ws.heads().len(), 5000);
        assert_eq!(ws.labels().len(), 5000);
        assert!(is_tree(ws.heads()));
        // A sentence of one chunk and an empty one.
        p.parse(&mut ws, (0..MAX_CHUNK).map(|i| (words[i % words.len()], "NOUN", "X4")));
        assert!(is_tree(ws.heads()));
        p.parse(&mut ws, std::iter::empty());
        assert!(ws.heads().is_empty() && ws.labels().is_empty());
    }

    #[test]
    fn transposes_move_each_weight_to_its_swapped_place() {
        // w: 2 × 3.
        let w = [0.0, 1.0, 2.0, 10.0, 11.0, 12.0];
        assert_eq!(transpose(&w, 2, 3), vec![0.0, 10.0, 1.0, 11.0, 2.0, 12.0]);
        // u: 2 × 3 × 2, u[b][l][a] = 100 b + 10 l + a; t[a][l][b] must be the same number.
        let u: Vec<f32> = (0..12).map(|i| (100 * (i / 6) + 10 * (i / 2 % 3) + i % 2) as f32).collect();
        let t = swap_outer_axes(&u, 2, 3);
        for (i, v) in t.iter().enumerate() {
            let (a, l, b) = (i / 6, i / 2 % 3, i % 2);
            assert_eq!(*v, (100 * b + 10 * l + a) as f32, "t[{a}][{l}][{b}]");
        }
    }
}
