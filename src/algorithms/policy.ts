/**
 * Model policies for evaluation (spec §4.6): the agent's visible history is tokenised, left-truncated and
 * decoded token by token until "\n". BC/%BC sample from the LM; MC Returns and ILQL sample from
 * logits_β + β·Q(s, ·), where logits_β come from the frozen BC model π_β and Q from the trained trunk's
 * heads (ILQL: min(Q1, Q2)). The two models run in lock-step, each with its own KV cache.
 *
 * @example
 * const p = new ModelPolicy("bc", { model: gpt }, tokenizer, { window: 1, temperature: 1, maxNewTokens: 8 });
 * await evaluate(spec, p, { episodes: 25 });
 */
import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../core/rng";
import type { History, Policy } from "../core/types";
import { generate, leftPad } from "../model/generate";
import { disposeCache, type Gpt } from "../model/gpt";
import type { KitTokenizer } from "../model/tokenizer";
import { CachedEncoder } from "./data";

/** A value trunk and its score over the vocabulary, added to π_β's logits as β·score. */
export interface ValueGuide {
  /** The trunk whose final hidden state the Q heads read. */
  readonly trunk: Gpt;
  /** hidden [B, D] -> Q(s, ·) [B, V] (ILQL: min(Q1, Q2)). */
  score(hidden: tf.Tensor2D): tf.Tensor2D;
  /** β of logits_β + β·Q. */
  readonly beta: number;
}

export interface PolicyOptions {
  /** Texts of the history in the prompt (the training window). */
  readonly window: number;
  /** 1 = the paper's sampling protocol; 0 = greedy argmax. */
  readonly temperature: number;
  readonly maxNewTokens: number;
}

/** Samples one token from a logits row (greedy when temperature is 0). */
function sampleRow(row: Float32Array, temperature: number, rng: Rng): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  if (temperature === 0) return best;
  const probs = new Float64Array(row.length);
  let total = 0;
  for (let j = 0; j < row.length; j++) total += probs[j] = Math.exp((row[j] - row[best]) / temperature);
  let u = rng.next() * total;
  for (let j = 0; j < row.length; j++) {
    u -= probs[j];
    if (u < 0) return j;
  }
  return best;
}

/**
 * Decodes with logits_β + β·Q: π_β and the value trunk each keep a KV cache over the same tokens.
 * Prompts are left-truncated so prompt + maxNewTokens fits both models' blocks. Returns new token ids
 * per row (ending with stopId when the row stopped).
 */
export function generateGuided(
  piBeta: Gpt,
  guide: ValueGuide,
  prompts: readonly (readonly number[])[],
  o: { maxNewTokens: number; stopId: number; padId: number; temperature: number; rngs: readonly Rng[] },
): number[][] {
  const B = prompts.length;
  const block = Math.min(piBeta.config.blockSize, guide.trunk.config.blockSize);
  if (o.maxNewTokens >= block) throw new Error(`generateGuided: maxNewTokens ${o.maxNewTokens} must be below blockSize ${block}`);
  const { ids, mask } = leftPad(prompts, block - o.maxNewTokens, o.padId);
  const out: number[][] = prompts.map(() => []);
  const done = prompts.map(() => false);
  let idsT = tf.tensor2d(ids, undefined, "int32"); // [B, L]
  let maskT = tf.tensor2d(mask); // [B, L]
  let a = piBeta.forwardCached(idsT, undefined, maskT);
  let b = guide.trunk.forwardCached(idsT, undefined, maskT);
  tf.dispose([idsT, maskT]);
  try {
    for (let s = 0; s < o.maxNewTokens; s++) {
      const logits = tf.tidy(() => tf.add(a.logits, tf.mul(guide.beta, guide.score(b.hidden)))); // [B, V]
      const flat = logits.dataSync() as Float32Array;
      const V = logits.shape[1] as number;
      logits.dispose();
      tf.dispose([a.logits, a.hidden, b.logits, b.hidden]);
      const next: number[] = [];
      const feed: number[] = [];
      for (let r = 0; r < B; r++) {
        if (done[r]) {
          next.push(o.padId);
          feed.push(0);
          continue;
        }
        const tok = sampleRow(flat.subarray(r * V, (r + 1) * V), o.temperature, o.rngs[r]);
        out[r].push(tok);
        next.push(tok);
        feed.push(1);
        if (tok === o.stopId) done[r] = true;
      }
      if (s === o.maxNewTokens - 1 || done.every(Boolean)) break;
      idsT = tf.tensor2d(next.map((t) => [t]), [B, 1], "int32"); // [B, 1]
      maskT = tf.tensor2d(feed.map((m) => [m]), [B, 1]); // [B, 1]
      a = piBeta.forwardCached(idsT, a.cache, maskT);
      b = guide.trunk.forwardCached(idsT, b.cache, maskT);
      tf.dispose([idsT, maskT]);
    }
  } finally {
    disposeCache(a.cache);
    disposeCache(b.cache);
    tf.dispose([a.logits, a.hidden, b.logits, b.hidden].filter((t) => !t.isDisposed));
  }
  return out;
}

/** A kit Policy backed by a model (batched: rollouts call actBatch once per turn for all live episodes). */
export class ModelPolicy implements Policy {
  private readonly encoder: CachedEncoder;

  constructor(
    readonly name: string,
    private readonly models: { readonly model: Gpt; readonly guide?: ValueGuide },
    private readonly tokenizer: KitTokenizer,
    private readonly o: PolicyOptions,
  ) {
    if (!(o.temperature >= 0)) throw new Error(`ModelPolicy: temperature must be >= 0 (0 = greedy), got ${o.temperature}`);
    this.encoder = new CachedEncoder(tokenizer);
  }

  /** Token ids of the visible history's last `window` texts. */
  prompt(history: History): number[] {
    const texts = history.slice(Math.max(0, history.length - this.o.window));
    const ids = this.encoder.encodeTexts(texts).ids;
    return ids.length > 0 ? ids : [this.tokenizer.newlineId];
  }

  async act(history: History, rng: Rng): Promise<string> {
    return (await this.actBatch([history], [rng]))[0];
  }

  async actBatch(histories: readonly History[], rngs: readonly Rng[]): Promise<string[]> {
    const prompts = histories.map((h) => this.prompt(h));
    const { model, guide } = this.models;
    const tok = this.tokenizer;
    let tokens: number[][];
    if (guide) {
      tokens = generateGuided(model, guide, prompts, { maxNewTokens: this.o.maxNewTokens, stopId: tok.newlineId, padId: tok.padId, temperature: this.o.temperature, rngs });
    } else {
      tokens = generate(model, prompts, {
        maxNewTokens: this.o.maxNewTokens,
        stopId: tok.newlineId,
        padId: tok.padId,
        maxPromptLength: model.config.blockSize - this.o.maxNewTokens,
        ...(this.o.temperature === 0 ? { greedy: true } : { temperature: this.o.temperature, rngs: [...rngs] }),
      }).tokens;
    }
    return tokens.map((t) => tok.decode(t));
  }
}
