import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { collectCorpus, taskCorpus } from "../../src/core/corpus";
import type { EnvSpec } from "../../src/core/spec";
import { act, lastAction, obs } from "../../src/core/text";
import type { Trajectory } from "../../src/core/types";
import {
  buildTaskTokenizer,
  buildTokenizer,
  loadTokenizer,
  pretokenize,
  saveTokenizer,
  SPECIAL_TOKENS,
  tokenizerFromJson,
  type KitTokenizer,
  type TokenizerJson,
} from "../../src/model/tokenizer";
import { fuzzActions } from "../helpers/fuzz";

// Hand-written from the reference texts (`llm_rl_scripts/maze/env/env.py` for FO maze,
// `llm_rl_scripts/wordle/env/env.py` for wordle), not produced by any env.
const FO_START = "The goal is at position 8, 6. Your current position is at position 1, 1. There are walls to your left, above you, below you.\n";
const FO_COL10 = "The goal is at position 8, 6. Your current position is at position 1, 1 0. There is a wall to your right.\n";
const MAZE = [
  FO_START,
  FO_COL10,
  "There are no walls near you.\n",
  "There are walls to your left, below you.\n",
  "move up\n",
  "move down\n",
  "move left\n",
  "move right\n",
  "Success\n",
  "Failure\n",
];
const WORDLE = ["Wordle:\n", "s l a t e\n", "b b y b b\n", "c r a n k\n", "b g g b b\n", "\n", "c r a n e\n", "g g g g g\n"];
const WORDLE_PROMPT = "Wordle:\ns l a t e\nb b y b b\nc r a n k\nb g g b b\n";

