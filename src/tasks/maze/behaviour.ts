/**
 * Scripted maze policies: uniform random, BFS-optimal (FO, read from the observation text), the exact
 * belief-state policy (PO, see ./belief), the dataset behaviour policy (15% noisy solver + 85% random,
 * confined to one of three T-shaped sub-mazes), and the "dataset-frequency" policy behind the
 * paper's −83 dataset-average anchor. Also `moveAccuracy`, the paper's auxiliary metric.
 *
 * @example
 * const p = foOptimalPolicy();
 * p.act([{ text: foObservation(cellIndex(1, 1)), isAction: false }], new Rng(0)); // "move right\n"
 */
import type { Rng } from "../../core/rng";
import { formatAction } from "../../core/text";
import type { History, Policy, TextEnv } from "../../core/types";
import { beliefFromHistory, sharedBeliefPlanner } from "./belief";
import { MazeEnv } from "./env";
import {
  bfsDistances,
  cellIndex,
  cellOf,
  foObservation,
  GOAL_INDEX,
  MAZE_COLS,
  MAZE_ROWS,
  MOVE_TEXTS,
  NEXT_CELL,
  optimalMove,
  parseFoPosition,
  START_CELLS,
} from "./formats";

// ---------------------------------------------------------------------------------------------------
// Sub-mazes of the dataset generator (paper App. C.1, ICLR 2024 submission; its code is not in the reference repo)

export const SUB_MAZE_NAMES = ["left", "right", "bottom"] as const;
export type SubMaze = (typeof SUB_MAZE_NAMES)[number];

/** Where each side T meets the bottom T's corridor: (5,3) below the left stem, (5,9) below the right. */
export const JUNCTION: Readonly<Record<"left" | "right", number>> = { left: cellIndex(5, 3), right: cellIndex(5, 9) };

/**
 * The sub-maze a trajectory starting in `cell` is confined to: left T = row 1 cols 1–5 + col 3 rows 2–4
 * (8 start cells); right T = row 1 cols 7–11 + col 9 rows 2–4 (8); bottom T = row 5 cols 3–9 + col 6
 * rows 6–8, goal included (10). The side sub-mazes also contain their junction cell ({@link JUNCTION}),
 * so they overlap the bottom T in one cell each (see {@link inSubMaze}).
 */
export function subMazeOf(cell: number): SubMaze {
  const [r, c] = cellOf(cell);
  if (r <= 4) return c <= 5 ? "left" : "right";
  return "bottom";
}

/**
 * Whether `cell` belongs to sub-maze `sub`. The side T's include their junction with the corridor, so a
 * side-T trajectory can step down onto (5,3)/(5,9) but no further, and a bottom-T trajectory can pass
 * those cells on its way to the goal. That shared cell is what makes the dataset a *stitching* test
 * (paper App. C.1 of the ICLR 2024 submission: no trajectory goes from a side T to the goal, but the
 * pieces "side T → junction" and "junction → goal" are both in the data; with disjoint sub-mazes the
 * step off a side T never appears and offline RL cannot learn it — tabular Q-iteration on such data
 * scores 61, not 100).
 */
export function inSubMaze(cell: number, sub: SubMaze): boolean {
  if (sub !== "bottom" && cell === JUNCTION[sub]) return true;
  return subMazeOf(cell) === sub;
}

/**
 * Where the solver heads inside each sub-maze: the goal in the bottom T; in a side T its junction with
 * the corridor ((5,3) or (5,9)), the cell of that sub-maze nearest the goal (the goal itself is outside).
 */
export const SUB_MAZE_TARGET: Readonly<Record<SubMaze, number>> = { left: JUNCTION.left, right: JUNCTION.right, bottom: GOAL_INDEX };

