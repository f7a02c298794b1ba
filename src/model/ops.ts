/**
 * The few tensor ops the GPT is built from, written as `tf.customGrad` ops with hand-written backward
 * passes. They exist because of tfjs-wasm costs measured on this project's CPU: transposed matMul is 10-25x
 * slower than plain matMul, so every backward matMul here transposes explicitly instead of using the
 * transposeA/B flags; `tf.pow` is slow, so GELU uses x*x*x; `gather` has no gradient on wasm, so the
 * embedding's backward is a one-hot matMul. LayerNorm and softmax cross-entropy get fused backward
 * passes because their autodiff graphs are many small ops. When the kit's native library is active
 * (./native, tfjs `cpu` backend) every op here runs its fused C forward and backward instead; the tfjs code
 * below is the twin used otherwise, and the tests hold the two to the same numbers.
 *
 * @example
 * const y = linear(x, W, b);          // x [B, T, In], W [In, Out], b [Out] -> [B, T, Out]
 * const h = gelu(y);
 */
import * as tf from "@tensorflow/tfjs";
import { activeNative } from "./native";
import { nativeBmm, nativeCrossEntropy, nativeGelu, nativeLayerNorm, nativeLinear, nativeLinearT } from "./native-ops";

type Grad = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];
type Save = (tensors: tf.Tensor[]) => void;

/** Wrap tf.customGrad with a typed signature (tfjs's own typing of variadic customGrad is loose). */
function custom(f: (...args: (tf.Tensor | Save)[]) => { value: tf.Tensor; gradFunc: Grad }): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor;
}

/**
 * dW = aᵀ·dy (and db = Σ_rows dy) for a [N, In], dy [N, Out], with explicit transposes only. XNNPACK
 * repacks the right-hand operand on every call, so the smaller of a and dy goes on the right and the
 * larger one is transposed (measured on wasm, N 4096: In 256/Out 1024 186 -> 112 ms; In 1024/Out 256
 * 178 -> 109 ms). db rides along: a ones row appended to aᵀ, or dyᵀ·ones. (wasm's axis-0 Sum transposes
 * internally and is ~20x slower than this.)
 */
function weightGrads(a: tf.Tensor2D, dy: tf.Tensor2D, withBias: boolean): { dw: tf.Tensor2D; db?: tf.Tensor1D } {
  const [n, inDim] = a.shape;
  const outDim = dy.shape[1];
  if (inDim > outDim) {
    // [aᵀ; 1] [In(+1), N] · dy [N, Out]
    const aT = tf.transpose(a) as tf.Tensor2D; // [In, N]
    if (!withBias) return { dw: tf.matMul(aT, dy) };
    const g = tf.matMul(tf.concat([aT, tf.ones([1, n])], 0) as tf.Tensor2D, dy); // [In+1, Out]
    return { dw: g.slice([0, 0], [inDim, outDim]) as tf.Tensor2D, db: g.slice([inDim, 0], [1, outDim]).reshape([outDim]) as tf.Tensor1D };
  }
  const dyT = tf.transpose(dy) as tf.Tensor2D; // [Out, N]
  const dw = tf.transpose(tf.matMul(dyT, a)) as tf.Tensor2D; // ([Out, N]·[N, In])ᵀ = [In, Out]
  if (!withBias) return { dw };
  return { dw, db: tf.matMul(dyT, tf.ones([n, 1])).reshape([outDim]) as tf.Tensor1D }; // [Out]
}

/** Σ over rows of dy [N, Out] -> [Out], as ones[1, N]·dy. */
function rowSum(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.matMul(tf.ones([1, dy.shape[0]]), dy).reshape([dy.shape[1]]) as tf.Tensor1D; // [Out]
}

/** 2-D matMul a[M,K]·b[K,N] whose backward uses explicit transposes (no transposeA/B flags). */
const matMul2dOp = custom((a, b, save) => {
  (save as Save)([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy, [sa, sb]) => [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), weightGrads(sa as tf.Tensor2D, dy as tf.Tensor2D, false).dw],
  };
});

/** 2-D matMul plus bias, fused in the forward pass; backward as matMul2dOp plus db = Σ_rows dy. */
const matMul2dBiasOp = custom((a, b, bias, save) => {
  (save as Save)([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: bias as tf.Tensor }),
    gradFunc: (dy, [sa, sb]) => {
      const { dw, db } = weightGrads(sa as tf.Tensor2D, dy as tf.Tensor2D, true);
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), dw, db as tf.Tensor1D];
    },
  };
});

