//! The frozen weight table shared by the tagger and the parser: feature hash → run of `(class, i16 weight)`.
//!
//! Scoring is bound by memory latency (one random access per feature into tables of tens of MB), so the layout is
//! built for one cache miss per feature: an open-addressing table of 16-byte slots (four per cache line) holding the
//! key and, for the four features in five that have at most two weights, the weights themselves; longer runs live
//! in one flat array, and the long runs of frequent features also as dense rows. [`Table::score_into`] first
//! prefetches the home slot of every feature of a decision, then probes, so that the misses of one decision overlap
//! instead of following each other; the runs and rows it finds are prefetched and added after the last probe, the dense
//! rows with AVX2 in register blocks (every row added to the same registers, stored once), into a fixed 256-class
//! accumulator that needs no bounds checks. The slot array is asked for 2 MB pages (a random read into tens of MB
//! then rarely misses the TLB as well).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher of every map in the crate whose keys are already 64-bit hashes: one multiply-xorshift, so that maps
/// keyed by FNV hashes (whose low bits mix poorly) spread as well as maps keyed by mixed hashes. (Which hasher a map
/// uses changes where its keys sit, never what a lookup returns, and every map written to a model file is sorted by
/// key first, so the choice does not reach any output.)
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ (v >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
}

/// A hash map keyed by precomputed 64-bit hashes.
pub(crate) type HashMap64<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// One entry of a run: class in bits 16..24, `i16` weight in the low 16 bits; the top byte is zero.
#[inline]
pub(crate) fn pack(class: u8, w: i16) -> u32 {
    (u32::from(class) << 16) | u32::from(w as u16)
}

/// The class and weight of a packed entry.
#[inline]
pub(crate) fn unpack(e: u32) -> (u8, i16) {
    ((e >> 16) as u8, e as u16 as i16)
}

/// `a` of a slot that holds no feature (an all-zero slot is empty).
const EMPTY: u32 = 0;
/// Top byte of `a` and `b` holding an entry inline (a packed entry's own top byte is zero, and [`unpack`] reads
/// only the low 24 bits). A `b` without it holds nothing.
const INLINE: u32 = 0x0100_0000;
/// `a` of a feature whose run is empty.
const NO_RUN: u32 = 0x0200_0000;
/// Top byte of `a` for a run stored in [`Table::entries`]: the low 24 bits are its length, `b` its start.
const EXTERNAL: u32 = 0x8000_0000;
/// Top byte of `a` for a long run also stored as a dense row: the low 24 bits are the row's number in
/// [`Table::dense`] (and in [`Table::dense_len`]), `b` the run's start in [`Table::entries`].
const DENSE: u32 = 0x8100_0000;
/// Runs at least this long (and with distinct classes) are also stored as dense rows, added with vector
/// instructions: the few frequent features with long runs cost most of the additions.
const DENSE_MIN: usize = 16;

/// One slot: the key, then either up to two packed entries inline (`a`, `b`, each [`INLINE`] | entry), or an
/// external run ([`EXTERNAL`] | length, start), or a dense row ([`DENSE`] | row, start of the run).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u64,
    a: u32,
    b: u32,
}

/// Feature hash → run of packed entries, for scoring.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the home slot is the top bits of the key times a large odd constant.
    shift: u32,
    /// Runs longer than two entries, concatenated.
    entries: Vec<u32>,
    /// Classes per dense row (the length of the score vectors).
    width: usize,
    /// Dense rows of `stride` weights (the first `width` used).
    dense: Vec<i16>,
    stride: usize,
    /// Run length of each dense row's sparse copy in `entries`.
    dense_len: Vec<u32>,
    features: usize,
    weights: usize,
}

