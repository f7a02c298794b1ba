/**
 * Trajectories → token sequences → mini-batches (as `TokenTrajectoryChain` in the reference
 * `LLM_RL/environment.py`). Each Text is tokenised on its own; its `isAction` flag is copied to every
 * token and its reward is placed on its last token. Windowed rows (FO maze) become trajectory chains,
 * one sequence per link, and each link remembers the tokens the agent sees next (`nextPrefix`) so value
 * learning can bootstrap across links. Rewards-to-go are discounted per action token (γ applies to every
 * action token, not per turn) over the whole chain.
 *
 * Batches use "decision positions": position p of a [B, T] batch predicts token p+1, so every per-action
 * quantity is stored at p = (index of the action token) − 1, aligned with `logits[:, p]`. The last
 * position predicts nothing (mask 0); keeping it makes every per-position array [B, T] like the model's
 * outputs, so no slicing is needed (slices of [B, T, D] tensors are slow on the tfjs cpu backend).
 */
import { chainLinks, toTrajectoryChain } from "../core/chain";
import { Rng } from "../core/rng";
import type { Text, Trajectory } from "../core/types";
import type { KitTokenizer } from "../model/tokenizer";

/** One training example: a link of a trajectory chain (or a whole episode), as tokens. */
export interface TokenSequence {
  readonly ids: readonly number[];
  /** Per token: did it come from an agent utterance. */
  readonly isAction: readonly boolean[];
  /** Per token: the Text's reward on its last token, 0 elsewhere. */
  readonly rewards: readonly number[];
  /** Per token: discounted reward-to-go over the action tokens of the whole chain (0 on observations). */
  readonly returnsToGo: readonly number[];
  /** The episode terminated inside the MDP and this is its last link (bootstrap value 0). */
  readonly done: boolean;
  /** Tokens of the next link up to its first action (what the agent sees next), or null. */
  readonly nextPrefix: readonly number[] | null;
  /** The sequence was cut to its last `maxLength` tokens (its oldest context is lost; logged as data/truncated_frac). */
  readonly truncated?: boolean;
}

/** Encodes texts with a per-string cache (episodes repeat the same observations and actions a lot). */
export class CachedEncoder {
  private readonly cache = new Map<string, number[]>();
  constructor(readonly tokenizer: KitTokenizer, private readonly maxEntries = 200_000) {}

  encode(text: string): number[] {
    let ids = this.cache.get(text);
    if (!ids) {
      ids = this.tokenizer.encode(text);
      if (this.cache.size < this.maxEntries) this.cache.set(text, ids);
    }
    return ids;
  }

  /** The tokens of one text (a subclass may substitute the tokens an agent actually sampled). */
  protected encodeText(t: Text): number[] {
    return this.encode(t.text);
  }

  /** Ids, isAction flags and per-token rewards of a list of texts (reward on each text's last token). */
  encodeTexts(texts: readonly Text[], rewards?: readonly number[]): { ids: number[]; isAction: boolean[]; rewards: number[] } {
    const ids: number[] = [], isAction: boolean[] = [], rw: number[] = [];
    texts.forEach((t, k) => {
      const e = this.encodeText(t);
      for (let i = 0; i < e.length; i++) {
        ids.push(e[i]);
        isAction.push(t.isAction);
        rw.push(i === e.length - 1 ? rewards?.[k] ?? 0 : 0);
      }
    });
    return { ids, isAction, rewards: rw };
  }
}

/**
 * The tokens the agent would see next after an episode that stopped without ending (a time limit),
 * when the chain's last link ends at its action: the last `window` texts of the trajectory, i.e. the
 * observation the env returned after the final move. Bootstrapping the last action from V there is
 * V(s_T) (the reference's `TextTrajectoryChain` would hold it as the next link); without it the last
 * action bootstrapped from V at its own last token, a position no loss trains. 89% of maze episodes
 * and 65% of Text-Nav episodes in the default datasets stop this way. null when the episode ended
 * (done: bootstrap 0), has no text after its last action, or is one link that already holds the rest.
 */
function stoppedObservation(t: Trajectory, links: readonly Trajectory[], enc: CachedEncoder, window: number): number[] | null {
  const lastLink = links[links.length - 1];
  if (t.done || lastLink.done || t.texts.length === 0 || t.texts[t.texts.length - 1].isAction) return null;
  if (!lastLink.texts[lastLink.texts.length - 1]?.isAction) return null; // the link holds the tail itself
  const seen = t.texts.slice(Math.max(0, t.texts.length - window)).map((x) => (x.isAction ? { ...x, isAction: false } : x));
  const { ids } = enc.encodeTexts(seen, seen.map(() => 0));
  return ids.length > 0 ? ids : null;
}

export interface SequenceOptions {
  /** Texts the agent sees (EnvSpec.historyWindow or the config's override). */
  readonly window: number;
  /** Per-action-token discount for rewards-to-go. */
  readonly gamma: number;
  /** Cut longer sequences to their last maxLength tokens (the policy's prompt is left-truncated too). */
  readonly maxLength: number;
}

