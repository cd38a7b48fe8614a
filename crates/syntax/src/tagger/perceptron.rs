//! The averaged perceptron: sparse weights while training, pruned and quantised to `i16` for the model file.

use crate::model::{
    ModelError, get_f32, get_len, get_u8, get_u16, get_u32, get_u64, put_f32, put_u16, put_u32, put_u64,
};
use crate::table::{HashMap64, Scores, Table, pack, unpack};

#[derive(Clone, Copy)]
struct Slot {
    class: u16,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Weights while training: per feature, a short list of the classes it has weights for.
pub(crate) struct Training {
    n_classes: usize,
    index: HashMap64<u32>,
    rows: Vec<Vec<Slot>>,
    /// How many training tokens each feature fired on (counted in the first epoch).
    seen: Vec<u32>,
    now: u32,
}

impl Training {
    pub(crate) fn new(n_classes: usize) -> Training {
        Training { n_classes, index: HashMap64::default(), rows: Vec::new(), seen: Vec::new(), now: 0 }
    }

    /// Adds each feature's weights to `scores` (one per class).
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for s in &self.rows[r as usize] {
                    scores[s.class as usize] += s.w;
                }
            }
        }
    }

    /// Counts the features of one token (first epoch only), so rare ones can be pruned.
    pub(crate) fn count(&mut self, feats: &[u64]) {
        for &f in feats {
            let r = self.row(f);
            self.seen[r] += 1;
        }
    }

    fn row(&mut self, f: u64) -> usize {
        let next = self.rows.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.rows.push(Vec::new());
            self.seen.push(0);
        }
        r as usize
    }

    /// One training step: the clock always advances; on an error the gold class gains and the guess loses.
    pub(crate) fn update(&mut self, truth: u16, guess: u16, feats: &[u64]) {
        self.now += 1;
        if truth == guess {
            return;
        }
        let now = self.now;
        for &f in feats {
            let r = self.row(f);
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let row = &mut self.rows[r];
                let slot = match row.iter().position(|s| s.class == class) {
                    Some(k) => &mut row[k],
                    None => {
                        row.push(Slot { class, w: 0.0, total: 0.0, stamp: now });
                        row.last_mut().expect("just pushed")
                    }
                };
                slot.total += f64::from(now - slot.stamp) * f64::from(slot.w);
                slot.stamp = now;
                slot.w += delta;
            }
        }
    }

    /// Averages the weights, drops features seen fewer than `min_seen` times and weights whose average is below
    /// `min_weight`, and quantises the rest to `i16`.
    pub(crate) fn finish(self, min_seen: u32, min_weight: f32) -> Weights {
        let now = f64::from(self.now.max(1));
        let mut keyed: Vec<(u64, Vec<(u16, f32)>)> = Vec::new();
        let mut max = 0f32;
        for (&f, &r) in &self.index {
            if self.seen[r as usize] < min_seen {
                continue;
            }
            let mut ws: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .map(|s| (s.class, ((s.total + (now - f64::from(s.stamp)) * f64::from(s.w)) / now) as f32))
                .filter(|(_, w)| w.abs() >= min_weight)
                .collect();
            if ws.is_empty() {
                continue;
            }
            ws.sort_by_key(|&(c, _)| c);
            max = ws.iter().fold(max, |m, &(_, w)| m.max(w.abs()));
            keyed.push((f, ws));
        }
        keyed.sort_by_key(|(f, _)| *f);
        let scale = if max > 0.0 { max / f32::from(i16::MAX) } else { 1.0 };
        let (mut keys, mut lens, mut entries) = (Vec::new(), Vec::new(), Vec::new());
        for (f, ws) in keyed {
            let before = entries.len();
            for (c, x) in ws {
                let q = (x / scale).round() as i16;
                if q != 0 {
                    entries.push(pack(c as u8, q));
                }
            }
            keys.push(f);
            lens.push((entries.len() - before) as u32);
        }
        Weights { n_classes: self.n_classes, scale, table: Table::from_flat(&keys, &lens, &entries, self.n_classes) }
    }
}

