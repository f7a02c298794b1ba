/**
 * The paper's piecewise-linear score normalisation (LMRL-Gym paper App. E and Table 5, ICLR 2024
 * submission; reference `llm_rl_scripts/maze/misc/compute_score_normalizations.py`): the minimum
 * possible return maps to 0, the dataset-average return to 50 and the maximum return to 100. Scores
 * below the minimum clip to 0 (as the paper reports GPT-4's endgames score); scores above the
 * maximum are not clipped.
 */
import type { Anchors } from "./types";

/**
 * @example
 * normalizeScore(-6.84, { min: -101, avg: -83, max: -6.84 }); // 100
 */
export function normalizeScore(raw: number, a: Anchors): number {
  if (!(a.min <= a.avg && a.avg <= a.max)) {
    throw new Error(`normalizeScore: anchors must satisfy min <= avg <= max, got ${JSON.stringify(a)}`);
  }
  if (raw >= a.avg) return a.max === a.avg ? 50 : 50 + (50 * (raw - a.avg)) / (a.max - a.avg);
  return Math.max(0, (50 * (raw - a.min)) / (a.avg - a.min));
}