impl Table {
    /// Builds the table from keys, the lengths of their runs and the concatenated runs (entries from [`pack`]),
    /// for score vectors of `width` classes. A key given twice keeps its first run.
    pub(crate) fn from_flat(keys: &[u64], lens: &[u32], entries: &[u32], width: usize) -> Table {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = Vec::with_capacity(cap);
        advise_huge_pages(&slots);
        slots.resize(cap, Slot::default());
        let mut t = Table {
            slots,
            shift: 64 - cap.trailing_zeros(),
            entries: Vec::new(),
            width,
            dense: Vec::new(),
            stride: width.next_multiple_of(16),
            dense_len: Vec::new(),
            features: 0,
            weights: 0,
        };
        let mask = cap - 1;
        let mut start = 0usize;
        for (&key, &len) in keys.iter().zip(lens) {
            let run = &entries[start.min(entries.len())..(start + len as usize).min(entries.len())];
            start += len as usize;
            let mut s = t.home(key);
            while t.slots[s].a != EMPTY && t.slots[s].key != key {
                s = (s + 1) & mask;
            }
            // A repeated key, or a run too long for the slot's 24-bit length (only in a damaged file): left out.
            if t.slots[s].a != EMPTY || run.len() > 0x00ff_ffff {
                continue;
            }
            let (a, b) = match run {
                [] => (NO_RUN, 0),
                [x] => (INLINE | x, 0),
                [x, y] => (INLINE | x, INLINE | y),
                _ => {
                    let at = t.entries.len() as u32;
                    t.entries.extend_from_slice(run);
                    let ascending = run.windows(2).all(|w| unpack(w[0]).0 < unpack(w[1]).0);
                    let fits = run.last().is_some_and(|&e| (unpack(e).0 as usize) < width) && width <= 256;
                    if run.len() >= DENSE_MIN && ascending && fits && t.dense_len.len() < 0x00ff_ffff {
                        let row = t.dense_len.len();
                        t.dense_len.push(run.len() as u32);
                        t.dense.resize(t.dense.len() + t.stride, 0);
                        for &e in run {
                            let (c, w) = unpack(e);
                            t.dense[row * t.stride + c as usize] = w;
                        }
                        (DENSE | row as u32, at)
                    } else {
                        (EXTERNAL | run.len() as u32, at)
                    }
                }
            };
            t.slots[s] = Slot { key, a, b };
            t.features += 1;
            t.weights += run.len();
        }
        t
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Classes per score vector.
    pub(crate) fn width(&self) -> usize {
        self.width
    }

    /// Numbers of features and of weights.
    pub(crate) fn sizes(&self) -> (usize, usize) {
        (self.features, self.weights)
    }

    /// Every feature and its run, ascending by key.
    pub(crate) fn rows(&self) -> Vec<(u64, Vec<u32>)> {
        let mut rows: Vec<(u64, Vec<u32>)> = self
            .slots
            .iter()
            .filter(|s| s.a != EMPTY)
            .map(|s| {
                let run = if s.a >> 24 == EXTERNAL >> 24 {
                    let (start, len) = (s.b as usize, (s.a & 0x00ff_ffff) as usize);
                    self.entries.get(start..start + len).unwrap_or(&[]).to_vec()
                } else if s.a >> 24 == DENSE >> 24 {
                    let (start, len) = (s.b as usize, self.dense_len[(s.a & 0x00ff_ffff) as usize] as usize);
                    self.entries.get(start..start + len).unwrap_or(&[]).to_vec()
                } else {
                    [s.a, s.b].into_iter().filter(|&e| e >> 24 == INLINE >> 24).map(|e| e & 0x00ff_ffff).collect()
                };
                (s.key, run)
            })
            .collect();
        rows.sort_unstable_by_key(|&(k, _)| k);
        rows
    }

    /// Asks for the home slots of `feats` without waiting for them (for features known ahead of their scoring).
    #[inline]
    pub(crate) fn prefetch(&self, feats: &[u64]) {
        if self.slots.is_empty() {
            return;
        }
        for &f in feats {
            prefetch(&self.slots[self.home(f)]);
        }
    }

    /// Adds the weights of `feats` to `scores` (zeroed first; classes beyond `scores` are ignored).
    #[cfg(test)]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [i32]) {
        let mut acc = Scores::default();
        self.score_into(feats, &mut acc);
        for (i, s) in scores.iter_mut().enumerate() {
            *s = if i < self.stride { acc.0.get(i).copied().unwrap_or(0) } else { 0 };
        }
    }

