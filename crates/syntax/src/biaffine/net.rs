//! The trainable network on candle (feature `nn`): batching, the forward pass with autograd, the loss, training and
//! the reference prediction that [`super::NnParser`] reproduces without candle.

use super::{BiaffineError, Config, PAD, Result, Rng, SHAPES, SPECIALS, UNK, Vocab, eisner};
use crate::conllu::Sentence;
use candle_core::{D, DType, Device, Tensor, Var};
use candle_nn::{AdamW, Optimizer, ParamsAdamW};
use std::collections::HashMap;

/// Padded tensors of a batch of sentences, `b * t + i` for word `i` (0 = root) of sentence `b`.
struct Batch {
    b: usize,
    t: usize,
    feats: [Tensor; 5],
    /// Per sentence, its number of words (without the root).
    lens: Vec<usize>,
    /// Gold head of each slot (0 for padding and the root).
    heads: Vec<u32>,
    /// Gold relation id of each slot.
    labels: Vec<u32>,
    /// 1 for real words (not the root, not padding).
    word_mask: Tensor,
    /// 0 where a head may be, -1e9 at padding: shape (b, 1, t).
    head_mask: Tensor,
    /// Slot index of the time-reversed sequence, per slot.
    reverse: Tensor,
}

/// The network's parameters, by name.
pub struct Network {
    /// The string tables.
    pub vocab: Vocab,
    /// Sizes.
    pub config: Config,
    params: Vec<(String, Var)>,
    device: Device,
}

fn uniform_var(rng: &mut Rng, shape: &[usize], scale: f32, dev: &Device) -> Result<Var> {
    let n: usize = shape.iter().product();
    let data: Vec<f32> = (0..n).map(|_| (rng.uniform() * 2.0 - 1.0) * scale).collect();
    Ok(Var::from_vec(data, shape, dev)?)
}

impl Network {
    /// A freshly initialised network for `vocab`.
    pub fn new(vocab: Vocab, config: Config) -> Result<Network> {
        let dev = Device::Cpu;
        let mut rng = Rng::new(config.seed);
        let c = &config;
        let mut params = Vec::new();
        let mut add = |name: String, shape: &[usize], scale: f32, rng: &mut Rng| -> Result<()> {
            params.push((name, uniform_var(rng, shape, scale, &dev)?));
            Ok(())
        };
        add("emb.word".into(), &[vocab.words.len(), c.word_dim], 0.3, &mut rng)?;
        add("emb.upos".into(), &[vocab.upos.len(), c.tag_dim], 0.3, &mut rng)?;
        add("emb.xpos".into(), &[vocab.xpos.len(), c.tag_dim], 0.3, &mut rng)?;
        add("emb.suffix".into(), &[vocab.suffixes.len(), c.suffix_dim], 0.3, &mut rng)?;
        add("emb.shape".into(), &[SHAPES, c.shape_dim], 0.3, &mut rng)?;
        let mut input = c.word_dim + 2 * c.tag_dim + c.suffix_dim + c.shape_dim;
        let h = c.hidden;
        let s = 1.0 / (h as f32).sqrt();
        for l in 0..c.layers {
            for d in ["f", "b"] {
                add(format!("lstm{l}{d}.wih"), &[input, 4 * h], s, &mut rng)?;
                add(format!("lstm{l}{d}.whh"), &[h, 4 * h], s, &mut rng)?;
                add(format!("lstm{l}{d}.bias"), &[4 * h], s, &mut rng)?;
            }
            input = 2 * h;
        }
        let xavier = |a: usize, b: usize| (6.0 / (a + b) as f32).sqrt();
        for (name, dim) in
            [("arc_dep", c.arc_dim), ("arc_head", c.arc_dim), ("lab_dep", c.label_dim), ("lab_head", c.label_dim)]
        {
            add(format!("{name}.w"), &[2 * h, dim], xavier(2 * h, dim), &mut rng)?;
            add(format!("{name}.b"), &[dim], 0.0, &mut rng)?;
        }
        let nl = vocab.labels.len();
        add("arc.u".into(), &[c.arc_dim, c.arc_dim], 0.0, &mut rng)?;
        add("arc.head_bias".into(), &[c.arc_dim, 1], 0.0, &mut rng)?;
        add("lab.u".into(), &[c.label_dim, nl * c.label_dim], 0.0, &mut rng)?;
        add("lab.w".into(), &[2 * c.label_dim, nl], 0.0, &mut rng)?;
        add("lab.b".into(), &[nl], 0.0, &mut rng)?;
        Ok(Network { vocab, config, params, device: dev })
    }

