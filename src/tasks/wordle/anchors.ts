/**
 * Recomputes the Wordle normalisation anchors on this kit's simulator (paper App. E, Table 5; ICLR
 * 2024 submission): min = −6 (six failed guesses), avg = mean return of the generated train split,
 * max = mean return of the info-gain "optimal" policy under the evaluation protocol (4096 episodes,
 * seed 0).
 *
 * @example
 * const a = await computeWordleAnchors({ datasetEpisodes: 20_000, evalEpisodes: 512 });
 */
import { evaluate } from "../../core/evaluate";
import { datasetRng } from "../../core/generate";
import { StatsAccumulator } from "../../core/stats";
import type { Anchors } from "../../core/types";
import { generateWordleDataset } from "./generate";
import { wordleSpec } from "./index";

export interface WordleAnchorOptions {
  /** Train-split episodes averaged for `avg` (default 1,000,000, the full split). */
  readonly datasetEpisodes?: number;
  /** Evaluation episodes of the optimal policy for `max` (default 4096, the paper's protocol, App. E). */
  readonly evalEpisodes?: number;
  /** Dataset RNG seed and evaluation seed (default 0). */
  readonly seed?: number;
}

/** The anchors {min, avg, max} recomputed from scratch (≈35 s at the defaults). */
export async function computeWordleAnchors(o: WordleAnchorOptions = {}): Promise<Anchors> {
  const seed = o.seed ?? 0;
  const acc = new StatsAccumulator();
  for (const t of generateWordleDataset(o.datasetEpisodes ?? 1_000_000, datasetRng(seed, "wordle", "train"))) acc.add(t);
  const ev = await evaluate(wordleSpec, wordleSpec.policies.optimal, { episodes: o.evalEpisodes ?? 4096, seed });
  return { min: -6, avg: acc.result().meanReturn, max: ev.meanReturn };
}
