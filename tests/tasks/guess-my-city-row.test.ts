/**
 * The Guess My City row (src/tasks/guess-my-city/: behaviour.ts, generate.ts, reference.ts, index.ts;
 * LMRL-Gym paper App. C.7): the askers' questions never name a city except in a guess and never ask for
 * the name, the optimal asker's success, the generator's determinism and city balance, its statistics
 * beside the paper's Table 1, the reference reader on small fixtures, and the memoised oracle.
 */
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { trajectoryToJson } from "../../src/core/dataset";
import { evaluate } from "../../src/core/evaluate";
import { datasetRng } from "../../src/core/generate";
import { Rng } from "../../src/core/rng";
import { rolloutSync } from "../../src/core/rollout";
import { datasetStats } from "../../src/core/stats";
import { act, obs } from "../../src/core/text";
import type { Trajectory } from "../../src/core/types";
import { answerLine, cityAnswer } from "../../src/tasks/guess-my-city/answers";
import {
  behaviourAskerPolicy,
  consistentCities,
  GUESS_PREFIX,
  guessQuestion,
  optimalAskerPolicy,
  QUESTION_BANK,
  randomAskerPolicy,
} from "../../src/tasks/guess-my-city/behaviour";
import { CITIES, cityNamedIn, findCity } from "../../src/tasks/guess-my-city/cities";
import { GuessMyCityEnv, MAX_QUESTIONS } from "../../src/tasks/guess-my-city/env";
import { generateGuessMyCityDataset } from "../../src/tasks/guess-my-city/generate";
import { GUESS_MY_CITY_PAPER_STATS, guessMyCitySpec } from "../../src/tasks/guess-my-city/index";
import { answerCityQuestion, REFUSAL_ANSWER } from "../../src/tasks/guess-my-city/oracle";
import { readReferenceGuessMyCity } from "../../src/tasks/guess-my-city/reference";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "guess-my-city");

/** The cities of the 100 a text names (any name or acronym, as the correct-guess rule reads it). */
const namedCities = (text: string): string[] => CITIES.filter((c) => cityNamedIn(c, text) !== undefined).map((c) => c.name);

const questionsOf = (t: Trajectory): string[] => t.texts.filter((x) => x.isAction).map((x) => x.text.trimEnd());

async function collect(it: Iterable<Trajectory> | AsyncIterable<Trajectory>): Promise<Trajectory[]> {
  const out: Trajectory[] = [];
  for await (const t of it) out.push(t);
  return out;
}

describe("guess-my-city row: the askers' questions", () => {
  it("no bank question names a city or asks for the name, and the oracle reads every one for every city", () => {
    const topics = new Set<string>();
    for (const q of QUESTION_BANK) {
      assert.deepEqual(namedCities(q.text), [], `"${q.text}" names a city`);
      assert.ok(!q.text.startsWith(GUESS_PREFIX), q.text);
      topics.add(q.topic);
      let understood = 0;
      for (const c of CITIES) {
        const a = cityAnswer(c, q.text);
        assert.notEqual(a.topic, "refusal", `"${q.text}" asks for the name (${c.name})`);
        assert.notEqual(a.answer, REFUSAL_ANSWER);
        if (a.understood) understood++;
      }
      // Measured: 100 for all but three (rivers 93, body of water 95, borders 94: the oracle drops a sentence that would name the city).
      assert.ok(understood >= 90, `"${q.text}" understood for only ${understood} cities`);
    }
    assert.ok(topics.size >= 80, `only ${topics.size} topics`);
  });

  it("a guess names exactly the city it guesses", () => {
    for (const c of CITIES) assert.deepEqual(namedCities(guessQuestion(c)), [c.name], guessQuestion(c));
    assert.equal(guessQuestion(findCity("Bombay")!), "Is the city you are from Mumbai?");
  });

  it("random, optimal and behaviour askers name a city only in a guess", () => {
    const env = new GuessMyCityEnv();
    let guesses = 0;
    for (const policy of [randomAskerPolicy(), optimalAskerPolicy(), behaviourAskerPolicy()]) {
      for (let i = 0; i < 40; i++) {
        const ep = rolloutSync(env, policy, { seed: 1000 + i, options: { city: CITIES[(i * 37) % 100].name } });
        for (const q of questionsOf(ep.trajectory)) {
          if (q.startsWith(GUESS_PREFIX)) {
            guesses++;
            assert.equal(namedCities(q).length, 1, q);
          } else assert.deepEqual(namedCities(q), [], `${policy.name} asked "${q}"`);
        }
      }
    }
    assert.ok(guesses > 40, `only ${guesses} guesses`);
  });
});

