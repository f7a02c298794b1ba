/**
 * Fused native ops (forward and backward in C, see ./native) behind the public functions of ./ops and
 * the GPT trunk of ./gpt. Each is a `tf.customGrad` whose backward reads the forward's inputs as raw
 * Float32Arrays captured at forward time (cheaper than saving tensors; tfjs never mutates them, and the
 * in-place AdamW only runs after backward). Only called while `activeNative()` is set (tfjs `cpu` backend).
 *
 * @example
 * const y = nativeLinear(lib, x2, w, b);   // x2 [N, In] · w [In, Out] + b -> [N, Out]
 */
import * as tf from "@tensorflow/tfjs";
import { f32, giveScratch, i32, takeScratch, taping, tensorOf, type NativeLib } from "./native";

type Save = (tensors: tf.Tensor[]) => void;
type Grad = (dy: tf.Tensor) => tf.Tensor[];

function custom(f: (...args: (tf.Tensor | Save)[]) => { value: tf.Tensor; gradFunc: Grad }): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: tf.Tensor[]) => tf.Tensor;
}

/**
 * y = x·W (+ b), optionally followed by ReLU: x [N, In], W [In, Out]. One C call each way (bias, ReLU
 * and its mask run in the native pool): backward masks dy where the ReLU clipped (y = 0), then
 * dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ dy (transposes are sgemm flags; the column sum uses fixed row chunks).
 */
export function nativeLinear(lib: NativeLib, x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D, relu = false): tf.Tensor2D {
  const [n, inDim] = x.shape;
  const out = w.shape[1];
  const op = custom((...args) => {
    const xv = f32(args[0] as tf.Tensor), wv = f32(args[1] as tf.Tensor);
    const bv = b ? f32(args[2] as tf.Tensor) : null;
    const y = new Float32Array(n * out);
    lib.denseForward(n, inDim, out, xv, wv, bv, relu ? 1 : 0, y);
    return {
      value: tensorOf(y, [n, out]),
      gradFunc: (dy) => {
        const dx = new Float32Array(n * inDim), dw = new Float32Array(inDim * out), db = b ? new Float32Array(out) : null;
        lib.denseBackward(n, inDim, out, xv, wv, relu ? y : null, relu ? 1 : 0, f32(dy), dx, dw, db);
        const g = [tensorOf(dx, [n, inDim]), tensorOf(dw, [inDim, out])];
        if (db) g.push(tensorOf(db, [out]));
        return g;
      },
    };
  });
  return (b ? op(x, w, b) : op(x, w)) as tf.Tensor2D;
}

/** y = x·Wᵀ: x [N, D], W [V, D] (the tied output projection). Backward: dx = dy·W, dW = dyᵀ·x. */
export function nativeLinearT(lib: NativeLib, x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  const [n, d] = x.shape;
  const v = w.shape[0];
  const op = custom((xt, wt) => {
    const xv = f32(xt as tf.Tensor), wv = f32(wt as tf.Tensor);
    const y = new Float32Array(n * v);
    lib.gemm(0, 1, n, v, d, 1, xv, 0, wv, 0, 0, y, 0, 1, 0, 0, 0);
    return {
      value: tensorOf(y, [n, v]),
      gradFunc: (dy) => {
        const g = f32(dy);
        const dx = new Float32Array(n * d), dw = new Float32Array(v * d);
        lib.gemm(0, 0, n, d, v, 1, g, 0, wv, 0, 0, dx, 0, 1, 0, 0, 0);
        lib.gemm(1, 0, v, d, n, 1, g, 0, xv, 0, 0, dw, 0, 1, 0, 0, 0);
        return [tensorOf(dx, [n, d]), tensorOf(dw, [v, d])];
      },
    };
  });
  return op(x, w) as tf.Tensor2D;
}

/** Batched a[Bt, M, K]·b[Bt, K, N]. Backward: dA = dY·Bᵀ, dB = Aᵀ·dY as flagged sgemms. */
export function nativeBmm(lib: NativeLib, a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const [bt, m, k] = a.shape;
  const nn = b.shape[2];
  const op = custom((at, btt) => {
    const av = f32(at as tf.Tensor), bv = f32(btt as tf.Tensor);
    const y = new Float32Array(bt * m * nn);
    lib.gemm(0, 0, m, nn, k, 1, av, 0, bv, 0, 0, y, 0, bt, m * k, k * nn, m * nn);
    return {
      value: tensorOf(y, [bt, m, nn]),
      gradFunc: (dy) => {
        const g = f32(dy);
        const da = new Float32Array(bt * m * k), db = new Float32Array(bt * k * nn);
        lib.gemm(0, 1, m, k, nn, 1, g, 0, bv, 0, 0, da, 0, bt, m * nn, k * nn, m * k);
        lib.gemm(1, 0, k, nn, m, 1, av, 0, g, 0, 0, db, 0, bt, m * k, m * nn, k * nn);
        return [tensorOf(da, [bt, m, k]), tensorOf(db, [bt, k, nn])];
      },
    };
  });
  return op(a, b) as tf.Tensor3D;
}