    fn p(&self, name: &str) -> &Tensor {
        // Names are this module's own constants; a missing one is a bug here, not bad input.
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_tensor()).expect("parameter name")
    }

    /// Number of scalar parameters.
    pub fn size(&self) -> usize {
        self.params.iter().map(|(_, v)| v.as_tensor().elem_count()).sum()
    }

    /// The parameters as safetensors bytes, followed by nothing else; the vocabulary is [`Vocab::to_text`].
    pub fn save(&self, path: &std::path::Path) -> Result<()> {
        let map: HashMap<String, Tensor> =
            self.params.iter().map(|(n, v)| (n.clone(), v.as_tensor().clone())).collect();
        candle_core::safetensors::save(&map, path)?;
        Ok(())
    }

    /// The parameters as (name, shape, values), in the order of the model file.
    pub(crate) fn tensors(&self) -> Result<Vec<super::fast::NamedTensor>> {
        self.params
            .iter()
            .map(|(n, v)| {
                Ok((n.clone(), v.as_tensor().dims().to_vec(), v.as_tensor().flatten_all()?.to_vec1::<f32>()?))
            })
            .collect()
    }

    /// The model file of the candle-free parser (weights rounded to f16).
    pub fn to_model_bytes(&self) -> Result<Vec<u8>> {
        Ok(super::fast::encode_model(&self.vocab, &self.config, &self.tensors()?))
    }

    /// The candle-free parser with this network's f32 weights (no f16 rounding).
    pub fn to_nn_parser(&self) -> Result<super::NnParser> {
        super::NnParser::from_tensors(self.vocab.clone(), self.config.clone(), self.tensors()?)
    }

    /// Replaces the parameters with those of a file written by [`Network::save`] for the same vocabulary and sizes.
    pub fn load(&self, bytes: &[u8]) -> Result<()> {
        let map = candle_core::safetensors::load_buffer(bytes, &self.device)?;
        for (name, var) in &self.params {
            let t = map.get(name).ok_or_else(|| BiaffineError::Format(format!("no tensor {name}")))?;
            if t.dims() != var.as_tensor().dims() {
                return Err(BiaffineError::Format(format!("tensor {name} has shape {:?}", t.dims())));
            }
            var.set(t)?;
        }
        Ok(())
    }

    fn batch(&self, sents: &[(&Sentence, Vec<[u32; 5]>)], train: Option<&mut Rng>) -> Result<Batch> {
        let b = sents.len();
        let t = sents.iter().map(|(_, f)| f.len()).max().unwrap_or(1);
        let mut cols: [Vec<u32>; 5] = Default::default();
        let (mut heads, mut labels, mut word_mask, mut head_mask, mut reverse) =
            (vec![0u32; b * t], vec![0u32; b * t], vec![0f32; b * t], vec![-1e9f32; b * t], vec![0u32; b * t]);
        let mut rng = train;
        for (si, (gold, feats)) in sents.iter().enumerate() {
            let n = feats.len();
            for i in 0..t {
                let slot = si * t + i;
                let f = feats.get(i).copied().unwrap_or([PAD; 5]);
                for (k, col) in cols.iter_mut().enumerate() {
                    let mut id = f[k];
                    if k == 0
                        && id >= SPECIALS
                        && let Some(r) = rng.as_deref_mut()
                    {
                        let c = self.vocab.words.count(id) as f32;
                        if r.uniform() < self.config.word_alpha / (self.config.word_alpha + c) {
                            id = UNK;
                        }
                    }
                    col.push(id);
                }
                reverse[slot] = (si * t + if i < n { n - 1 - i } else { i }) as u32;
                if i < n {
                    head_mask[slot] = 0.0;
                }
                if i >= 1 && i < n {
                    let w = &gold.words[i - 1];
                    heads[slot] = w.head.unwrap_or(0).min(n - 1) as u32;
                    labels[slot] = self.vocab.labels.id(&w.deprel);
                    word_mask[slot] = 1.0;
                }
            }
        }
        let dev = &self.device;
        let feats = cols.map(|c| Tensor::from_vec(c, b * t, dev));
        let [a, bb, c, d, e] = feats;
        Ok(Batch {
            b,
            t,
            feats: [a?, bb?, c?, d?, e?],
            lens: sents.iter().map(|(_, f)| f.len() - 1).collect(),
            heads,
            labels,
            word_mask: Tensor::from_vec(word_mask, b * t, dev)?,
            head_mask: Tensor::from_vec(head_mask, (b, 1, t), dev)?,
            reverse: Tensor::from_vec(reverse, b * t, dev)?,
        })
    }

    fn dropout(&self, x: &Tensor, rng: &mut Option<&mut Rng>) -> Result<Tensor> {
        let Some(r) = rng.as_deref_mut() else { return Ok(x.clone()) };
        let p = self.config.dropout;
        let keep = 1.0 / (1.0 - p);
        let mask: Vec<f32> = (0..x.elem_count()).map(|_| if r.uniform() < p { 0.0 } else { keep }).collect();
        Ok((x * Tensor::from_vec(mask, x.shape(), &self.device)?)?)
    }

    /// One LSTM direction over `x` (b * t, input), slots in time order; returns (b * t, hidden).
    fn lstm(&self, x: &Tensor, name: &str, b: usize, t: usize) -> Result<Tensor> {
        let h = self.config.hidden;
        let xp = x.matmul(self.p(&format!("{name}.wih")))?.broadcast_add(self.p(&format!("{name}.bias")))?;
        let xp = xp.reshape((b, t, 4 * h))?;
        let whh = self.p(&format!("{name}.whh"));
        let mut hs = Vec::with_capacity(t);
        let mut hprev = Tensor::zeros((b, h), DType::F32, &self.device)?;
        let mut cprev = hprev.clone();
        for i in 0..t {
            let g = (xp.narrow(1, i, 1)?.squeeze(1)? + hprev.matmul(whh)?)?;
            let sig = candle_nn::ops::sigmoid(&g)?;
            let c = ((sig.narrow(1, h, h)? * &cprev)? + (sig.narrow(1, 0, h)? * g.narrow(1, 2 * h, h)?.tanh()?)?)?;
            let hn = (sig.narrow(1, 3 * h, h)? * c.tanh()?)?;
            hs.push(hn.clone());
            (hprev, cprev) = (hn, c);
        }
        Ok(Tensor::stack(&hs, 1)?.reshape((b * t, h))?)
    }

    /// BiLSTM states (b * t, 2 * hidden) and the four MLP outputs.
    fn encode(&self, batch: &Batch, mut rng: Option<&mut Rng>) -> Result<[Tensor; 4]> {
        let names = ["emb.word", "emb.upos", "emb.xpos", "emb.suffix", "emb.shape"];
        let embs: Vec<Tensor> = names
            .iter()
            .zip(&batch.feats)
            .map(|(n, ids)| self.p(n).index_select(ids, 0))
            .collect::<std::result::Result<_, _>>()?;
        let mut x = self.dropout(&Tensor::cat(&embs, 1)?, &mut rng)?;
        for l in 0..self.config.layers {
            let f = self.lstm(&x, &format!("lstm{l}f"), batch.b, batch.t)?;
            let xr = x.index_select(&batch.reverse, 0)?;
            let r = self.lstm(&xr, &format!("lstm{l}b"), batch.b, batch.t)?.index_select(&batch.reverse, 0)?;
            x = self.dropout(&Tensor::cat(&[f, r], 1)?, &mut rng)?;
        }
        let mlp = |name: &str, rng: &mut Option<&mut Rng>| -> Result<Tensor> {
            let y = x.matmul(self.p(&format!("{name}.w")))?.broadcast_add(self.p(&format!("{name}.b")))?.relu()?;
            self.dropout(&y, rng)
        };
        Ok([
            mlp("arc_dep", &mut rng)?,
            mlp("arc_head", &mut rng)?,
            mlp("lab_dep", &mut rng)?,
            mlp("lab_head", &mut rng)?,
        ])
    }

    /// Arc scores (b, t, t): `[s, i, j]` is the score of head `j` for word `i` of sentence `s`.
    fn arc_scores(&self, batch: &Batch, dep: &Tensor, head: &Tensor) -> Result<Tensor> {
        let (b, t, a) = (batch.b, batch.t, self.config.arc_dim);
        let left = dep.matmul(self.p("arc.u"))?.reshape((b, t, a))?;
        let hh = head.reshape((b, t, a))?;
        let bil = left.matmul(&hh.transpose(1, 2)?.contiguous()?)?;
        let bias = head.matmul(self.p("arc.head_bias"))?.reshape((b, 1, t))?;
        Ok(bil.broadcast_add(&bias)?.broadcast_add(&batch.head_mask)?)
    }

    /// Label scores (b * t, labels) for heads `heads` (a head per slot, in the slot's sentence).
    fn label_scores(&self, batch: &Batch, dep: &Tensor, head: &Tensor, heads: &[u32]) -> Result<Tensor> {
        let (bt, dl, nl) = (batch.b * batch.t, self.config.label_dim, self.vocab.labels.len());
        let idx: Vec<u32> = heads.iter().enumerate().map(|(slot, &h)| (slot / batch.t * batch.t) as u32 + h).collect();
        let hsel = head.index_select(&Tensor::from_vec(idx, bt, &self.device)?, 0)?;
        let bil =
            dep.matmul(self.p("lab.u"))?.reshape((bt, nl, dl))?.broadcast_mul(&hsel.unsqueeze(1)?)?.sum(D::Minus1)?;
        let lin = Tensor::cat(&[dep, &hsel], 1)?.matmul(self.p("lab.w"))?.broadcast_add(self.p("lab.b"))?;
        Ok((bil + lin)?)
    }

    /// Mean cross-entropy of the gold heads and relations of a batch.
    fn loss(&self, batch: &Batch, rng: &mut Rng) -> Result<Tensor> {
        let [ad, ah, ld, lh] = self.encode(batch, Some(rng))?;
        let bt = batch.b * batch.t;
        let n = batch.word_mask.sum_all()?;
        let arc = candle_nn::ops::log_softmax(&self.arc_scores(batch, &ad, &ah)?, D::Minus1)?.reshape((bt, batch.t))?;
        let gold = Tensor::from_vec(batch.heads.clone(), (bt, 1), &self.device)?;
        let arc_nll = (arc.gather(&gold, 1)?.squeeze(1)? * &batch.word_mask)?.sum_all()?;
        let lab = candle_nn::ops::log_softmax(&self.label_scores(batch, &ld, &lh, &batch.heads)?, D::Minus1)?;
        let gold = Tensor::from_vec(batch.labels.clone(), (bt, 1), &self.device)?;
        let lab_nll = (lab.gather(&gold, 1)?.squeeze(1)? * &batch.word_mask)?.sum_all()?;
        Ok(((arc_nll + lab_nll)?.neg()? / n)?)
    }

    /// Heads and relations of a batch of sentences (without dropout).
    fn predict(&self, batch: &Batch) -> Result<Vec<Vec<(usize, String)>>> {
        let [ad, ah, ld, lh] = self.encode(batch, None)?;
        let arc = candle_nn::ops::log_softmax(&self.arc_scores(batch, &ad, &ah)?, D::Minus1)?.to_vec3::<f32>()?;
        let mut heads = vec![0u32; batch.b * batch.t];
        let mut trees = Vec::with_capacity(batch.b);
        for (s, &n) in batch.lens.iter().enumerate() {
            let tree = eisner(n, |h, d| arc[s][d][h]);
            for (i, &h) in tree.iter().enumerate() {
                heads[s * batch.t + i + 1] = h as u32;
            }
            trees.push(tree);
        }
        let lab = self.label_scores(batch, &ld, &lh, &heads)?.argmax(D::Minus1)?.to_vec1::<u32>()?;
        let name = |id: u32| self.vocab.labels.strings.get((id.max(SPECIALS) - SPECIALS) as usize).cloned();
        Ok(trees
            .into_iter()
            .enumerate()
            .map(|(s, tree)| {
                tree.into_iter()
                    .enumerate()
                    .map(|(i, h)| (h, name(lab[s * batch.t + i + 1]).unwrap_or_else(|| "dep".into())))
                    .collect()
            })
            .collect())
    }

    /// Parses `gold`'s words with `tags`' tags, `batch_words` words at a time; returns copies of `gold` with the
    /// predicted heads and relations.
    pub fn parse(&self, gold: &[Sentence], tags: &[Sentence], batch_words: usize) -> Result<Vec<Sentence>> {
        let enc: Vec<(&Sentence, Vec<[u32; 5]>)> =
            gold.iter().zip(tags).map(|(g, t)| (g, self.vocab.encode(g, t))).collect();
        let mut order: Vec<usize> = (0..enc.len()).collect();
        order.sort_by_key(|&i| enc[i].1.len());
        let mut out: Vec<Sentence> = gold.to_vec();
        for chunk in batches(&order, |i| enc[i].1.len(), batch_words) {
            let group: Vec<(&Sentence, Vec<[u32; 5]>)> = chunk.iter().map(|&i| enc[i].clone()).collect();
            let pred = self.predict(&self.batch(&group, None)?)?;
            for (&i, words) in chunk.iter().zip(pred) {
                for (w, (h, l)) in out[i].words.iter_mut().zip(words) {
                    w.head = Some(h);
                    w.deprel = l;
                }
            }
        }
        Ok(out)
    }

    /// One epoch of training over `train` (gold trees, `tags` the predicted tags of the same words); returns the
    /// mean loss. `opt` is the optimiser of [`Network::optimizer`].
    pub fn train_epoch(&self, train: &[Sentence], tags: &[Sentence], opt: &mut AdamW, rng: &mut Rng) -> Result<f64> {
        let enc: Vec<(&Sentence, Vec<[u32; 5]>)> =
            train.iter().zip(tags).map(|(g, t)| (g, self.vocab.encode(g, t))).collect();
        // Sort by length with a random tie order, cut into batches, then shuffle the batches.
        let mut order: Vec<(usize, usize)> = (0..enc.len()).map(|i| (enc[i].1.len(), rng.below(1 << 30))).collect();
        let mut idx: Vec<usize> = (0..enc.len()).collect();
        idx.sort_by_key(|&i| order[i]);
        order.clear();
        let mut groups: Vec<Vec<usize>> = batches(&idx, |i| enc[i].1.len(), self.config.batch_words);
        for i in (1..groups.len()).rev() {
            groups.swap(i, rng.below(i + 1));
        }
        let (mut total, mut count) = (0.0, 0usize);
        for g in groups {
            let group: Vec<(&Sentence, Vec<[u32; 5]>)> = g.iter().map(|&i| enc[i].clone()).collect();
            let batch = self.batch(&group, Some(rng))?;
            let loss = self.loss(&batch, rng)?;
            opt.backward_step(&loss)?;
            total += f64::from(loss.to_vec0::<f32>()?);
            count += 1;
        }
        Ok(total / count.max(1) as f64)
    }

    /// Adam with betas (0.9, 0.9) and no weight decay over all parameters.
    pub fn optimizer(&self) -> Result<AdamW> {
        let vars = self.params.iter().map(|(_, v)| v.clone()).collect();
        let params = ParamsAdamW { lr: self.config.lr, beta1: 0.9, beta2: 0.9, eps: 1e-8, weight_decay: 0.0 };
        Ok(AdamW::new(vars, params)?)
    }
}