describe("guess-my-city row: optimal asker", () => {
  it("reads the answers, not the hidden city: the consistent set after a dish answer is that city", () => {
    const jakarta = findCity("Jakarta")!;
    const q = "What is a famous dish from your city?";
    const h = [obs("Questions:\n"), act(`${q}\n`), obs(answerLine(answerCityQuestion(jakarta, q).answer))];
    assert.deepEqual(consistentCities(h).map((c) => c.name), ["Jakarta"]);
    assert.equal(optimalAskerPolicy().act(h, new Rng(0)), "Is the city you are from Jakarta?\n");
    assert.equal(consistentCities([obs("Questions:\n")]).length, 100);
  });

  it("wins every game of the evaluation protocol in 2 questions (measured 100%, return -1; required >= 95%)", async () => {
    const ev = await evaluate(guessMyCitySpec, guessMyCitySpec.policies.optimal, { seed: 0 });
    assert.equal(ev.episodes, 100);
    assert.ok(ev.successRate >= 0.95, `success ${ev.successRate}`);
    assert.ok(ev.meanLength <= 2.5, `mean length ${ev.meanLength}`);
    assert.ok(ev.meanReturn >= -1.5, `mean return ${ev.meanReturn}`);
  });

  it("the evaluation protocol visits every city once", () => {
    const names = new Set(Array.from({ length: guessMyCitySpec.evaluation.episodes }, (_, i) => guessMyCitySpec.evaluation.resetOptions!(i).city));
    assert.equal(names.size, 100);
    assert.ok(names.has("Seoul"));
  });
});

describe("guess-my-city row: dataset generator", () => {
  it("is byte-identical for a seed, differs for another, and resumes with skip", () => {
    const json = (seed: number, n = 24, skip = 0) => [...generateGuessMyCityDataset(n, new Rng(seed), { skip })].map(trajectoryToJson);
    const a = json(7);
    assert.equal(a.length, 24);
    assert.deepEqual(json(7), a);
    assert.notDeepEqual(json(8), a);
    assert.deepEqual(json(7, 24, 20), a.slice(20));
  });

  it("meta names seed, success, city and policy; every block of 100 visits every city once", () => {
    const ts = [...generateGuessMyCityDataset(200, new Rng(3))];
    for (const block of [ts.slice(0, 100), ts.slice(100)]) assert.equal(new Set(block.map((t) => t.meta?.city)).size, 100);
    for (const t of ts) {
      assert.equal(typeof t.meta?.seed, "number");
      assert.equal(typeof t.meta?.success, "boolean");
      assert.equal(t.meta?.policy, "behaviour");
      assert.ok(findCity(String(t.meta?.city)), String(t.meta?.city));
      assert.equal(t.done, true);
      const qs = questionsOf(t);
      // A game ends at the right guess or with a guess as the 20th question.
      if (qs.length === MAX_QUESTIONS || t.meta?.success) assert.ok(qs[qs.length - 1].startsWith(GUESS_PREFIX), qs[qs.length - 1]);
      assert.equal(t.meta?.success, namedCities(qs[qs.length - 1]).includes(String(t.meta?.city)));
    }
  });

  it("300 conversations of the default stream are within tolerance of Table 1 (success ±0.10, length ±0.8, return ±1.2)", () => {
    // Measured on the full default file (100,000 conversations, datasetRng(0, "guess-my-city", "train")):
    // success 0.530, length 18.90 ± 4.01, return -18.37 ± 4.17; these first 300: 0.540, 19.03, -18.49.
    // Tolerances are about 3 standard errors at n = 300 plus the gap to the paper's own inconsistent return.
    const s = datasetStats(generateGuessMyCityDataset(300, datasetRng(0, guessMyCitySpec.task, "train")));
    const paper = GUESS_MY_CITY_PAPER_STATS;
    assert.ok(Math.abs(s.successRate - paper.successRate) <= 0.1, `success ${s.successRate} vs ${paper.successRate}`);
    assert.ok(Math.abs(s.meanLength - paper.meanLength) <= 0.8, `length ${s.meanLength} vs ${paper.meanLength}`);
    assert.ok(Math.abs(s.meanReturn - paper.meanReturn) <= 1.2, `return ${s.meanReturn} vs ${paper.meanReturn}`);
    assert.ok(s.stdLength > 2.5 && s.stdLength < 6, `std length ${s.stdLength} vs ${paper.stdLength}`);
  });
});

