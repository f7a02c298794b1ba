/**
 * The texts a task's model will see, for building its tokenizer (src/model/tokenizer.ts builds and
 * saves it): dataset trajectories of each row plus episodes of every scripted policy, so rare
 * observations such as invalid-action replies are in the vocabulary. Works for asynchronous envs.
 *
 * @example
 * const texts = await collectCorpus(taskCorpus(registry.specsOfTask("maze")));
 * buildTaskTokenizer("maze", texts);
 */
import { deriveSeed, Rng } from "./rng";
import { rollout } from "./rollout";
import type { EnvSpec } from "./spec";
import type { Trajectory } from "./types";

/** Every Text of every trajectory, streamed. */
export async function* trajectoryTexts(trajectories: Iterable<Trajectory> | AsyncIterable<Trajectory>): AsyncGenerator<string> {
  for await (const t of trajectories) for (const x of t.texts) yield x.text;
}

/** Options of {@link taskCorpus}. */
export interface TaskCorpusOptions {
  /** Dataset trajectories per spec (from `spec.dataset.generate`). Default 2000. */
  trajectories?: number;
  /** Episodes per scripted policy per spec, with the evaluation protocol's reset options. Default 100. */
  episodes?: number;
  /** Root seed; every stream is derived from it by name. Default 0. */
  seed?: number;
}

/**
 * Streams the texts of a task's rows: pass all specs of one task (e.g. maze-fo and maze-po) so they
 * share one tokenizer.
 */
export async function* taskCorpus(specs: readonly EnvSpec[], opts: TaskCorpusOptions = {}): AsyncGenerator<string> {
  const seed = opts.seed ?? 0;
  for (const spec of specs) {
    yield* trajectoryTexts(spec.dataset.generate(opts.trajectories ?? 2000, new Rng(deriveSeed(seed, "tokenizer", spec.id, "dataset"))));
    const env = spec.make();
    try {
      for (const [name, factory] of Object.entries(spec.policies)) {
        const policy = factory(env);
        for (let i = 0; i < (opts.episodes ?? 100); i++) {
          const ep = await rollout(env, policy, {
            seed: deriveSeed(seed, "tokenizer", spec.id, name, i),
            options: spec.evaluation.resetOptions?.(i),
          });
          for (const t of ep.trajectory.texts) yield t.text;
        }
      }
    } finally {
      await env.close?.();
    }
  }
}

/** Drains an async text stream into an array. */
export async function collectCorpus(texts: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const t of texts) out.push(t);
  return out;
}