const SUB_MAZE_DISTANCE: Readonly<Record<SubMaze, Int32Array>> = {
  left: bfsDistances(SUB_MAZE_TARGET.left, (c) => inSubMaze(c, "left")),
  right: bfsDistances(SUB_MAZE_TARGET.right, (c) => inSubMaze(c, "right")),
  bottom: bfsDistances(SUB_MAZE_TARGET.bottom, (c) => inSubMaze(c, "bottom")),
};

/** Per sub-maze and cell: the moves that keep the agent in the sub-maze (bumping a wall counts: it stays). */
const ALLOWED_MOVES: Readonly<Record<SubMaze, readonly (readonly number[])[]>> = (() => {
  const out = {} as Record<SubMaze, number[][]>;
  for (const sub of SUB_MAZE_NAMES) {
    out[sub] = new Array(MAZE_ROWS * MAZE_COLS);
    for (const [r, c] of START_CELLS) {
      const i = cellIndex(r, c);
      if (inSubMaze(i, sub)) out[sub][i] = [0, 1, 2, 3].filter((m) => inSubMaze(NEXT_CELL[i * 4 + m], sub));
    }
  }
  return out;
})();

/** The moves from `cell` that keep the agent inside sub-maze `sub` (default: the sub-maze a start in `cell` gets). */
export function allowedMoves(cell: number, sub: SubMaze = subMazeOf(cell)): readonly number[] {
  const moves = ALLOWED_MOVES[sub][cell];
  if (!moves) throw new Error(`maze allowedMoves: cell ${JSON.stringify(cellOf(cell))} is not in the ${sub} sub-maze`);
  return moves;
}

/** Share of behaviour actions that come from the solver (the paper's 15%). */
export const SOLVER_SHARE = 0.15;
/**
 * How often the "suboptimal maze solver" plays the BFS move toward its sub-maze target; otherwise it
 * plays a uniformly random move. Tuned (0.4) so the dataset's success rate matches Table 1 (0.11);
 * a perfect solver (1.0) gives ~0.15 with the same horizon rule.
 */
export const SOLVER_ACCURACY = 0.4;

/** The solver's BFS move toward the sub-maze target, or -1 at the target itself. */
function solverBfsMove(cell: number, sub: SubMaze): number {
  const d = SUB_MAZE_DISTANCE[sub];
  for (let m = 0; m < 4; m++) {
    const n = NEXT_CELL[cell * 4 + m];
    if (n !== cell && inSubMaze(n, sub) && d[n] === d[cell] - 1) return m;
  }
  return -1;
}

/**
 * One behaviour-policy move index (0..3) from `cell` for a trajectory confined to sub-maze `sub`.
 * Random draws, in order: solver-or-random (p = 0.15 solver); for the solver, BFS-or-random (p = 0.4
 * BFS) and, if random, a move among all 4; then, if no move was chosen or the chosen one would leave
 * the sub-maze (e.g. "right" at a side T's junction (5,3)), a move uniform over the moves that stay in
 * the sub-maze. So the 85% random share is uniform over the in-sub-maze moves and a trajectory never
 * leaves its sub-maze.
 *
 * @example
 * behaviourMove(cellIndex(1, 1), "left", new Rng(0)); // 0..3; from (5,3) in "left" never "right"
 */
export function behaviourMove(cell: number, sub: SubMaze, rng: Rng): number {
  const allowed = allowedMoves(cell, sub);
  let m = -1;
  if (rng.next() < SOLVER_SHARE) m = rng.next() < SOLVER_ACCURACY ? solverBfsMove(cell, sub) : rng.int(4);
  if (m < 0 || !inSubMaze(NEXT_CELL[cell * 4 + m], sub)) m = allowed[rng.int(allowed.length)];
  return m;
}

// ---------------------------------------------------------------------------------------------------
// Policies

/** Uniform over the four moves. */
export function randomPolicy(): Policy {
  return { name: "random", act: (_h: History, rng: Rng) => MOVE_TEXTS[rng.int(4)] };
}

