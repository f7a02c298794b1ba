/**
 * Batched decoding and scoring on token ids (never a tokenizer: callers encode/decode). Prompts are
 * left-truncated and left-padded to a common length (as the reference's `GPT2PPOPolicy`,
 * `LLM_RL/algorithms/ppo/gpt2/interface.py`); each row samples from its own seeded Rng stream and stops at
 * `stopId`. A logits hook sees (logits [B,V], final hidden [B,D]) so value-based policies can decode from
 * logits_β + β·Q (reference `LLM_RL/algorithms/value_rl_base/gpt2/generation.py`). The KV-cache path and
 * the no-cache reference path produce the same tokens for the same seed.
 *
 * @example
 * const out = generate(model, [[5, 9, 2], [7]], { maxNewTokens: 8, stopId: newlineId, seed: 1 });
 * out.tokens[0];   // new token ids of row 0 (ending with stopId if it stopped)
 */
import * as tf from "@tensorflow/tfjs";
import { deriveSeed, Rng } from "../core/rng";
import { disposeCache, type Gpt, type KvCache } from "./gpt";
import { softmaxCrossEntropy } from "./ops";

/** Hook applied to next-token logits before sampling; return new logits [B, V] (e.g. logits + β·Q(hidden)). */
export type LogitsHook = (logits: tf.Tensor2D, hidden: tf.Tensor2D) => tf.Tensor2D;

/**
 * A second trunk decoded in lock-step with the policy model (its own KV cache over the same tokens),
 * whose final hidden state scores the vocabulary: the sampled logits are logits_β + β·score(hidden)
 * (MC Returns and ILQL decoding, LMRL-Gym §5 / Snell et al. 2023 §4).
 */
export interface ValueGuide {
  /** The trunk whose final hidden state the value heads read. */
  readonly trunk: Gpt;
  /** hidden [B, D] -> Q(s, ·) [B, V] (ILQL: min(Q1, Q2)). */
  score(hidden: tf.Tensor2D): tf.Tensor2D;
  /** β of logits_β + β·Q. */
  readonly beta: number;
}

export interface GenerateOptions {
  /** Maximum tokens to generate per row. */
  maxNewTokens: number;
  /** A row stops after emitting this id (the "\n" token, the reference scripts' `eos_token_id`). */
  stopId?: number;
  /** Softmax temperature (default 1, the paper's protocol). Ignored when greedy. */
  temperature?: number;
  /** Keep only the k most likely tokens before sampling (default: all). */
  topK?: number;
  /** Take the argmax instead of sampling. */
  greedy?: boolean;
  /** Seed for sampling: row i uses Rng(deriveSeed(seed, "generate", i)). Required unless `rngs` or greedy. */
  seed?: number;
  /** Explicit per-row generators (advanced in place), instead of `seed`. */
  rngs?: Rng[];
  /** Id used for left padding (masked out, so any valid id works). Default 0. */
  padId?: number;
  /** Prompts longer than this are left-truncated. Default: the model's blockSize. */
  maxPromptLength?: number;
  /** Adjust logits before sampling (see LogitsHook). */
  logitsHook?: LogitsHook;
  /** Decode from logits + β·score(guide trunk's hidden); the guide keeps its own cache (see ValueGuide). */
  guide?: ValueGuide;
  /** Use the KV cache (default true); false runs the full-window reference path every step. */
  useCache?: boolean;
}

export interface GenerateResult {
  /** New tokens per row (including the stop id when the row stopped). */
  tokens: number[][];
  /** Whether each row emitted stopId. */
  stopped: boolean[];
}

