/**
 * The exact endgame tables (src/tasks/chess/solver.ts) against what is known independently of them:
 * textbook longest mates, chess.js's own move generator (every sampled position's value must follow from
 * its successors' values — one step of the Bellman equation, with chess.js making the moves), Stockfish's
 * mate scores on short mates, and the optimal policy mating within the promised number of plies whatever
 * Black does.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Chess } from "chess.js";
import { Rng } from "../../src/core/rng";
import { UciEngine } from "../../src/tasks/chess/engine";
import { generateTestPositions, MIN_MATE_MOVES, testPositionKeys, testPositions } from "../../src/tasks/chess/positions";
import { ENDGAME_SETUPS, endgameTable, ILLEGAL, optimalMoves, probeEndgame, readEndgameTable, setupOfFen, solveEndgame, writeEndgameTable, type EndgameSetup, type EndgameTable } from "../../src/tasks/chess/solver";

const SETUPS = Object.keys(ENDGAME_SETUPS) as EndgameSetup[];

/** Seeded legal positions of a table for one side to move. */
function sample(t: EndgameTable, turn: "w" | "b", count: number, seed: number): string[] {
  const rng = new Rng(seed);
  const values = turn === "w" ? t.wtm : t.btm;
  const out: string[] = [];
  while (out.length < count) {
    const i = rng.int(values.length);
    if (values[i] !== ILLEGAL) out.push(t.fenOf(i, turn));
  }
  return out;
}

/** The side to move's value from its successors' values, with chess.js generating and playing the moves. */
function oneStep(fen: string): { result: "win" | "loss" | "draw"; pliesToMate: number | null } {
  const board = new Chess(fen);
  const moves = board.moves();
  if (moves.length === 0) return board.isCheckmate() ? { result: "loss", pliesToMate: 0 } : { result: "draw", pliesToMate: null };
  const outcomes = moves.map((san) => {
    board.move(san);
    const o = board.isCheckmate() ? { result: "loss" as const, pliesToMate: 0 } : board.isGameOver() ? { result: "draw" as const, pliesToMate: null } : probeEndgame(board.fen());
    board.undo();
    return o; // for the opponent, who moves next
  });
  const wins = outcomes.filter((o) => o.result === "loss").map((o) => o.pliesToMate! + 1);
  if (wins.length > 0) return { result: "win", pliesToMate: Math.min(...wins) };
  if (outcomes.some((o) => o.result === "draw")) return { result: "draw", pliesToMate: null };
  return { result: "loss", pliesToMate: Math.max(...outcomes.map((o) => o.pliesToMate! + 1)) };
}