/**
 * A trajectory as training sequences: one per chain link (as `TextTrajectoryChain`, `LLM_RL/environment.py`).
 *
 * @example
 * // FO maze: [obs0, "move up\n"(-1), obs1, "move left\n"(0), "Success\n"] -> 2 links
 * const [a, b] = trajectoryToSequences(t, encoder, { window: 1, gamma: 0.99, maxLength: 64 });
 * a.nextPrefix; // tokens of obs1
 */
export function trajectoryToSequences(t: Trajectory, enc: CachedEncoder, o: SequenceOptions): TokenSequence[] {
  const links = chainLinks(toTrajectoryChain(t, o.window));
  const encoded = links.map((l) => enc.encodeTexts(l.texts, l.rewards));
  // Rewards-to-go over the chain's action tokens, last to first: R_t = r_t + γ·R_{t+1}.
  const rtg = encoded.map((e) => new Array<number>(e.ids.length).fill(0));
  let R = 0;
  for (let k = encoded.length - 1; k >= 0; k--) {
    const e = encoded[k];
    for (let i = e.ids.length - 1; i >= 0; i--) {
      if (!e.isAction[i]) continue;
      R = e.rewards[i] + o.gamma * R;
      rtg[k][i] = R;
    }
  }
  const finalPrefix = stoppedObservation(t, links, enc, o.window);
  return encoded.map((e, k) => {
    let nextPrefix: number[] | null = null;
    if (k + 1 < encoded.length) {
      const n = encoded[k + 1];
      const firstAction = n.isAction.indexOf(true);
      nextPrefix = n.ids.slice(0, firstAction < 0 ? n.ids.length : firstAction);
      if (nextPrefix.length === 0) nextPrefix = null;
    } else {
      nextPrefix = finalPrefix;
    }
    const done = links[k].done;
    let { ids, isAction, rewards } = e;
    let returnsToGo = rtg[k];
    const truncated = ids.length > o.maxLength;
    if (truncated) {
      // Keep the last maxLength tokens, as the policy's prompt is left-truncated at decoding: a link's
      // action is its last text, so cutting the end would drop the very decision it trains (7% of
      // PO-maze windows at maxLength 96 lost their move that way). done and nextPrefix stay valid.
      const from = ids.length - o.maxLength;
      ids = ids.slice(from);
      isAction = isAction.slice(from);
      rewards = rewards.slice(from);
      returnsToGo = returnsToGo.slice(from);
    }
    return { ids, isAction, rewards, returnsToGo, done, nextPrefix, truncated };
  });
}

/** A collated mini-batch in plain typed arrays (tensors are made by the algorithm's step). */
export interface Batch {
  readonly B: number;
  /** Padded length T. */
  readonly T: number;
  /** [B, T] token ids, right-padded. */
  readonly ids: Int32Array;
  /** [B, T] the token each decision position predicts (ids[:, 1:], then padId). */
  readonly targets: Int32Array;
  /** [B, T] 1 where the predicted token is an action token (the token-level MDP's actions). */
  readonly actionMask: Float32Array;
  /** [B, T] r of the predicted token. */
  readonly rewards: Float32Array;
  /** [B, T] discounted reward-to-go of the predicted token (MC Returns targets). */
  readonly returnsToGo: Float32Array;
  /**
   * [B, T] the decision position whose V is the bootstrap value V(s_{t+1}) of position p (the next
   * action token's, or, for one link holding a whole episode that stopped without ending, its last token); −1 bootstraps from `vFinal` (see
   * `finalMask`) or from 0 (done). Indices, not a [B, T, T] one-hot: memory and time scale with B·T.
   */
  readonly nextIndex: Int32Array;
  /** [B, T] 1 at the last action token of a chain link that has a next link: bootstrap from vFinal[b]. */
  readonly finalMask: Float32Array;
  /** Per row, the next link's observation tokens (null when there is none). */
  readonly nextPrefixes: readonly (readonly number[] | null)[];
  /** Real (unpadded) tokens in the batch. */
  readonly tokens: number;
  /** Rows cut at maxLength. */
  readonly truncatedRows: number;
}

/**
 * Counts of what the data pipeline silently changes: sequences cut at maxLength and words the
 * tokenizer maps to `<|unk|>`. The trainer logs both as fractions and warns above 1%.
 */
export class DataQuality {
  rows = 0;
  truncatedRows = 0;
  tokens = 0;
  unkTokens = 0;
  constructor(private readonly unkId: number) {}

  add(b: Batch): void {
    this.rows += b.B;
    this.truncatedRows += b.truncatedRows;
    this.tokens += b.tokens;
    for (let i = 0; i < b.ids.length; i++) if (b.ids[i] === this.unkId) this.unkTokens++;
  }

  /** Fractions so far, as metrics. */
  scalars(): Record<string, number> {
    return { "data/truncated_frac": this.rows ? this.truncatedRows / this.rows : 0, "data/unk_frac": this.tokens ? this.unkTokens / this.tokens : 0 };
  }

