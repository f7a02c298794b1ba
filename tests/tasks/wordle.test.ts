import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { trajectoryToJson } from "../../src/core/dataset";
import { evaluate } from "../../src/core/evaluate";
import { Rng } from "../../src/core/rng";
import { datasetStats, trajectoryReturn } from "../../src/core/stats";
import { act, obs, renderHistory } from "../../src/core/text";
import type { History, StepResult } from "../../src/core/types";
import { recomputeAnchors } from "../../src/core/anchors";
import { InfoGainSolver, infoGainPolicy, randomConsistentPolicy, randomMixturePolicy, randomWordPolicy } from "../../src/tasks/wordle/behaviour";
import { WordleEnv } from "../../src/tasks/wordle/env";
import { deformatAction, HEADER, parseHistory } from "../../src/tasks/wordle/formats";
import { feedbackPatternCode, HERE, Knowledge, NOT_HERE, patternString, POSSIBLE, Vocabulary } from "../../src/tasks/wordle/game";
import { generateWordleDataset } from "../../src/tasks/wordle/generate";
import { WORDLE_OUR_ANCHORS, wordleSpec } from "../../src/tasks/wordle/index";
import { readReferenceWordle, referenceRecordToTrajectory, trajectoryToReferenceJson } from "../../src/tasks/wordle/reference";
import { fuzzActions } from "../helpers/fuzz";

const FIXTURES = "tests/fixtures/wordle";
const env0 = new WordleEnv();
const vocab = env0.vocab;

/** Plays `guesses` (raw action texts) from a fresh reset and returns every step result. */
function play(env: WordleEnv, options: Record<string, unknown>, guesses: string[], seed = 0): { start: History; steps: StepResult[] } {
  let h = env.reset({ seed, options });
  const start = h;
  const steps: StepResult[] = [];
  for (const g of guesses) {
    const r = env.step([...h, act(g)]);
    steps.push(r);
    h = r.history;
  }
  return { start, steps };
}

const lastText = (r: StepResult) => r.history[r.history.length - 1].text;

/** Knowledge cells of one letter, as NOT_HERE/POSSIBLE/HERE values. */
const cellsOf = (k: Knowledge, letter: string) => Array.from(k.cells.subarray((letter.charCodeAt(0) - 97) * 5, (letter.charCodeAt(0) - 97) * 5 + 5));

describe("wordle vocabulary", () => {
  it("loads the benchmark list: 431 distinct 5-letter words (the paper says 400)", () => {
    assert.equal(vocab.size, 431);
    assert.equal(vocab.words[0], "elect");
    assert.equal(vocab.words[430], "motto");
    assert.ok(vocab.has("blame") && !vocab.has("crane"));
  });

  it("keeps only stripped lines of length 5 and rejects bad word lists", () => {
    assert.deepEqual(Vocabulary.parse("crane\n  slate \r\n\nab\ntoolong\ncrane\n").words, ["crane", "slate"]);
    assert.throws(() => Vocabulary.fromWords(["Crane"]), /"Crane" is not 5 lowercase letters/);
    assert.throws(() => Vocabulary.fromWords(["crane", "crane"]), /appears twice/);
  });
});

