/**
 * Exact distance-to-mate tables for the endgame row's four setups (LMRL-Gym App. C.5: a lone black king
 * against K+Q, K+R, K+Q+R or K+R+R), by retrograde analysis. No endgame tablebase ships with any package
 * here and a fixed-depth engine search is not an exact grader (it misses long KRK mates and reports
 * non-shortest ones), so the kit solves these small endgames itself: every position, both sides to move,
 * its game-theoretic value and distance to mate in plies under optimal play by both sides.
 *
 * The rules used (no pawns, so no castling, en passant or promotion): a black king may capture an
 * undefended white piece, which moves play into the smaller table (K+Q+R → K+R or K+Q, K+R+R → K+R,
 * K+Q/K+R → a bare-kings draw); stalemate is a draw; mates here are far shorter than the 75-move rule.
 * The tables' own move generator is hand-written for speed (tens of millions of positions); it is
 * cross-checked against chess.js in tests/tasks/chess-solver.test.ts.
 *
 * Storage: per side to move one byte per index `((wk·64 + bk)·64 + p1)·64 + p2` (squares 0 = a1 … 63 = h8).
 * White to move: 255 illegal, 0 draw, else plies to mate (odd). Black to move: 255 illegal, 0 not lost
 * (draw), else plies to being mated + 1 (1 = checkmated now). Built in memory in seconds (3 pieces) to
 * about a minute (4 pieces, one core) and cached gzipped under data/generated/endgame-tables/.
 *
 * @example
 * const t = endgameTable("KRK");
 * t.probe("k7/8/1K6/8/8/8/8/7R w - - 0 1"); // { result: "win", pliesToMate: 1 }: Rh8#
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { Chess } from "chess.js";
import { writeFileAtomic } from "../../core/atomic";
import { projectPath } from "../../core/paths";
import { placementOf } from "./game";

/** The four setups: white pieces besides the king. */
export const ENDGAME_SETUPS = { KQK: ["Q"], KRK: ["R"], KQRK: ["Q", "R"], KRRK: ["R", "R"] } as const;
export type EndgameSetup = keyof typeof ENDGAME_SETUPS;
type Slider = "Q" | "R";

export const ILLEGAL = 255;

// ---- geometry (precomputed once) ----

const fileOf = (s: number) => s & 7;
const rankOf = (s: number) => s >> 3;
/** adjacent[a*64+b] = 1 when the squares touch (kings there would be adjacent). */
const adjacent = new Uint8Array(64 * 64);
/** kingSteps[s]: the squares a king on s moves to. */
const kingSteps: number[][] = [];
/** rays[kind][s]: for each direction, the squares a slider on s passes, nearest first. */
const ROOK_DIRS = [[1, 0], [-1, 0], [0, 1], [0, -1]] as const;
const QUEEN_DIRS = [...ROOK_DIRS, [1, 1], [1, -1], [-1, 1], [-1, -1]] as const;
const rays: Record<Slider, number[][][]> = { Q: [], R: [] };
/** lines[kind][a*64+b] = 1 when a slider of that kind on a moves along a line through b (ignoring blockers). */
const lines: Record<Slider, Uint8Array> = { Q: new Uint8Array(64 * 64), R: new Uint8Array(64 * 64) };
/** between[(a*64+b)*64+c] = 1 when c lies strictly between a and b on a rank, file or diagonal. */
const between = new Uint8Array(64 * 64 * 64);

for (let s = 0; s < 64; s++) {
  kingSteps.push([]);
  for (const [df, dr] of QUEEN_DIRS) {
    const f = fileOf(s) + df, r = rankOf(s) + dr;
    if (f >= 0 && f < 8 && r >= 0 && r < 8) {
      kingSteps[s].push(r * 8 + f);
      adjacent[s * 64 + r * 8 + f] = 1;
    }
  }
  for (const kind of ["Q", "R"] as const) {
    rays[kind].push((kind === "Q" ? QUEEN_DIRS : ROOK_DIRS).map(([df, dr]) => {
      const ray: number[] = [];
      for (let f = fileOf(s) + df, r = rankOf(s) + dr; f >= 0 && f < 8 && r >= 0 && r < 8; f += df, r += dr) ray.push(r * 8 + f);
      return ray;
    }));
    for (const ray of rays[kind][s]) {
      ray.forEach((t, i) => {
        lines[kind][s * 64 + t] = 1;
        for (let j = 0; j < i; j++) between[(s * 64 + t) * 64 + ray[j]] = 1;
      });
    }
  }
}

/**
 * Is square t attacked by White, with White's king on wk and sliders `kinds` on `sq`, leaving out slider
 * `captured` (−1: none) when the black king has just taken it on t? Blockers are the white pieces only:
 * the black king is the piece being attacked (a slider's ray through its old square reaches the squares
 * behind it).
 */
