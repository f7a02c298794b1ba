/**
 * The double-T maze of LMRL-Gym (reference `llm_rl_scripts/maze/env/mazes.py`, `env.py`): the 10×13
 * layout, the goal, the 25 start cells, the four move strings, the wall sentences and the
 * fully/partially observed observation texts, plus the BFS-optimal move of every cell. Everything
 * here is pure and precomputed once at module load.
 *
 * @example
 * foObservation(cellIndex(1, 10));
 * // "The goal is at position 8, 6. Your current position is at position 1, 1 0. There are walls above you, below you.\n"
 */

/** The layout, row 0 at the top; `#` wall, `.` free, `G` goal (`double_t_maze()` in the reference). */
export const MAZE_LAYOUT: readonly string[] = [
  "#############",
  "#.....#.....#",
  "###.#####.###",
  "###.#####.###",
  "###.#####.###",
  "###.......###",
  "######.######",
  "######.######",
  "######G######",
  "#############",
];

export const MAZE_ROWS = 10;
export const MAZE_COLS = 13;

/** A grid position as (row, col), row 0 at the top. */
export type Cell = readonly [row: number, col: number];

/** Flat index of a cell (row * 13 + col); the env works on indices. */
export function cellIndex(row: number, col: number): number {
  return row * MAZE_COLS + col;
}

/** The (row, col) of a flat index. */
export function cellOf(index: number): Cell {
  return [Math.floor(index / MAZE_COLS), index % MAZE_COLS];
}

/** True when (row, col) is inside the grid and not a wall. */
export function isFree(row: number, col: number): boolean {
  return row >= 0 && row < MAZE_ROWS && col >= 0 && col < MAZE_COLS && MAZE_LAYOUT[row][col] !== "#";
}

export const GOAL: Cell = [8, 6];
export const GOAL_INDEX = cellIndex(8, 6);

/** The 26 free cells in row-major order. */
export const FREE_CELLS: readonly Cell[] = (() => {
  const out: Cell[] = [];
  for (let r = 0; r < MAZE_ROWS; r++) for (let c = 0; c < MAZE_COLS; c++) if (isFree(r, c)) out.push([r, c]);
  return out;
})();

/**
 * The 25 start cells (every free cell but the goal) in row-major order, the order
 * `evaluation.resetOptions(i)` cycles through.
 */
export const START_CELLS: readonly Cell[] = FREE_CELLS.filter(([r, c]) => !(r === GOAL[0] && c === GOAL[1]));

// ---------------------------------------------------------------------------------------------------
// Moves

/** The four move names, in the order used everywhere (policies index moves 0..3 in this order). */
export const MOVE_NAMES = ["up", "down", "left", "right"] as const;
export type MoveName = (typeof MOVE_NAMES)[number];

/** The exact valid action texts (with their trailing "\n"), indexed like {@link MOVE_NAMES}. */
export const MOVE_TEXTS: readonly string[] = MOVE_NAMES.map((m) => `move ${m}\n`);

/** Row/column deltas of the moves, indexed like {@link MOVE_NAMES}. */
export const MOVE_DELTAS: readonly Cell[] = [
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
];

/**
 * Index (0..3) of an action text that is exactly one of the four moves after the generic
 * one-trailing-newline post-processing, or -1 (an invalid action). Fast path for the exact texts.
 */
export function parseMove(action: string): number {
  switch (action) {
    case "move up\n": return 0;
    case "move down\n": return 1;
    case "move left\n": return 2;
    case "move right\n": return 3;
  }
  // Generic post-processing: strip one trailing "\n" if present, then append one.
  switch (action.endsWith("\n") ? action : action + "\n") {
    case "move up\n": return 0;
    case "move down\n": return 1;
    case "move left\n": return 2;
    case "move right\n": return 3;
  }
  return -1;
}

/** Index of the cell reached by move `m` from cell index `from` (staying put when it hits a wall). */
export function moveTarget(from: number, m: number): number {
  const [r, c] = cellOf(from);
  const nr = r + MOVE_DELTAS[m][0];
  const nc = c + MOVE_DELTAS[m][1];
  return isFree(nr, nc) ? cellIndex(nr, nc) : from;
}

/** NEXT[cell * 4 + m]: the transition table over flat indices (walls map to themselves). */
export const NEXT_CELL: Int32Array = (() => {
  const t = new Int32Array(MAZE_ROWS * MAZE_COLS * 4);
  for (let i = 0; i < MAZE_ROWS * MAZE_COLS; i++) for (let m = 0; m < 4; m++) t[i * 4 + m] = isFree(...cellOf(i)) ? moveTarget(i, m) : i;
  return t;
})();

// ---------------------------------------------------------------------------------------------------
// Observation texts

/** Wall directions in the order the reference checks them (right, left, above, below). */
export const WALL_PHRASES = ["to your right", "to your left", "above you", "below you"] as const;
const WALL_DELTAS: readonly Cell[] = [
  [0, 1],
  [0, -1],
  [-1, 0],
  [1, 0],
];

/** Bit mask of the walls around a cell: bit k set when the neighbour in {@link WALL_PHRASES}[k] is a wall. */
export function wallMask(row: number, col: number): number {
  let mask = 0;
  WALL_DELTAS.forEach(([dr, dc], k) => {
    if (!isFree(row + dr, col + dc)) mask |= 1 << k;
  });
  return mask;
}

