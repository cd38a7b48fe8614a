//! The numeric kernels of [`super::NnParser`]: matrix products, the LSTM step, sigmoid and tanh.
//!
//! No BLAS crate: `gemm` (the one candle uses) was tried first and re-packs the weight matrix on every call, which
//! on one sentence of 25 words cost as much as the product (the parser ran at 5,300 words/s with it, 7,800 with
//! [`Packed`]); `matrixmultiply` packs the same way. So the weights are laid out once, at load time, as panels of 16
//! columns ([`Packed`]), and a product with a sentence's rows is a register-blocked loop (4 rows × 16 columns of
//! accumulators) that the compiler vectorises. The LSTM recurrence is a matrix–vector product per word, a plain
//! loop as well. Each hot loop is compiled twice, with AVX2 + FMA (picked at run time) and for the baseline; the
//! only `unsafe` is that call of a `#[target_feature]` function after the feature check.

/// `a · b` with eight partial sums, so that it vectorises (a plain sum of products is one serial chain).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a8, ar) = a[..n].as_chunks::<8>();
    let (b8, br) = b[..n].as_chunks::<8>();
    let mut acc = [0f32; 8];
    for (x, y) in a8.iter().zip(b8) {
        for j in 0..8 {
            acc[j] += x[j] * y[j];
        }
    }
    let tail: f32 = ar.iter().zip(br).map(|(x, y)| x * y).sum();
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}

/// Columns of a panel of [`Packed`] weights: two AVX2 vectors.
const PANEL: usize = 16;
/// Rows of the input handled together by [`Packed::matmul`].
const ROWS: usize = 4;

/// A `k × n` weight matrix stored as panels of [`PANEL`] columns (each `k × PANEL`, row-major, the last one padded
/// with zeros), so that a product with a few rows of activations reads each panel from L1 and packs nothing at run
/// time (the `gemm` crate re-packs the weights on every call, which costs as much as the product on one sentence).
#[derive(Debug, Clone, Default)]
pub struct Packed {
    k: usize,
    n: usize,
    data: Vec<f32>,
}

impl Packed {
    /// Packs a row-major `k × n` matrix.
    pub fn new(w: &[f32], k: usize, n: usize) -> Packed {
        let panels = n.div_ceil(PANEL);
        let mut data = vec![0f32; panels * k * PANEL];
        for p in 0..panels {
            for r in 0..k {
                for j in 0..PANEL.min(n - p * PANEL) {
                    data[(p * k + r) * PANEL + j] = w[r * n + p * PANEL + j];
                }
            }
        }
        Packed { k, n, data }
    }

    /// `c (m×n, row stride ldc) = x (m×k, row stride lda) · self`.
    pub fn matmul(&self, m: usize, x: &[f32], lda: usize, c: &mut [f32], ldc: usize) {
        assert!(m == 0 || (lda >= self.k && x.len() >= (m - 1) * lda + self.k), "packed matmul: x too short");
        assert!(m == 0 || (ldc >= self.n && c.len() >= (m - 1) * ldc + self.n), "packed matmul: c too short");
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
                // SAFETY: the CPU has the features this copy is compiled for (checked just above).
                return unsafe { self.matmul_avx2(m, x, lda, c, ldc) };
            }
        }
        self.matmul_body::<false>(m, x, lda, c, ldc);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    fn matmul_avx2(&self, m: usize, x: &[f32], lda: usize, c: &mut [f32], ldc: usize) {
        self.matmul_body::<true>(m, x, lda, c, ldc);
    }

    #[inline(always)]
    fn matmul_body<const FMA: bool>(&self, m: usize, x: &[f32], lda: usize, c: &mut [f32], ldc: usize) {
        let k = self.k;
        let row = |r: usize| &x[r * lda..r * lda + k];
        for (p, panel) in self.data.chunks_exact(k * PANEL).enumerate() {
            let (panel, _) = panel.as_chunks::<PANEL>();
            let col = p * PANEL;
            let width = PANEL.min(self.n - col);
            let mut i = 0;
            while i < m {
                // A last block of fewer than ROWS rows repeats its last row (one chain per row would leave the
                // multiply-add unit waiting on its own latency) and stores only its own rows.
                let rows = ROWS.min(m - i);
                let at = |q: usize| row(i + q.min(rows - 1));
                let (x0, x1, x2, x3) = (at(0), at(1), at(2), at(3));
                let (mut a0, mut a1, mut a2, mut a3) = ([0f32; PANEL], [0f32; PANEL], [0f32; PANEL], [0f32; PANEL]);
                for (w, ((&v0, &v1), (&v2, &v3))) in panel.iter().zip(x0.iter().zip(x1).zip(x2.iter().zip(x3))) {
                    for j in 0..PANEL {
                        a0[j] = madd::<FMA>(v0, w[j], a0[j]);
                        a1[j] = madd::<FMA>(v1, w[j], a1[j]);
                        a2[j] = madd::<FMA>(v2, w[j], a2[j]);
                        a3[j] = madd::<FMA>(v3, w[j], a3[j]);
                    }
                }
                for (r, acc) in [a0, a1, a2, a3].iter().enumerate().take(rows) {
                    c[(i + r) * ldc + col..(i + r) * ldc + col + width].copy_from_slice(&acc[..width]);
                }
                i += rows;
            }
        }
    }
}