const tmp = mkdtempSync(join(tmpdir(), "lmrl-tok-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const tokens = (tok: KitTokenizer, text: string) => tok.encode(text).map((id) => tok.idToToken(id));

/** The in-house reference: pre-tokenize, then look each piece up in the JSON vocab (unknown -> unk). */
function inHouseEncode(json: TokenizerJson, text: string): number[] {
  return pretokenize(text).map((p) => json.model.vocab[p] ?? json.model.vocab[SPECIAL_TOKENS.unk]);
}

describe("tokenizer: maze and wordle texts", () => {
  const mazeJson = buildTokenizer(MAZE);
  const maze = tokenizerFromJson(mazeJson);
  const wordle = tokenizerFromJson(buildTokenizer(WORDLE));

  it("splits words with their leading space, digits one by one, punctuation and \\n on their own", () => {
    assert.deepEqual(tokens(maze, "move up\n"), ["move", " up", "\n"]);
    assert.deepEqual(tokens(maze, FO_START), [
      "The", " goal", " is", " at", " position", " 8", ",", " 6", ".",
      " Your", " current", " position", " is", " at", " position", " 1", ",", " 1", ".",
      " There", " are", " walls", " to", " your", " left", ",", " above", " you", ",", " below", " you", ".", "\n",
    ]);
    // Column 10 is printed "1 0" by the reference env: two digit tokens.
    assert.deepEqual(tokens(maze, "position 1, 1 0.").slice(-4), [",", " 1", " 0", "."]);
    assert.deepEqual(tokens(wordle, "c r a n e\n"), ["c", " r", " a", " n", " e", "\n"]);
  });

  it("gives the sequence lengths counted by hand", () => {
    assert.equal(maze.encode(FO_START).length, 33);
    assert.equal(maze.encode(FO_START + "move up\n").length, 36);
    assert.equal(maze.encode(FO_COL10).length, 29);
    assert.equal(wordle.encode(WORDLE_PROMPT).length, 3 + 4 * 6);
  });

  it("round-trips every corpus text exactly, spaces included", () => {
    for (const t of MAZE) assert.equal(maze.decode(maze.encode(t)), t);
    for (const t of WORDLE) assert.equal(wordle.decode(wordle.encode(t)), t);
    assert.equal(wordle.decode(wordle.encode(WORDLE_PROMPT)), WORDLE_PROMPT);
    // Combinations of known words round-trip too, including runs of spaces.
    for (const t of ["move up up\n", "There are  walls\n\n", "  There are 1 0 9\n"]) assert.equal(maze.decode(maze.encode(t)), t);
    // A space before punctuation survives (the HF default clean_up_tokenization_spaces would delete it).
    const punct = tokenizerFromJson(buildTokenizer(["x .\n", "y , z ?\n"]));
    for (const t of ["x .\n", "y , z ?\n"]) assert.equal(punct.decode(punct.encode(t)), t);
  });

  it("has fixed special ids and \\n as one token in every context", () => {
    assert.deepEqual([maze.padId, maze.eotId, maze.unkId, maze.bosId, maze.newlineId], [0, 1, 2, 3, 4]);
    assert.deepEqual([wordle.padId, wordle.eotId, wordle.unkId, wordle.bosId, wordle.newlineId], [0, 1, 2, 3, 4]);
    assert.equal(maze.idToToken(maze.newlineId), "\n");
    assert.deepEqual(maze.encode("\n"), [4]);
    assert.deepEqual(maze.encode("\n\n"), [4, 4]);
    assert.deepEqual(tokens(maze, "up\nup"), ["<|unk|>", "\n", "<|unk|>"]); // "up" without a space is unseen
    assert.deepEqual(tokens(maze, " \n"), [" ", "\n"]);
    assert.deepEqual(tokens(maze, "move<|eot|>\n"), ["move", "<|eot|>", "\n"]);
    assert.equal(maze.decode([maze.bosId, 5, maze.eotId]), `<|bos|>${maze.idToToken(5)}<|eot|>`);
  });

  it("maps unseen words to <|unk|> instead of failing", () => {
    assert.deepEqual(tokens(maze, "move sideways\n"), ["move", "<|unk|>", "\n"]);
    assert.deepEqual(tokens(maze, "Move up\t\n"), ["<|unk|>", " up", "<|unk|>", "\n"]);
    assert.equal(maze.decode(maze.encode("move sideways\n")), "move<|unk|>\n");
    assert.deepEqual(maze.encode(""), []);
    assert.equal(maze.decode([]), "");
  });

  it("orders the vocabulary deterministically: specials, \\n, space and digits, then by count", () => {
    assert.deepEqual(buildTokenizer(MAZE), mazeJson);
    const v = mazeJson.model.vocab;
    assert.equal(v["\n"], 4);
    assert.equal(v[" "], 5);
    assert.equal(v["0"], 6);
    assert.equal(v[" 0"], 7);
    assert.equal(v[" 9"], 25);
    // Counted by hand over MAZE: "." 8 times, "," 7, " position" 6, " is" 5, then " at" and " you" 4 each.
    const byId = Object.entries(v).sort((a, b) => a[1] - b[1]).map(([t]) => t);
    assert.deepEqual(byId.slice(26, 32), [".", ",", " position", " is", " at", " you"]);
    assert.equal(Object.keys(v).length, new Set(Object.values(v)).size, "ids are unique");
    assert.equal(Math.max(...Object.values(v)) + 1, maze.vocabSize);
  });

  it("respects minCount, maxVocab and rejects a multi-piece alwaysInclude entry", () => {
    const j = buildTokenizer(["a a a b\n"], { minCount: 2, alwaysInclude: [] });
    assert.deepEqual(Object.keys(j.model.vocab).sort(), ["\n", " a", "<|bos|>", "<|eot|>", "<|pad|>", "<|unk|>"].sort());
    assert.equal(Object.keys(buildTokenizer(MAZE, { maxVocab: 10 }).model.vocab).length, 10);
    assert.throws(() => buildTokenizer([], { alwaysInclude: ["two words"] }), /alwaysInclude entry "two words" is not a single pre-token/);
  });

  it("decode names an id outside the vocabulary", () => {
    assert.throws(() => maze.decode([4, 999]), /id 999 is not in the vocabulary \(0\.\.\d+\)/);
    assert.throws(() => maze.decode([1.5]), /id 1.5 is not in the vocabulary/);
  });
});

describe("tokenizer: encodeTexts (TokenHistory of LLM_RL/environment.py)", () => {
  const tok = tokenizerFromJson(buildTokenizer(["move\n", "mo", "ve", "There are no walls near you.\n", "move up\n"]));

  it("concatenates per-Text encodings with per-token isAction flags and Text ends", () => {
    const a = obs("There are no walls near you.\n");
    const b = act("move up\n");
    const enc = tok.encodeTexts([a, b, a]);
    const ea = tok.encode(a.text), eb = tok.encode(b.text);
    assert.deepEqual(enc.ids, [...ea, ...eb, ...ea]);
    assert.deepEqual(enc.isAction, [...ea.map(() => false), ...eb.map(() => true), ...ea.map(() => false)]);
    assert.deepEqual(enc.textEnds, [ea.length, ea.length + eb.length, 2 * ea.length + eb.length]);
    assert.deepEqual(tok.encodeTexts([]), { ids: [], isAction: [], textEnds: [] });
  });

  it("tokenises each Text on its own: 'mo' + 've' is not 'move'", () => {
    const joined = tok.encode("move");
    const split = tok.encodeTexts([obs("mo"), act("ve")]);
    assert.equal(joined.length, 1);
    assert.deepEqual(split.ids, [...tok.encode("mo"), ...tok.encode("ve")]);
    assert.equal(split.ids.length, 2);
    assert.deepEqual(split.isAction, [false, true]);
  });

  it("returns fresh arrays (mutating a result does not corrupt the cache)", () => {
    const x = tok.encode("move up\n");
    x[0] = -1;
    assert.notEqual(tok.encode("move up\n")[0], -1);
  });
});

describe("tokenizer: files and Transformers.js loading", () => {
  it("saves tokenizer.json + tokenizer_config.json and loads them back to the same encoding", async () => {
    const dir = join(tmp, "maze");
    const json = buildTokenizer(MAZE);
    saveTokenizer(dir, json, { task: "maze" });
    const saved = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
    assert.equal(saved.model.type, "WordLevel");
    assert.equal(saved.pre_tokenizer.type, "Split");
    const config = JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8"));
    assert.equal(config.clean_up_tokenization_spaces, false);
    assert.equal(config.task, "maze");
    const tok = await loadTokenizer(dir);
    for (const t of MAZE) assert.deepEqual(tok.encode(t), inHouseEncode(json, t));
  });

  it("loads a hand-written tokenizer.json fixture with the ids it declares", async () => {
    const tok = await loadTokenizer(join("tests", "fixtures", "model", "hand-tokenizer"));
    assert.equal(tok.vocabSize, 13);
    assert.deepEqual(tok.encode("move up\n"), [5, 6, 4]);
    assert.deepEqual(tok.encode("move down 10,\n"), [5, 7, 8, 9, 10, 4]);
    assert.deepEqual(tok.encode("move left.\n"), [5, 2, 12, 4]);
    assert.deepEqual(tok.encode("move  up"), [5, 11, 6]);
    assert.equal(tok.decode([5, 11, 6, 12, 4]), "move  up.\n");
  });

  it("Transformers.js agrees with the in-house encoding on 10,000 fuzz strings", () => {
    const json = buildTokenizer([...MAZE, ...WORDLE]);
    const tok = tokenizerFromJson(json);
    const fuzz = fuzzActions(10_000, [...MAZE, ...WORDLE], 11);
    for (const s of fuzz) {
      const ids = tok.encode(s);
      assert.deepEqual(ids, inHouseEncode(json, s), `encoding of ${JSON.stringify(s.slice(0, 80))}`);
      assert.ok(ids.every((id) => id >= 0 && id < tok.vocabSize));
    }
  });

  it("round-trips arbitrary text exactly when the vocabulary covers it", () => {
    const fuzz = fuzzActions(3_000, MAZE, 5);
    const tok = tokenizerFromJson(buildTokenizer(fuzz));
    for (const s of fuzz) assert.equal(tok.decode(tok.encode(s)), s, `round-trip of ${JSON.stringify(s.slice(0, 80))}`);
  });

  it("buildTaskTokenizer writes both files and reports the vocabulary", async () => {
    const dir = join(tmp, "task-wordle");
    const r = buildTaskTokenizer("wordle", WORDLE, { dir });
    assert.equal(r.dir, dir);
    assert.equal(r.texts, WORDLE.length);
    const tok = await loadTokenizer(dir);
    assert.equal(tok.vocabSize, r.vocabSize);
    assert.equal(r.tokens, WORDLE.reduce((n, t) => n + tok.encode(t).length, 0));
    assert.throws(() => buildTaskTokenizer("Bad Task", WORDLE), /task id "Bad Task" must be lower-case/);
  });

  it("names the missing file and a vocabulary without the required tokens", async () => {
    await assert.rejects(loadTokenizer(join(tmp, "nope")), /missing .*nope\/tokenizer\.json; build it with buildTaskTokenizer/);
    const json = buildTokenizer(["a\n"]);
    delete (json.model.vocab as Record<string, number>)["\n"];
    assert.throws(() => tokenizerFromJson(json), /"\\n" must encode to exactly one known token/);
  });
});

describe("tokenizer: taskCorpus", () => {
  it("streams dataset texts and every scripted policy's episodes", async () => {
    // A one-turn toy task: the env says "ready\n"; any action ends it with "done\n" or "bad\n".
    const make = () => ({
      id: "toy",
      maxTurns: 1,
      reset: () => [obs("ready\n")],
      step: (h: readonly { text: string; isAction: boolean }[]) => {
        const a = lastAction(h, "toy");
        return { history: [...h, obs(a === "go\n" ? "done\n" : "bad\n")], reward: 0, terminated: true, truncated: false, info: { success: a === "go\n", invalidAction: a !== "go\n" } };
      },
    });
    const data: Trajectory = { task: "toy", texts: [obs("ready\n"), act("go\n"), obs("done\n")], rewards: [0, 0, 0], done: true };
    const pol = (name: string, a: string) => () => ({ name, act: () => a });
    const spec = {
      id: "toy", task: "toy", description: "", maxTurns: 1, historyWindow: Infinity, make,
      evaluation: { episodes: 1 },
      anchors: { paper: { min: 0, avg: 0, max: 0 }, ours: { min: 0, avg: 0, max: 0 } },
      policies: { random: pol("random", "stop\n"), optimal: pol("optimal", "go\n"), behaviour: pol("behaviour", "go\n") },
      dataset: { defaultSize: 1, behaviour: "", paperStats: {} as never, generate: function* (n: number) { for (let i = 0; i < n; i++) yield data; } },
    } as unknown as EnvSpec;
    const texts = await collectCorpus(taskCorpus([spec], { trajectories: 2, episodes: 1 }));
    assert.deepEqual(texts, [
      "ready\n", "go\n", "done\n", "ready\n", "go\n", "done\n", // dataset
      "ready\n", "stop\n", "bad\n", "ready\n", "go\n", "done\n", "ready\n", "go\n", "done\n", // random, optimal, behaviour
    ]);
  });
});
