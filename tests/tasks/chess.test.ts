/**
 * The chess rows' rules and texts (src/tasks/chess/game.ts) against python-chess's behaviour, checked by
 * hand: the spaced-FEN observation, parse_san's leniencies and refusals, and is_game_over's endings.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectPath } from "../../src/core/paths";
import { EpisodeRecorder } from "../../src/core/rollout";
import { Rng } from "../../src/core/rng";
import type { History } from "../../src/core/types";
import { EngineFailure, EnginePool, UciEngine, wasmEngineCommand } from "../../src/tasks/chess/engine";
import { ChessEnv, randomEndgame } from "../../src/tasks/chess/env";
import { ChessGame, positionKey, renderMove, renderPosition, START_FEN, uciToObject } from "../../src/tasks/chess/game";
import { chessSpec, endgamesSpec } from "../../src/tasks/chess/index";
import { chessEpisodeMetrics } from "../../src/tasks/chess/metrics";

const sanOf = (g: ChessGame, text: string): string => {
  const p = g.parse(text);
  return p.kind === "move" ? p.move.san : p.kind;
};

describe("chess: texts", () => {
  it("the start observation is the reference's spaced FEN (a space inside the FEN becomes three)", () => {
    assert.equal(renderPosition(START_FEN), "r n b q k b n r / p p p p p p p p / 8 / 8 / 8 / 8 / P P P P P P P P / R N B Q K B N R   w   K Q k q   -   0   1\n");
    assert.equal(renderMove("Nf3"), "N f 3\n");
    assert.equal(renderMove("O-O"), "O - O\n");
  });
});

describe("chess: parsing an agent's move as python-chess's parse_san", () => {
  it("spaced SAN, check marks, castling with zeros, over-disambiguation, fully specified squares", () => {
    const g = new ChessGame();
    assert.equal(sanOf(g, "e 4\n"), "e4");
    assert.equal(sanOf(g, "N f 3\n"), "Nf3");
    assert.equal(sanOf(g, "Nf3+"), "Nf3", "+ and # are ignored");
    assert.equal(sanOf(g, "Ng1f3"), "Nf3");
    assert.equal(sanOf(g, "e2e4"), "e4");
    assert.equal(sanOf(g, "e2-e4"), "e4");
    assert.equal(sanOf(g, "g1f3"), "Nf3", "a fully given origin moves any piece");
    assert.equal(sanOf(g, "  e4 \t"), "e4");
  });

  it("refuses what parse_san refuses: not SAN, illegal, a pawn capture without its file, ambiguity, missing promotion", () => {
    const g = new ChessGame();
    assert.equal(sanOf(g, "E4"), "illegal");
    assert.equal(sanOf(g, "hello"), "illegal");
    assert.equal(sanOf(g, ""), "illegal");
    assert.equal(sanOf(g, "d5"), "illegal", "no white pawn reaches d5");
    assert.equal(sanOf(g, "O-O"), "illegal", "castling through pieces");
    assert.equal(sanOf(g, "0 - 0 - 0"), "illegal");
    assert.equal(sanOf(g, "--"), "null");
    const cap = new ChessGame("rnbqkbnr/ppp1pppp/8/3p4/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2");
    assert.equal(sanOf(cap, "exd5"), "exd5");
    assert.equal(sanOf(cap, "xd5"), "illegal", "a pawn capture needs its file");
    assert.equal(sanOf(cap, "d5"), "illegal", "a pawn without its file only moves straight");
    const knights = new ChessGame("4k3/8/8/8/8/8/8/1N2KN2 w - - 0 1");
    assert.equal(sanOf(knights, "Nd2"), "illegal", "ambiguous: b1 and f1 both reach d2");
    assert.equal(sanOf(knights, "Nbd2"), "Nbd2");
    const promo = new ChessGame("8/P7/8/8/8/8/2k5/7K w - - 0 1");
    assert.equal(sanOf(promo, "a8"), "illegal", "a promotion must name its piece");
    assert.equal(sanOf(promo, "a8=Q"), "a8=Q");
    assert.equal(sanOf(promo, "a8q"), "a8=Q");
    assert.equal(sanOf(promo, "a 8 = N"), "a8=N");
    assert.equal(sanOf(promo, "a8=K"), "illegal");
    const castle = new ChessGame("4k3/8/8/8/8/8/8/R3K2R w KQ - 0 1");
    assert.equal(sanOf(castle, "0-0"), "O-O");
    assert.equal(sanOf(castle, "O - O - O +"), "O-O-O");
  });
});

describe("chess: game over as python-chess's is_game_over (claim_draw=False)", () => {
  it("checkmate names the winner; stalemate and insufficient material are draws", () => {
    const g = new ChessGame();
    for (const m of ["f3", "e5", "g4", "Qh4"]) {
      const p = g.parse(m);
      assert.equal(p.kind, "move");
      if (p.kind === "move") g.push(p.move);
    }
    assert.deepEqual(g.outcome(), { termination: "checkmate", winner: "b" });
    assert.deepEqual(new ChessGame("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1").outcome(), { termination: "stalemate", winner: null });
    assert.deepEqual(new ChessGame("8/8/8/8/8/8/8/k6K w - - 0 1").outcome(), { termination: "insufficient_material", winner: null });
    assert.equal(new ChessGame().outcome(), null);
  });

  it("the 75-move rule at a halfmove clock of 150, not the 50-move rule", () => {
    assert.equal(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 100 80").outcome(), null, "50 moves: chess.js would call it a draw, python-chess plays on");
    assert.equal(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 149 80").outcome(), null);
    assert.deepEqual(new ChessGame("4k3/8/8/8/8/8/8/R3K3 w - - 150 80").outcome(), { termination: "seventyfive_moves", winner: null });
  });

  it("fivefold repetition, not threefold", () => {
    const g = new ChessGame();
    const cycle = ["g1f3", "g8f6", "f3g1", "f6g8"];
    for (let rep = 1; rep <= 4; rep++) {
      for (const m of cycle) {
        assert.equal(g.outcome(), null, `repetition ${rep}`);
        g.push(m);
      }
    }
    // the start position has now occurred 5 times
    assert.deepEqual(g.outcome(), { termination: "fivefold_repetition", winner: null });
    assert.equal(positionKey(g.fen), positionKey(START_FEN));
  });

  it("UCI strings as an engine answers", () => {
    assert.deepEqual(uciToObject("e7e8q"), { from: "e7", to: "e8", promotion: "q" });
    assert.throws(() => uciToObject("e9e4"), /not a UCI move/);
  });
});

describe("chess: the env (a scripted opponent, then Stockfish)", () => {
  /** Plays the given UCI replies in order. */
  const scripted = (replies: string[]) => ({ move: async () => replies.shift() ?? null });
  const act = (h: History, text: string): History => [...h, { text, isAction: true }];

  it("an illegal move costs −1 and changes nothing; a legal one gets the opponent's reply", async () => {
    const env = new ChessEnv({ mode: "chess", opponent: scripted(["e7e5"]) });
    const h0 = await env.reset({ seed: 0 });
    assert.equal(h0[0].text, renderPosition(START_FEN));
    const bad = await env.step(act(h0, "e 5\n"));
    assert.deepEqual([bad.reward, bad.terminated, bad.truncated, bad.info.invalidAction], [-1, false, false, true]);
    assert.equal(bad.history[bad.history.length - 1].text, renderPosition(START_FEN), "the same position again");
    const ok = await env.step(act(bad.history, "e 4\n"));
    assert.deepEqual([ok.reward, ok.terminated, ok.info.reply], [0, false, "e7e5"]);
    assert.equal(ok.history[ok.history.length - 1].text, renderPosition("rnbqkbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2"));
  });

  it("mate by the agent +1, mate by the opponent −1, a null move −1 and over, stalemate 0", async () => {
    const mate = new ChessEnv({ mode: "chess", opponent: scripted([]) });
    const h = await mate.reset({ options: { fen: "6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1" } });
    const r = await mate.step(act(h, "R a 8 #\n"));
    assert.deepEqual([r.reward, r.terminated, r.info.success, r.info.termination], [1, true, true, "checkmate"]);
    const mated = new ChessEnv({ mode: "chess", opponent: scripted(["d8h4"]) });
    const h2 = await mated.reset({ options: { fen: "rnbqkbnr/pppp1ppp/8/4p3/8/5P2/PPPPP1PP/RNBQKBNR w KQkq - 0 2" } });
    const r2 = await mated.step(act(h2, "g 4\n"));
    assert.deepEqual([r2.reward, r2.terminated, r2.info.success], [-1, true, false]);
    const nul = new ChessEnv({ mode: "chess", opponent: scripted([]) });
    const r3 = await nul.step(act(await nul.reset(), "- -\n"));
    assert.deepEqual([r3.reward, r3.terminated], [-1, true]);
    const stale = new ChessEnv({ mode: "chess", opponent: scripted([]) });
    const h4 = await stale.reset({ options: { fen: "7k/8/5QK1/8/8/8/8/8 w - - 0 1" } });
    const r4 = await stale.step(act(h4, "Q f 7\n"));
    assert.deepEqual([r4.reward, r4.terminated, r4.info.termination], [0, true, "stalemate"]);
  });

  it("the turn cap: the 401st action truncates an episode of illegal moves (return −401)", async () => {
    const env = new ChessEnv({ mode: "chess", opponent: scripted([]) });
    let h = await env.reset();
    let ret = 0;
    for (let i = 1; i <= 401; i++) {
      const r = await env.step(act(h, "nonsense\n"));
      ret += r.reward;
      h = r.history;
      assert.equal(r.truncated, i === 401, `action ${i}`);
      assert.equal(r.terminated, false);
    }
    assert.equal(ret, -401);
  });

  it("evaluations report how games end (win, loss, draw, null move, cap) from each episode's last step", async () => {
    const play = async (env: ChessEnv, fen: string | undefined, moves: string[]) => {
      const rec = await EpisodeRecorder.start(env, 1, fen ? { fen } : undefined);
      for (const m of moves) if (!rec.done) await rec.step(m);
      assert.ok(rec.done);
      return rec.episode("chess");
    };
    const episodes = [
      await play(new ChessEnv({ mode: "chess", opponent: scripted([]) }), "6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", ["R a 8 #"]),
      await play(new ChessEnv({ mode: "chess", opponent: scripted(["d8h4"]) }), "rnbqkbnr/pppp1ppp/8/4p3/8/5P2/PPPPP1PP/RNBQKBNR w KQkq - 0 2", ["g 4"]),
      await play(new ChessEnv({ mode: "chess", opponent: scripted([]) }), undefined, ["- -"]),
      await play(new ChessEnv({ mode: "chess", opponent: scripted([]) }), "7k/8/5QK1/8/8/8/8/8 w - - 0 1", ["x", "Q f 7"]),
      await play(new ChessEnv({ mode: "chess", opponent: scripted([]) }), undefined, new Array(401).fill("nonsense")),
    ];
    const m = chessEpisodeMetrics(episodes);
    for (const k of ["end_win", "end_loss", "end_null_move", "end_draw", "end_cap"]) assert.ok(Math.abs(m[k] - 0.2) < 1e-12, `${k} ${m[k]} ${JSON.stringify(m)}`);
    assert.ok(Math.abs(m.legal_moves - 3 / 5) < 1e-12, "one legal move in each of the mate, mated and stalemate games");
    assert.equal(endgamesSpec.episodeMetrics, chessEpisodeMetrics);
    assert.equal(chessSpec.episodeMetrics, chessEpisodeMetrics);
  });

  it("fuzz: any text is a move or costs −1; the env never throws", async () => {
    const env = new ChessEnv({ mode: "chess", opponent: { move: async (fen: string) => new ChessGame(fen).legalMoves()[0]?.lan ?? null } });
    const rng = new Rng(11);
    const alphabet = "abcdefgh12345678NBRQKOx=+#-0 \n\t\u00a0é";
    let h = await env.reset();
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: rng.int(8) }, () => alphabet[rng.int(alphabet.length)]).join("");
      const r = await env.step(act(h, text));
      assert.ok([-1, 0, 1].includes(r.reward), `reward ${r.reward} for ${JSON.stringify(text)}`);
      h = r.terminated || r.truncated ? await env.reset() : r.history;
    }
  });

  it("random endgames: the paper's families, legal, White to move, neither side in check, seeded", () => {
    for (let s = 0; s < 50; s++) {
      const fen = randomEndgame(new Rng(s));
      const pieces = fen.split(" ")[0].replace(/[\d/]/g, "").split("").sort().join("");
      assert.ok(["KQk", "KRk", "KQRk", "KRRk"].includes(pieces), `${fen}: ${pieces}`);
      const g = new ChessGame(fen);
      assert.equal(g.turn, "w");
      assert.equal(g.outcome(), null, `${fen} is not over`);
      assert.equal(randomEndgame(new Rng(s)), fen, "same seed, same position");
    }
  });

  it("an engine pool spreads overlapping requests over its processes and answers as one engine does", async () => {
    const fens = [START_FEN, "6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", "8/8/3k4/8/8/6Q1/8/2K5 w - - 0 1", "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3"];
    const one = new UciEngine();
    const pool = new EnginePool(2);
    try {
      const alone: (string | null)[] = [];
      for (const f of fens) alone.push(await one.bestMove(f, { nodes: 3_000 }));
      assert.deepEqual(await Promise.all(fens.map((f) => pool.bestMove(f, { nodes: 3_000 }))), alone);
      assert.equal(pool.started, 2, "both processes served");
      assert.throws(() => new EnginePool(0), /size must be an integer >= 1/);
    } finally {
      one.close();
      pool.close();
    }
  });

  it("the npm WASM build (the fallback when no native engine is installed) mates in one too", async () => {
    const engine = new UciEngine(wasmEngineCommand());
    try {
      assert.equal(await engine.bestMove("6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", { nodes: 20_000 }), "a1a8");
      assert.match(engine.name, /Stockfish/);
    } finally {
      engine.close();
    }
  });

  it("a crashed or hung engine is restarted and the request sent again; a missing one names the install command", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lmrl-uci-"));
    try {
      for (const mode of ["crash", "hang"]) {
        const engine = new UciEngine({ command: process.execPath, args: [projectPath("tests", "fixtures", "fake-uci.cjs"), mode, join(dir, mode)], kind: "native" }, 1_000);
        try {
          assert.equal(await engine.bestMove(START_FEN, { nodes: 10 }), "e2e4", mode);
          assert.equal(engine.restarts, 1, `${mode}: one restart`);
        } finally {
          engine.close();
        }
      }
      const missing = new UciEngine({ command: join(dir, "no-such-engine"), args: [], kind: "native" });
      await assert.rejects(missing.bestMove(START_FEN, { nodes: 10 }), (e: Error) => e instanceof EngineFailure && /npm run setup:stockfish/.test(e.message));
      assert.equal(missing.restarts, 2, "tried three times");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Stockfish (native if installed, else the npm WASM build): mates in one, deterministic under a node budget", async () => {
    const engine = new UciEngine();
    try {
      assert.equal(await engine.bestMove("6k1/5ppp/8/8/8/8/8/R5K1 w - - 0 1", { nodes: 20_000 }), "a1a8");
      const start = await Promise.all([0, 1, 2].map(() => engine.bestMove(START_FEN, { nodes: 5_000 })));
      assert.ok(start.every((m) => m === start[0]), `same move each time: ${start.join(", ")}`);
      assert.equal(await engine.bestMove("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", { nodes: 1_000 }), null, "stalemated: no move");
      assert.match(engine.name, /Stockfish/);
    } finally {
      engine.close();
    }
  });
});