function attackedByWhite(t: number, wk: number, sq: Int32Array, kinds: readonly Slider[], captured: number): boolean {
  if (adjacent[wk * 64 + t]) return true;
  for (let i = 0; i < kinds.length; i++) {
    if (i === captured) continue;
    const p = sq[i];
    if (p === t || !lines[kinds[i]][p * 64 + t]) continue;
    const base = (p * 64 + t) * 64;
    let blocked = between[base + wk] === 1;
    for (let j = 0; j < kinds.length && !blocked; j++) if (j !== i && j !== captured && between[base + sq[j]]) blocked = true;
    if (!blocked) return true;
  }
  return false;
}

/** The table index of a position: ((wk·64 + bk)·64 + sq[0])·64 + … */
function indexOf(wk: number, bk: number, sq: Int32Array, n: number): number {
  let i = wk * 64 + bk;
  for (let k = 0; k < n; k++) i = i * 64 + sq[k];
  return i;
}

export interface EndgameProbe {
  /** For the side to move. */
  readonly result: "win" | "loss" | "draw";
  /** Plies to mate under optimal play (0 when checkmated now); null for a draw. */
  readonly pliesToMate: number | null;
}

/** A solved setup: both sides' tables. */
export class EndgameTable {
  constructor(
    readonly setup: EndgameSetup,
    /** White to move: 255 illegal, 0 draw, else plies to mate. */
    readonly wtm: Uint8Array,
    /** Black to move: 255 illegal, 0 not lost, else plies to being mated + 1. */
    readonly btm: Uint8Array,
  ) {}

  /** The table index of a FEN of this setup (pieces matched by letter; throws on another material). */
  indexOfFen(fen: string): { index: number; turn: "w" | "b" } {
    const [placement, turn] = fen.trim().split(/\s+/);
    const kinds = ENDGAME_SETUPS[this.setup];
    let wk = -1, bk = -1;
    const found: Record<string, number[]> = { Q: [], R: [] };
    const ranks = placement.split("/");
    if (ranks.length !== 8) throw new Error(`EndgameTable: "${fen}" is not a FEN`);
    ranks.forEach((row, k) => {
      let f = 0;
      for (const ch of row) {
        if (/\d/.test(ch)) { f += Number(ch); continue; }
        const s = (7 - k) * 8 + f++;
        if (ch === "K") wk = s;
        else if (ch === "k") bk = s;
        else if (ch === "Q" || ch === "R") found[ch].push(s);
        else throw new Error(`EndgameTable(${this.setup}): "${fen}" has a ${ch}, not part of this setup`);
      }
    });
    const need = { Q: kinds.filter((k) => k === "Q").length, R: kinds.filter((k) => k === "R").length };
    if (wk < 0 || bk < 0 || found.Q.length !== need.Q || found.R.length !== need.R) throw new Error(`EndgameTable(${this.setup}): "${fen}" is not a ${this.setup} position`);
    const sq = new Int32Array(kinds.map((k) => found[k].shift()!));
    if (turn !== "w" && turn !== "b") throw new Error(`EndgameTable: "${fen}" has no side to move`);
    return { index: indexOf(wk, bk, sq, kinds.length), turn };
  }

  /** The FEN (halfmove 0, move 1) of a table index; the inverse of `indexOfFen`. */
  fenOf(index: number, turn: "w" | "b"): string {
    const kinds = ENDGAME_SETUPS[this.setup];
    const board: (string | null)[] = new Array(64).fill(null);
    for (let k = kinds.length - 1; k >= 0; k--, index = Math.floor(index / 64)) board[index % 64] = kinds[k];
    board[index % 64] = "k";
    board[Math.floor(index / 64)] = "K";
    return `${placementOf(board)} ${turn} - - 0 1`;
  }

  /** The value of a position for the side to move; throws on an illegal one. */
  probe(fen: string): EndgameProbe {
    const { index, turn } = this.indexOfFen(fen);
    const v = (turn === "w" ? this.wtm : this.btm)[index];
    if (v === ILLEGAL) throw new Error(`EndgameTable(${this.setup}): "${fen}" is not a legal position`);
    if (v === 0) return { result: "draw", pliesToMate: null };
    return turn === "w" ? { result: "win", pliesToMate: v } : { result: "loss", pliesToMate: v - 1 };
  }
}