describe("wordle feedback and knowledge (hand-derived from the reference game.py rules)", () => {
  const cases: [guess: string, target: string, feedback: string][] = [
    ["slate", "blame", "bggbg"],
    ["blade", "blame", "gggbg"],
    ["blame", "blame", "ggggg"],
    ["hello", "cello", "bgggg"],
    ["alloy", "hello", "bygyb"],
    // Duplicate letters: a repeated letter that occurs in the target is never individually "b"
    // (real Wordle would give ybbbb-style greys): geese/abide is "bbbbg" in real Wordle.
    ["geese", "abide", "byybg"],
    ["mamma", "amber", "yyyyy"],
    ["teeth", "tithe", "gyyyy"],
    ["small", "hello", "bbbgy"],
  ];

  for (const [guess, target, fb] of cases) {
    it(`${guess} vs ${target} -> ${fb}`, () => {
      const k = Knowledge.initial();
      k.update(guess, target);
      assert.equal(k.feedbackPattern(guess), fb, "rendered from the knowledge state");
      assert.equal(patternString(feedbackPatternCode(guess, target)), fb, "pattern table used by the info-gain policy");
      const r = play(new WordleEnv(), { secret: target }, [guess.split("").join(" ") + "\n"]).steps[0];
      assert.equal(lastText(r), fb.split("").join(" ") + "\n");
    });
  }

  it("the knowledge-rendered feedback equals the pattern function on 3000 random pairs", () => {
    const rng = new Rng(3);
    for (let i = 0; i < 3000; i++) {
      const g = rng.choice(vocab.words), t = rng.choice(vocab.words);
      const k = Knowledge.initial();
      k.update(g, t);
      assert.equal(k.feedbackPattern(g), patternString(feedbackPatternCode(g, t)), `${g} vs ${t}`);
    }
  });

  it("updates per letter: HERE at a match, NOT_HERE at a miss of a present letter, NOT_HERE everywhere for an absent letter", () => {
    const k = Knowledge.initial();
    k.update("geese", "abide");
    assert.deepEqual(cellsOf(k, "g"), [NOT_HERE, NOT_HERE, NOT_HERE, NOT_HERE, NOT_HERE]);
    assert.deepEqual(cellsOf(k, "s"), [NOT_HERE, NOT_HERE, NOT_HERE, NOT_HERE, NOT_HERE]);
    assert.deepEqual(cellsOf(k, "e"), [POSSIBLE, NOT_HERE, NOT_HERE, POSSIBLE, HERE]);
    assert.deepEqual(cellsOf(k, "a"), [POSSIBLE, POSSIBLE, POSSIBLE, POSSIBLE, POSSIBLE]);
    // consistent: e at 4, no e at 1 or 2, no g, no s
    assert.ok(k.satisfies("abide"));
    assert.ok(k.satisfies("crude")); // not a vocabulary word: the rule does not care
    assert.ok(k.satisfies("elude"), "e at 0 is still POSSIBLE");
    assert.ok(!k.satisfies("weave"), "e at 1 is NOT_HERE");
    assert.ok(!k.satisfies("abids"), "s is absent and e must be at 4");
  });

  it("consistency follows the knowledge rule exactly", () => {
    const k = Knowledge.initial();
    k.update("slate", "blame"); // s,t absent; l@1, a@2, e@4
    assert.ok(k.satisfies("blare") && k.satisfies("glaze"));
    assert.ok(!k.satisfies("plats"), "contains s");
    assert.ok(!k.satisfies("alone"), "l not at 1");
    assert.deepEqual(vocab.wordsOf(k.consistentSet(vocab)).sort(), ["blade", "blame", "blare", "glade", "glaze"]);
    k.update("blade", "blame"); // b@0, d absent
    assert.deepEqual(vocab.wordsOf(k.consistentSet(vocab)).sort(), ["blame", "blare"]);
  });
});