/**
 * BFS-optimal move for the position parsed from the last (fully observed) observation text.
 * Throws on a history whose last text names no position (e.g. a maze-po history).
 */
export function foOptimalPolicy(): Policy {
  return {
    name: "optimal",
    act(history: History): string {
      const last = history[history.length - 1];
      const cell = last ? parseFoPosition(last.text) : -1;
      const m = cell >= 0 ? optimalMove(cell) : -1;
      if (m < 0) {
        throw new Error(
          `maze optimal (FO) policy: the last text must be a maze-fo observation naming a non-goal cell, got ` +
            `${JSON.stringify(last?.text.slice(0, 120))}; use the belief policy (poOptimalPolicy) for maze-po`,
        );
      }
      return MOVE_TEXTS[m];
    },
  };
}

/** The exact belief-state (Bayes-optimal) policy for maze-po; see ./belief. Deterministic. */
export function poOptimalPolicy(): Policy {
  const planner = sharedBeliefPlanner();
  return { name: "optimal", act: (history: History) => MOVE_TEXTS[planner.bestMove(beliefFromHistory(history))] };
}

/**
 * The dataset behaviour policy ({@link behaviourMove}) acting on the env's true position (an oracle
 * policy: it reads `MazeEnv.positionIndex`, so it works on maze-po too). It confines itself to the
 * sub-maze of the episode's start cell; the generator's per-trajectory horizon is not part of the
 * policy, so evaluation episodes run to the env's 100-step cap.
 */
export function behaviourPolicy(env: TextEnv): Policy {
  if (!(env instanceof MazeEnv)) throw new Error(`maze behaviour policy needs a MazeEnv (it reads the true position), got env "${env.id}"`);
  const startSubMaze = (): SubMaze => subMazeOf(cellIndex(...env.startPosition));
  return { name: "behaviour", act: (_h: History, rng: Rng) => MOVE_TEXTS[behaviourMove(env.positionIndex, startSubMaze(), rng)] };
}

/**
 * Counts of "move up/down/left/right" in the default dataset (1,240 trajectories, `new Rng(0)`),
 * recomputed by `computeDatasetActionCounts()` in ./generate (a test checks they agree).
 */
export const DATASET_ACTION_COUNTS: readonly number[] = [6037, 7128, 6375, 6237];

/**
 * Samples moves with the empirical action frequencies of the dataset, ignoring observations (the
 * App. E.1 procedure behind the paper's "dataset average" anchor, −83).
 */
export function datasetFrequencyPolicy(counts: readonly number[] = DATASET_ACTION_COUNTS): Policy {
  if (counts.length !== 4 || !counts.every((c) => c >= 0) || !counts.some((c) => c > 0)) {
    throw new Error(`datasetFrequencyPolicy: counts must be 4 non-negative numbers (up, down, left, right), not all 0; got ${JSON.stringify(counts)}`);
  }
  return { name: "dataset-frequency", act: (_h: History, rng: Rng) => MOVE_TEXTS[rng.weighted(counts)] };
}

/**
 * Move accuracy (the reference's `compute_move_accuracy`, `llm_rl_scripts/maze/env/maze_utils.py`):
 * the fraction of the 25 start cells where `chooseMove`, given the one-text FO history of that
 * cell, returns the BFS-optimal move (compared after the generic one-trailing-newline
 * post-processing). Pass a greedy (argmax) choice.
 *
 * @example
 * moveAccuracy(() => "move down"); // 0.44 (11 of 25 cells should move down)
 */
export function moveAccuracy(chooseMove: (history: History) => string): number {
  let correct = 0;
  for (const [r, c] of START_CELLS) {
    const cell = cellIndex(r, c);
    const history: History = [{ text: foObservation(cell), isAction: false }];
    if (formatAction(chooseMove(history)) === MOVE_TEXTS[optimalMove(cell)]) correct++;
  }
  return correct / START_CELLS.length;
}