describe("guess-my-city row: reference reader", () => {
  it("reads the 20Q-format JSON array: last '? ' split, rewards, done and truncation", async () => {
    const ts = await collect(readReferenceGuessMyCity(join(fixtures, "reference.json")));
    assert.equal(ts.length, 3);
    const [won, lost20, cut] = ts;
    assert.deepEqual(won.texts.slice(0, 3), [
      obs("Questions:\n"),
      act("What is your favorite traditional dish from your hometown?\n"),
      obs("People here love nasi goreng, satay and gado-gado.\n"),
    ]);
    assert.deepEqual(won.rewards, [0, -1, 0, -1, 0, 0, 0]);
    assert.equal(won.done, true);
    assert.equal(won.meta?.success, true);
    assert.equal(won.meta?.city, "Jakarta");
    assert.equal(lost20.texts.length, 41);
    assert.deepEqual(lost20.texts.slice(3, 5), [act("Is it old? Yes?\n"), obs("It goes back more than 2000 years.\n")]);
    assert.equal(lost20.rewards.reduce((a, b) => a + b, 0), -20);
    assert.equal(lost20.done, true);
    assert.equal(lost20.meta?.city, "London");
    assert.equal(cut.done, false, "not correct and shorter than 20 lines: cut off, not done");
    assert.equal(cut.meta?.city, "Sao Paulo");
    assert.equal(cut.meta?.success, false);
  });

  it("reads the raw generator format, one object per line", async () => {
    const [t] = await collect(readReferenceGuessMyCity(join(fixtures, "raw.jsonl")));
    assert.equal(t.meta?.success, true);
    assert.equal(t.meta?.city, "Seoul");
    assert.deepEqual(t.rewards, [0, -1, 0, 0, 0]);
  });

  it("names file:line and the field of a malformed record", async () => {
    const f = join(fixtures, "malformed.json");
    await assert.rejects(collect(readReferenceGuessMyCity(f)), (e: Error) => {
      assert.match(e.message, /malformed\.json:11: lines\[1\]: no "\? " separates the question from the answer/);
      return true;
    });
    await assert.rejects(collect(readReferenceGuessMyCity(join(fixtures, "broken.json"))), /broken\.json:3: \(json\): a string is not closed at the end of line 3/);
  });
});

describe("guess-my-city row: memoised oracle", () => {
  it("gives the oracle's answers and the env writes them as answer lines", () => {
    const env = new GuessMyCityEnv();
    for (const [city, q] of [["Paris", "What is the weather like in your city?"], ["Bombay", "Is it Mumbai?"], ["Lima", "Tell me a joke"]] as const) {
      const c = findCity(city)!;
      assert.deepEqual(cityAnswer(c, q), answerCityQuestion(c, q));
      const h = env.reset({ seed: 0, options: { city } });
      const r = env.step([...h, act(`${q}\n`)]);
      assert.equal(r.history[r.history.length - 1].text, answerLine(answerCityQuestion(c, q).answer));
    }
  });
});
