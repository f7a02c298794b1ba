/**
 * An exact belief-state planner for the partially observed maze. The agent knows the map and the goal
 * but sees only wall sentences; with a uniform prior over the 25 starts and deterministic moves and
 * observations, the posterior is a weighted set of cells (weight = number of start cells consistent
 * with what was seen). Value iteration over every belief reachable from the current one gives the
 * policy that minimises the expected number of -1 steps, i.e. the Bayes-optimal POMDP policy for this
 * prior; it is the "optimal" scripted policy of maze-po.
 *
 * @example
 * const planner = sharedBeliefPlanner();
 * const b = beliefFromHistory([{ text: "There are walls to your left, below you.\n", isAction: false }]);
 * planner.bestMove(b); // 3 (right: (5,3) is the only cell with that sentence)
 */
import type { History } from "../../core/types";
import { GOAL_DISTANCE, GOAL_INDEX, NEXT_CELL, parseMove, START_CELLS, cellIndex, wallMask, cellOf, wallSentence } from "./formats";

/** A belief: cells with positive integer weights, sorted by cell, weights divided by their gcd. */
export interface Belief {
  readonly cells: readonly number[];
  readonly weights: readonly number[];
}

const START_INDICES = START_CELLS.map(([r, c]) => cellIndex(r, c));
const MASK_OF: Int32Array = (() => {
  const m = new Int32Array(NEXT_CELL.length / 4).fill(-1);
  for (const i of [...START_INDICES, GOAL_INDEX]) m[i] = wallMask(...cellOf(i));
  return m;
})();
/** Wall sentence (with "\n") → wall mask, for the sentences that occur in this maze. */
const MASK_OF_TEXT: ReadonlyMap<string, number> = new Map(START_INDICES.map((i) => [`${wallSentence(MASK_OF[i])}\n`, MASK_OF[i]]));

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Builds a canonical belief from (cell, weight) pairs; merges duplicates and drops zero weights. */
export function makeBelief(pairs: Iterable<readonly [number, number]>): Belief {
  const acc = new Map<number, number>();
  for (const [c, w] of pairs) if (w > 0) acc.set(c, (acc.get(c) ?? 0) + w);
  const cells = [...acc.keys()].sort((a, b) => a - b);
  let g = 0;
  for (const c of cells) g = gcd(g, acc.get(c)!);
  return { cells, weights: cells.map((c) => acc.get(c)! / (g || 1)) };
}

function beliefKey(b: Belief): string {
  let s = "";
  for (let i = 0; i < b.cells.length; i++) s += `${b.cells[i]}:${b.weights[i]},`;
  return s;
}

/** The uniform prior over the 25 starts, filtered by an observed wall mask (all 25 when mask is -1). */
export function priorBelief(mask: number): Belief {
  return makeBelief(START_INDICES.filter((c) => mask < 0 || MASK_OF[c] === mask).map((c) => [c, 1] as const));
}

/**
 * Moves every cell of a belief by move `m` and keeps the cells whose new wall mask is `mask`
 * (cells that would have reached the goal are dropped: the episode would have ended).
 */
export function updateBelief(b: Belief, m: number, mask: number): Belief {
  const pairs: [number, number][] = [];
  b.cells.forEach((c, i) => {
    const n = NEXT_CELL[c * 4 + m];
    if (n !== GOAL_INDEX && MASK_OF[n] === mask) pairs.push([n, b.weights[i]]);
  });
  return makeBelief(pairs);
}

/**
 * The belief implied by a PO history window. A window that starts with an observation starts from
 * the uniform prior filtered by it; one that starts with an action (older texts fell out of the
 * 40-text window) starts from the uniform prior over all 25 cells. Invalid actions leave positions
 * unchanged; unknown observation texts are skipped; if the texts are inconsistent with the map the
 * belief restarts from the last observation.
 */
export function beliefFromHistory(history: History): Belief {
  let b = priorBelief(-1);
  let pendingMove = -1;
  let started = false;
  for (const t of history) {
    if (t.isAction) {
      const m = parseMove(t.text);
      pendingMove = m; // -1: invalid action, the position did not change
      started = true;
      continue;
    }
    const mask = MASK_OF_TEXT.get(t.text);
    if (mask === undefined) continue;
    let next = !started ? priorBelief(mask) : pendingMove >= 0 ? updateBelief(b, pendingMove, mask) : filterBelief(b, mask);
    if (next.cells.length === 0) next = priorBelief(mask);
    b = next;
    started = true;
    pendingMove = -1;
  }
  return b;
}