/// Cuts `order` (sorted by length) into runs of about `words` words.
fn batches(order: &[usize], len: impl Fn(usize) -> usize, words: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut n = 0;
    for &i in order {
        if !cur.is_empty() && n + len(i) > words {
            out.push(std::mem::take(&mut cur));
            n = 0;
        }
        n += len(i);
        cur.push(i);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candle-free parser gives the candle network's heads and relations (random weights of a tiny network,
    /// every tensor non-zero so that nothing is decided by ties).
    #[test]
    fn candle_free_parser_matches_candle() {
        let (vocab, config, tensors) = crate::biaffine::fast::tests::random_model(11);
        let net = Network::new(vocab, config).expect("network");
        for ((name, var), (tname, shape, values)) in net.params.iter().zip(&tensors) {
            assert_eq!(name, tname);
            var.set(&Tensor::from_vec(values.clone(), shape.as_slice(), &net.device).expect("tensor")).expect("set");
        }
        let s = crate::biaffine::fast::tests::sentences();
        let want = net.parse(&s, &s, 30).expect("candle parse");
        let fast = net.to_nn_parser().expect("parser");
        assert_eq!(fast.parse_sentences(&s, &s), want);
        assert!(want.iter().flat_map(|s| &s.words).any(|w| w.head != Some(3)), "not a trivial parse");
    }

    #[test]
    fn batches_respect_the_word_budget() {
        let lens = [3, 3, 4, 10];
        let b = batches(&[0, 1, 2, 3], |i| lens[i], 7);
        assert_eq!(b, vec![vec![0, 1], vec![2], vec![3]]);
    }
}