/// One LSTM step: `gates` (4h: input, forget, cell, output, pre-activations of the input already in) gets
/// `h · whh` added, then `c` and `h` are updated in place. `whh` is `h × 4h` row-major (f32 and this loop order
/// were the fastest measured: half floats converted in the loop were 20% slower, and panels of 16 columns with
/// four accumulators 10% slower).
pub fn lstm_step(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU has the features this copy is compiled for (checked just above).
            return unsafe { lstm_step_avx2(gates, whh, h, c) };
        }
    }
    lstm_step_body::<false>(gates, whh, h, c);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn lstm_step_avx2(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
    lstm_step_body::<true>(gates, whh, h, c);
}

/// `a · b + c`, fused where the copy is compiled with FMA (a fused multiply-add is a slow library call without it).
#[inline(always)]
fn madd<const FMA: bool>(a: f32, b: f32, c: f32) -> f32 {
    if FMA { a.mul_add(b, c) } else { a * b + c }
}

#[inline(always)]
fn lstm_step_body<const FMA: bool>(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
    let hd = h.len();
    let g4 = 4 * hd;
    let gates = &mut gates[..g4];
    // gates += Σ_k h_k · whh[k, :], four rows at a time so that each pass over `gates` does four multiply-adds.
    let mut rows = whh[..hd * g4].chunks_exact(4 * g4);
    let mut k = 0;
    for block in rows.by_ref() {
        let (h0, h1, h2, h3) = (h[k], h[k + 1], h[k + 2], h[k + 3]);
        let (r0, rest) = block.split_at(g4);
        let (r1, rest) = rest.split_at(g4);
        let (r2, r3) = rest.split_at(g4);
        for ((((g, &a), &b), &cc), &d) in gates.iter_mut().zip(r0).zip(r1).zip(r2).zip(r3) {
            *g = madd::<FMA>(h3, d, madd::<FMA>(h2, cc, madd::<FMA>(h1, b, madd::<FMA>(h0, a, *g))));
        }
        k += 4;
    }
    for row in rows.remainder().chunks_exact(g4) {
        let hk = h[k];
        for (g, &w) in gates.iter_mut().zip(row) {
            *g = madd::<FMA>(hk, w, *g);
        }
        k += 1;
    }
    let (gi, rest) = gates.split_at_mut(hd);
    let (gf, rest) = rest.split_at_mut(hd);
    let (gg, go) = rest.split_at_mut(hd);
    for ((((ci, hi), &i), &f), (&g, &o)) in c.iter_mut().zip(h.iter_mut()).zip(&*gi).zip(&*gf).zip(gg.iter().zip(&*go))
    {
        let cn = sigmoid(f) * *ci + sigmoid(i) * tanh(g);
        *ci = cn;
        *hi = sigmoid(o) * tanh(cn);
    }
}

