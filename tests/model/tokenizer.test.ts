import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { collectCorpus, taskCorpus } from "../../src/core/corpus";
import type { EnvSpec } from "../../src/core/spec";
import { Tokenizer } from "@huggingface/tokenizers";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { Rng } from "../../src/core/rng";
import { act, lastAction, obs } from "../../src/core/text";
import type { Trajectory } from "../../src/core/types";
import {
  BYTE_TOKENS,
  buildSubwordTokenizer,
  buildTaskTokenizer,
  buildTokenizer,
  loadTokenizer,
  PRETOKENIZE_PATTERN,
  pretokenize,
  pretokenizePattern,
  saveTokenizer,
  SPECIAL_TOKENS,
  taskTokenizerDir,
  tokenizerConfig,
  tokenizerFromJson,
  tokenizerHash,
  wellFormed,
  type KitTokenizer,
  type SubwordTokenizerJson,
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

// ───────────────────────────── subword tokenizers (BPE with byte fallback) ─────────────────────────────

// Hand-written dialogue lines in the style of the Twenty Questions, Guess My City and Car Dealer rows
// (partners' and people's free text), not produced by any env.
const DIALOGUE = [
  "Questions:\n",
  "Is it an animal?\n", "Yes.\n", "Is it a mammal?\n", "No.\n", "Is it bigger than a breadbox?\n",
  "Does it have feathers?\n", "Is it a bird?\n", "Is it a parrot?\n", "Yes, it is a parrot.\n",
  "Is the city in Europe?\n", "No, the city I am from is not in Europe.\n",
  "What is the weather like there?\n", "It is hot and humid most of the year, with a long rainy season.\n",
  "What food is the city known for?\n", "People there love street food, especially spicy noodles and dumplings.\n",
  "Is it Bangkok?\n", "Yes, the city I am from is Bangkok.\n",
  "Hi! I'm looking for a family car, something reliable.\n",
  "Great choice! This sedan has 32,000 miles and a clean history. It's $18,500.\n",
  "That's a bit over my budget. Would you take $16,000?\n",
  "I can do $17,250, and I'll throw in new tires.\n", "Deal.\n",
];
const DIALOGUE_WORDS = [...new Set(DIALOGUE.flatMap((t) => pretokenize(t)))];

/** `rng`-driven strings over every kind of character: ASCII, C0 controls, Latin/Greek/Cyrillic and
 * combining marks, CJK, astral emoji, any code point (lone surrogates included), specials and look-alikes. */
function randomUnicode(rng: Rng, maxLen: number): string {
  const len = rng.int(maxLen + 1);
  let s = "";
  for (let i = 0; i < len; i++) {
    switch (rng.int(8)) {
      case 0: s += String.fromCharCode(0x20 + rng.int(95)); break;
      case 1: s += String.fromCharCode(rng.int(0x20)); break;
      case 2: s += String.fromCodePoint(0x80 + rng.int(0x780)); break;
      case 3: s += String.fromCodePoint(0x4e00 + rng.int(0x5200)); break;
      case 4: s += String.fromCodePoint(0x1f300 + rng.int(0x700)); break;
      case 5: s += String.fromCodePoint(rng.int(0x110000)); break;
      case 6: s += rng.choice(["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uFEFF", "\u200D", "\u0085", "\u00A0", "<|eot|>", "<|unk|>", "<0x41>", "<0xZZ>", "\r\n", " ", "  ", "\n"]); break;
      default: s += rng.choice(DIALOGUE_WORDS);
    }
  }
  return s;
}

/** The in-house reference: pre-tokenize, apply the lowest-rank merge (leftmost on ties) until none
 * applies, then look symbols up, spelling unknown ones as their UTF-8 byte tokens. Quadratic: short texts. */
function inHouseSubwordEncode(json: SubwordTokenizerJson, text: string): number[] {
  const rank = new Map(json.model.merges.map((m, i) => [JSON.stringify(m), i]));
  const v = json.model.vocab;
  const out: number[] = [];
  for (const p of pretokenize(text, json.pre_tokenizer.pattern.Regex)) {
    if (Object.values(SPECIAL_TOKENS).includes(p as never)) {
      out.push(v[p]);
      continue;
    }
    const syms = Array.from(p);
    for (;;) {
      let best = -1, bestRank = Infinity;
      for (let i = 0; i + 1 < syms.length; i++) {
        const r = rank.get(JSON.stringify([syms[i], syms[i + 1]]));
        if (r !== undefined && r < bestRank) [best, bestRank] = [i, r];
      }
      if (best < 0) break;
      syms.splice(best, 2, syms[best] + syms[best + 1]);
    }
    for (const sym of syms) {
      if (Object.hasOwn(v, sym)) out.push(v[sym]);
      else for (const b of new TextEncoder().encode(sym)) out.push(v[BYTE_TOKENS[b]]);
    }
  }
  return out;
}

const isByteId = (id: number) => id >= 5 && id < 5 + 256;

describe("tokenizer: subword (BPE with byte fallback)", () => {
  const json = buildSubwordTokenizer(DIALOGUE, { vocabSize: 400 });
  const tok = tokenizerFromJson(json);

  it("learns the merges counted by hand on a toy corpus, ties by left then right token", () => {
    // Pre-token counts hug 10, pug 5, pun 12, bun 4, hugs 5 (the Hugging Face course's BPE example).
    // Pair counts: ug 20 > un 16 > ... ; after "ug","un": h+ug 15 > p+un 12 > hug+s 5 = p+ug 5 > b+un 4.
    const corpus = Array(10).fill("hug\n").concat(Array(5).fill("pug\n"), Array(12).fill("pun\n"), Array(4).fill("bun\n"), Array(5).fill("hugs\n"));
    const toy = buildSubwordTokenizer(corpus, { vocabSize: 300, minCount: 1, alwaysInclude: "", characterCoverage: 1 });
    assert.deepEqual(toy.model.merges, [["u", "g"], ["u", "n"], ["h", "ug"], ["p", "un"], ["hug", "s"], ["p", "ug"], ["b", "un"]]);
    const byId = Object.entries(toy.model.vocab).sort((a, b) => a[1] - b[1]).map(([t]) => t);
    // Alphabet by count (u 36, g 20, p 17, n 16, h 15, s 5, b 4), then one token per merge.
    assert.deepEqual(byId.slice(261), ["u", "g", "p", "n", "h", "s", "b", "ug", "un", "hug", "pun", "hugs", "pug", "bun"]);
    // minCount stops at the first pair seen fewer times; vocabSize caps the merges.
    assert.equal(buildSubwordTokenizer(corpus, { vocabSize: 300, minCount: 5, alwaysInclude: "", characterCoverage: 1 }).model.merges.length, 6);
    const capped = buildSubwordTokenizer(corpus, { vocabSize: 270, minCount: 1, alwaysInclude: "bghnpsu", characterCoverage: 1 });
    assert.equal(Object.keys(capped.model.vocab).length, 270);
    assert.deepEqual(capped.model.merges, [["u", "g"], ["u", "n"]]);
    const t = tokenizerFromJson(toy);
    assert.deepEqual(tokens(t, "hugs pun\n"), ["hugs", "<0x20>", "pun", "\n"]); // no " " in this alphabet: its byte
    assert.deepEqual(tokens(t, "bug"), ["b", "ug"]);
  });

  it("has the specials at 0..3, \\n at 4 as one token in every context, and the byte tokens at 5..260", () => {
    assert.deepEqual([tok.padId, tok.eotId, tok.unkId, tok.bosId, tok.newlineId], [0, 1, 2, 3, 4]);
    assert.equal(tok.vocabSize, 400);
    for (let b = 0; b < 256; b++) assert.equal(tok.idToToken(5 + b), BYTE_TOKENS[b]);
    assert.equal(BYTE_TOKENS[0x0a], "<0x0A>");
    assert.deepEqual(tok.encode("\n"), [4]);
    assert.deepEqual(tok.encode("\n\n"), [4, 4]);
    assert.deepEqual(tokens(tok, " \n"), [" ", "\n"]);
    assert.deepEqual(tokens(tok, "Yes.\nIs it\n"), ["Yes", ".", "\n", "Is", " it", "\n"]);
    for (const s of ["a\nb", "\r\n", "🦜\n日本", "x\n\u0000\n"]) {
      const ids = tok.encode(s);
      assert.equal(ids.filter((id) => id === 4).length, [...s].filter((c) => c === "\n").length, JSON.stringify(s));
      assert.ok(!ids.includes(tok.unkId));
    }
    assert.equal(json.pre_tokenizer.pattern.Regex, PRETOKENIZE_PATTERN);
    assert.deepEqual(tokens(tok, "Yes.<|eot|>"), ["Yes", ".", "<|eot|>"]);
  });

  it("round-trips 3,000 seeded random Unicode strings exactly, lone surrogates becoming U+FFFD, never <|unk|>", () => {
    // (The literal text "<|unk|>", like the other specials' literals, encodes as that special token.)
    const literalUnks = (s: string) => s.split(SPECIAL_TOKENS.unk).length - 1;
    const rng = new Rng(2024);
    let lone = 0, bytesUsed = 0;
    for (let n = 0; n < 3000; n++) {
      const s = randomUnicode(rng, n % 100 === 0 ? 1000 : 60);
      const ids = tok.encode(s);
      assert.ok(ids.every((id) => Number.isInteger(id) && id >= 0 && id < tok.vocabSize), `ids of ${JSON.stringify(s.slice(0, 80))}`);
      assert.equal(ids.filter((id) => id === tok.unkId).length, literalUnks(s), `unknown tokens in ${JSON.stringify(s.slice(0, 80))}`);
      const back = tok.decode(ids);
      assert.equal(back, wellFormed(s), `round-trip of ${JSON.stringify(s.slice(0, 80))}`);
      if (wellFormed(s) !== s) lone++;
      else assert.equal(back, s);
      if (ids.some(isByteId)) bytesUsed++;
    }
    assert.ok(lone > 100 && bytesUsed > 1000, `the generator exercised lone surrogates (${lone}) and byte fallback (${bytesUsed})`);
    assert.equal(tok.decode(tok.encode("a\uD800b\uDFFF")), "a\uFFFDb\uFFFD");
    assert.equal(tok.decode(tok.encode("\uD83E\uDD9C")), "🦜"); // a surrogate pair is one character
    assert.equal(wellFormed("\uDC00\uD800"), "\uFFFD\uFFFD"); // low then high: two lone surrogates
  });

  it("round-trips the env fuzz strings and huge strings (100,000 letters, 100,000 CJK characters, emoji, controls)", () => {
    const rng = new Rng(7);
    const huge = [
      "a".repeat(100_000),
      Array.from({ length: 100_000 }, () => String.fromCodePoint(0x4e00 + rng.int(0x5200))).join(""),
      Array.from({ length: 10_000 }, () => String.fromCodePoint(0x1f300 + rng.int(0x700))).join(""),
      Array.from({ length: 10_000 }, () => String.fromCharCode(rng.int(0x20))).join(""),
      "Is it a parrot? ".repeat(6_250),
    ];
    for (const s of [...fuzzActions(1_000, DIALOGUE, 3), ...huge]) {
      const ids = tok.encode(s);
      assert.ok(!ids.includes(tok.unkId));
      assert.equal(tok.decode(ids), wellFormed(s), `round-trip of ${JSON.stringify(s.slice(0, 80))}`);
    }
  });

  it("falls back to UTF-8 bytes for characters outside the alphabet, and only for those", () => {
    const id = (t: string) => json.model.vocab[t];
    const bytesOf = (s: string) => [...new TextEncoder().encode(s)].map((b) => id(BYTE_TOKENS[b]));
    assert.deepEqual(tok.encode("🦜"), bytesOf("🦜")); // F0 9F A6 9C
    assert.deepEqual(tokens(tok, "🦜"), ["<0xF0>", "<0x9F>", "<0xA6>", "<0x9C>"]);
    assert.deepEqual(tok.encode("é"), bytesOf("é")); // C3 A9
    assert.deepEqual(tok.encode("\u0000"), [id("<0x00>")]);
    assert.deepEqual(tok.encode("\t"), [id("<0x09>")]);
    assert.deepEqual(tokens(tok, "\uD800"), ["<0xEF>", "<0xBF>", "<0xBD>"]); // U+FFFD's bytes
    assert.deepEqual(tokens(tok, "Is it a 🦜?"), ["Is", " it", " a", " ", "<0xF0>", "<0x9F>", "<0xA6>", "<0x9C>", "?"]);
    // Text of the corpus's characters never uses a byte token, whatever its words.
    for (const s of [...DIALOGUE, "Is the parrot in Bangkok, $17,250?\n", "zyxw QRST ~`|\n"]) assert.ok(!tok.encode(s).some(isByteId), JSON.stringify(s));
    // A literal "<0x41>" in the text is ordinary characters, not the byte token.
    assert.equal(tok.decode(tok.encode("<0x41>")), "<0x41>");
    assert.ok(!tok.encode("<0x41>").includes(id("<0x41>")));
  });

  it("learns whole words: with room in the vocabulary every corpus pre-token is one token", () => {
    const big = tokenizerFromJson(buildSubwordTokenizer(DIALOGUE, { vocabSize: 5000, minCount: 1, characterCoverage: 1 }));
    assert.ok(big.vocabSize < 5000, "the merges ran out before the cap");
    for (const w of DIALOGUE_WORDS) assert.deepEqual(tokens(big, w), [w], JSON.stringify(w));
    for (const t of DIALOGUE) assert.equal(big.encode(t).length, pretokenize(t).length, JSON.stringify(t));
    // The default minCount 2 keeps words seen once in pieces, but frequent ones whole.
    assert.deepEqual(tokens(tok, "Is it a bird?\n").slice(0, 3), ["Is", " it", " a"]);
  });

  it("builds deterministically: the same corpus, in any order, gives identical JSON", () => {
    const again = buildSubwordTokenizer(DIALOGUE, { vocabSize: 400 });
    assert.deepEqual(again, json);
    assert.equal(JSON.stringify(again), JSON.stringify(json));
    const shuffled = new Rng(5).shuffle([...DIALOGUE]);
    assert.equal(JSON.stringify(buildSubwordTokenizer(shuffled, { vocabSize: 400 })), JSON.stringify(json));
    const v = json.model.vocab;
    assert.equal(Object.keys(v).length, new Set(Object.values(v)).size, "ids are unique");
    assert.deepEqual(Object.values(v).sort((a, b) => a - b), Array.from({ length: 400 }, (_, i) => i), "ids are 0..n-1");
    for (const [a, b] of json.model.merges) assert.ok(Object.hasOwn(v, a + b) && Object.hasOwn(v, a) && Object.hasOwn(v, b), `merge ${a}+${b} is in the vocabulary`);
  });

  it("Transformers.js encodes as the merges applied in rank order (in-house reference)", () => {
    const rng = new Rng(99);
    const texts = [...DIALOGUE, ...fuzzActions(1_000, DIALOGUE, 8).filter((s) => s.length <= 2_000), ...Array.from({ length: 1_000 }, () => randomUnicode(rng, 40))];
    for (const s of texts) assert.deepEqual(tok.encode(s), inHouseSubwordEncode(json, s), `encoding of ${JSON.stringify(s.slice(0, 80))}`);
  });

  it("decodes like the Rust ByteFallback decoder: an invalid byte run gives one U+FFFD per byte; a leading U+FEFF survives", () => {
    const id = (t: string) => json.model.vocab[t];
    const [e5, x8f, xab] = ["<0xE5>", "<0x8F>", "<0xAB>"].map(id);
    const a = id("a");
    // The cases of huggingface/tokenizers `decoders/byte_fallback.rs` tests.
    assert.equal(tok.decode([e5, x8f, xab]), "叫");
    assert.equal(tok.decode([e5, x8f, xab, a]), "叫a");
    assert.equal(tok.decode([e5]), "\uFFFD");
    assert.equal(tok.decode([e5, x8f, a]), "\uFFFD\uFFFDa");
    assert.equal(tok.decode([e5, x8f, tok.eotId, xab]), "\uFFFD\uFFFD<|eot|>\uFFFD");
    assert.equal(tok.decode(tok.encode("\uFEFFYes.\n")), "\uFEFFYes.\n"); // TextDecoder would drop it as a BOM
    assert.equal(tok.decode([]), "");
    assert.throws(() => tok.decode([4, 400]), /id 400 is not in the vocabulary \(0\.\.399\)/);
    // Where the encoding is valid UTF-8 (everything encode produces), the JS port's own decoder agrees.
    const hf = new Tokenizer(json, tokenizerConfig());
    for (const s of [...DIALOGUE, "Is it a 🦜? 日本語 é\t\u0000\n", "a\uD800b"]) assert.equal(hf.decode(tok.encode(s)), tok.decode(tok.encode(s)));
  });

  it("encodeTexts tokenises each Text on its own", () => {
    const q = act("Is it a 🦜?\n"), a = obs("Yes.\n");
    const enc = tok.encodeTexts([q, a]);
    const eq = tok.encode(q.text), ea = tok.encode(a.text);
    assert.deepEqual(enc.ids, [...eq, ...ea]);
    assert.deepEqual(enc.isAction, [...eq.map(() => true), ...ea.map(() => false)]);
    assert.deepEqual(enc.textEnds, [eq.length, eq.length + ea.length]);
    // A character split across two Texts is two lone surrogates, each its own U+FFFD.
    const split = tok.encodeTexts([obs("\uD83E"), act("\uDD9C")]);
    assert.equal(tok.decode(split.ids), "\uFFFD\uFFFD");
  });

  it("saves a BPE tokenizer.json with byte_fallback and loads it back to the same encoding", async () => {
    const dir = join(tmp, "subword");
    saveTokenizer(dir, json, { task: "dialogue" });
    const saved = JSON.parse(readFileSync(join(dir, "tokenizer.json"), "utf8"));
    assert.equal(saved.model.type, "BPE");
    assert.equal(saved.model.byte_fallback, true);
    assert.deepEqual(saved.decoder, { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Fuse" }] });
    assert.ok(Array.isArray(saved.model.merges[0]) && saved.model.merges[0].length === 2, "merges in the array format");
    assert.deepEqual(saved, JSON.parse(JSON.stringify(json)));
    const loaded = await loadTokenizer(dir);
    assert.equal(loaded.vocabSize, tok.vocabSize);
    assert.equal(loaded.newlineId, 4);
    const rng = new Rng(31);
    for (const s of [...DIALOGUE, ...Array.from({ length: 500 }, () => randomUnicode(rng, 50))]) {
      assert.deepEqual(loaded.encode(s), tok.encode(s));
      assert.equal(loaded.decode(loaded.encode(s)), wellFormed(s));
    }
  });

  it("tokenizerHash fingerprints tokenizer.json: equal files agree, a change in one byte does not, a missing file says so", () => {
    const a = join(tmp, "hash-a"), b = join(tmp, "hash-b");
    saveTokenizer(a, json);
    saveTokenizer(b, json);
    assert.match(tokenizerHash(a), /^[0-9a-f]{12}$/);
    assert.equal(tokenizerHash(a), tokenizerHash(b));
    assert.equal(tokenizerHash(a), createHash("sha256").update(readFileSync(join(a, "tokenizer.json"))).digest("hex").slice(0, 12));
    saveTokenizer(b, { ...json, model: { ...json.model, merges: json.model.merges.slice(1) } });
    assert.notEqual(tokenizerHash(a), tokenizerHash(b));
    assert.equal(tokenizerHash(join(tmp, "no-such-tokenizer")), "missing");
  });

  it("buildTaskTokenizer builds either kind; the default is still word-level", async () => {
    const dir = join(tmp, "task-dialogue");
    const r = buildTaskTokenizer("dialogue", [...DIALOGUE, ...DIALOGUE], { kind: "subword", vocabSize: 400, dir });
    assert.equal(r.texts, DIALOGUE.length);
    assert.equal(r.vocabSize, 400);
    const loaded = await loadTokenizer(dir);
    assert.equal(r.tokens, DIALOGUE.reduce((n, t) => n + loaded.encode(t).length, 0));
    assert.equal(JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8")).task, "dialogue");
    assert.ok(!loaded.encode("Ist es ein Papagei? 🦜\n").includes(loaded.unkId));
    const wordDir = join(tmp, "task-dialogue-word");
    buildTaskTokenizer("dialogue", DIALOGUE, { dir: wordDir });
    assert.equal(JSON.parse(readFileSync(join(wordDir, "tokenizer.json"), "utf8")).model.type, "WordLevel");
    assert.deepEqual(JSON.parse(readFileSync(join(wordDir, "tokenizer.json"), "utf8")), JSON.parse(JSON.stringify(buildTokenizer(DIALOGUE))));
  });

  it("rejects bad options and a byte-fallback vocabulary without its byte tokens", () => {
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { vocabSize: 260 }), /vocabSize must be an integer from 261/);
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { vocabSize: 1.5e3 + 0.5 }), /vocabSize must be an integer/);
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { minCount: 0 }), /minCount must be an integer >= 1/);
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { characterCoverage: 2 }), /characterCoverage must be a number in \[0, 1\]/);
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { maxVocab: 500 } as never), /unknown option "maxVocab"; valid options are vocabSize, minCount, alwaysInclude, characterCoverage/);
    assert.throws(() => buildSubwordTokenizer([42 as never]), /corpus entries must be strings/);
    assert.throws(() => buildTaskTokenizer("dialogue", DIALOGUE, { kind: "bytes" as never, dir: join(tmp, "x") }), /kind must be "word" or "subword"/);
    const broken = JSON.parse(JSON.stringify(json)) as SubwordTokenizerJson;
    delete broken.model.vocab["<0x7F>"];
    assert.throws(() => tokenizerFromJson(broken), /needs all 256 byte tokens <0x00>\.\.<0xFF>, and <0x7F> is missing/);
  });

  it("digitRun: up to N digits per pre-token, saved in the JSON, so a price is whole groups, not single digits", () => {
    assert.equal(pretokenizePattern(1), PRETOKENIZE_PATTERN);
    // GPT-4's cl100k grouping, left to right (hand-written expectations)
    assert.deepEqual(pretokenize("$77,0000 for 1234567 a 12.\n", pretokenizePattern(3)), ["$", "77", ",", "000", "0", " for", " 123", "456", "7", " a", " 12", ".", "\n"]);
    assert.deepEqual(pretokenize("$77,0000", PRETOKENIZE_PATTERN), ["$", "7", "7", ",", "0", "0", "0", "0"]);
    for (const bad of [0, 10, 1.5, NaN]) assert.throws(() => pretokenizePattern(bad), /digitRun must be an integer from 1 to 9/);
    assert.throws(() => buildSubwordTokenizer(DIALOGUE, { digitRun: 0 }), /digitRun must be an integer from 1 to 9, got 0/);
    const prices = Array.from({ length: 40 }, (_, i) => `How about $${10 + (i % 7)},${["500", "995", "000"][i % 3]}?\n`);
    const grouped = buildSubwordTokenizer([...DIALOGUE, ...prices], { vocabSize: 600, digitRun: 3 });
    assert.equal(grouped.pre_tokenizer.pattern.Regex, pretokenizePattern(3));
    const single = buildSubwordTokenizer([...DIALOGUE, ...prices], { vocabSize: 600 });
    assert.equal(single.pre_tokenizer.pattern.Regex, PRETOKENIZE_PATTERN);
    const g = tokenizerFromJson(grouped), s1 = tokenizerFromJson(single);
    assert.deepEqual(tokens(g, "How about $12,500?"), ["How", " about", " $", "12", ",", "500", "?"]);
    assert.deepEqual(tokens(s1, "How about $12,500?"), ["How", " about", " $", "1", "2", ",", "5", "0", "0", "?"]);
    // Transformers.js reads the pattern from the JSON: it agrees with the in-house encoder and round-trips
    const rng = new Rng(41);
    for (const t of [...prices, "$1,234,567,890 or 00000?\n", ...Array.from({ length: 300 }, () => randomUnicode(rng, 30))]) {
      assert.deepEqual(g.encode(t), inHouseSubwordEncode(grouped, t), JSON.stringify(t));
      assert.equal(g.decode(g.encode(t)), wellFormed(t));
    }
  });

  it("keeps the alphabet to characterCoverage and half the free slots, so merges keep room", () => {
    const rng = new Rng(17);
    // 3,000 distinct CJK characters, each seen twice, beside English: the alphabet cannot take them all.
    const cjk = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + i));
    const corpus = [...DIALOGUE, ...cjk.map((c) => `${c} ${c}\n`), ...Array.from({ length: 200 }, () => rng.choice(DIALOGUE))];
    const j = buildSubwordTokenizer(corpus, { vocabSize: 1000 });
    const alphabet = Object.keys(j.model.vocab).length - 261 - new Set(j.model.merges.map(([a, b]) => a + b)).size;
    assert.ok(alphabet <= (1000 - 261) / 2, `alphabet ${alphabet}`);
    assert.ok(j.model.merges.length > 0);
    const t = tokenizerFromJson(j);
    for (const s of corpus.slice(0, 200)) assert.equal(t.decode(t.encode(s)), s);
  });
});