describe("endgame solver", () => {
  const engine = new UciEngine();
  after(() => engine.close());

  it("textbook facts: every legal position with White to move wins; the longest mates are 10 (K+Q), 16 (K+R) and 7 (K+R+R) moves", () => {
    const longest: Partial<Record<EndgameSetup, number>> = { KQK: 10, KRK: 16, KRRK: 7 };
    for (const setup of SETUPS) {
      const t = endgameTable(setup);
      let maxPlies = 0, draws = 0, legal = 0;
      for (const v of t.wtm) {
        if (v === ILLEGAL) continue;
        legal++;
        if (v === 0) draws++;
        else maxPlies = Math.max(maxPlies, v);
      }
      assert.ok(legal > 100_000, `${setup}: ${legal} legal positions`);
      assert.equal(draws, 0, `${setup}: White to move never draws with this much material`);
      if (longest[setup]) assert.equal((maxPlies + 1) / 2, longest[setup], `${setup} longest mate`);
    }
    // Black to move can draw: stalemate, or taking an undefended piece
    assert.deepEqual(probeEndgame("k7/2Q5/8/8/8/8/8/7K b - - 0 1"), { result: "draw", pliesToMate: null }, "stalemate");
    assert.deepEqual(probeEndgame("7K/8/8/8/8/8/1Qk5/8 b - - 0 1"), { result: "draw", pliesToMate: null }, "Kxb2 leaves bare kings");
    assert.deepEqual(probeEndgame("k7/8/1K6/8/8/8/8/7R w - - 0 1"), { result: "win", pliesToMate: 1 });
    assert.deepEqual(probeEndgame("k7/8/1K6/8/8/8/8/7R b - - 0 1"), { result: "loss", pliesToMate: 2 }, "Kb8 Rh8#");
    assert.deepEqual(probeEndgame("k7/1Q6/1K6/8/8/8/8/8 b - - 0 1"), { result: "loss", pliesToMate: 0 }, "checkmated now");
  });

  it("every sampled position's value follows from its successors' values, chess.js making the moves (captures into the smaller tables included)", () => {
    for (const [setup, count] of [["KQK", 200], ["KRK", 200], ["KQRK", 120], ["KRRK", 120]] as const) {
      const t = endgameTable(setup);
      for (const turn of ["w", "b"] as const) {
        for (const fen of sample(t, turn, count, setup.length * 7 + turn.charCodeAt(0))) {
          assert.deepEqual(probeEndgame(fen), oneStep(fen), `${setup} ${fen}`);
        }
      }
    }
  });

  it("the disk cache: a written table reads back byte for byte; a missing, damaged or wrong-sized file reads as absent (so it is rebuilt)", () => {
    const dir = mkdtempSync(join(tmpdir(), "lmrl-endgame-"));
    try {
      const path = join(dir, "KQK.bin.gz");
      assert.equal(readEndgameTable(path, "KQK"), undefined, "missing");
      const t = solveEndgame("KQK");
      writeEndgameTable(path, t);
      const back = readEndgameTable(path, "KQK")!;
      assert.deepEqual([Buffer.compare(back.wtm, t.wtm), Buffer.compare(back.btm, t.btm)], [0, 0]);
      assert.equal(readEndgameTable(path, "KRRK"), undefined, "another setup's size");
      writeFileSync(path, "not gzip");
      assert.equal(readEndgameTable(path, "KQK"), undefined, "damaged");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("index and FEN round-trip; other material is refused by name", () => {
    const t = endgameTable("KRRK");
    for (const fen of sample(t, "b", 20, 5)) assert.equal(t.fenOf(t.indexOfFen(fen).index, "b"), fen);
    assert.equal(setupOfFen("8/8/8/8/8/8/8/KQ5k w - - 0 1"), "KQK");
    assert.equal(setupOfFen("8/8/8/8/8/8/8/KN5k w - - 0 1"), undefined);
    assert.throws(() => probeEndgame("8/8/8/8/8/8/8/KN5k w - - 0 1"), /not K\+Q, K\+R/);
    assert.throws(() => probeEndgame("8/8/8/8/8/8/8/KQk5 w - - 0 1"), /not a legal position/);
  });

  it("agrees with Stockfish's mate scores on short mates (at depth 16; at depth 10 Stockfish reports some mates in 3 as mates in 4)", async () => {
    let compared = 0;
    for (const setup of SETUPS) {
      const t = endgameTable(setup);
      const short = sample(t, "w", 400, 11).filter((fen) => probeEndgame(fen).pliesToMate! <= 5).slice(0, 3);
      for (const fen of short) {
        const sf = await engine.analyse(fen, { depth: 16 });
        const moves = (probeEndgame(fen).pliesToMate! + 1) / 2;
        assert.equal(sf.mate, moves, `${fen}: Stockfish mate ${sf.mate}, solver ${moves}`);
        compared++;
      }
    }
    assert.ok(compared >= 8, `${compared} positions compared`);
  });

  it("the committed 645 endgame test positions are exactly what the documented rule generates (mate in ≥ 5, four families)", () => {
    const committed = testPositions();
    assert.equal(committed.length, 645);
    assert.deepEqual(committed, generateTestPositions());
    for (const p of committed) {
      assert.ok(p.mateIn >= MIN_MATE_MOVES);
      assert.equal(p.mateIn, (probeEndgame(p.fen).pliesToMate! + 1) / 2);
    }
    assert.deepEqual([...new Set(committed.map((p) => p.family))], ["kQK", "kRK", "kQRK", "kRRK"]);
    assert.equal(testPositionKeys().size, 645, "no duplicates");
  });

  it("the optimal policy mates within the promised plies whatever Black plays (random replies)", () => {
    const rng = new Rng(3);
    for (const setup of SETUPS) {
      for (const fen of sample(endgameTable(setup), "w", 5, 21)) {
        const promised = probeEndgame(fen).pliesToMate!;
        const board = new Chess(fen);
        let plies = 0;
        while (!board.isGameOver()) {
          const moves = board.turn() === "w" ? optimalMoves(board.fen()) : board.moves();
          assert.ok(moves.length > 0, `${board.fen()}: no optimal move`);
          board.move(rng.choice(moves));
          plies++;
        }
        assert.ok(board.isCheckmate() && board.turn() === "b", `${fen}: ended without mate (${board.fen()})`);
        assert.ok(plies <= promised, `${fen}: mated in ${plies} plies, promised ${promised}`);
      }
    }
  });
});