/** Solves a setup in memory (the capture targets' tables come from `sub`). */
export function solveEndgame(setup: EndgameSetup, sub: (s: EndgameSetup) => EndgameTable = endgameTable): EndgameTable {
  const kinds = ENDGAME_SETUPS[setup] as readonly Slider[];
  const n = kinds.length;
  const size = 64 ** (n + 2);
  const wtm = new Uint8Array(size);
  const btm = new Uint8Array(size);
  const counter = new Uint8Array(size); // black's legal moves not yet known to lose (255: has a drawing capture)
  const NEVER = 255;
  // after capturing piece i, the table of what remains (its pieces in the same order: K+Q+R minus Q is K+R)
  const captureTables = kinds.map((_, i) => {
    const rest = kinds.filter((_, j) => j !== i);
    if (rest.length === 0) return undefined; // bare kings: a draw
    const name = `K${rest.join("")}K`;
    if (!(name in ENDGAME_SETUPS)) throw new Error(`solveEndgame(${setup}): capturing leaves ${name}, which has no table`);
    return sub(name as EndgameSetup);
  });
  const sq = new Int32Array(n);
  const sq2 = new Int32Array(n);
  let wk = 0, bk = 0;
  /** Sets wk, bk and sq from an index. */
  const decode = (i: number): void => {
    for (let k = n - 1; k >= 0; k--) { sq[k] = i & 63; i >>= 6; }
    bk = i & 63;
    wk = i >> 6;
  };
  /** Plies-to-mate of the white-to-move position after Black's king captures piece c on square t, or 0 for a draw. */
  const afterCapture = (t: number, c: number): number => {
    const table = captureTables[c];
    if (!table) return 0;
    let k = 0;
    for (let j = 0; j < n; j++) if (j !== c) sq2[k++] = sq[j];
    return table.wtm[indexOf(wk, t, sq2, n - 1)];
  };
  const occupiedByWhite = (s: number): number => {
    if (s === wk) return -2;
    for (let j = 0; j < n; j++) if (sq[j] === s) return j;
    return -1;
  };
  const levels: number[][] = [];
  const push = (d: number, i: number) => (levels[d] ??= []).push(i);
  /** A white-to-move position not yet known to win wins in `plies` (levels run in order: the first is the shortest). */
  const winPred = (p: number, plies: number) => {
    if (wtm[p] === 0) { wtm[p] = plies; push(plies, p); }
  };

  // 1. legality, black's move counts, mates and stalemates
  for (let i = 0; i < size; i++) {
    decode(i);
    let legal = wk !== bk && !adjacent[wk * 64 + bk];
    for (let a = 0; a < n && legal; a++) {
      if (sq[a] === wk || sq[a] === bk) legal = false;
      for (let b = a + 1; b < n && legal; b++) if (sq[a] === sq[b]) legal = false;
    }
    if (!legal) { wtm[i] = btm[i] = ILLEGAL; continue; }
    const check = attackedByWhite(bk, wk, sq, kinds, -1);
    if (check) wtm[i] = ILLEGAL; // the side not to move cannot be in check
    let moves = 0, drawingCapture = false, worstCapture = 0, anyCapture = false;
    for (const t of kingSteps[bk]) {
      const c = occupiedByWhite(t);
      if (c === -2) continue;
      if (attackedByWhite(t, wk, sq, kinds, c)) continue;
      if (c < 0) { moves++; continue; }
      anyCapture = true;
      const w = afterCapture(t, c);
      if (w === 0) drawingCapture = true;
      else worstCapture = Math.max(worstCapture, w);
    }
    if (drawingCapture) counter[i] = NEVER;
    else if (moves > 0) counter[i] = moves;
    else if (anyCapture) { btm[i] = worstCapture + 2; push(worstCapture + 1, i); } // only losing captures
    else if (check) { btm[i] = 1; push(0, i); } // checkmated
    // else stalemate: btm 0, counter 0 — never decremented (no moves lead anywhere)
  }

  // 2. retrograde: level d holds black-to-move positions lost in d plies (d even) and white-to-move wins in d (odd)
  for (let d = 0; d < levels.length; d++) {
    const level = levels[d];
    if (!level) continue;
    for (const i of level) {
      decode(i);
      if (d % 2 === 0) {
        // un-move a white piece: the white-to-move predecessors win in d + 1
        for (const f of kingSteps[wk]) if (occupiedByWhite(f) === -1 && f !== bk && !adjacent[f * 64 + bk]) winPred(indexOf(f, bk, sq, n), d + 1);
        for (let j = 0; j < n; j++) {
          for (let k = 0; k < n; k++) sq2[k] = sq[k];
          for (const ray of rays[kinds[j]][sq[j]]) {
            for (const f of ray) {
              if (f === bk || occupiedByWhite(f) !== -1) break;
              sq2[j] = f;
              winPred(indexOf(wk, bk, sq2, n), d + 1);
            }
          }
        }
      } else {
        // un-move the black king: its black-to-move predecessors lose one more move
        for (const f of kingSteps[bk]) {
          if (occupiedByWhite(f) !== -1) continue;
          const p = indexOf(wk, f, sq, n);
          if (btm[p] !== 0 || counter[p] === NEVER || counter[p] === 0) continue;
          if (--counter[p] > 0) continue;
          // every move loses: the longest of them, captures included
          let worst = d;
          for (const t of kingSteps[f]) {
            const c = occupiedByWhite(t);
            if (c >= 0 && !attackedByWhite(t, wk, sq, kinds, c)) worst = Math.max(worst, afterCapture(t, c));
          }
          btm[p] = worst + 2;
          push(worst + 1, p);
        }
      }
    }
    levels[d] = [];
  }
  // wtm entries still 0 are draws; legality of wtm was set above (illegal stays 255)
  return new EndgameTable(setup, wtm, btm);
}