/** LayerNorm over rows of x [N, D]. */
export function nativeLayerNorm(lib: NativeLib, x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps: number): tf.Tensor2D {
  const [n, d] = x.shape;
  const op = custom((xt, gt, bt) => {
    const xv = f32(xt as tf.Tensor), gv = f32(gt as tf.Tensor), bv = f32(bt as tf.Tensor);
    const y = new Float32Array(n * d), mean = new Float32Array(n), rstd = new Float32Array(n);
    lib.layerNormForward(n, d, eps, xv, gv, bv, y, mean, rstd);
    return {
      value: tensorOf(y, [n, d]),
      gradFunc: (dy) => {
        const dx = new Float32Array(n * d), dg = new Float32Array(d), db = new Float32Array(d);
        lib.layerNormBackward(n, d, xv, gv, mean, rstd, f32(dy), dx, dg, db);
        return [tensorOf(dx, [n, d]), tensorOf(dg, [d]), tensorOf(db, [d])];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/** tanh-GELU with a vectorised rational tanh. */
export function nativeGelu(lib: NativeLib, x: tf.Tensor): tf.Tensor {
  const op = custom((xt) => {
    const xv = f32(xt as tf.Tensor);
    const y = new Float32Array(xv.length);
    lib.geluForward(xv, y);
    return {
      value: tensorOf(y, x.shape),
      gradFunc: (dy) => {
        const dx = new Float32Array(xv.length);
        lib.geluBackward(xv, f32(dy), dx);
        return [tensorOf(dx, x.shape)];
      },
    };
  });
  return op(x);
}

/** Per-row −log softmax(logits)[target] (capped at −log 1e-37 like the tfjs twin). */
export function nativeCrossEntropy(lib: NativeLib, logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const [n, v] = logits.shape;
  const tv = i32(targets);
  for (let i = 0; i < n; i++) if (!(tv[i] >= 0 && tv[i] < v)) throw new Error(`softmaxCrossEntropy: target ${tv[i]} at row ${i} is outside [0, ${v})`);
  const op = custom((lt) => {
    const lv = f32(lt as tf.Tensor);
    const loss = new Float32Array(n);
    lib.ceForward(n, v, lv, tv, loss);
    return {
      value: tensorOf(loss, [n]),
      gradFunc: (dy) => {
        const dl = new Float32Array(n * v);
        lib.ceBackward(n, v, lv, tv, f32(dy), dl);
        return [tensorOf(dl, [n, v])];
      },
    };
  });
  return op(logits) as tf.Tensor1D;
}

/** Shapes the trunk needs. */
export interface TrunkDims {
  B: number;
  T: number;
  D: number;
  H: number;
  L: number;
  V: number;
}

/**
 * The whole GPT trunk (embeddings -> L pre-LN blocks -> ln_f) as one op: hidden [B, T, D]. `weights` in
 * the order wte, wpe, per layer (ln_1.gamma, ln_1.beta, c_attn.w, c_attn.b, c_proj.w, c_proj.b, ln_2.gamma,
 * ln_2.beta, c_fc.w, c_fc.b, mlp.c_proj.w, mlp.c_proj.b), ln_f.gamma, ln_f.beta. ids/pos int32 [B·T];
 * keyMask [B·T] (1 real, 0 padding) or null. Activations live in a pooled buffer until backward.
 */
export function nativeTrunk(lib: NativeLib, dims: TrunkDims, weights: tf.Tensor[], ids: Int32Array, pos: Int32Array, keyMask: Float32Array | null): tf.Tensor3D {
  const { B, T, D, H, L, V } = dims;
  const op = custom((...args) => {
    const ws = args.slice(0, weights.length).map((t) => f32(t as tf.Tensor));
    const acts = takeScratch(lib.trunkActsSize(B, T, D, H, L));
    const hidden = new Float32Array(B * T * D);
    lib.trunkForward(B, T, D, H, L, V, ids, pos, keyMask, ws, acts, hidden);
    const keep = taping();
    if (!keep) giveScratch(acts);
    let used = false;
    return {
      value: tensorOf(hidden, [B, T, D]),
      gradFunc: (dy) => {
        if (!keep || used) throw new Error("nativeTrunk: backward needs the forward's activations (run the forward under a gradient tape, once per backward)");
        used = true;
        const grads = ws.map((w) => new Float32Array(w.length));
        lib.trunkBackward(B, T, D, H, L, V, ids, pos, ws, acts, f32(dy), grads);
        giveScratch(acts);
        return grads.map((g, i) => tensorOf(g, weights[i].shape));
      },
    };
  });
  return op(...weights) as tf.Tensor3D;
}

/** The constant inputs of {@link nativeIlqlLoss}, one entry per decision position (N = B·T). */
export interface IlqlConstants {
  /** Q̄_1(s, a), Q̄_2(s, a) of the target networks at the taken token [N]. */
  readonly targetQ1: Float32Array;
  readonly targetQ2: Float32Array;
  /** sg V(s_{t+1})·(1 − d_t) [N]. */
  readonly vNext: Float32Array;
  /** a_t [N] int32, the taken token. */
  readonly targets: Int32Array;
  /** 1 on action tokens [N]. */
  readonly mask: Float32Array;
  /** r_t [N]. */
  readonly rewards: Float32Array;
  readonly gamma: number;
  readonly tau: number;
  readonly cqlWeight: number;
}

/** Names of the statistics `nativeIlqlLoss` returns, in the C function's order. */
export const ILQL_STATS = ["loss", "loss/q1", "loss/q2", "loss/v", "loss/cql1", "loss/cql2", "ilql/q1_mean", "ilql/q2_mean", "ilql/v_mean", "ilql/target_q_mean", "ilql/td_target_mean", "ilql/advantage_mean", "ilql/expectile_weight"] as const;

/**
 * The whole ILQL objective (src/algorithms/ilql.ts has the equations and the tfjs twin) as one op over
 * q1, q2 [N, V] and v [N]: C computes every term and masked mean in one pass (rows in the pool, sums in
 * a fixed order) and, backward, dq1/dq2/dv directly — no [N, V] one-hot, no dozens of small tfjs ops.
 * Returns the loss (differentiable in q1, q2, v) and every statistic by name.
 */
export function nativeIlqlLoss(lib: NativeLib, q1: tf.Tensor2D, q2: tf.Tensor2D, v: tf.Tensor1D, c: IlqlConstants): { loss: tf.Scalar; stats: Record<(typeof ILQL_STATS)[number], number> } {
  const [n, vocab] = q1.shape;
  for (const [k, a] of [["targetQ1", c.targetQ1], ["targetQ2", c.targetQ2], ["vNext", c.vNext], ["targets", c.targets], ["mask", c.mask], ["rewards", c.rewards]] as const) {
    if (a.length !== n) throw new Error(`nativeIlqlLoss: ${k} has ${a.length} entries, expected ${n} (one per position)`);
  }
  for (let i = 0; i < n; i++) if (!(c.targets[i] >= 0 && c.targets[i] < vocab)) throw new Error(`nativeIlqlLoss: target ${c.targets[i]} at position ${i} is outside [0, ${vocab})`);
  const out = new Float32Array(ILQL_STATS.length);
  const op = custom((a1, a2, vt) => {
    const q1v = f32(a1 as tf.Tensor), q2v = f32(a2 as tf.Tensor), vv = f32(vt as tf.Tensor);
    const args = [n, vocab, q1v, q2v, vv, c.targetQ1, c.targetQ2, c.vNext, c.targets, c.mask, c.rewards, c.gamma, c.tau, c.cqlWeight] as const;
    lib.ilqlLoss(...args, out);
    return {
      value: tf.scalar(out[0]),
      gradFunc: (dy) => {
        const dq1 = new Float32Array(n * vocab), dq2 = new Float32Array(n * vocab), dv = new Float32Array(n);
        lib.ilqlLossBackward(...args, f32(dy)[0], dq1, dq2, dv);
        return [tensorOf(dq1, [n, vocab]), tensorOf(dq2, [n, vocab]), tensorOf(dv, [n])];
      },
    };
  });
  const loss = op(q1, q2, v) as tf.Scalar;
  const stats = Object.fromEntries(ILQL_STATS.map((k, i) => [k, out[i]])) as Record<(typeof ILQL_STATS)[number], number>;
  return { loss, stats };
}