    /// Sets `acc` to the sums of the weights of `feats`: classes below [`Table::width`] hold the scores (the rest of
    /// the accumulator is left as it was).
    #[inline]
    pub(crate) fn score_into(&self, feats: &[u64], acc: &mut Scores) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has just been found to support AVX2.
            unsafe { self.score_avx2(feats, acc) };
            return;
        }
        self.score_with::<false>(feats, acc);
    }

    /// [`Table::score_with`] compiled for AVX2, with the dense rows added by AVX2 instructions.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn score_avx2(&self, feats: &[u64], acc: &mut Scores) {
        self.score_with::<true>(feats, acc);
    }

    /// The scoring; `AVX2` only when the processor has it.
    #[inline(always)]
    fn score_with<const AVX2: bool>(&self, feats: &[u64], acc: &mut Scores) {
        let stride = self.stride.min(acc.0.len());
        acc.0[..stride].fill(0);
        if self.slots.is_empty() {
            return;
        }
        // The misses of all features are issued before the first is waited for.
        self.prefetch(feats);
        let mask = self.slots.len() - 1;
        // Runs outside the slots and dense rows are prefetched as they are found and added after the last probe.
        let mut runs = [0u32; 128];
        let mut n_runs = 0;
        let mut rows = [0u32; 128];
        let mut n_rows = 0;
        for &key in feats {
            let mut s = self.home(key);
            let sl = loop {
                let sl = self.slots[s];
                if sl.key == key && sl.a != EMPTY {
                    break sl;
                }
                if sl.a == EMPTY {
                    break Slot::default();
                }
                s = (s + 1) & mask;
            };
            match sl.a >> 24 {
                0x01 => {
                    acc.add(sl.a);
                    if sl.b >> 24 == INLINE >> 24 {
                        acc.add(sl.b);
                    }
                }
                0x80 => {
                    if let Some(e) = self.entries.get(sl.b as usize) {
                        prefetch(e);
                    }
                    match runs.get_mut(n_runs) {
                        Some(x) => {
                            *x = s as u32;
                            n_runs += 1;
                        }
                        None => self.add_run(&sl, acc),
                    }
                }
                0x81 => {
                    let row = sl.a & 0x00ff_ffff;
                    let at = row as usize * self.stride;
                    if let Some(row) = self.dense.get(at..at + self.width) {
                        prefetch_lines(row);
                    }
                    match rows.get_mut(n_rows) {
                        Some(x) => {
                            *x = row;
                            n_rows += 1;
                        }
                        None => self.add_rows::<AVX2>(&[row], acc),
                    }
                }
                _ => {}
            }
        }
        for &s in &runs[..n_runs] {
            self.add_run(&self.slots[s as usize], acc);
        }
        self.add_rows::<AVX2>(&rows[..n_rows], acc);
    }

    /// Adds the weights of a slot holding an external run.
    #[inline(always)]
    fn add_run(&self, sl: &Slot, acc: &mut Scores) {
        let (start, len) = (sl.b as usize, (sl.a & 0x00ff_ffff) as usize);
        for &e in self.entries.get(start..start + len).unwrap_or(&[]) {
            acc.add(e);
        }
    }

    /// Adds the dense rows numbered `rows`.
    #[inline(always)]
    fn add_rows<const AVX2: bool>(&self, rows: &[u32], acc: &mut Scores) {
        // The classes in use, rounded up to whole registers of eight.
        let len = self.width.next_multiple_of(8).min(self.stride).min(acc.0.len());
        #[cfg(target_arch = "x86_64")]
        if AVX2 {
            // SAFETY: `AVX2` is true only in `score_avx2`, called after the processor was found to support AVX2.
            unsafe { add_rows_avx2(&mut acc.0[..len], &self.dense, self.stride, rows) };
            return;
        }
        for &r in rows {
            let at = r as usize * self.stride;
            for (a, &w) in acc.0[..len].iter_mut().zip(self.dense.get(at..at + len).unwrap_or(&[])) {
                *a += i32::from(w);
            }
        }
    }
}