  /** A warning line when either fraction exceeds `limit`, else undefined. */
  warning(limit = 0.01): string | undefined {
    const s = this.scalars();
    const parts: string[] = [];
    if (s["data/truncated_frac"] > limit) parts.push(`${(100 * s["data/truncated_frac"]).toFixed(1)}% of sequences are cut at maxLength (raise maxLength/blockSize or lower historyWindow)`);
    if (s["data/unk_frac"] > limit) parts.push(`${(100 * s["data/unk_frac"]).toFixed(1)}% of tokens are <|unk|> (rebuild the tokenizer: npx lmrl tokenizer build)`);
    return parts.length ? parts.join("; ") : undefined;
  }
}

/**
 * Right-pads sequences to a common length and lays out the per-decision-position arrays.
 *
 * @example
 * const b = collate(seqs, tokenizer.padId);   // b.ids and b.actionMask are [B, T]
 */
export function collate(seqs: readonly TokenSequence[], padId: number, padTo?: number): Batch {
  const B = seqs.length;
  const T = Math.max(2, padTo ?? 0, ...seqs.map((s) => s.ids.length));
  const P = T; // decision positions per row (the last one predicts nothing)
  const ids = new Int32Array(B * T).fill(padId);
  const targets = new Int32Array(B * P).fill(padId);
  const actionMask = new Float32Array(B * P);
  const rewards = new Float32Array(B * P);
  const returnsToGo = new Float32Array(B * P);
  const nextIndex = new Int32Array(B * P).fill(-1);
  const finalMask = new Float32Array(B * P);
  let tokens = 0;
  seqs.forEach((s, b) => {
    const L = s.ids.length;
    tokens += L;
    for (let i = 0; i < L; i++) ids[b * T + i] = s.ids[i];
    const actionIdx: number[] = [];
    for (let j = 1; j < L; j++) {
      targets[b * P + j - 1] = s.ids[j];
      if (s.isAction[j]) actionIdx.push(j);
    }
    actionIdx.forEach((j, n) => {
      const p = j - 1;
      actionMask[b * P + p] = 1;
      rewards[b * P + p] = s.rewards[j];
      returnsToGo[b * P + p] = s.returnsToGo[j];
      if (n + 1 < actionIdx.length) {
        nextIndex[b * P + p] = actionIdx[n + 1] - 1; // V at the next action token's decision position
      } else if (s.nextPrefix) {
        finalMask[b * P + p] = 1; // V at the last token of the next link's observation
      } else if (!s.done) {
        nextIndex[b * P + p] = L - 1; // one link holding an episode that stopped without an end (a time limit): its last token closes s_T
      } // done: bootstrap 0
    });
  });
  const truncatedRows = seqs.reduce((n, s) => n + (s.truncated ? 1 : 0), 0);
  return { B, T, ids, targets, actionMask, rewards, returnsToGo, nextIndex, finalMask, nextPrefixes: seqs.map((s) => s.nextPrefix), tokens, truncatedRows };
}

/** Something that yields the dataset's trajectories once per call (a file reader or a generator). */
export type TrajectorySource = () => AsyncIterable<Trajectory> | Iterable<Trajectory>;

export interface StreamOptions extends SequenceOptions {
  readonly batchSize: number;
  /** Sequences held for shuffling; a dataset smaller than this is shuffled whole each epoch. */
  readonly shuffleBuffer: number;
  /** Keep only trajectories passing this test (%BC). */
  readonly filter?: (t: Trajectory) => boolean;
}

/**
 * Endless shuffled mini-batches of sequences, epoch after epoch, deterministic in `rng`. Reads the source
 * in a stream: at most `shuffleBuffer` sequences are held at once.
 *
 * @example
 * const it = sequenceBatches(() => readTrajectories(path), encoder, opts, new Rng(seed));
 * const { value: seqs } = await it.next();   // batchSize sequences
 */
export async function* sequenceBatches(
  source: TrajectorySource,
  enc: CachedEncoder,
  o: StreamOptions,
  rng: Rng,
): AsyncGenerator<TokenSequence[]> {
  if (!(o.batchSize >= 1)) throw new Error(`sequenceBatches: batchSize must be >= 1, got ${o.batchSize}`);
  const buffer: TokenSequence[] = [];
  let batch: TokenSequence[] = [];
  const take = function* (): Generator<TokenSequence[]> {
    const i = rng.int(buffer.length);
    batch.push(buffer[i]);
    buffer[i] = buffer[buffer.length - 1];
    buffer.pop();
    if (batch.length === o.batchSize) {
      const out = batch;
      batch = [];
      yield out;
    }
  };
  for (let epoch = 0; ; epoch++) {
    let kept = 0;
    for await (const t of source()) {
      if (o.filter && !o.filter(t)) continue;
      kept++;
      for (const s of trajectoryToSequences(t, enc, o)) {
        buffer.push(s);
        if (buffer.length > o.shuffleBuffer) yield* take();
      }
    }
    if (kept === 0) throw new Error(`sequenceBatches: the dataset has no trajectories${o.filter ? " passing the filter" : ""}; check the dataset path or the %BC filter`);
    while (buffer.length > 0) yield* take();
  }
}