/// Frozen weights: per feature hash a run of (class, quantised weight), in the crate's flat weight table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    pub(crate) n_classes: usize,
    scale: f32,
    table: Table,
}

impl Weights {
    /// Number of features kept.
    pub(crate) fn len(&self) -> usize {
        self.table.sizes().0
    }

    /// Asks for the weights of `feats` ahead of their scoring.
    #[inline]
    pub(crate) fn prefetch(&self, feats: &[u64]) {
        self.table.prefetch(feats);
    }

    /// Adds each feature's weights to `scores` (one per class, in quantised units).
    #[cfg(test)]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        self.table.score(feats, scores);
    }

    /// Sets the first [`Weights::n_classes`] of `scores` to the sums of the weights of `feats`.
    #[inline]
    pub(crate) fn score_into(&self, feats: &[u64], scores: &mut Scores) {
        self.table.score_into(feats, scores);
    }

    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        put_u32(out, self.n_classes as u32);
        put_f32(out, self.scale);
        let rows = self.table.rows();
        put_u32(out, rows.len() as u32);
        for (k, _) in &rows {
            put_u64(out, *k);
        }
        // Run lengths rather than offsets: smaller and cannot point outside the arrays.
        for (_, run) in &rows {
            put_u16(out, run.len() as u16);
        }
        for (_, run) in &rows {
            for &e in run {
                let (c, v) = unpack(e);
                out.push(c);
                put_u16(out, v as u16);
            }
        }
    }

    pub(crate) fn read_from(r: &mut &[u8]) -> Result<Weights, ModelError> {
        let n_classes = get_u32(r, "weights: classes")? as usize;
        if n_classes > 255 {
            return Err(ModelError::Corrupt(format!("{n_classes} tagger classes")));
        }
        let scale = get_f32(r, "weights: scale")?;
        let n = get_len(r, 10, "weights: features")?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            keys.push(get_u64(r, "weights: keys")?);
        }
        let mut lens = Vec::with_capacity(n);
        let mut total = 0u32;
        for _ in 0..n {
            let len = get_u16(r, "weights: runs")?;
            total = total.checked_add(u32::from(len)).ok_or(ModelError::Truncated("weights: values"))?;
            lens.push(u32::from(len));
        }
        if (total as usize).saturating_mul(3) > r.len() {
            return Err(ModelError::Truncated("weights: values"));
        }
        let mut entries = Vec::with_capacity(total as usize);
        for _ in 0..total {
            let c = get_u8(r, "weights: class")?;
            if usize::from(c) >= n_classes {
                return Err(ModelError::Corrupt(format!("weight for class {c} of {n_classes}")));
            }
            entries.push(pack(c, get_u16(r, "weights: value")? as i16));
        }
        Ok(Weights { n_classes, scale, table: Table::from_flat(&keys, &lens, &entries, n_classes) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        let mut t = Training::new(2);
        let data = [(vec![1u64, 10], 0u16), (vec![2, 10], 1)];
        let mut scores = [0f32; 2];
        for (f, _) in &data {
            t.count(f);
        }
        for _ in 0..5 {
            for (f, gold) in &data {
                t.score(f, &mut scores);
                let guess = if scores[1] > scores[0] { 1 } else { 0 };
                t.update(*gold, guess, f);
            }
        }
        let w = t.finish(1, 0.0);
        let mut out = Vec::new();
        w.write_to(&mut out);
        let w2 = Weights::read_from(&mut out.as_slice()).unwrap();
        let mut s = [0i32; 2];
        w2.score(&[1, 10], &mut s);
        assert!(s[0] > s[1]);
        w2.score(&[2, 10], &mut s);
        assert!(s[1] > s[0]);
        assert!(Weights::read_from(&mut &out[..out.len() - 1]).is_err());
    }
}