const memo = new Map<EndgameSetup, EndgameTable>();

/** Where a setup's table is cached (git-ignored). */
export function endgameTablePath(setup: EndgameSetup): string {
  return projectPath("data", "generated", "endgame-tables", `${setup}.bin.gz`);
}

/**
 * The solved table of a setup: from memory, else the disk cache, else solved now and cached (about a
 * minute for the four-piece setups on one core). A cache file of the wrong size is rebuilt.
 */
export function endgameTable(setup: EndgameSetup): EndgameTable {
  if (!(setup in ENDGAME_SETUPS)) throw new Error(`endgameTable: unknown setup "${setup}"; one of ${Object.keys(ENDGAME_SETUPS).join(", ")}`);
  const hit = memo.get(setup);
  if (hit) return hit;
  const path = endgameTablePath(setup);
  let table = readEndgameTable(path, setup);
  if (!table) {
    table = solveEndgame(setup);
    writeEndgameTable(path, table);
  }
  memo.set(setup, table);
  return table;
}

/** A cached table, or undefined when the file is missing, damaged or of another size (then it is rebuilt). */
export function readEndgameTable(path: string, setup: EndgameSetup): EndgameTable | undefined {
  if (!existsSync(path)) return undefined;
  const size = 64 ** (ENDGAME_SETUPS[setup].length + 2);
  try {
    const bytes = gunzipSync(readFileSync(path));
    return bytes.length === 2 * size ? new EndgameTable(setup, bytes.subarray(0, size), bytes.subarray(size)) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a table (both sides) gzipped and atomically. */
export function writeEndgameTable(path: string, table: EndgameTable): void {
  mkdirSync(dirname(path), { recursive: true });
  const both = new Uint8Array(table.wtm.length * 2);
  both.set(table.wtm, 0);
  both.set(table.btm, table.wtm.length);
  writeFileAtomic(path, gzipSync(both, { level: 6 }));
}

/** The setup of a FEN's material (a lone black king against K+Q, K+R, K+Q+R or K+R+R), or undefined. */
export function setupOfFen(fen: string): EndgameSetup | undefined {
  const pieces = [...(fen.trim().split(/\s+/)[0] ?? "")].filter((c) => /[a-zA-Z]/.test(c)).sort().join("");
  const bySorted: Record<string, EndgameSetup> = { KQk: "KQK", KRk: "KRK", KQRk: "KQRK", KRRk: "KRRK" };
  return bySorted[pieces];
}

/** The exact value of an endgame position for the side to move (tables built or loaded on first use). */
export function probeEndgame(fen: string): EndgameProbe {
  const setup = setupOfFen(fen);
  if (!setup) throw new Error(`probeEndgame: "${fen}" is not K+Q, K+R, K+Q+R or K+R+R against a lone king`);
  return endgameTable(setup).probe(fen);
}

/**
 * White's moves (SAN, chess.js order) that mate soonest from a won white-to-move endgame position: the
 * optimal policy of the endgame row. Empty when White has no winning move (a draw).
 *
 * @example
 * optimalMoves("k7/8/1K6/8/8/8/8/7R w - - 0 1"); // ["Rh8#"]
 */
export function optimalMoves(fen: string): string[] {
  const board = new Chess(fen);
  if (board.turn() !== "w") throw new Error(`optimalMoves: White must be to move in "${fen}"`);
  let best = Infinity;
  let moves: string[] = [];
  for (const san of board.moves()) {
    board.move(san);
    const plies = board.isCheckmate() ? 1 : board.isGameOver() ? Infinity : afterWhiteMove(board.fen());
    board.undo();
    if (plies < best) [best, moves] = [plies, [san]];
    else if (plies === best && plies < Infinity) moves.push(san);
  }
  return best < Infinity ? moves : [];
}

/** Plies to mate from White's side after a White move (Black to move), Infinity when Black is not lost. */
function afterWhiteMove(fen: string): number {
  const p = probeEndgame(fen);
  return p.result === "loss" ? p.pliesToMate! + 1 : Infinity;
}
