//! Weights: an averaged perceptron for training (sparse rows per feature, lazily averaged), and the frozen model
//! used at parse time (open-addressing table from feature hash to a run of `(action, weight)` pairs in flat arrays).

use crate::table::{HashMap64, Scores, Table, pack, unpack};

#[derive(Debug, Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f64,
    ts: u32,
}

/// Averaged perceptron weights during training.
#[derive(Default)]
pub(crate) struct Training {
    index: HashMap64<u32>,
    rows: Vec<Vec<Entry>>,
    now: u32,
}

impl Training {
    /// Adds the weights of `feats` to `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        for s in scores.iter_mut() {
            *s = 0.0;
        }
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Counts one training decision (the clock of the averaging).
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// Perceptron update: +1 for `good`, -1 for `bad` on every feature.
    pub fn update(&mut self, feats: &[u64], good: usize, bad: usize) {
        let now = self.now;
        for &f in feats {
            let row = self.row_of(f);
            bump(row, good, 1.0, now);
            bump(row, bad, -1.0, now);
        }
    }

    /// Adds `delta` to the weight of `class` on every feature (the global update of beam training).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let now = self.now;
        for &f in feats {
            bump(self.row_of(f), class, delta, now);
        }
    }

    /// The weights of feature `f`, a new empty row the first time it is seen.
    fn row_of(&mut self, f: u64) -> &mut Vec<Entry> {
        let next = self.rows.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.rows.push(Vec::new());
        }
        &mut self.rows[r as usize]
    }

    /// Averages the weights and drops those whose magnitude is below `prune`; returns the sorted
    /// `(feature, [(action, weight)])` list.
    pub fn average(&self, prune: f32) -> Rows {
        let now = f64::from(self.now.max(1));
        let mut out: Rows = Vec::with_capacity(self.index.len());
        for (&f, &r) in &self.index {
            let mut row: Vec<(u16, f32)> = self.rows[r as usize]
                .iter()
                .map(|e| {
                    let total = e.total + (now - f64::from(e.ts)) * f64::from(e.w);
                    (e.class, (total / now) as f32)
                })
                .filter(|&(_, w)| w.abs() >= prune && w != 0.0)
                .collect();
            if !row.is_empty() {
                row.sort_by_key(|&(c, _)| c);
                out.push((f, row));
            }
        }
        out.sort_by_key(|&(f, _)| f);
        out
    }
}

/// Averaged rows: feature hash and its `(action, weight)` pairs.
pub(crate) type Rows = Vec<(u64, Vec<(u16, f32)>)>;
/// Quantised rows: feature hash and its `(action, i16 weight)` pairs.
pub(crate) type QRows = Vec<(u64, Vec<(u8, i16)>)>;

/// The frozen weights: weights quantised to `i16` steps of `scale`, in the crate's flat weight table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Frozen {
    table: Table,
    /// Weight of one `i16` step.
    pub scale: f32,
}

#[inline]
fn nonzero(f: u64) -> u64 {
    if f == 0 { 1 } else { f }
}

impl Frozen {
    /// Builds the table from a sorted list of quantised rows.
    pub fn from_rows(rows: &[(u64, Vec<(u8, i16)>)], scale: f32, nactions: usize) -> Frozen {
        let keys: Vec<u64> = rows.iter().map(|(f, _)| nonzero(*f)).collect();
        let lens: Vec<u32> = rows.iter().map(|(_, r)| r.len() as u32).collect();
        let entries: Vec<u32> = rows.iter().flat_map(|(_, r)| r.iter().map(|&(c, w)| pack(c, w))).collect();
        Frozen { table: Table::from_flat(&keys, &lens, &entries, nactions), scale }
    }

    /// The rows, ascending by key.
    pub fn rows(&self) -> QRows {
        self.table.rows().into_iter().map(|(k, run)| (k, run.into_iter().map(unpack).collect())).collect()
    }

    /// A copy without the weights whose magnitude is below `threshold` (in weight units).
    pub fn pruned(&self, threshold: f32) -> Frozen {
        let q = (threshold / self.scale).round() as i32;
        let rows: QRows = self
            .rows()
            .into_iter()
            .map(|(k, r)| (k, r.into_iter().filter(|&(_, w)| i32::from(w).abs() >= q.max(1)).collect::<Vec<_>>()))
            .filter(|(_, r)| !r.is_empty())
            .collect();
        Frozen::from_rows(&rows, self.scale, self.table.width())
    }

