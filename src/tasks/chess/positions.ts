/**
 * The endgame row's fixed test positions. The paper evaluates on 645 positions "not in the training data
 * and not trivially solvable" (App. E.3: Stockfish finds a mate, but not a mate in 1–4). With exact
 * tables the rule is stated on the true distance to mate instead of a search's report:
 *
 *   for each family in order (kQK, kRK, kQRK, kRRK; 162, 161, 161, 161 positions), draw positions with
 *   `randomEndgame` from Rng(TEST_POSITIONS_SEED) and keep each one not kept before whose shortest forced
 *   mate, White to move, is at least 5 moves (9 plies).
 *
 * (The paper's other wording, "mate in ≥ 15", cannot hold: K+Q mates in at most 10 moves, K+Q+R in 6.)
 * The list is committed as data/endgames/test_positions.jsonl (version 1) and regenerated in a test;
 * generated training data skips these positions.
 */
import { existsSync, readFileSync } from "node:fs";
import { projectPath } from "../../core/paths";
import { Rng } from "../../core/rng";
import { ENDGAME_FAMILIES, randomEndgame } from "./env";
import { startKey } from "./game";
import { probeEndgame } from "./solver";

export const TEST_POSITIONS_SEED = 645;
export const TEST_POSITIONS_COUNT = 645;
/** Positions mating sooner than this (in moves) are "trivially solvable" and not in the test set. */
export const MIN_MATE_MOVES = 5;

export interface TestPosition {
  readonly fen: string;
  readonly family: (typeof ENDGAME_FAMILIES)[number];
  /** White's shortest forced mate, in moves. */
  readonly mateIn: number;
}

/** The test positions by the rule above (deterministic; a few seconds once the tables are built). */
export function generateTestPositions(count = TEST_POSITIONS_COUNT, seed = TEST_POSITIONS_SEED): TestPosition[] {
  const rng = new Rng(seed);
  const out: TestPosition[] = [];
  const seen = new Set<string>();
  ENDGAME_FAMILIES.forEach((family, k) => {
    const want = Math.floor(count / ENDGAME_FAMILIES.length) + (k < count % ENDGAME_FAMILIES.length ? 1 : 0);
    for (let kept = 0; kept < want; ) {
      const fen = randomEndgame(rng, family);
      const p = probeEndgame(fen);
      const mateIn = (p.pliesToMate! + 1) / 2;
      if (p.result !== "win" || mateIn < MIN_MATE_MOVES || seen.has(fen)) continue;
      seen.add(fen);
      out.push({ fen, family, mateIn });
      kept++;
    }
  });
  return out;
}

let loaded: TestPosition[] | undefined;

/** The committed test set (data/endgames/test_positions.jsonl), read once per process. */
export function testPositions(): TestPosition[] {
  return (loaded ??= readTestPositions());
}

function readTestPositions(): TestPosition[] {
  const path = projectPath("data", "endgames", "test_positions.jsonl");
  if (!existsSync(path)) throw new Error(`${path} is missing: it is part of the kit (git checkout -- data/endgames)`);
  return readFileSync(path, "utf8").trim().split("\n").map((line, i) => {
    try {
      const p = JSON.parse(line) as TestPosition;
      if (typeof p.fen !== "string" || typeof p.mateIn !== "number") throw new Error("fen or mateIn missing");
      return p;
    } catch (e) {
      throw new Error(`${path}:${i + 1}: ${(e as Error).message}`);
    }
  });
}

/** Placement + side to move of each test position, for keeping them out of generated training data. */
export function testPositionKeys(): Set<string> {
  return new Set(testPositions().map((p) => startKey(p.fen)));
}