/**
 * 2-D matrix product with a fast backward on wasm.
 *
 * @example
 * matMul2d(tf.ones([2, 3]), tf.ones([3, 4])); // [2, 4] of 3s
 */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  if (a.rank !== 2 || b.rank !== 2 || a.shape[1] !== b.shape[0]) {
    throw new Error(`matMul2d: need a [M,K] and b [K,N], got [${a.shape}] and [${b.shape}]`);
  }
  const lib = activeNative();
  if (lib) return nativeLinear(lib, a, b);
  return matMul2dOp(a, b) as tf.Tensor2D;
}

/**
 * x[..., D] · W[V, D]ᵀ -> [..., V] (the tied output projection) without materialising Wᵀ on the native
 * path; the tfjs twin transposes explicitly.
 *
 * @example
 * linearT(tf.ones([2, 3]), tf.ones([5, 3])).shape; // [2, 5]
 */
export function linearT<R extends tf.Rank>(x: tf.Tensor<R>, w: tf.Tensor2D): tf.Tensor<R> {
  const d = x.shape[x.rank - 1];
  if (w.rank !== 2 || w.shape[1] !== d) throw new Error(`linearT: x's last axis is ${d} but W is [${w.shape}]; W must be [V, ${d}]`);
  const lib = activeNative();
  const lead = x.shape.slice(0, -1);
  if (!lib) return linear(x, tf.transpose(w) as tf.Tensor2D);
  return nativeLinearT(lib, x.reshape([-1, d]) as tf.Tensor2D, w).reshape([...lead, w.shape[0]]) as tf.Tensor<R>; // [..., V]
}

/**
 * Affine map over the last axis: x[..., In] · W[In, Out] (+ b[Out]) -> [..., Out]. Reshapes to 2-D so
 * the matMul never broadcasts batch dims (the stock tfjs matMul gradient throws when batch dims broadcast, 3-D × 2-D).
 * `activation: "relu"` applies ReLU inside the same native op (forward and backward).
 *
 * @example
 * linear(tf.zeros([2, 5, 8]), tf.zeros([8, 3]), tf.zeros([3])).shape; // [2, 5, 3]
 * linear(x, w, b, "relu");                                             // ReLU(x·W + b)
 */
export function linear<R extends tf.Rank>(x: tf.Tensor<R>, w: tf.Tensor2D, b?: tf.Tensor1D, activation?: "relu"): tf.Tensor<R> {
  const inDim = x.shape[x.rank - 1];
  const [wIn, out] = w.shape;
  if (inDim !== wIn) throw new Error(`linear: x's last axis is ${inDim} but W is [${w.shape}]; W must be [${inDim}, Out]`);
  if (b && (b.rank !== 1 || b.shape[0] !== out)) throw new Error(`linear: bias shape [${b.shape}] must be [${out}] to match W [${w.shape}]`);
  const lead = x.shape.slice(0, -1);
  const x2 = x.reshape([-1, inDim]) as tf.Tensor2D; // [N, In]
  const lib = activeNative();
  const relu = activation === "relu";
  if (activation !== undefined && !relu) throw new Error(`linear: activation must be "relu" or omitted, got ${JSON.stringify(activation)}`);
  let y2 = lib ? nativeLinear(lib, x2, w, b, relu) : b ? matMul2dBiasOp(x2, w, b) : matMul2dOp(x2, w); // [N, Out]
  if (relu && !lib) y2 = tf.relu(y2);
  return y2.reshape([...lead, out]) as tf.Tensor<R>; // [..., Out]
}

/**
 * The Bt matrices of a [Bt, R, C] tensor as separate 2-D tensors, cut from one host copy. (tf.split /
 * unstack on wasm copy the whole input once per slice, ~0.6 ms each at attention sizes.)
 */
function matrices(t: tf.Tensor): tf.Tensor2D[] {
  const [n, r, c] = t.shape as [number, number, number];
  const data = t.dataSync() as Float32Array;
  const out: tf.Tensor2D[] = [];
  for (let i = 0; i < n; i++) out.push(tf.tensor2d(data.subarray(i * r * c, (i + 1) * r * c), [r, c]));
  return out;
}