/** Left-truncate each prompt to `maxLen` and left-pad to the longest: ids and mask rows (1 real, 0 pad). */
export function leftPad(prompts: readonly (readonly number[])[], maxLen: number, padId: number): { ids: number[][]; mask: number[][] } {
  const cut = prompts.map((p, i) => {
    if (p.length === 0) throw new Error(`leftPad: prompt ${i} is empty; every prompt needs at least one token (e.g. a newline)`);
    return p.length > maxLen ? p.slice(p.length - maxLen) : [...p];
  });
  const L = Math.max(...cut.map((p) => p.length));
  return {
    ids: cut.map((p) => [...new Array<number>(L - p.length).fill(padId), ...p]),
    mask: cut.map((p) => [...new Array<number>(L - p.length).fill(0), ...new Array<number>(p.length).fill(1)]),
  };
}

/** Pick a token from one row of logits: greedy argmax, or temperature / top-k sampling with `rng`. */
function pickToken(row: Float32Array, greedy: boolean, temperature: number, topK: number | undefined, rng: Rng | undefined): number {
  const V = row.length;
  if (greedy) {
    let best = 0;
    for (let j = 1; j < V; j++) if (row[j] > row[best]) best = j;
    return best;
  }
  let threshold = -Infinity;
  if (topK !== undefined && topK < V) {
    const sorted = Float32Array.from(row).sort();
    threshold = sorted[V - topK];
  }
  let max = -Infinity;
  for (let j = 0; j < V; j++) if (row[j] >= threshold && row[j] > max) max = row[j];
  const probs = new Float64Array(V);
  let total = 0;
  for (let j = 0; j < V; j++) {
    if (row[j] < threshold) continue;
    const p = Math.exp((row[j] - max) / temperature);
    probs[j] = p;
    total += p;
  }
  let u = (rng as Rng).next() * total;
  let last = 0;
  for (let j = 0; j < V; j++) {
    if (probs[j] === 0) continue;
    last = j;
    u -= probs[j];
    if (u < 0) return j;
  }
  return last;
}

/**
 * Generate continuations for a batch of prompts. Synchronous; all tensors it creates are disposed.
 * With prompt + generated length above blockSize the context window slides (the cache path then
 * recomputes the window each step, exactly like the reference path).
 *
 * @example
 * generate(model, prompts, { maxNewTokens: 16, stopId: nl, seed: 7 });                 // sample, T=1
 * generate(model, prompts, { maxNewTokens: 16, stopId: nl, greedy: true });             // argmax
 * generate(model, prompts, { maxNewTokens: 16, seed: 7, logitsHook: (l, h) => tf.add(l, tf.mul(beta, q.apply(h))) });
 */