/// `e^x` for f32 (relative error about 2e-7), written so that loops over it vectorise.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E + 0.5).floor();
    // x - n·ln2 in two parts for accuracy.
    let r = x - n * 0.693_359_4 + n * 2.121_944_4e-4;
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (0.166_666_67
                    + r * (0.041_666_668 + r * (0.008_333_334 + r * (0.001_388_888_9 + r * 1.984_127e-4))))));
    let scale = f32::from_bits(((n as i32 + 127) as u32) << 23);
    p * scale
}

/// The logistic function.
#[inline(always)]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + exp(-x))
}

/// The hyperbolic tangent, as `2σ(2x) − 1`.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    2.0 * sigmoid(2.0 * x) - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_sigmoid_tanh_are_close_to_std() {
        let mut x = -30.0f32;
        while x < 30.0 {
            let e = f64::from(x).exp();
            assert!(((f64::from(exp(x)) - e) / e).abs() < 1e-6, "exp({x})");
            assert!((tanh(x) - x.tanh()).abs() < 1e-6, "tanh({x})");
            assert!((sigmoid(x) - 1.0 / (1.0 + (-x).exp())).abs() < 1e-6, "sigmoid({x})");
            x += 0.013;
        }
        assert!(sigmoid(-200.0) < 1e-37 && sigmoid(200.0) == 1.0);
        assert!(tanh(200.0) == 1.0 && tanh(-200.0) == -1.0);
    }

    #[test]
    fn dot_matches_a_naive_sum() {
        for n in [0, 3, 8, 21] {
            let a: Vec<f32> = (0..n).map(|i| (i as f32 * 0.37).sin()).collect();
            let b: Vec<f32> = (0..n).map(|i| (i as f32 * 0.11).cos()).collect();
            let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - want).abs() < 1e-5);
        }
    }

    #[test]
    fn packed_matmul_matches_a_naive_product() {
        for (m, k, n) in [(1, 3, 5), (4, 7, 16), (9, 5, 37), (0, 2, 3)] {
            let a: Vec<f32> = (0..m * k).map(|i| (i as f32 * 0.37).sin()).collect();
            let b: Vec<f32> = (0..k * n).map(|i| (i as f32 * 0.11).cos()).collect();
            let mut c = vec![7.0; m * (n + 2)];
            Packed::new(&b, k, n).matmul(m, &a, k, &mut c, n + 2);
            for i in 0..m {
                for j in 0..n {
                    let want: f32 = (0..k).map(|t| a[i * k + t] * b[t * n + j]).sum();
                    assert!((c[i * (n + 2) + j] - want).abs() < 1e-5);
                }
                assert_eq!(c[i * (n + 2) + n], 7.0);
            }
        }
    }

    #[test]
    fn lstm_step_matches_the_definition() {
        let hd = 5;
        let whh: Vec<f32> = (0..hd * 4 * hd).map(|i| (i as f32 * 0.7).sin() * 0.5).collect();
        let x: Vec<f32> = (0..4 * hd).map(|i| (i as f32 * 0.3).cos()).collect();
        let (mut h, mut c) = (vec![0.3f32; hd], vec![-0.2f32; hd]);
        let (h0, c0) = (h.clone(), c.clone());
        let mut g = x.clone();
        lstm_step(&mut g, &whh, &mut h, &mut c);
        for j in 0..hd {
            let pre = |q: usize| x[q * hd + j] + (0..hd).map(|k| h0[k] * whh[k * 4 * hd + q * hd + j]).sum::<f32>();
            let s = |v: f32| 1.0 / (1.0 + (-v).exp());
            let cn = s(pre(1)) * c0[j] + s(pre(0)) * pre(2).tanh();
            assert!((c[j] - cn).abs() < 1e-5);
            assert!((h[j] - s(pre(3)) * cn.tanh()).abs() < 1e-5);
        }
    }
}