function filterBelief(b: Belief, mask: number): Belief {
  return makeBelief(b.cells.map((c, i) => [c, MASK_OF[c] === mask ? b.weights[i] : 0] as const));
}

/** Outcome groups of taking move m in belief b: successors by observation, plus the goal weight. */
function outcomes(b: Belief, m: number): { goal: number; total: number; next: { weight: number; belief: Belief }[] } {
  const byMask = new Map<number, [number, number][]>();
  let goal = 0;
  let total = 0;
  b.cells.forEach((c, i) => {
    const w = b.weights[i];
    total += w;
    const n = NEXT_CELL[c * 4 + m];
    if (n === GOAL_INDEX) {
      goal += w;
      return;
    }
    const k = MASK_OF[n];
    let g = byMask.get(k);
    if (!g) byMask.set(k, (g = []));
    g.push([n, w]);
  });
  const next = [...byMask.values()].map((pairs) => ({ weight: pairs.reduce((s, p) => s + p[1], 0), belief: makeBelief(pairs) }));
  return { goal, total, next };
}

interface Node {
  readonly belief: Belief;
  /** Expected number of -1 rewards still to come under the optimal policy. */
  value: number;
  move: number;
  /** Per move: [probability, successor key] pairs (goal outcomes omitted: they cost 0). */
  readonly edges: { p: number; key: string }[][];
}

/**
 * Memoised exact planner. `bestMove(b)` expands every belief reachable from `b` that has not been
 * solved yet, runs value iteration on them (solved beliefs stay fixed) and returns the move that
 * minimises the expected number of remaining -1 steps (ties: up, down, left, right order).
 */
export class BeliefPlanner {
  private readonly nodes = new Map<string, Node>();

  /** Expected number of -1 rewards from `b` under the optimal policy (the negated expected return). */
  expectedCost(b: Belief): number {
    return this.solve(b).value;
  }

  bestMove(b: Belief): number {
    return this.solve(b).move;
  }

  private solve(b: Belief): Node {
    const key = beliefKey(b);
    const known = this.nodes.get(key);
    if (known) return known;
    // Expand the reachable beliefs not solved yet.
    const fresh: Node[] = [];
    const stack: Belief[] = [b];
    const add = (belief: Belief, k: string): void => {
      const node: Node = { belief, value: lowerBound(belief), move: 0, edges: [] };
      this.nodes.set(k, node);
      fresh.push(node);
      stack.push(belief);
    };
    stack.length = 0;
    add(b, key);
    while (stack.length > 0) {
      const cur = stack.pop()!;
      const node = this.nodes.get(beliefKey(cur))!;
      for (let m = 0; m < 4; m++) {
        const o = outcomes(cur, m);
        const edges = o.next.map(({ weight, belief }) => {
          const k = beliefKey(belief);
          if (!this.nodes.has(k)) add(belief, k);
          return { p: weight / o.total, key: k };
        });
        node.edges.push(edges);
      }
    }
    // Value iteration from the admissible lower bound (monotone, converges to the optimum).
    for (let iter = 0; iter < 100_000; iter++) {
      let delta = 0;
      for (const node of fresh) {
        let best = Infinity;
        let bestMove = 0;
        for (let m = 0; m < 4; m++) {
          let q = 0;
          for (const e of node.edges[m]) q += e.p * (1 + this.nodes.get(e.key)!.value);
          if (q < best - 1e-12) {
            best = q;
            bestMove = m;
          }
        }
        delta = Math.max(delta, Math.abs(best - node.value));
        node.value = best;
        node.move = bestMove;
      }
      if (delta < 1e-12) break;
    }
    return this.nodes.get(key)!;
  }
}

/** Expected BFS cost if the position were revealed: a lower bound on the belief's value. */
function lowerBound(b: Belief): number {
  let s = 0;
  let w = 0;
  b.cells.forEach((c, i) => {
    s += b.weights[i] * Math.max(0, GOAL_DISTANCE[c] - 1);
    w += b.weights[i];
  });
  return s / w;
}

let shared: BeliefPlanner | undefined;

/** One planner shared by every policy instance (a pure memo; its answers never depend on call order). */
export function sharedBeliefPlanner(): BeliefPlanner {
  return (shared ??= new BeliefPlanner());
}

/**
 * Expected return of the optimal belief policy under the uniform start prior (the value it scores on
 * the 25-start evaluation protocol).
 */
export function beliefPolicyExpectedReturn(): number {
  const planner = sharedBeliefPlanner();
  let s = 0;
  for (const c of START_INDICES) s += planner.expectedCost(priorBelief(MASK_OF[c]));
  return -s / START_INDICES.length;
}
