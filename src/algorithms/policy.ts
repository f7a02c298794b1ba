/**
 * Model policies for evaluation (as the reference's `GPT2PPOPolicy` and `GPT2ValuePolicy`): the agent's
 * visible history is tokenised, left-truncated and decoded token by token until "\n". BC/%BC sample
 * from the LM; MC Returns and ILQL sample from logits_β + β·Q(s, ·), where logits_β come from the
 * frozen BC model π_β and Q from the trained trunk's heads (ILQL: min(Q1, Q2)). The two models run in
 * lock-step, each with its own KV cache.
 *
 * @example
 * const p = new ModelPolicy("bc", { model: gpt }, tokenizer, { window: 1, temperature: 1, maxNewTokens: 8 });
 * await evaluate(spec, p, { episodes: 25 });
 */
import type { Rng } from "../core/rng";
import type { History, Policy } from "../core/types";
import { generate, type ValueGuide } from "../model/generate";
import type { Gpt } from "../model/gpt";
import type { KitTokenizer } from "../model/tokenizer";
import { CachedEncoder } from "./data";

export type { ValueGuide } from "../model/generate";

export interface PolicyOptions {
  /** Texts of the history in the prompt (the training window). */
  readonly window: number;
  /** 1 = the paper's sampling protocol; 0 = greedy argmax. */
  readonly temperature: number;
  readonly maxNewTokens: number;
}

/** A kit Policy backed by a model (batched: rollouts call actBatch once per turn for all live episodes). */
export class ModelPolicy implements Policy {
  private readonly encoder: CachedEncoder;
  /**
   * When set, the token ids each call samples are appended per episode, keyed by the episode's random
   * stream (one Rng per episode in rollouts): on-policy learners train on exactly those tokens.
   */
  samples?: Map<Rng, number[][]>;

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
    const block = Math.min(model.config.blockSize, guide?.trunk.config.blockSize ?? Infinity);
    if (this.o.maxNewTokens >= block) throw new Error(`ModelPolicy: maxNewTokens ${this.o.maxNewTokens} must be below blockSize ${block}`);
    const { tokens } = generate(model, prompts, {
      maxNewTokens: this.o.maxNewTokens,
      stopId: tok.newlineId,
      padId: tok.padId,
      maxPromptLength: block - this.o.maxNewTokens,
      ...(guide ? { guide } : {}),
      ...(this.o.temperature === 0 ? { greedy: true } : { temperature: this.o.temperature, rngs: [...rngs] }),
    });
    if (this.samples) {
      rngs.forEach((r, i) => {
        const list = this.samples!.get(r) ?? [];
        list.push(tokens[i]);
        this.samples!.set(r, list);
      });
    }
    return tokens.map((t) => tok.decode(t));
  }
}