describe("wordle env", () => {

  it("renders the exact transcript and rewards of a 3-guess win", () => {
    const env = new WordleEnv();
    const { start, steps } = play(env, { secret: "blame" }, ["slate", "b l a d e\n", "  b l a m e  \n"]);
    assert.deepEqual(start, [{ text: "Wordle:\n", isAction: false }]);
    assert.equal(
      renderHistory(steps[2].history),
      "Wordle:\ns l a t e\nb g g b g\nb l a d e\ng g g b g\nb l a m e\ng g g g g\n",
    );
    assert.deepEqual(steps.map((s) => s.reward), [-1, -1, 0]);
    assert.deepEqual(steps.map((s) => s.terminated), [false, false, true]);
    assert.ok(steps.every((s) => !s.truncated));
    assert.deepEqual(steps.map((s) => s.info.success), [false, false, true]);
    assert.deepEqual(steps.map((s) => s.info.consistentWords), [5, 2, 1]);
    assert.deepEqual(steps[2].history.map((t) => t.isAction), [false, true, false, true, false, true, false]);
  });

  it("wins only when one consistent word remains AND it has been guessed", () => {
    const env = new WordleEnv();
    const { steps } = play(env, { secret: "blame" }, ["slate", "blade", "blare", "blame"]);
    // After blare (g g g b g) only "blame" is consistent, but it was not guessed yet.
    assert.equal(lastText(steps[2]), "g g g b g\n");
    assert.equal(steps[2].info.consistentWords, 1);
    assert.equal(steps[2].reward, -1);
    assert.equal(steps[2].terminated, false);
    assert.equal(steps[3].reward, 0);
    assert.equal(steps[3].info.success, true);
  });

  it("a first-guess win returns 0", () => {
    const r = play(new WordleEnv(), { secret: "hello" }, ["h e l l o\n"]).steps[0];
    assert.equal(r.reward, 0);
    assert.equal(r.terminated, true);
    assert.equal(r.info.success, true);
  });

  it("ends after the 6th guess: terminated (the game's rule), not truncated, success false, return -6", () => {
    const env = new WordleEnv();
    const { steps } = play(env, { secret: "blame" }, ["slate", "hello", "mamma", "geese", "teeth", "amber"]);
    assert.deepEqual(steps.map((s) => s.reward), [-1, -1, -1, -1, -1, -1]);
    assert.deepEqual(steps.map((s) => s.terminated), [false, false, false, false, false, true]);
    assert.ok(steps.every((s) => !s.truncated && !s.info.success));
    assert.equal(env.maxTurns, 6);
  });

  it("invalid guesses: each rule consumes a try, leaves knowledge unchanged, answers an empty line", () => {
    const env = new WordleEnv();
    env.reset({ seed: 0, options: { secret: "blame" } });
    let h = env.step([HEADER, act("slate\n")]).history;
    const before = env.knowledge.cells.slice();
    const invalid: [string, string][] = [
      ["b l a m\n", "length is not 5"],
      ["blamed\n", "length is not 5"],
      ["BLAME\n", "contains characters outside a-z"],
      ["bl4me\n", "contains characters outside a-z"],
      ["zzzzz\n", "not in the vocabulary"],
    ];
    invalid.forEach(([a, reason], i) => {
      const r = env.step([...h, act(a)]);
      assert.equal(r.info.invalidAction, true, a);
      assert.equal(r.info.invalidReason, reason, a);
      assert.equal(r.reward, -1, a);
      assert.equal(lastText(r), "\n");
      assert.deepEqual(env.knowledge.cells, before, "knowledge unchanged");
      assert.equal(env.guessesUsed, i + 2);
      assert.equal(r.terminated, i === 4, "the 6th try (an invalid one) ends the game");
      h = r.history;
    });
    assert.equal(renderHistory(h).split("\n").slice(3, 5).join("|"), "b l a m|");
  });

  it("the invalid penalty is configurable (the reference's training scripts use -10)", () => {
    const r = play(new WordleEnv({ invalidPenalty: -10 }), {}, ["xyzzy\n"]).steps[0];
    assert.equal(r.reward, -10);
    assert.throws(() => new WordleEnv({ invalidPenalty: NaN }), /invalidPenalty must be a finite number/);
  });

  it("de-formats like the reference (Python strip, delete spaces) and re-renders the action", () => {
    assert.equal(deformatAction("  c r a n e \n"), "crane");
    assert.equal(deformatAction("\u00a0crane\u3000"), "crane", "Python strips NBSP and ideographic space");
    assert.equal(deformatAction("\x1ccrane\x85"), "crane", "Python strips \\x1c and \\x85 (JS trim does not)");
    assert.equal(deformatAction("\uFEFFcrane"), "\uFEFFcrane", "Python does not strip a BOM (JS trim does)");
    assert.equal(deformatAction("cr\tane"), "cr\tane");
    const r = play(new WordleEnv(), { secret: "blame" }, ["slate"]).steps[0];
    assert.deepEqual(r.history[1], { text: "s l a t e\n", isAction: true });
  });

  it("rejects bad reset options with a message naming the fix", () => {
    const env = new WordleEnv();
    assert.throws(() => env.reset({ options: { secret: "crane" } }), /"crane" is not in the 431-word vocabulary/);
    assert.throws(() => env.reset({ options: { sekret: "blame" } as never }), /unknown option "sekret"; valid options: secret, lazySecret/);
    assert.throws(() => env.reset({ options: { secret: "blame", lazySecret: true } }), /exclude each other/);
  });

  it("fixes the secret from the reset seed, uniformly over the vocabulary", () => {
    const env = new WordleEnv();
    env.reset({ seed: 11 });
    const s = env.secret;
    env.reset({ seed: 11 });
    assert.equal(env.secret, s);
    const seen = new Set<string>();
    for (let seed = 0; seed < 3000; seed++) {
      env.reset({ seed });
      seen.add(env.secret!);
    }
    // 3000 uniform draws from 431 words miss a given word with probability (430/431)^3000 ≈ 0.1%.
    assert.ok(seen.size > 420, `only ${seen.size} distinct secrets`);
  });

  it("lazy secret: each valid guess's target is drawn from the words consistent before it", () => {
    const env = new WordleEnv();
    const rng = new Rng(5);
    const policy = randomMixturePolicy(vocab);
    for (let ep = 0; ep < 300; ep++) {
      let h = env.reset({ seed: ep, options: { lazySecret: true } });
      assert.equal(env.secret, null);
      for (;;) {
        const before = new Set(env.consistentWords());
        const r = env.step([...h, act(policy.act(h, rng) as string)]);
        assert.ok(before.has(r.info.target as string), `target ${r.info.target} was not consistent`);
        assert.equal(r.info.success, r.info.guess === r.info.target);
        h = r.history;
        if (r.terminated) break;
      }
    }
  });

  it("lazy and fixed secrets give the same return distribution (uniform posterior)", () => {
    const stats = (lazySecret: boolean) => {
      const ts = [...Array(4000)].map((_, i) => {
        const env = new WordleEnv();
        const rng = new Rng(1000 + i);
        let h = env.reset({ seed: i + (lazySecret ? 10_000 : 0), options: lazySecret ? { lazySecret } : {} });
        let ret = 0;
        const p = randomMixturePolicy(env.vocab);
        for (;;) {
          const r = env.step([...h, act(p.act(h, rng) as string)]);
          ret += r.reward;
          h = r.history;
          if (r.terminated) return { ret, win: r.info.success ? 1 : 0 };
        }
      });
      return { mean: ts.reduce((s, x) => s + x.ret, 0) / ts.length, win: ts.reduce((s, x) => s + x.win, 0) / ts.length };
    };
    const fixed = stats(false), lazy = stats(true);
    // SE of each mean ≈ 1.59/√4000 = 0.025; allow 4 SE of the difference.
    assert.ok(Math.abs(fixed.mean - lazy.mean) < 0.15, `fixed ${fixed.mean} vs lazy ${lazy.mean}`);
    assert.ok(Math.abs(fixed.win - lazy.win) < 0.04, `fixed ${fixed.win} vs lazy ${lazy.win}`);
  });

  it("survives 10,000 fuzz actions with the documented reward and flags", () => {
    const env = new WordleEnv();
    const PY_WS = "[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+";
    const lead = new RegExp("^" + PY_WS);
    const rev = (s: string) => s.split("").reverse().join("");
    const oracle = (a: string) => rev(rev(a.replace(lead, "")).replace(lead, "")).replace(/ /g, "");
    let h = env.reset({ seed: 1, options: { secret: "blame" } });
    let tries = 0;
    for (const raw of fuzzActions(10_000, vocab.words.map((w) => w.split("").join(" ") + "\n"), 7)) {
      const r = env.step([...h, act(raw)]);
      tries++;
      const valid = vocab.has(oracle(raw));
      assert.equal(r.info.invalidAction, !valid, JSON.stringify(raw.slice(0, 40)));
      if (valid) assert.ok(r.reward === -1 || r.reward === 0);
      else {
        assert.equal(r.reward, -1);
        assert.equal(lastText(r), "\n");
      }
      assert.ok(!r.truncated);
      assert.equal(r.terminated, r.info.success || tries === 6);
      h = r.history;
      if (r.terminated) {
        h = env.reset({ seed: tries, options: { secret: "blame" } });
        tries = 0;
      }
    }
  });

  it("stepping after the end never throws and changes nothing", () => {
    const env = new WordleEnv();
    const { steps } = play(env, { secret: "hello" }, ["hello"]);
    const r = env.step([...steps[0].history, act("hello\n")]);
    assert.equal(r.reward, 0);
    assert.equal(r.terminated, true);
    assert.equal(r.info.afterEnd, true);
    assert.throws(() => env.step([HEADER]), /must end with the agent's action/);
  });
});

describe("wordle policies", () => {
  const afterSlate: History = [HEADER, act("s l a t e\n"), obs("b g g b g\n")];
  const fiveWords = ["blade", "blame", "blare", "glade", "glaze"];

  it("parses the knowledge from a history, skipping invalid guesses", () => {
    const g = parseHistory([HEADER, act("x y z\n"), obs("\n"), ...afterSlate.slice(1)], vocab);
    assert.equal(g.actions, 2);
    assert.deepEqual(g.guesses, ["slate"]);
    assert.deepEqual(vocab.wordsOf(g.knowledge.consistentSet(vocab)).sort(), fiveWords);
    assert.throws(() => parseHistory([HEADER, act("slate\n"), obs("b g x b g\n")], vocab), /feedback for "slate"/);
  });

  it("random guesses vocabulary words; random-consistent only consistent ones, roughly uniformly", () => {
    const rng = new Rng(2);
    const r = randomWordPolicy(vocab);
    for (let i = 0; i < 200; i++) assert.ok(vocab.has(deformatAction(r.act(afterSlate, rng) as string)));
    const c = randomConsistentPolicy(vocab);
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const w = deformatAction(c.act(afterSlate, rng) as string);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    assert.deepEqual([...counts.keys()].sort(), fiveWords);
    for (const [w, n] of counts) assert.ok(Math.abs(n / 5000 - 0.2) < 0.03, `${w}: ${n}`);
  });

  it("behaviour picks a consistent word with probability 0.34 + 0.66 * |C| / 431", () => {
    const rng = new Rng(4);
    const p = randomMixturePolicy(vocab);
    let hits = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (fiveWords.includes(deformatAction(p.act(afterSlate, rng) as string))) hits++;
    const expected = 0.34 + (0.66 * 5) / 431; // 0.3477
    assert.ok(Math.abs(hits / n - expected) < 0.015, `consistent share ${hits / n}, expected ${expected}`);
  });

  it("info gain: hand-derived values on a tiny vocabulary", () => {
    const tiny = Vocabulary.fromWords(["abcde", "abcdf", "abxyz"]);
    const solver = new InfoGainSolver(tiny);
    const all = [0, 1, 2];
    // abcde separates all three targets (ggggg / ggggb / ggbbb): gain log 3.
    assert.ok(Math.abs(solver.infoGain(0, all) - Math.log(3)) < 1e-12);
    // abxyz cannot tell abcde from abcdf (both ggbbb): gain log 3 - (2/3) log 2.
    assert.ok(Math.abs(solver.infoGain(2, all) - (Math.log(3) - (2 / 3) * Math.log(2))) < 1e-12);
    assert.deepEqual(solver.bestGuesses(Knowledge.initial()), [0, 1]);
    const pol = infoGainPolicy(solver);
    const rng = new Rng(1);
    const picks = new Set([...Array(100)].map(() => pol.act([HEADER], rng)));
    assert.deepEqual([...picks].sort(), ["a b c d e\n", "a b c d f\n"], "ties broken by the rng");
  });

  it("info gain on the benchmark: 5 consistent words, every candidate splits them 2+1+1+1", () => {
    const solver = new InfoGainSolver(vocab);
    const k = parseHistory(afterSlate, vocab).knowledge;
    const c = vocab.indices(k.consistentSet(vocab));
    // blade vs {blade, blame, blare, glade, glaze}: ggggg, gggbg, gggbg, bgggg, bggbg -> 1,2,1,1
    assert.ok(Math.abs(solver.infoGain(vocab.index("blade"), c) - (Math.log(5) - (2 * Math.log(2)) / 5)) < 1e-12);
    // glaze vs the same: bggbg, bggbg, bggbg, gggbg, ggggg -> 3,1,1
    assert.ok(Math.abs(solver.infoGain(vocab.index("glaze"), c) - (Math.log(5) - (3 * Math.log(3)) / 5)) < 1e-12);
    assert.ok(!solver.bestGuesses(k).includes(vocab.index("glaze")));
  });

  it("evaluate(): optimal averages near the paper's -1.94, random near -6, behaviour near -4.1", async () => {
    const opt = await evaluate(wordleSpec, wordleSpec.policies.optimal, { episodes: 200, seed: 0 });
    // SE over 200 episodes ≈ 0.64/√200 = 0.045; band ±0.2 around -1.94.
    assert.ok(opt.meanReturn > -2.14 && opt.meanReturn < -1.74, `optimal ${opt.meanReturn}`);
    assert.equal(opt.successRate, 1);
    const rnd = await evaluate(wordleSpec, wordleSpec.policies.random, { episodes: 200, seed: 0 });
    assert.ok(rnd.meanReturn < -5.7, `random ${rnd.meanReturn}`);
    const beh = await evaluate(wordleSpec, wordleSpec.policies.behaviour, { episodes: 400, seed: 0 });
    assert.ok(Math.abs(beh.meanReturn + 4.1) < 0.35, `behaviour ${beh.meanReturn}`);
  });
});

describe("wordle dataset", () => {
  it("is deterministic in the rng and differs across seeds", () => {
    const lines = (seed: number) => [...generateWordleDataset(200, new Rng(seed))].map(trajectoryToJson);
    assert.deepEqual(lines(0), lines(0));
    assert.notDeepEqual(lines(0), lines(1));
  });

  it("trajectories are well formed: header, spaced guesses, rewards on actions, meta.success", () => {
    for (const t of generateWordleDataset(300, new Rng(9))) {
      assert.equal(t.texts[0].text, "Wordle:\n");
      assert.equal(t.texts.length % 2, 1);
      t.texts.forEach((x, i) => {
        assert.equal(x.isAction, i % 2 === 1);
        if (x.isAction) assert.match(x.text, /^[a-z]( [a-z]){4}\n$/);
        else if (i > 0) assert.match(x.text, /^[gyb]( [gyb]){4}\n$/);
        else assert.equal(t.rewards[i], 0);
      });
      const success = t.texts[t.texts.length - 1].text === "g g g g g\n";
      assert.equal(t.meta?.success, success);
      assert.equal(t.done, true);
      assert.equal(trajectoryReturn(t), success ? 1 - (t.texts.length - 1) / 2 : -6);
    }
  });

  it("matches Table 1 on a 20k sample (paper: len 4.82±1.27, success 0.70, return -4.12±1.59)", () => {
    const s = datasetStats(generateWordleDataset(20_000, new Rng(0)));
    assert.ok(Math.abs(s.meanLength - 4.82) < 0.1, `meanLength ${s.meanLength}`);
    assert.ok(Math.abs(s.stdLength - 1.27) < 0.06, `stdLength ${s.stdLength}`);
    assert.ok(Math.abs(s.successRate - 0.7) < 0.03, `successRate ${s.successRate}`);
    assert.ok(Math.abs(s.meanReturn + 4.12) < 0.12, `meanReturn ${s.meanReturn}`);
    assert.ok(Math.abs(s.stdReturn - 1.59) < 0.08, `stdReturn ${s.stdReturn}`);
  });

  it("spec sizes: 1,000,000 train + 100,000 eval", () => {
    assert.equal(wordleSpec.dataset.defaultSize, 1_000_000);
    assert.deepEqual(wordleSpec.dataset.extraSplits, { eval: 100_000 });
  });
});

describe("wordle reference reader", () => {
  it("reads the original JSONL format", async () => {
    const ts = [];
    for await (const t of readReferenceWordle(`${FIXTURES}/reference.jsonl`)) ts.push(t);
    assert.equal(ts.length, 2);
    const [win, loss] = ts;
    assert.equal(win.texts.length, 7);
    assert.deepEqual(win.rewards, [0, -1, 0, -1, 0, 0, 0]);
    assert.equal(win.texts[5].text, "b l a m e\n");
    assert.equal(win.texts[5].isAction, true);
    assert.equal(win.meta?.success, true);
    assert.equal(trajectoryReturn(win), -2);
    assert.equal(loss.meta?.success, false);
    assert.equal(trajectoryReturn(loss), -6);
    assert.equal(loss.texts[2].text, "\n");
    // round trip through the writer
    const back = referenceRecordToTrajectory(JSON.parse(trajectoryToReferenceJson(win)), "mem", 1);
    assert.deepEqual(back.texts, win.texts);
    assert.deepEqual(back.rewards, win.rewards);
  });

  it("names file:line and the field of a malformed record", async () => {
    await assert.rejects(
      async () => {
        for await (const _ of readReferenceWordle(`${FIXTURES}/malformed.jsonl`)) void _;
      },
      (e: Error) => e.message === `${FIXTURES}/malformed.jsonl:2: reward: has 1 entries; expected 2 (one per sequence element after the header)`,
    );
    assert.throws(
      () => referenceRecordToTrajectory({ sequence: [["Wordle:\n", 0], ["slate\n", 2]], reward: [-1], done: false }, "f.jsonl", 7),
      /^RecordError: f\.jsonl:7: sequence\[1\]\[1\]: is_action must be 0\.0 or 1\.0/,
    );
    assert.throws(
      () => referenceRecordToTrajectory({ sequence: [["Wordle:\n", 0], ["s l a t e\n", 1], ["b b b b b\n", 0]], reward: [-1, -1], done: true }, "f.jsonl", 3),
      /f\.jsonl:3: reward\[1\]: is -1 on an observation/,
    );
  });
});

describe("wordle anchors", () => {
  it("recomputes the stored anchors (small sample, stated tolerance)", async () => {
    const a = await recomputeAnchors(wordleSpec, -6, { datasetEpisodes: 20_000, evalEpisodes: 512 });
    assert.equal(a.min, WORDLE_OUR_ANCHORS.min);
    // avg: SE over 20k ≈ 0.011 -> 0.06; max: SE over 512 ≈ 0.028 -> 0.12.
    assert.ok(Math.abs(a.avg - WORDLE_OUR_ANCHORS.avg) < 0.06, `avg ${a.avg} vs ${WORDLE_OUR_ANCHORS.avg}`);
    assert.ok(Math.abs(a.max - WORDLE_OUR_ANCHORS.max) < 0.12, `max ${a.max} vs ${WORDLE_OUR_ANCHORS.max}`);
    assert.deepEqual(wordleSpec.anchors.paper, { min: -6, avg: -4.12, max: -1.94 });
  });
});
