/**
 * The double-T maze environment, fully observed ("maze-fo") and partially observed ("maze-po"), a port
 * of `llm_rl_scripts/maze/env/env.py` with `standard_reward` and `max_steps=100` (`setup_maze_env` in
 * `maze_utils.py`). Texts, histories and step results that never change are built once and shared
 * (frozen), so a random-policy loop on maze-fo allocates nothing per step.
 *
 * @example
 * const env = new MazeEnv("fo");
 * let h = env.reset({ seed: 0, options: { initPosition: [1, 1] } });
 * const r = env.step([...h, { text: "move right\n", isAction: true }]);
 * r.reward; // -1
 */
import { Rng } from "../../core/rng";
import { lastAction } from "../../core/text";
import type { History, ResetArgs, StepInfo, StepResult, Text, TextEnv } from "../../core/types";
import {
  cellIndex,
  cellOf,
  FAILURE_TEXT,
  FREE_CELLS,
  foObservation,
  GOAL_INDEX,
  MAZE_COLS,
  MAZE_ROWS,
  NEXT_CELL,
  parseMove,
  poObservation,
  START_CELLS,
  SUCCESS_TEXT,
  type Cell,
} from "./formats";

export type MazeVariant = "fo" | "po";

export interface MazeResetOptions {
  /** Start cell [row, col]; one of the 25 non-goal free cells. Default: uniform with the reset seed. */
  readonly initPosition?: readonly [number, number] | readonly number[];
}

/** Non-terminal steps allowed; step() called with the counter at this value returns "Failure\n". */
export const MAZE_MAX_STEPS = 100;
/** Agent actions in the longest episode: 100 counted steps plus the one that returns "Failure\n". */
export const MAZE_MAX_TURNS = MAZE_MAX_STEPS + 1;
/** Texts kept in the history the env returns: 1 (FO, Markov) and 40 (PO, `partially_observed_*` scripts). */
export const MAZE_HISTORY_WINDOW: Readonly<Record<MazeVariant, number>> = { fo: 1, po: 40 };

export const REWARD_MOVE = -1;
export const REWARD_GOAL = 0;
export const REWARD_INVALID = -4;
export const REWARD_FAILURE = -1;

const INFO_MOVE: StepInfo = Object.freeze({ success: false, invalidAction: false });
const INFO_INVALID: StepInfo = Object.freeze({ success: false, invalidAction: true });
const INFO_SUCCESS: StepInfo = Object.freeze({ success: true, invalidAction: false });
const INFO_FAILURE: StepInfo = Object.freeze({ success: false, invalidAction: false, turnCap: true });

function frozenText(text: string): Text {
  return Object.freeze({ text, isAction: false });
}

function frozenResult(history: History, reward: number, terminated: boolean, truncated: boolean, info: StepInfo): StepResult {
  return Object.freeze({ history, reward, terminated, truncated, info });
}

const SUCCESS_RESULT = frozenResult(Object.freeze([frozenText(SUCCESS_TEXT)]), REWARD_GOAL, true, false, INFO_SUCCESS);
const FAILURE_RESULT = frozenResult(Object.freeze([frozenText(FAILURE_TEXT)]), REWARD_FAILURE, false, true, INFO_FAILURE);

/** Per-variant caches indexed by flat cell index (all 26 free cells, goal included; undefined on walls). */
interface VariantTables {
  readonly text: readonly Text[];
  /** The one-element history [observation] (reset, FO steps, and every step after an invalid action). */
  readonly single: readonly History[];
  /** Result of an invalid action while standing on the cell. */
  readonly invalid: readonly StepResult[];
  /** Result of a valid, non-goal move ending on the cell (FO only; PO windows are built per step). */
  readonly move: readonly StepResult[];
}

function buildTables(variant: MazeVariant): VariantTables {
  const n = MAZE_ROWS * MAZE_COLS;
  const text: Text[] = new Array(n);
  const single: History[] = new Array(n);
  const invalid: StepResult[] = new Array(n);
  const move: StepResult[] = new Array(n);
  for (const [r, c] of FREE_CELLS) {
    const i = cellIndex(r, c);
    text[i] = frozenText(variant === "fo" ? foObservation(i) : poObservation(i));
    single[i] = Object.freeze([text[i]]);
    invalid[i] = frozenResult(single[i], REWARD_INVALID, false, false, INFO_INVALID);
    move[i] = frozenResult(single[i], REWARD_MOVE, false, false, INFO_MOVE);
  }
  return { text, single, invalid, move };
}