/**
 * Batched product as Bt separate 2-D matMuls: tfjs-wasm runs batched matMul in a ~2 GFLOP/s
 * generic loop but 2-D matMul through XNNPACK, so this is 2-8x faster at attention sizes (measured:
 * [128,64,64]·[128,64,32] 18.7 -> 5.6 ms; [64,256,64]·[64,64,256] 292 -> 36 ms).
 */
function perMatrixMatMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor3D {
  // Tiny products (decoding: one query row) are cheaper in one batched call than in Bt separate ops.
  const [sa, sb] = [a.shape as number[], b.shape as number[]];
  if (sa[0] === 1 || sa[1] < 16 || sb[2] < 16) return tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D);
  const as = matrices(a), bs = matrices(b);
  const outs = as.map((x, i) => tf.matMul(x, bs[i]));
  const y = tf.stack(outs) as tf.Tensor3D;
  tf.dispose([...as, ...bs, ...outs]);
  return y;
}

const bmmOp = custom((a, b, save) => {
  (save as Save)([a as tf.Tensor, b as tf.Tensor]);
  return {
    value: perMatrixMatMul(a as tf.Tensor, b as tf.Tensor),
    gradFunc: (dy, [sa, sb]) => [
      perMatrixMatMul(dy, tf.transpose(sb, [0, 2, 1])), // dA = dY · Bᵀ
      perMatrixMatMul(tf.transpose(sa, [0, 2, 1]), dy), // dB = Aᵀ · dY
    ],
  };
});

/**
 * Batched matrix product a[Bt, M, K] · b[Bt, K, N] -> [Bt, M, N] (attention), explicit-transpose backward.
 *
 * @example
 * bmm(tf.ones([4, 2, 3]), tf.ones([4, 3, 5])).shape; // [4, 2, 5]
 */
export function bmm(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  if (a.rank !== 3 || b.rank !== 3 || a.shape[0] !== b.shape[0] || a.shape[2] !== b.shape[1]) {
    throw new Error(`bmm: need a [Bt,M,K] and b [Bt,K,N], got [${a.shape}] and [${b.shape}]`);
  }
  const lib = activeNative();
  if (lib) return nativeBmm(lib, a, b);
  return bmmOp(a, b) as tf.Tensor3D;
}

/**
 * Embedding lookup W[ids]: forward is a gather (cheap); backward is dW = oneHot(ids)ᵀ · dy, computed as
 * the equivalent scatter-add of dy's rows in plain JS (exact, and ~10x cheaper than a [V,N]·[N,D] matMul
 * plus the one-hot transpose on wasm). gather's own gradient needs UnsortedSegmentSum, missing on wasm.
 *
 * @example
 * embed(tf.tensor2d([[0, 2]], [1, 2], "int32"), W).shape; // [1, 2, D]
 */
export function embed(ids: tf.Tensor, w: tf.Tensor2D): tf.Tensor {
  if (ids.dtype !== "int32") throw new Error(`embed: ids must be int32, got ${ids.dtype}; use tf.tensor(..., "int32")`);
  const [vocab, dim] = w.shape;
  const lead = ids.shape;
  const flat = ids.reshape([-1]) as tf.Tensor1D; // [N]
  const op = custom((wt, save) => {
    (save as Save)([flat]);
    return {
      value: tf.gather(wt as tf.Tensor2D, flat), // [N, D]
      gradFunc: (dy, [sflat]) => {
        const idx = sflat.dataSync();
        const g = dy.dataSync() as Float32Array; // [N, D]
        const out = new Float32Array(vocab * dim); // [V, D]
        for (let i = 0; i < idx.length; i++) {
          const id = idx[i];
          if (id < 0 || id >= vocab) throw new Error(`embed: id ${id} out of range [0, ${vocab})`);
          const src = i * dim, dst = id * dim;
          for (let j = 0; j < dim; j++) out[dst + j] += g[src + j];
        }
        return [tf.tensor2d(out, [vocab, dim])];
      },
    };
  });
  return op(w).reshape([...lead, dim]); // [..., D]
}

const GELU_C = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