export function generate(model: Gpt, prompts: readonly (readonly number[])[], opts: GenerateOptions): GenerateResult {
  const guide = opts.guide;
  const { vocabSize } = model.config;
  const blockSize = Math.min(model.config.blockSize, guide?.trunk.config.blockSize ?? Infinity);
  if (guide && guide.trunk.config.vocabSize !== vocabSize) throw new Error(`generate: the guide trunk's vocabSize ${guide.trunk.config.vocabSize} differs from the model's ${vocabSize}`);
  const B = prompts.length;
  if (B === 0) return { tokens: [], stopped: [] };
  if (!Number.isInteger(opts.maxNewTokens) || opts.maxNewTokens < 0) throw new Error(`generate: maxNewTokens must be a non-negative integer, got ${opts.maxNewTokens}`);
  const greedy = opts.greedy ?? false;
  const temperature = opts.temperature ?? 1;
  if (!greedy && !(temperature > 0)) throw new Error(`generate: temperature must be > 0, got ${temperature}; use greedy: true for argmax`);
  if (opts.topK !== undefined && !(Number.isInteger(opts.topK) && opts.topK >= 1)) throw new Error(`generate: topK must be a positive integer, got ${opts.topK}`);
  let rngs: Rng[] | undefined = opts.rngs;
  if (rngs && rngs.length !== B) throw new Error(`generate: got ${rngs.length} rngs for ${B} prompts; pass one per row`);
  if (!rngs && !greedy) {
    if (opts.seed === undefined) throw new Error("generate: pass `seed` (or `rngs`) for sampling, or greedy: true");
    rngs = Array.from({ length: B }, (_, i) => new Rng(deriveSeed(opts.seed as number, "generate", i)));
  }
  const padId = opts.padId ?? 0;
  const maxPrompt = Math.min(opts.maxPromptLength ?? blockSize, blockSize);
  for (const [i, p] of prompts.entries()) {
    for (const id of p) if (!(Number.isInteger(id) && id >= 0 && id < vocabSize)) throw new Error(`generate: prompt ${i} has token id ${id} outside [0, ${vocabSize})`);
  }
  const { ids: seq, mask } = leftPad(prompts, maxPrompt, padId);
  const useCache = opts.useCache ?? true;

  const tokens: number[][] = prompts.map(() => []);
  const stopped = prompts.map(() => false);
  const done = prompts.map(() => false);
  if (opts.maxNewTokens === 0) return { tokens, stopped };

  type Step = ReturnType<Gpt["forwardCached"]>;
  /** Forward the last `blockSize` columns of seq from scratch; returns last-position logits/hidden and the caches. */
  const fromScratch = (): { main: Step; side?: Step } => {
    const L = seq[0].length;
    const start = Math.max(0, L - blockSize);
    const idsT = tf.tensor2d(seq.map((r) => r.slice(start)), undefined, "int32"); // [B, W]
    const maskT = tf.tensor2d(mask.map((r) => r.slice(start))); // [B, W]
    const main = model.forwardCached(idsT, undefined, maskT);
    const side = guide?.trunk.forwardCached(idsT, undefined, maskT);
    tf.dispose([idsT, maskT]);
    return { main, side };
  };
  const release = (x: { main: Step; side?: Step }, caches: boolean) => {
    for (const st of [x.main, x.side]) {
      if (!st) continue;
      tf.dispose([st.logits, st.hidden].filter((t) => !t.isDisposed));
      if (caches && !st.cache.keysT[0]?.isDisposed) disposeCache(st.cache);
    }
  };

  let cur = fromScratch();
  let step = cur.main;
  try {
    for (let s = 0; s < opts.maxNewTokens; s++) {
      let logits = step.logits;
      if (guide && cur.side) {
        const side = cur.side;
        logits = tf.tidy(() => tf.add(step.logits, tf.mul(guide.beta, guide.score(side.hidden)))); // logits_β + β·Q [B, V]
      }
      const adjusted = opts.logitsHook ? opts.logitsHook(logits, step.hidden) : logits;
      if (adjusted.shape[0] !== B || adjusted.shape[1] !== vocabSize) throw new Error(`generate: logitsHook returned shape [${adjusted.shape}], expected [${B}, ${vocabSize}]`);
      const flat = adjusted.dataSync() as Float32Array;
      if (adjusted !== logits) adjusted.dispose();
      if (logits !== step.logits) logits.dispose();
      release(cur, false);
      const next: number[] = [];
      const finishedBefore = [...done];
      for (let b = 0; b < B; b++) {
        if (finishedBefore[b]) {
          next.push(padId);
          continue;
        }
        const tok = pickToken(flat.subarray(b * vocabSize, (b + 1) * vocabSize), greedy, temperature, opts.topK, rngs?.[b]);
        tokens[b].push(tok);
        next.push(tok);
        if (opts.stopId !== undefined && tok === opts.stopId) {
          done[b] = true;
          stopped[b] = true;
        }
      }
      if (s === opts.maxNewTokens - 1 || done.every(Boolean)) {
        release(cur, true);
        break;
      }
      // Append the new column; rows finished before this step feed a masked pad.
      for (let b = 0; b < B; b++) {
        seq[b].push(next[b]);
        mask[b].push(finishedBefore[b] ? 0 : 1);
      }
      const cache: KvCache = step.cache;
      if (useCache && cache.length + 1 <= blockSize) {
        const idsT = tf.tensor2d(next.map((t) => [t]), [B, 1], "int32"); // [B, 1]
        const maskT = tf.tensor2d(mask.map((r) => [r[r.length - 1]]), [B, 1]); // [B, 1]
        const main = model.forwardCached(idsT, cache, maskT);
        const side = cur.side && guide ? guide.trunk.forwardCached(idsT, cur.side.cache, maskT) : undefined;
        tf.dispose([idsT, maskT]);
        cur = { main, side };
      } else {
        release(cur, true);
        cur = fromScratch();
      }
      step = cur.main;
    }
  } catch (e) {
    release(cur, true);
    throw e;
  }
  return { tokens, stopped };
}