// sha256 (first 16 hex digits) of JSON.stringify(buildTokenizer(...)), computed with the tokenizer.ts of
// the commit before subword tokenizers were added (b818a61): buildTokenizer must keep giving these bytes.
const PINNED_WORD_HASH = "3d15c6a42a614624";
const PINNED_DIALOGUE_HASH = "cb9e591c746cf64e";

describe("tokenizer: the word-level tokenizers are unchanged", () => {
  it("buildTokenizer gives the same JSON as before the subword kind existed (pinned hash)", () => {
    const hash = (x: unknown) => createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 16);
    assert.equal(hash(buildTokenizer([...MAZE, ...WORDLE])), PINNED_WORD_HASH);
    assert.equal(hash(buildTokenizer(DIALOGUE, { minCount: 1, maxVocab: 60 })), PINNED_DIALOGUE_HASH);
  });

  it("the shipped word-level data/tokenizers/* load as WordLevel and encode as the in-house lookup", async () => {
    // the rule-based rows' tokenizers (the dialogue rows ship subword ones, tested above)
    const tasks = readdirSync(join("data", "tokenizers")).filter((t) => !["twenty-questions", "guess-my-city", "car-dealer"].includes(t));
    assert.deepEqual(tasks.sort(), ["chess", "maze", "text-nav", "wordle"]);
    for (const task of tasks) {
      const json = JSON.parse(readFileSync(join(taskTokenizerDir(task), "tokenizer.json"), "utf8")) as TokenizerJson;
      assert.equal(json.model.type, "WordLevel");
      assert.deepEqual(json.decoder, { type: "Fuse" });
      const tok = await loadTokenizer(taskTokenizerDir(task));
      assert.equal(tok.newlineId, json.model.vocab["\n"]);
      const v = json.model.vocab;
      const lookup = (s: string) => pretokenize(s).map((p) => (Object.hasOwn(v, p) ? v[p] : v[SPECIAL_TOKENS.unk]));
      const words = Object.keys(v).filter((w) => !Object.values(SPECIAL_TOKENS).includes(w as never));
      for (const w of words) assert.deepEqual(tok.encode(w), [v[w]], `${task}: ${JSON.stringify(w)}`);
      for (const s of [...fuzzActions(300, words.slice(0, 50), 4), words.join(""), "Is it a 🦜?\n"]) {
        assert.deepEqual(tok.encode(s), lookup(s), `${task}: ${JSON.stringify(s.slice(0, 60))}`);
      }
    }
  });
});
