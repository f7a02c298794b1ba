/**
 * The FO maze's task metric (LMRL-Gym App. E.1 reports per-cell behaviour): the greedy action of a
 * trained policy on each of the 25 start cells, and the fraction of cells where it is the BFS-optimal
 * move. The trainer logs it as `eval/move_accuracy` through the spec's `metrics` hook.
 *
 * @example
 * const moves = await greedyMazeMoves(greedy);        // Map { 14 => "move right\n", ... }
 * console.log(renderMoveMap((cell) => moves.get(cell)));
 */
import type { GreedyActor } from "../../core/spec";
import { moveAccuracy } from "./behaviour";
import { cellIndex, foObservation, parseFoPosition, START_CELLS } from "./formats";

/** The greedy action on each FO start cell (the agent sees only the current observation), keyed by cell index. */
export async function greedyMazeMoves(greedy: GreedyActor): Promise<Map<number, string>> {
  const cells = START_CELLS.map(([r, c]) => cellIndex(r, c));
  const actions = await greedy(cells.map((cell) => [{ text: foObservation(cell), isAction: false }]));
  return new Map(cells.map((cell, i) => [cell, actions[i]]));
}

/** Fraction of the 25 start cells whose greedy move is BFS-optimal ({@link moveAccuracy}). */
export async function mazeFoMetrics(greedy: GreedyActor): Promise<Record<string, number>> {
  const moves = await greedyMazeMoves(greedy);
  return { move_accuracy: moveAccuracy((h) => moves.get(parseFoPosition(h[h.length - 1].text)) ?? "") };
}