/**
 * The wall sentence of `describe_objects("wall", ...)` (no trailing newline): none → "There are no
 * walls near you.", one → "There is a wall {dir}.", several → "There are walls {d1}, {d2}, ...".
 *
 * @example
 * wallSentence(0b1110); // "There are walls to your left, above you, below you."
 */
export function wallSentence(mask: number): string {
  const dirs = WALL_PHRASES.filter((_, k) => (mask >> k) & 1);
  if (dirs.length === 0) return "There are no walls near you.";
  if (dirs.length === 1) return `There is a wall ${dirs[0]}.`;
  return `There are walls ${dirs.join(", ")}.`;
}

/** A coordinate rendered the reference's way: digits separated by spaces (10 → "1 0"). */
export function spacedDigits(n: number): string {
  return String(n).split("").join(" ");
}

/**
 * Fully observed text (`describe_observation_give_position`).
 *
 * @example
 * foObservation(cellIndex(1, 1));
 * // "The goal is at position 8, 6. Your current position is at position 1, 1. There are walls to your left, above you, below you.\n"
 */
export function foObservation(cell: number): string {
  const [r, c] = cellOf(cell);
  return (
    `The goal is at position ${spacedDigits(GOAL[0])}, ${spacedDigits(GOAL[1])}. ` +
    `Your current position is at position ${spacedDigits(r)}, ${spacedDigits(c)}. ${wallSentence(wallMask(r, c))}\n`
  );
}

/**
 * Partially observed text (`describe_observation_only_walls`): the wall sentence only.
 *
 * @example
 * poObservation(cellIndex(5, 3)); // "There are walls to your left, below you.\n"
 */
export function poObservation(cell: number): string {
  const [r, c] = cellOf(cell);
  return `${wallSentence(wallMask(r, c))}\n`;
}

export const SUCCESS_TEXT = "Success\n";
export const FAILURE_TEXT = "Failure\n";

const FO_POSITION = /Your current position is at position ([0-9 ]+), ([0-9 ]+)\./;

/**
 * The cell index named in a fully observed observation text, or -1 when the text has no position.
 *
 * @example
 * parseFoPosition(foObservation(cellIndex(1, 10))) === cellIndex(1, 10); // true
 */
export function parseFoPosition(text: string): number {
  const m = FO_POSITION.exec(text);
  if (!m) return -1;
  const r = Number(m[1].replace(/ /g, ""));
  const c = Number(m[2].replace(/ /g, ""));
  return isFree(r, c) ? cellIndex(r, c) : -1;
}

// ---------------------------------------------------------------------------------------------------
// Distances and BFS-optimal moves

/** BFS distance (in moves) from each flat cell index to the goal; -1 on walls. */
export const GOAL_DISTANCE: Int32Array = bfsDistances(GOAL_INDEX, () => true);

/**
 * BFS distances to `target` over free cells for which `allowed(index)` holds (walls and disallowed
 * cells get -1).
 */
export function bfsDistances(target: number, allowed: (cell: number) => boolean): Int32Array {
  const dist = new Int32Array(MAZE_ROWS * MAZE_COLS).fill(-1);
  dist[target] = 0;
  const queue = [target];
  for (let q = 0; q < queue.length; q++) {
    const cur = queue[q];
    for (let m = 0; m < 4; m++) {
      const n = NEXT_CELL[cur * 4 + m];
      if (n !== cur && dist[n] < 0 && allowed(n)) {
        dist[n] = dist[cur] + 1;
        queue.push(n);
      }
    }
  }
  return dist;
}

/**
 * The BFS-optimal move of every start cell, keyed "row,col" (the reference's
 * `double_t_maze_optimal_directions()`; the maze is a tree, so each cell has exactly one).
 */
export const OPTIMAL_DIRECTIONS: Readonly<Record<string, MoveName>> = (() => {
  const out: Record<string, MoveName> = {};
  for (const [r, c] of START_CELLS) {
    const i = cellIndex(r, c);
    for (let m = 0; m < 4; m++) {
      const n = NEXT_CELL[i * 4 + m];
      if (n !== i && GOAL_DISTANCE[n] === GOAL_DISTANCE[i] - 1) {
        out[`${r},${c}`] = MOVE_NAMES[m];
        break;
      }
    }
  }
  return Object.freeze(out);
})();

/** Move index (0..3) of the BFS-optimal move from a non-goal free cell index, or -1 elsewhere. */
export function optimalMove(cell: number): number {
  const [r, c] = cellOf(cell);
  const name = OPTIMAL_DIRECTIONS[`${r},${c}`];
  return name === undefined ? -1 : MOVE_NAMES.indexOf(name);
}

const MOVE_ARROWS = ["↑", "↓", "←", "→"] as const;

/**
 * The layout as text with an arrow on every start cell for the action `actionAt(cell)` returns (an
 * action text such as a policy's greedy "move up\n"; anything that is not one of the four moves shows
 * as "?"), `#` walls and `G` the goal, cells separated by spaces. For looking at which cells a policy
 * solves.
 *
 * @example
 * renderMoveMap((cell) => MOVE_TEXTS[optimalMove(cell)]).split("\n")[1]; // "# → → ↓ ← ← # → → ↓ ← ← #"
 */
export function renderMoveMap(actionAt: (cell: number) => string | undefined): string {
  return MAZE_LAYOUT.map((row, r) =>
    row
      .split("")
      .map((ch, c) => {
        if (ch !== ".") return ch;
        const action = actionAt(cellIndex(r, c));
        const m = action === undefined ? -1 : parseMove(action);
        return m < 0 ? "?" : MOVE_ARROWS[m];
      })
      .join(" "),
  ).join("\n");
}
