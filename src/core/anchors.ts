/**
 * Recomputes a row's normalisation anchors on this kit's simulator and generated data, the way the paper
 * defines them (App. E, Table 5; reference `llm_rl_scripts/maze/misc/compute_score_normalizations.py`):
 * `min` is the lowest possible return (a fact of the rules, passed in), `avg` the mean return of the
 * default train split (`datasetRng(seed, task, "train")`, what `lmrl data generate` writes) and `max` the
 * mean return of the row's "optimal" scripted policy under the evaluation protocol. The rows' `ours`
 * anchors are this function's output, pasted into their index.ts with the call that produced them.
 *
 * @example
 * const a = await recomputeAnchors(getEnvSpec("wordle"), -6, { datasetEpisodes: 20_000, evalEpisodes: 512 });
 */
import { evaluate } from "./evaluate";
import { datasetRng } from "./generate";
import type { EnvSpec } from "./spec";
import { StatsAccumulator } from "./stats";
import type { Anchors } from "./types";

export interface AnchorOptions {
  /** Train-split trajectories averaged for `avg` (default: the row's full default size). */
  readonly datasetEpisodes?: number;
  /** Evaluation episodes of the optimal policy for `max` (default: the row's protocol). */
  readonly evalEpisodes?: number;
  /** Dataset seed and evaluation seed (default 0, the default file's and the reported evaluations'). */
  readonly seed?: number;
}

export async function recomputeAnchors(spec: EnvSpec, min: number, o: AnchorOptions = {}): Promise<Anchors> {
  const seed = o.seed ?? 0;
  const acc = new StatsAccumulator();
  for await (const t of spec.dataset.generate(o.datasetEpisodes ?? spec.dataset.defaultSize, datasetRng(seed, spec.task, "train"))) acc.add(t);
  const ev = await evaluate(spec, spec.policies.optimal, { episodes: o.evalEpisodes ?? spec.evaluation.episodes, seed });
  return { min, avg: acc.result().meanReturn, max: ev.meanReturn };
}