const geluOp = custom((x, save) => {
  const xt = x as tf.Tensor;
  const inner = tf.mul(GELU_C, tf.add(xt, tf.mul(GELU_A, tf.mul(tf.mul(xt, xt), xt))));
  // tanh(u) = 2σ(2u) − 1: wasm's Sigmoid is vectorised (XNNPACK), its Tanh is not (~9x slower on 1M elements).
  const t = tf.sub(tf.mul(tf.sigmoid(tf.mul(inner, 2)), 2), 1);
  (save as Save)([xt, t]);
  return {
    value: tf.mul(tf.mul(0.5, xt), tf.add(1, t)),
    gradFunc: (dy, [sx, st]) => {
      // d/dx 0.5·x·(1+t) = 0.5·(1+t) + 0.5·x·(1−t²)·c·(1 + 3a·x²)
      const x2 = tf.mul(sx, sx);
      const dInner = tf.mul(GELU_C, tf.add(1, tf.mul(3 * GELU_A, x2)));
      const d = tf.add(tf.mul(0.5, tf.add(1, st)), tf.mul(tf.mul(tf.mul(0.5, sx), tf.sub(1, tf.mul(st, st))), dInner));
      return [tf.mul(dy, d)];
    },
  };
});

/**
 * GELU, tanh approximation (GPT-2's): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 *
 * @example
 * gelu(tf.tensor1d([0, 1])).arraySync(); // [0, ~0.8412]
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  const lib = activeNative();
  if (lib) return nativeGelu(lib, x) as T;
  return geluOp(x) as T;
}

/** LayerNorm over the last axis of a 2-D input, with the fused textbook backward. */
function layerNormOp(eps: number) {
  return custom((x, gamma, beta, save) => {
    const xt = x as tf.Tensor2D;
    const d = xt.shape[1];
    const mean = tf.mean(xt, 1, true); // [N, 1]
    const xc = tf.sub(xt, mean); // [N, D]
    const variance = tf.div(tf.sum(tf.mul(xc, xc), 1, true), d); // [N, 1]
    const rstd = tf.rsqrt(tf.add(variance, eps)); // [N, 1]
    const xhat = tf.mul(xc, rstd); // [N, D]
    (save as Save)([xhat, rstd, gamma as tf.Tensor]);
    return {
      value: tf.add(tf.mul(xhat, gamma as tf.Tensor), beta as tf.Tensor),
      gradFunc: (dy, [sxhat, srstd, sgamma]) => {
        const dxhat = tf.mul(dy, sgamma); // [N, D]
        const m1 = tf.mean(dxhat, 1, true); // [N, 1]
        const m2 = tf.mean(tf.mul(dxhat, sxhat), 1, true); // [N, 1]
        const dx = tf.mul(srstd, tf.sub(tf.sub(dxhat, m1), tf.mul(sxhat, m2)));
        return [dx, rowSum(tf.mul(dy, sxhat) as tf.Tensor2D), rowSum(dy as tf.Tensor2D)];
      },
    };
  });
}
const layerNormDefault = layerNormOp(1e-5);

/**
 * LayerNorm over the last axis: (x − mean) / √(var + eps) · γ + β, with eps 1e-5 (GPT-2's).
 *
 * @example
 * layerNorm(tf.tensor2d([[1, 3]]), tf.ones([2]), tf.zeros([2])).arraySync(); // [[~-1, ~1]]
 */
export function layerNorm<R extends tf.Rank>(x: tf.Tensor<R>, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = 1e-5): tf.Tensor<R> {
  const d = x.shape[x.rank - 1];
  if (gamma.shape[0] !== d || beta.shape[0] !== d) {
    throw new Error(`layerNorm: gamma [${gamma.shape}] and beta [${beta.shape}] must both be [${d}] (x's last axis)`);
  }
  const lib = activeNative();
  if (lib) return nativeLayerNorm(lib, x.reshape([-1, d]) as tf.Tensor2D, gamma, beta, eps).reshape(x.shape) as tf.Tensor<R>;
  const op = eps === 1e-5 ? layerNormDefault : layerNormOp(eps);
  return op(x.reshape([-1, d]), gamma, beta).reshape(x.shape) as tf.Tensor<R>; // [..., D]
}