/// Adds the dense rows numbered `rows` (each `stride` long in `dense`) to `acc` (a multiple of 8 long, at most
/// `stride`), with AVX2: in blocks of up to 104 classes held in thirteen registers (of sixteen) while every row is
/// added to them, so that a row costs two instructions per eight classes (the parser's 103 actions: one block).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(acc: &mut [i32], dense: &[i16], stride: usize, rows: &[u32]) {
    const MAX_K: usize = 13;
    let chunks = acc.len() / 8;
    let per_block = chunks.div_ceil(chunks.div_ceil(MAX_K).max(1)) * 8;
    let mut col = 0;
    while col < chunks * 8 {
        let end = (chunks * 8).min(col + per_block);
        let block = &mut acc[col..end];
        match block.len() / 8 {
            13 => add_block::<13>(block, dense, stride, col, rows),
            12 => add_block::<12>(block, dense, stride, col, rows),
            11 => add_block::<11>(block, dense, stride, col, rows),
            10 => add_block::<10>(block, dense, stride, col, rows),
            9 => add_block::<9>(block, dense, stride, col, rows),
            8 => add_block::<8>(block, dense, stride, col, rows),
            7 => add_block::<7>(block, dense, stride, col, rows),
            6 => add_block::<6>(block, dense, stride, col, rows),
            5 => add_block::<5>(block, dense, stride, col, rows),
            4 => add_block::<4>(block, dense, stride, col, rows),
            3 => add_block::<3>(block, dense, stride, col, rows),
            2 => add_block::<2>(block, dense, stride, col, rows),
            1 => add_block::<1>(block, dense, stride, col, rows),
            _ => {}
        }
        col = end;
    }
}

/// One block of [`add_rows_avx2`]: `K` registers of eight classes, from column `col` of each row.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn add_block<const K: usize>(block: &mut [i32], dense: &[i16], stride: usize, col: usize, rows: &[u32]) {
    use std::arch::x86_64::{__m128i, __m256i, _mm_loadu_si128, _mm256_add_epi32, _mm256_cvtepi16_epi32};
    use std::arch::x86_64::{_mm256_loadu_si256, _mm256_storeu_si256};
    let Some(block) = block.get_mut(..8 * K) else { return };
    // SAFETY (every load and store below): each reads or writes 8 `i32` inside a slice checked to hold 8 * K.
    let mut sums: [__m256i; K] =
        std::array::from_fn(|j| unsafe { _mm256_loadu_si256(block.as_ptr().add(8 * j).cast()) });
    for &r in rows {
        let at = r as usize * stride + col;
        let Some(row) = dense.get(at..at + 8 * K) else { continue };
        for (j, s) in sums.iter_mut().enumerate() {
            let w = unsafe { _mm_loadu_si128(row.as_ptr().add(8 * j).cast::<__m128i>()) };
            *s = _mm256_add_epi32(*s, _mm256_cvtepi16_epi32(w));
        }
    }
    for (j, s) in sums.iter().enumerate() {
        unsafe { _mm256_storeu_si256(block.as_mut_ptr().add(8 * j).cast::<__m256i>(), *s) };
    }
}

/// A score accumulator: one `i32` per class for up to 256 classes (a class is one byte, so adding to it needs no
/// bounds check). Reused across decisions.
#[derive(Debug, Clone)]
#[repr(align(64))]
pub(crate) struct Scores(pub(crate) [i32; 256]);

impl Default for Scores {
    fn default() -> Scores {
        Scores([0; 256])
    }
}

impl Scores {
    /// Adds one packed entry to its class's score.
    #[inline(always)]
    fn add(&mut self, e: u32) {
        let (c, w) = unpack(e);
        self.0[usize::from(c)] += i32::from(w);
    }
}

