/**
 * The few tensor helpers the losses share, written with plain tfjs ops that have gradients on every
 * backend (no gather in a differentiated path: its gradient is missing on wasm).
 */
import * as tf from "@tensorflow/tfjs";
import type { Gpt, ScalarHead } from "../model/gpt";
import { gatherRows, scatterRows, softmaxCrossEntropy } from "../model/ops";
import type { Batch } from "./data";

const sg = tf.customGrad((x) => ({ value: tf.clone(x as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));

/** sg(x): the value of x with no gradient flowing back (targets of TD and expectile losses). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return sg(x) as T;
}

/**
 * Q(s_p, a_p): the entry of each position's vector at the taken token. values [B, P, V], tokens [B, P]
 * int32 -> [B, P]. Differentiable in `values`: the gradient scatters dy back to the taken entries. Read
 * and scattered on the host (a custom gradient, so it works on every backend; tf.gather's gradient is
 * missing on wasm, and the one-hot product it replaces cost two [B, P, V] broadcasting multiplies per
 * call in the backward pass).
 */
export function takeToken(values: tf.Tensor3D, tokens: tf.Tensor2D): tf.Tensor2D {
  const [B, P, V] = values.shape;
  const tok = tokens.dataSync();
  for (let i = 0; i < tok.length; i++) {
    if (!(tok[i] >= 0 && tok[i] < V)) throw new Error(`takeToken: token ${tok[i]} at flat position ${i} is outside the vocabulary [0, ${V})`);
  }
  const op = tf.customGrad((x) => {
    const vals = (x as tf.Tensor).dataSync();
    const out = new Float32Array(B * P);
    for (let i = 0; i < B * P; i++) out[i] = vals[i * V + tok[i]];
    return {
      value: tf.tensor2d(out, [B, P]),
      gradFunc: (dy: tf.Tensor) => {
        const d = dy.dataSync();
        const g = new Float32Array(B * P * V);
        for (let i = 0; i < B * P; i++) g[i * V + tok[i]] = d[i];
        return tf.tensor3d(g, [B, P, V]);
      },
    };
  });
  return op(values) as tf.Tensor2D; // [B, P]
}

/**
 * Σ mask·x / Σ mask, 0 for an empty mask: the mean over action tokens, or a weighted mean when `mask`
 * holds weights ≥ 0 (GRPO's 1/|o_i|, which can sum below 1 in a minibatch: the guard is not a floor of 1).
 */
export function maskedMean(x: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.div(tf.sum(tf.mul(x, mask)), tf.maximum(tf.sum(mask), 1e-12)) as tf.Scalar;
}

/** Per-position cross-entropy of logits [B, P, V] against tokens [B, P] -> [B, P]. */
export function crossEntropy(logits: tf.Tensor3D, tokens: tf.Tensor2D): tf.Tensor2D {
  const [B, P, V] = logits.shape;
  // −log softmax(z)[a] (= logsumexp(z) − z[a]) with the model's fused, wasm-fast kernel.
  const ce = softmaxCrossEntropy(logits.reshape([B * P, V]) as tf.Tensor2D, tokens.reshape([B * P]) as tf.Tensor1D); // [B·P]
  return ce.reshape([B, P]) as tf.Tensor2D;
}

/** V of each row's next-link observation (online trunk and V head, no gradient); 0 for rows without one. */
export function nextLinkValues(base: Gpt, vHead: ScalarHead, prefixes: readonly (readonly number[] | null)[], padId: number): tf.Tensor1D {
  const rows = prefixes.map((p, i) => ({ p, i })).filter((r) => r.p && r.p.length > 0) as { p: readonly number[]; i: number }[];
  const out = new Float32Array(prefixes.length);
  if (rows.length > 0) {
    const L = Math.min(base.config.blockSize, Math.max(...rows.map((r) => r.p.length)));
    const ids = rows.map((r) => {
      const cut = r.p.slice(Math.max(0, r.p.length - L));
      return [...cut, ...new Array<number>(L - cut.length).fill(padId)];
    });
    const vals = tf.tidy(() => {
      const h = base.hidden(tf.tensor2d(ids, [rows.length, L], "int32")); // [n, L, D]
      const D = h.shape[2];
      const last = tf.tensor1d(rows.map((r, k) => k * L + Math.min(r.p.length, L) - 1), "int32"); // right-padded: last real token
      return vHead.apply(tf.gather(h.reshape([rows.length * L, D]), last)).dataSync(); // V at those rows only [n]
    });
    rows.forEach((r, k) => (out[r.i] = vals[k]));
  }
  return tf.tensor1d(out);
}

/**
 * A batch's action positions — the only positions any policy loss reads — as flat indices b·T + t where
 * actionMask is 1, in order, with the token taken at each (`npm run bench -- action-rows` prints their
 * share of each row's padded positions: 7% on Car Dealer, about half on the other dialogue rows).
 */
export interface ActionRows {
  readonly B: number;
  readonly T: number;
  /** [n] flat indices into [B, T]. */
  readonly rows: Int32Array;
  /** [n] the token taken at each row. */
  readonly targets: Int32Array;
}

export function actionRows(b: Pick<Batch, "B" | "T" | "targets" | "actionMask">): ActionRows {
  let n = 0;
  for (let i = 0; i < b.actionMask.length; i++) if (b.actionMask[i] !== 0) n++;
  const rows = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let i = 0, k = 0; i < b.actionMask.length; i++) {
    if (b.actionMask[i] === 0) continue;
    rows[k] = i;
    targets[k++] = b.targets[i];
  }
  return { B: b.B, T: b.T, rows, targets };
}

/**
 * The model's vocabulary logits at the action rows only: hidden [B, T, D] -> [n, V]. The same numbers as
 * `model.forward(ids).logits` at those positions, without the [B, T, V] projection and softmax over the
 * observation tokens (what that saves per row: `npm run bench -- action-rows`).
 */
export function actionLogits(model: Gpt, hidden: tf.Tensor3D, a: ActionRows): tf.Tensor2D {
  return model.logits(actionHidden(hidden, a)); // [n, V]
}

/** The final hidden states at the action rows: [B, T, D] -> [n, D] (for vocabulary-sized heads, as MC Returns' Q). */
export function actionHidden(hidden: tf.Tensor3D, a: ActionRows): tf.Tensor2D {
  const [B, T, D] = hidden.shape;
  if (B !== a.B || T !== a.T) throw new Error(`actionHidden: hidden [${hidden.shape}] does not match the batch's [${a.B}, ${a.T}]`);
  return gatherRows(hidden.reshape([B * T, D]) as tf.Tensor2D, a.rows); // [n, D]
}

/**
 * log π(a_t | s_t) [B, T] at the action positions and 0 elsewhere (every use of it is masked by
 * actionMask), with the vocabulary logits computed only at the action rows.
 */
export function actionTokenLogp(model: Gpt, hidden: tf.Tensor3D, a: ActionRows): tf.Tensor2D {
  // no action rows: zeros that stay connected to the weights (a gradient of 0, not a tape without them)
  if (a.rows.length === 0) return tf.mul(tf.zeros([a.B, a.T]), tf.sum(actionLogits(model, hidden, a))) as tf.Tensor2D;
  const nll = softmaxCrossEntropy(actionLogits(model, hidden, a), tf.tensor1d(a.targets, "int32")); // [n]
  return scatterRows(tf.neg(nll) as tf.Tensor1D, a.rows, a.B * a.T).reshape([a.B, a.T]) as tf.Tensor2D;
}