/**
 * Per-position cross-entropy −log softmax(logits)[target], with the fused backward softmax − onehot.
 * logits [N, V] float32, targets [N] int32 -> [N]. No gradient flows to targets.
 *
 * @example
 * softmaxCrossEntropy(tf.zeros([1, 4]) as tf.Tensor2D, tf.tensor1d([2], "int32")).arraySync(); // [ln 4]
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  if (logits.rank !== 2 || targets.rank !== 1 || logits.shape[0] !== targets.shape[0]) {
    throw new Error(`softmaxCrossEntropy: need logits [N,V] and targets [N], got [${logits.shape}] and [${targets.shape}]`);
  }
  if (targets.dtype !== "int32") throw new Error(`softmaxCrossEntropy: targets must be int32, got ${targets.dtype}`);
  const lib = activeNative();
  if (lib) return nativeCrossEntropy(lib, logits, targets);
  const [n, vocab] = logits.shape;
  const op = custom((lg, save) => {
    // softmax, then −log p[target]: wasm's Softmax is vectorised, while LogSoftmax/Exp are ~4x slower.
    // p[target] is floored at 1e-37 (a loss cap of ~85, reached only with logit gaps above ~85).
    const p = tf.softmax(lg as tf.Tensor2D); // [N, V]
    const flatIdx = tf.add(tf.mul(tf.range(0, n, 1, "int32"), tf.scalar(vocab, "int32")), targets); // [N]
    const pt = tf.gather(p.reshape([n * vocab]), flatIdx); // [N]
    (save as Save)([p, targets]); // targets too: the caller may dispose them before backward runs
    return {
      value: tf.neg(tf.log(tf.maximum(pt, 1e-37))), // [N]
      gradFunc: (dy, [sp, st]) => [tf.mul(tf.expandDims(dy, 1), tf.sub(sp, tf.oneHot(st as tf.Tensor1D, vocab).asType("float32")))],
    };
  });
  return op(logits) as tf.Tensor1D;
}

function checkRows(where: string, rows: Int32Array, n: number): void {
  for (let i = 0; i < rows.length; i++) {
    if (!(rows[i] >= 0 && rows[i] < n)) throw new Error(`${where}: row index ${rows[i]} at ${i} is outside [0, ${n})`);
  }
}

/**
 * The rows `rows` of x [N, D] -> [n, D], differentiable in x: the backward adds each dy row into its
 * source row (repeated rows accumulate). Used to compute vocabulary logits only at the positions a loss
 * reads (the action tokens): the [·, V] projection and its softmax are the largest cost of a step on the
 * dialogue rows' vocabularies, and most positions are observation text. The backward runs on the host,
 * so it is the same on every backend (tf.gather's own gradient is missing on wasm, and on tfjs `cpu`
 * its unsortedSegmentSum was ~60× slower than the step it saves).
 *
 * @example
 * gatherRows(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), Int32Array.from([2, 0])); // [[5, 6], [1, 2]]
 */
export function gatherRows(x: tf.Tensor2D, rows: Int32Array): tf.Tensor2D {
  if (x.rank !== 2) throw new Error(`gatherRows: x must be [N, D], got [${x.shape}]`);
  const [N, D] = x.shape;
  checkRows("gatherRows", rows, N);
  const op = custom((a) => ({
    value: tf.tidy(() => tf.gather(a as tf.Tensor2D, tf.tensor1d(rows, "int32"))), // [n, D]
    gradFunc: (dy) => {
      const d = dy.dataSync() as Float32Array;
      const g = new Float32Array(N * D);
      for (let i = 0; i < rows.length; i++) {
        const dst = rows[i] * D;
        const src = i * D;
        for (let j = 0; j < D; j++) g[dst + j] += d[src + j];
      }
      return [tf.tensor2d(g, [N, D])];
    },
  }));
  return op(x) as tf.Tensor2D;
}

/**
 * v [n] placed at `rows` of a length-N vector, 0 elsewhere (the inverse layout of gatherRows; `rows`
 * distinct), differentiable in v: the backward reads dy at `rows`.
 *
 * @example
 * scatterRows(tf.tensor1d([7, 8]), Int32Array.from([2, 0]), 3); // [8, 0, 7]
 */
export function scatterRows(v: tf.Tensor1D, rows: Int32Array, N: number): tf.Tensor1D {
  if (v.rank !== 1 || v.shape[0] !== rows.length) throw new Error(`scatterRows: v must be [${rows.length}] (one value per row), got [${v.shape}]`);
  checkRows("scatterRows", rows, N);
  const op = custom((a) => {
    const vals = (a as tf.Tensor).dataSync();
    const out = new Float32Array(N);
    for (let i = 0; i < rows.length; i++) out[rows[i]] = vals[i];
    return {
      value: tf.tensor1d(out),
      gradFunc: (dy) => {
        const d = dy.dataSync();
        const g = new Float32Array(rows.length);
        for (let i = 0; i < rows.length; i++) g[i] = d[rows[i]];
        return [tf.tensor1d(g)];
      },
    };
  });
  return op(v) as tf.Tensor1D;
}