/**
 * Differentiable per-token log-probabilities log p(ids[:, t+1] | ids[:, ≤t]) from logits [B, T, V]:
 * returns [B, T−1]. For PPO ratios and BC losses.
 *
 * @example
 * const lp = tokenLogProbs(model.forward(ids).logits, ids);   // [B, T-1]
 */
export function tokenLogProbs(logits: tf.Tensor3D, ids: tf.Tensor2D): tf.Tensor2D {
  const [B, T, V] = logits.shape;
  if (ids.shape[0] !== B || ids.shape[1] !== T) throw new Error(`tokenLogProbs: ids [${ids.shape}] must match logits [${logits.shape}] in B and T`);
  return tf.tidy(() => {
    const pred = logits.slice([0, 0, 0], [B, T - 1, V]).reshape([B * (T - 1), V]) as tf.Tensor2D; // [B·(T−1), V]
    const tgt = ids.slice([0, 1], [B, T - 1]).reshape([B * (T - 1)]) as tf.Tensor1D; // [B·(T−1)]
    return tf.neg(softmaxCrossEntropy(pred, tgt)).reshape([B, T - 1]) as tf.Tensor2D; // [B, T−1]
  });
}

/**
 * Sum of log-probabilities of each action's tokens given its prompt, batched (reranker scores,
 * reference `LLM_RL/algorithms/ppo/score_fn.py`). The prompt is left-truncated so prompt + action
 * fits the block; the action must fit entirely.
 *
 * @example
 * scoreActions(model, [promptIds, promptIds], [encode("move up\n"), encode("move down\n")]); // [lp1, lp2]
 */
export function scoreActions(model: Gpt, prompts: readonly (readonly number[])[], actions: readonly (readonly number[])[], padId = 0): number[] {
  if (prompts.length !== actions.length) throw new Error(`scoreActions: ${prompts.length} prompts but ${actions.length} actions; pass one action per prompt`);
  const B = prompts.length;
  if (B === 0) return [];
  const { blockSize } = model.config;
  const rows = prompts.map((p, i) => {
    const a = actions[i];
    if (a.length === 0) throw new Error(`scoreActions: action ${i} is empty`);
    if (a.length >= blockSize) throw new Error(`scoreActions: action ${i} has ${a.length} tokens; it must be shorter than blockSize ${blockSize}`);
    if (p.length === 0) throw new Error(`scoreActions: prompt ${i} is empty; it needs at least one token`);
    const keep = Math.min(p.length, blockSize - a.length);
    return [...p.slice(p.length - keep), ...a];
  });
  const { ids, mask } = leftPad(rows, blockSize, padId);
  const L = ids[0].length;
  return tf.tidy(() => {
    const idsT = tf.tensor2d(ids, undefined, "int32"); // [B, L]
    const maskT = tf.tensor2d(mask); // [B, L]
    const lp = tokenLogProbs(model.forward(idsT, { attentionMask: maskT }).logits, idsT); // [B, L−1]
    // Action tokens are the last |a_i| columns of each (left-padded) row; column t of lp predicts token t+1.
    const w = actions.map((a) => Array.from({ length: L - 1 }, (_, t) => (t + 1 >= L - a.length ? 1 : 0)));
    const scores = tf.sum(tf.mul(lp, tf.tensor2d(w)), 1); // [B]
    return Array.from(scores.dataSync());
  });
}
