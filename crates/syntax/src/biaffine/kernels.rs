//! The numeric kernels of [`super::NnParser`]: matrix products, the LSTM step, sigmoid and tanh.
//!
//! Matrix products over a whole sentence go to the `gemm` crate (maintained, pure Rust, runtime AVX2/FMA
//! detection, fast on the small and skinny shapes met here; candle itself uses it, so it is already in the lock
//! file). The one `unsafe` of this module wraps its raw-pointer API after checking every slice length. The LSTM
//! recurrence is a matrix–vector product per word that a BLAS packs badly, so it is a plain loop that the compiler
//! vectorises, compiled twice (AVX2 + FMA, picked at run time, and the baseline).

/// `c (m×n) = a (m×k) · b (k×n)`, or `c += …` when `accumulate`; all row-major with the given row strides.
/// Panics when a slice is too short for its shape (a bug of the caller, never input-dependent).
#[allow(clippy::too_many_arguments)]
pub fn matmul(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], c: &mut [f32], accumulate: bool) {
    gemm_checked(m, k, n, a, lda, b, n, 1, c, accumulate);
}

/// `c (m×n) = a (m×k) · bᵀ` where `b` is `n×k` row-major with row stride `ldb`.
pub fn matmul_bt(m: usize, k: usize, n: usize, a: &[f32], lda: usize, b: &[f32], ldb: usize, c: &mut [f32]) {
    gemm_checked(m, k, n, a, lda, b, 1, ldb, c, false);
}

/// `b` element `(r, j)` is at `r * b_rs + j * b_cs`.
#[allow(clippy::too_many_arguments)]
fn gemm_checked(
    m: usize,
    k: usize,
    n: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    b_rs: usize,
    b_cs: usize,
    c: &mut [f32],
    accumulate: bool,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            c[..m * n].fill(0.0);
        }
        return;
    }
    assert!(lda >= k && a.len() >= (m - 1) * lda + k, "matmul: a too short");
    assert!(b.len() > (k - 1) * b_rs + (n - 1) * b_cs, "matmul: b too short");
    assert!(c.len() >= m * n, "matmul: c too short");
    // SAFETY: the asserts above keep every element gemm reads (a: rows < m at stride lda, columns < k; b: (r, j)
    // at r * b_rs + j * b_cs with r < k, j < n) and writes (c: m × n contiguous) inside the borrowed slices, and
    // `c` is a unique borrow that aliases neither input.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            1,
            n as isize,
            accumulate,
            a.as_ptr(),
            1,
            lda as isize,
            b.as_ptr(),
            b_cs as isize,
            b_rs as isize,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

/// One LSTM step: `gates` (4h: input, forget, cell, output, pre-activations of the input already in) gets
/// `h · whh` added, then `c` and `h` are updated in place. `whh` is `h × 4h` row-major.
pub fn lstm_step(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
            // SAFETY: the CPU has the features this copy is compiled for (checked just above).
            return unsafe { lstm_step_avx2(gates, whh, h, c) };
        }
    }
    lstm_step_body(gates, whh, h, c);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn lstm_step_avx2(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
    lstm_step_body(gates, whh, h, c);
}

#[inline(always)]
fn lstm_step_body(gates: &mut [f32], whh: &[f32], h: &mut [f32], c: &mut [f32]) {
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
            *g += h0 * a + h1 * b + h2 * cc + h3 * d;
        }
        k += 4;
    }
    for row in rows.remainder().chunks_exact(g4) {
        let hk = h[k];
        for (g, &w) in gates.iter_mut().zip(row) {
            *g += hk * w;
        }
        k += 1;
    }
    let (gi, rest) = gates.split_at_mut(hd);
    let (gf, rest) = rest.split_at_mut(hd);
    let (gg, go) = rest.split_at_mut(hd);
    for ((((ci, hi), &i), &f), (&g, &o)) in c.iter_mut().zip(h.iter_mut()).zip(&*gi).zip(&*gf).zip(gg.iter().zip(&*go)) {
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
        assert_eq!(sigmoid(-200.0), exp(-87.0) / (1.0 + exp(-87.0)));
        assert!(tanh(200.0) == 1.0 && tanh(-200.0) == -1.0);
    }

    #[test]
    fn matmul_matches_a_naive_product() {
        let (m, k, n) = (5, 7, 3);
        let a: Vec<f32> = (0..m * k).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..k * n).map(|i| (i as f32 * 0.11).cos()).collect();
        let mut c = vec![1.0; m * n];
        matmul(m, k, n, &a, k, &b, &mut c, true);
        let bt: Vec<f32> = (0..n * k).map(|i| b[(i % k) * n + i / k]).collect();
        let mut d = vec![0.0; m * n];
        matmul_bt(m, k, n, &a, k, &bt, k, &mut d);
        for i in 0..m {
            for j in 0..n {
                let want: f32 = (0..k).map(|t| a[i * k + t] * b[t * n + j]).sum();
                assert!((c[i * n + j] - 1.0 - want).abs() < 1e-5);
                assert!((d[i * n + j] - want).abs() < 1e-5);
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