    /// Quantises averaged rows: the scale maps the largest magnitude to 32767.
    pub fn quantise(rows: &[(u64, Vec<(u16, f32)>)]) -> (QRows, f32) {
        let max = rows.iter().flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs())).fold(0f32, f32::max);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = rows
            .iter()
            .map(|(f, r)| {
                let r: Vec<(u8, i16)> = r
                    .iter()
                    .filter_map(|&(c, w)| {
                        let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                        (q != 0 && c <= 255).then_some((c as u8, q))
                    })
                    .collect();
                (*f, r)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        (q, scale)
    }

    /// Sets the first `nactions` of `scores` to the sums of the weights of `feats` (in `i16` steps). The features
    /// are rewritten as the table keys them (a hash of 0, the bias feature's, is stored as 1).
    #[inline]
    pub fn score(&self, feats: &mut [u64], scores: &mut Scores) {
        for f in feats.iter_mut() {
            *f = nonzero(*f);
        }
        self.table.score_into(feats, scores);
    }

    /// Number of features and of weights.
    pub fn sizes(&self) -> (usize, usize) {
        self.table.sizes()
    }

    /// Appends the rows: scale, count, then per feature (ascending) the key delta (varint), the run length, and its
    /// `(action u8, weight i16 little-endian)` pairs.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.scale.to_le_bytes());
        let rows = self.table.rows();
        put_varint(out, rows.len() as u64);
        let mut prev = 0u64;
        for (key, run) in rows {
            put_varint(out, key - prev);
            prev = key;
            put_varint(out, run.len() as u64);
            for e in run {
                let (c, w) = unpack(e);
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Reads what [`Frozen::write`] wrote.
    pub fn read(input: &mut &[u8], nactions: usize) -> Result<Frozen, String> {
        let scale = f32::from_le_bytes(take::<4>(input)?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err("bad weight scale".into());
        }
        let n = get_varint(input)? as usize;
        if n > input.len() {
            return Err("feature count larger than the file".into());
        }
        let mut keys = Vec::with_capacity(n);
        let mut lens = Vec::with_capacity(n);
        let mut entries = Vec::new();
        let mut key = 0u64;
        for _ in 0..n {
            let delta = get_varint(input)?;
            if delta == 0 {
                return Err("feature keys not ascending".into());
            }
            key = key.checked_add(delta).ok_or("feature key overflow")?;
            let len = get_varint(input)? as usize;
            if len.saturating_mul(3) > input.len() {
                return Err("truncated weights".into());
            }
            let (run, rest) = input.split_at(len * 3);
            *input = rest;
            for e in run.chunks_exact(3) {
                if e[0] as usize >= nactions {
                    return Err(format!("action {} out of range", e[0]));
                }
                entries.push(pack(e[0], i16::from_le_bytes([e[1], e[2]])));
            }
            keys.push(key);
            lens.push(len as u32);
        }
        Ok(Frozen { table: Table::from_flat(&keys, &lens, &entries, nactions), scale })
    }
}

pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn get_varint(input: &mut &[u8]) -> Result<u64, String> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let [b] = take::<1>(input)?;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Ok(v);
        }
    }
    Err("varint too long".into())
}

pub(crate) fn take<const N: usize>(input: &mut &[u8]) -> Result<[u8; N], String> {
    if input.len() < N {
        return Err("unexpected end of model".into());
    }
    let (a, rest) = input.split_at(N);
    *input = rest;
    let mut out = [0u8; N];
    out.copy_from_slice(a);
    Ok(out)
}

/// Adds `delta` to `class`'s weight in `row` at training clock `now`, first adding the old weight's time-weighted
/// share to its running total (the lazy update of the averaged perceptron).
fn bump(row: &mut Vec<Entry>, class: usize, delta: f32, now: u32) {
    let e = match row.iter_mut().position(|e| e.class as usize == class) {
        Some(i) => &mut row[i],
        None => {
            row.push(Entry { class: class as u16, w: 0.0, total: 0.0, ts: now });
            row.last_mut().expect("just pushed")
        }
    };
    e.total += f64::from(now - e.ts) * f64::from(e.w);
    e.ts = now;
    e.w += delta;
}