/// Asks the kernel to back the (not yet touched) capacity of `v` with 2 MB pages where it can: the slots are read at
/// random, and with 4 KB pages a probe into tens of MB would often miss the TLB too. Only a hint (Linux only); where
/// it fails, nothing changes but the speed.
fn advise_huge_pages<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        unsafe extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: std::ffi::c_int) -> std::ffi::c_int;
        }
        const MADV_HUGEPAGE: std::ffi::c_int = 14;
        const PAGE: usize = 4096;
        let start = v.as_ptr() as usize;
        let end = start + v.capacity() * std::mem::size_of::<T>();
        let (a, b) = (start.next_multiple_of(PAGE), end / PAGE * PAGE);
        if b >= a + (2 << 20) {
            // SAFETY: the range lies inside the vector's own allocation, and MADV_HUGEPAGE changes no contents and
            // no permissions (only how the pages are backed); its result is deliberately ignored.
            unsafe {
                madvise(a as *mut std::ffi::c_void, b - a, MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

/// Asks for every cache line of `xs` without waiting for them.
#[inline(always)]
fn prefetch_lines<T>(xs: &[T]) {
    let (start, bytes) = (xs.as_ptr().cast::<u8>(), std::mem::size_of_val(xs));
    let mut off = 0;
    while off < bytes {
        prefetch_ptr(start.wrapping_add(off));
        off += 64;
    }
    if bytes > 0 {
        prefetch_ptr(start.wrapping_add(bytes - 1));
    }
}

/// Asks for the cache line of `x` without waiting for it.
#[inline(always)]
fn prefetch<T>(x: &T) {
    prefetch_ptr((x as *const T).cast::<u8>());
}

/// Asks for the cache line holding address `p` without waiting for it (any address: a prefetch never faults).
#[inline(always)]
fn prefetch_ptr(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint; it never faults and reads nothing into the program's state.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_external_empty_and_duplicate_runs() {
        let keys = [0u64, 5, 7, 9, 5];
        let lens = [1u32, 2, 3, 0, 1];
        let entries = [pack(1, 10), pack(0, -3), pack(2, 4), pack(0, 1), pack(1, 2), pack(2, 3), pack(0, 100)];
        let t = Table::from_flat(&keys, &lens, &entries, 3);
        assert_eq!(t.sizes(), (4, 6));
        let mut s = [0i32; 3];
        t.score(&[0], &mut s);
        assert_eq!(s, [0, 10, 0]);
        t.score(&[5, 7, 11, 9], &mut s);
        assert_eq!(s, [-3 + 1, 2, 4 + 3]);
        let rows = t.rows();
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [0, 5, 7, 9]);
        assert_eq!(rows[2].1, [pack(0, 1), pack(1, 2), pack(2, 3)]);
        assert!(rows[3].1.is_empty());
        // Classes outside the score vector are ignored, never a panic.
        let mut small = [0i32; 1];
        t.score(&[7], &mut small);
        assert_eq!(small, [1]);
    }

    /// The sums every feature's run gives, added one entry at a time.
    fn reference(keys: &[u64], runs: &[Vec<u32>], feats: &[u64], width: usize) -> Vec<i32> {
        let mut s = vec![0i32; width];
        for f in feats {
            if let Some(k) = keys.iter().position(|k| k == f) {
                for &e in &runs[k] {
                    let (c, w) = unpack(e);
                    s[c as usize] += i32::from(w);
                }
            }
        }
        s
    }

    /// Tables with runs of every kind (inline, external, dense rows in one or two register blocks) give the sums of
    /// their weights, with AVX2 and without, for the parser's and the tagger's widths.
    #[test]
    fn dense_rows_external_runs_and_inline_entries_sum_exactly() {
        for width in [3usize, 17, 103, 155, 255] {
            let mut rng = 0x1234_5678_9abc_def1u64 ^ width as u64;
            let mut next = move || {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                rng
            };
            let (mut keys, mut runs) = (Vec::new(), Vec::new());
            for k in 0..300u64 {
                // Run lengths from 0 to the width: every slot kind, dense rows when long enough.
                let len = (next() % (width as u64 + 1)) as usize;
                let mut classes: Vec<u8> = (0..width as u16).map(|c| c as u8).collect();
                for i in (1..classes.len()).rev() {
                    classes.swap(i, (next() % (i as u64 + 1)) as usize);
                }
                let mut chosen: Vec<u8> = classes[..len].to_vec();
                chosen.sort_unstable();
                let run: Vec<u32> = chosen.iter().map(|&c| pack(c, (next() % 65535) as i16)).collect();
                keys.push(k * 7 + 1);
                runs.push(run);
            }
            let lens: Vec<u32> = runs.iter().map(|r| r.len() as u32).collect();
            let flat: Vec<u32> = runs.concat();
            let t = Table::from_flat(&keys, &lens, &flat, width);
            assert!(width < DENSE_MIN || !t.dense_len.is_empty(), "width {width}: some dense rows");
            for round in 0..50 {
                let feats: Vec<u64> = (0..(round % 120) + 1).map(|_| next() % 2200).collect();
                let want = reference(&keys, &runs, &feats, width);
                let mut got = vec![0i32; width];
                t.score(&feats, &mut got);
                assert_eq!(got, want, "width {width}, round {round}");
                let mut acc = Scores::default();
                t.score_with::<false>(&feats, &mut acc);
                assert_eq!(&acc.0[..width], &want[..], "width {width}, round {round}, plain");
            }
        }
    }
}
