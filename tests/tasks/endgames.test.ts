/**
 * The `endgames` row as registered: observation texts back to FENs, the shipped chess tokenizer on every
 * position and move of random games, the reference reader, test positions kept out of training starts,
 * the optimal policy scoring 100 through the CLI, and the dataset generator replaying the same games for
 * a seed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Chess } from "chess.js";
import { Rng } from "../../src/core/rng";
import { loadTokenizer, taskTokenizerDir } from "../../src/model/tokenizer";
import { ChessEnv, randomEndgame } from "../../src/tasks/chess/env";
import { generateEndgameTrajectories } from "../../src/tasks/chess/generate";
import { renderMove, renderPosition, START_FEN, startKey } from "../../src/tasks/chess/game";
import { fenOfObservation, randomLegalPolicy } from "../../src/tasks/chess/policies";
import { readReferenceChess } from "../../src/tasks/chess/reference";
import { getEnvSpec } from "../../src/tasks/index";
import { runCli as run } from "../helpers/cli";

describe("endgames row", () => {
  it("an observation text turns back into its FEN", () => {
    for (const fen of [START_FEN, "8/8/3k4/8/8/6Q1/8/2K5 w - - 0 1", "r3k2r/8/8/8/8/8/8/R3K2R b KQkq - 12 40"]) assert.equal(fenOfObservation(renderPosition(fen)), fen);
  });

  it("the chess tokenizer encodes every position and move of random games (full games and endgames) without <|unk|>, and decodes them back", async () => {
    const tok = await loadTokenizer(taskTokenizerDir("chess"));
    const rng = new Rng(5);
    let texts = 0;
    for (let g = 0; g < 12; g++) {
      const board = new Chess(g % 2 === 0 ? START_FEN : randomEndgame(rng));
      for (let ply = 0; ply < 120 && !board.isGameOver(); ply++) {
        const san = rng.choice(board.moves());
        for (const t of [renderPosition(board.fen()), renderMove(san)]) {
          const ids = tok.encode(t);
          assert.ok(!ids.includes(tok.unkId), `unknown token in ${JSON.stringify(t)}`);
          assert.equal(tok.decode(ids), t);
          texts++;
        }
        board.move(san);
      }
    }
    assert.ok(texts > 1000, `${texts} texts`);
  });

  it("reads the reference's trajectory files (plain or spaced FENs) and names file:line:field on a bad record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lmrl-chess-ref-"));
    try {
      const good = join(dir, "train.jsonl");
      const fen = "k7/8/1K6/8/8/8/8/7R w - - 0 1";
      writeFileSync(good, [
        JSON.stringify([{ state: fen, action: "Rh8#", reward: 1, done: true }]),
        JSON.stringify([{ state: renderPosition(fen).trim(), action: "R h 7", reward: 0, done: false }]),
      ].join("\n") + "\n");
      const ts = [];
      for await (const t of readReferenceChess(good)) ts.push(t);
      assert.deepEqual(ts[0].texts, [{ text: renderPosition(fen), isAction: false }, { text: "R h 8 #\n", isAction: true }]);
      assert.equal(ts[0].meta?.success, true);
      assert.equal(ts[1].texts[0].text, renderPosition(fen), "a spaced state is the same text");
      assert.equal(ts[1].meta?.success, false);
      const bad = join(dir, "bad.jsonl");
      writeFileSync(bad, JSON.stringify([{ state: fen, action: "Rh8#", reward: "1", done: true }]) + "\n");
      await assert.rejects(async () => { for await (const _ of readReferenceChess(bad)) void _; }, /bad\.jsonl:1: \[0\]\.reward: expected a finite number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("random training starts skip excluded positions (the test set)", async () => {
    const plain = new ChessEnv({ mode: "endgames", opponent: { move: async () => null } });
    const first = fenOfObservation((await plain.reset({ seed: 9 }))[0].text);
    const key = startKey(first);
    const env = new ChessEnv({ mode: "endgames", opponent: { move: async () => null }, exclude: new Set([key]) });
    const next = fenOfObservation((await env.reset({ seed: 9 }))[0].text);
    assert.notEqual(next, first);
    const spec = getEnvSpec("endgames");
    const start = fenOfObservation((await spec.make().reset({ seed: 0, options: spec.evaluation.resetOptions!(3) }))[0].text);
    assert.match(start, / w - - 0 1$/, "evaluation episodes start from the listed test positions");
  });

  it("`lmrl eval endgames --policy optimal` mates in every test position: score 100", async () => {
    const r = await run("eval", "endgames", "--policy", "optimal", "--episodes", "12", "--json");
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.successRate, 1);
    assert.equal(j.normalizedScore, 100);
    assert.equal(j.invalidActionRate, 0);
  });

  it("the dataset generator replays the same games for a seed whatever its concurrency (deterministic engine budget)", async () => {
    const spec = getEnvSpec("endgames");
    const games = async (concurrency: number) => {
      const out = [];
      for await (const t of generateEndgameTrajectories(3, new Rng(4), () => spec.make(), { concurrency })) out.push(t);
      return out;
    };
    const a = await games(1);
    assert.deepEqual(await games(2), a, "the same games, in the same order, played two at a time");
    const tail = [];
    for await (const t of generateEndgameTrajectories(3, new Rng(4), () => spec.make(), { skip: 1 })) tail.push(t);
    assert.deepEqual(tail, a.slice(1), "a resumed generation (skip 1) plays games 1 and 2 exactly");
    for (const t of a) {
      assert.ok(t.texts.some((x) => x.isAction) && typeof t.meta?.success === "boolean");
      assert.equal(t.meta?.success, t.rewards[t.rewards.length - 1] === 1);
    }
    const env = new ChessEnv({ mode: "endgames", opponent: { move: async () => null } });
    const h = await env.reset({ seed: 1 });
    const move = randomLegalPolicy().act(h, new Rng(1)) as string;
    assert.match(move, /^([KQR] )?([a-h] )?x? ?[a-h] [1-8]( [+#])?\n$/, move);
  });
});
