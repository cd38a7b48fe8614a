//! Eisner's algorithm: the best projective tree with exactly one word attached to the root.

/// The best projective tree over words `1..=n` for arc scores `score(head, dep)` (head `0` is the root), with
/// exactly one child of the root. Returns the head of each word: `heads[i]` is the head of word `i + 1`.
/// O(n³) time, O(n²) memory.
pub fn eisner(n: usize, score: impl Fn(usize, usize) -> f32) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    // Spans over word indices 0..n (word i is position i + 1). [L] = head at the right end, [R] = head at the left.
    let idx = |i: usize, j: usize| i * n + j;
    let neg = f32::NEG_INFINITY;
    let (mut cl, mut cr, mut il, mut ir) = (vec![0f32; n * n], vec![0f32; n * n], vec![neg; n * n], vec![neg; n * n]);
    let (mut bcl, mut bcr, mut bi) = (vec![0usize; n * n], vec![0usize; n * n], vec![0usize; n * n]);
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            let (mut best, mut arg) = (neg, i);
            for k in i..j {
                let v = cr[idx(i, k)] + cl[idx(k + 1, j)];
                if v > best {
                    (best, arg) = (v, k);
                }
            }
            il[idx(i, j)] = best + score(j + 1, i + 1);
            ir[idx(i, j)] = best + score(i + 1, j + 1);
            bi[idx(i, j)] = arg;
            let (mut best, mut arg) = (neg, i);
            for k in i..j {
                let v = cl[idx(i, k)] + il[idx(k, j)];
                if v > best {
                    (best, arg) = (v, k);
                }
            }
            cl[idx(i, j)] = best;
            bcl[idx(i, j)] = arg;
            let (mut best, mut arg) = (neg, j);
            for k in i + 1..=j {
                let v = ir[idx(i, k)] + cr[idx(k, j)];
                if v > best {
                    (best, arg) = (v, k);
                }
            }
            cr[idx(i, j)] = best;
            bcr[idx(i, j)] = arg;
        }
    }
    let (mut best, mut root) = (neg, 0);
    for k in 0..n {
        let v = score(0, k + 1) + cl[idx(0, k)] + cr[idx(k, n - 1)];
        if v > best {
            (best, root) = (v, k);
        }
    }
    let mut heads = vec![0usize; n];
    // Work list of spans: (i, j, kind) with kind 0 = complete left, 1 = complete right, 2 = incomplete left,
    // 3 = incomplete right.
    let mut stack = vec![(0, root, 0u8), (root, n - 1, 1u8)];
    while let Some((i, j, kind)) = stack.pop() {
        if i == j {
            continue;
        }
        match kind {
            0 => {
                let k = bcl[idx(i, j)];
                stack.push((i, k, 0));
                stack.push((k, j, 2));
            }
            1 => {
                let k = bcr[idx(i, j)];
                stack.push((i, k, 3));
                stack.push((k, j, 1));
            }
            _ => {
                if kind == 2 {
                    heads[i] = j + 1;
                } else {
                    heads[j] = i + 1;
                }
                let k = bi[idx(i, j)];
                stack.push((i, k, 1));
                stack.push((k + 1, j, 0));
            }
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use super::eisner;

    /// Exhaustive search over all head assignments that are projective single-root trees.
    fn brute(n: usize, s: &[Vec<f32>]) -> f32 {
        let mut best = f32::NEG_INFINITY;
        let total = (n + 1).pow(n as u32);
        for code in 0..total {
            let mut c = code;
            let heads: Vec<usize> = (0..n)
                .map(|_| {
                    let h = c % (n + 1);
                    c /= n + 1;
                    h
                })
                .collect();
            if is_projective_tree(&heads) {
                best = best.max(heads.iter().enumerate().map(|(d, &h)| s[h][d + 1]).sum());
            }
        }
        best
    }

    fn is_projective_tree(heads: &[usize]) -> bool {
        let n = heads.len();
        if heads.iter().filter(|&&h| h == 0).count() != 1 || heads.iter().enumerate().any(|(d, &h)| h == d + 1) {
            return false;
        }
        for d in 1..=n {
            let (mut x, mut steps) = (d, 0);
            while x != 0 {
                x = heads[x - 1];
                steps += 1;
                if steps > n {
                    return false;
                }
            }
        }
        for d in 1..=n {
            let h = heads[d - 1];
            let (a, b) = (h.min(d), h.max(d));
            for m in a + 1..b {
                // Every word strictly inside the arc must descend from its head.
                let mut x = m;
                while x != 0 && x != h {
                    x = heads[x - 1];
                }
                if x != h {
                    return false;
                }
            }
        }
        true
    }

    #[test]
    fn matches_brute_force_on_small_random_scores() {
        let mut seed = 12345u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 1000) as f32 / 100.0
        };
        for n in 1..=5 {
            for _ in 0..20 {
                let s: Vec<Vec<f32>> = (0..=n).map(|_| (0..=n).map(|_| next()).collect()).collect();
                let heads = eisner(n, |h, d| s[h][d]);
                assert!(is_projective_tree(&heads), "{heads:?}");
                let got: f32 = heads.iter().enumerate().map(|(d, &h)| s[h][d + 1]).sum();
                assert!((got - brute(n, &s)).abs() < 1e-3, "n {n}: {got} vs {}", brute(n, &s));
            }
        }
    }

    #[test]
    fn empty_sentence_has_no_heads() {
        assert!(eisner(0, |_, _| 0.0).is_empty());
    }
}