const TABLES: Readonly<Record<MazeVariant, VariantTables>> = { fo: buildTables("fo"), po: buildTables("po") };

/** Flat index of a validated start cell, or an error naming the bad value and the valid cells. */
function startIndex(value: unknown): number {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((x) => Number.isInteger(x)) &&
    START_CELLS.some(([r, c]) => r === value[0] && c === value[1]);
  if (!ok) {
    throw new Error(
      `MazeEnv.reset: options.initPosition must be one of the 25 non-goal free cells [row, col], got ` +
        `${JSON.stringify(value)}. Valid: ${START_CELLS.map(([r, c]) => `[${r},${c}]`).join(" ")}.`,
    );
  }
  return cellIndex((value as number[])[0], (value as number[])[1]);
}

/**
 * The maze env. Rewards: 0 on reaching the goal ("Success\n", terminated), -1 for any of the four
 * moves otherwise (bumping a wall is a valid move that stays put), -4 for any other action string
 * (position unchanged, only the new observation returned, the step counter still advances). When
 * step() is called with the counter already at 100 it returns "Failure\n", -1, truncated.
 */
export class MazeEnv implements TextEnv<MazeResetOptions> {
  readonly id: string;
  readonly maxTurns = MAZE_MAX_TURNS;
  readonly historyWindow: number;
  private readonly tables: VariantTables;
  private rng = new Rng(0);
  private cell: number;
  private start: number;
  private steps = 0;

  constructor(readonly variant: MazeVariant) {
    if (variant !== "fo" && variant !== "po") {
      throw new Error(`MazeEnv: variant must be "fo" or "po", got ${JSON.stringify(variant)}`);
    }
    this.id = `maze-${variant}`;
    this.historyWindow = MAZE_HISTORY_WINDOW[variant];
    this.tables = TABLES[variant];
    this.cell = this.start = cellIndex(...START_CELLS[0]);
  }

  /** Current position (row, col). */
  get position(): Cell {
    return cellOf(this.cell);
  }

  /** Current position as a flat index (row * 13 + col); for oracle policies. */
  get positionIndex(): number {
    return this.cell;
  }

  /** The cell this episode started in. */
  get startPosition(): Cell {
    return cellOf(this.start);
  }

  /** Steps counted so far (valid non-goal moves and invalid actions). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * Starts an episode at `options.initPosition` or, without it, at a start cell drawn uniformly from
   * the 25 with the env's RNG (re-seeded when `seed` is given). Returns [first observation].
   */
  reset(args: ResetArgs<MazeResetOptions> = {}): History {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    const options = (args.options ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(options)) {
      if (k !== "initPosition") {
        throw new Error(`MazeEnv.reset: unknown option "${k}"; the only option is initPosition: [row, col] (the goal is fixed at [8, 6])`);
      }
    }
    this.start = options.initPosition !== undefined ? startIndex(options.initPosition) : cellIndex(...START_CELLS[this.rng.int(START_CELLS.length)]);
    this.cell = this.start;
    this.steps = 0;
    return this.tables.single[this.cell];
  }

  step(history: History): StepResult {
    const action = lastAction(history, this.id);
    if (this.steps >= MAZE_MAX_STEPS) return FAILURE_RESULT;
    const m = parseMove(action);
    if (m < 0) {
      // Reference order: reward/goal check before the counter, so at the goal (only reachable by
      // stepping after the episode ended) an invalid action "succeeds" again with 0.
      if (this.cell === GOAL_INDEX) return SUCCESS_RESULT;
      this.steps++;
      // Quirk kept from the reference: after an invalid action only the new observation is returned.
      return this.tables.invalid[this.cell];
    }
    const next = NEXT_CELL[this.cell * 4 + m];
    this.cell = next;
    if (next === GOAL_INDEX) return SUCCESS_RESULT;
    this.steps++;
    if (this.historyWindow === 1) return this.tables.move[next];
    return { history: windowed(history, this.tables.text[next], this.historyWindow), reward: REWARD_MOVE, terminated: false, truncated: false, info: INFO_MOVE };
  }
}

/** The last `k` texts of history + [observation] (the reference's `new_history[-last_k:]`). */
function windowed(history: History, observation: Text, k: number): History {
  const total = history.length + 1;
  const from = total > k ? total - k : 0;
  const out: Text[] = new Array(total - from);
  let j = 0;
  for (let i = from; i < history.length; i++) out[j++] = history[i];
  out[j] = observation;
  return out;
}
