/**
 * Scripted Guess My City askers (LMRL-Gym paper App. C.7; reference `env/generate_cities_data.py` in
 * `llm_rl_scripts/guess_city/`, github.com/abdulhaim/LMRL-Gym, whose GPT-3.5 asker is told to "ask open
 * ended questions that are diverse", never to ask "for the name of the city or country", to guess
 * directly "if you think you know what the city is", and to make its 20th question a final guess
 * "Is the city you are from ..."). Three policies, each reading only the history's texts:
 *
 * - `random`: a uniformly random question of the bank, and now and then a random city guess.
 * - `optimal`: keeps the cities consistent with every answer so far — it asks the oracle what each of
 *   the 100 cities would have answered to each question of the history (the oracle is deterministic,
 *   so this is the oracle's own knowledge, never the hidden city) and keeps those whose answer is the
 *   one in the history — asks the bank question that splits them best (largest answer entropy) and
 *   guesses once three or fewer are left.
 * - `behaviour`: an asker of graded skill, tuned so the generated dataset approaches the paper's
 *   Table 1 row for Guess My City (success 0.53, 18.8 questions). Each episode draws a skill s ~ U(0, 1)
 *   from its policy stream; the asker then reads each answer fully, only in gist (yes/no; which country
 *   a dish or a landmark points to) or not at all, sometimes mis-reads one, asks the most informative of
 *   a few random questions (more for higher s), sometimes repeats itself, and guesses early only when
 *   it is sure (the most skilled few) or rash; its final guess is a city that fits the most answers.
 *
 * Every question names no city of the 100 (only guesses do), and none asks for the city or country
 * (the oracle's refusal topic): tests/tasks/guess-my-city-row.test.ts checks the bank against all 100.
 *
 * @example
 * const env = new GuessMyCityEnv();
 * const h = env.reset({ seed: 0, options: { city: "Paris" } });
 * optimalAskerPolicy().act(h, new Rng(1)); // "What is a famous dish from your city?\n" (or another 100-way split)
 */
import { deriveSeed, Rng } from "../../core/rng";
import { pyStrip } from "../../core/text";
import type { History, Policy } from "../../core/types";
import { answerLine, cityAnswer } from "./answers";
import { CITIES, cityNamedIn, type City } from "./cities";
import { MAX_QUESTIONS } from "./env";
import { hasTag } from "./knowledge";

// ───────────────────────────── the question bank ─────────────────────────────

/**
 * How a behaviour asker reads an answer: `coarse` open questions (continent, hemisphere, script, time
 * zone, government), `country` open questions (language, currency, religion, sports, borders), `specific`
 * open questions (food, landmarks, weather, industries, history, ...) whose answers describe one city,
 * `yesno` questions, and `guess`es.
 */
export type QuestionKind = "coarse" | "country" | "specific" | "yesno" | "guess";

/** One question of the askers' bank. */
export interface AskerQuestion {
  readonly text: string;
  readonly kind: QuestionKind;
  /** Questions of one topic are phrasings of one question (the oracle answers them alike); an asker asks one of them. */
  readonly topic: string;
}

/** A topic's phrasings, or a yes/no question that is its own topic. */
const topic = (kind: QuestionKind, name: string, texts: readonly string[]): AskerQuestion[] => texts.map((text) => ({ text, kind, topic: name }));
const yesNo = (texts: readonly string[]): AskerQuestion[] => texts.map((text) => ({ text, kind: "yesno" as const, topic: text }));

/**
 * The scripted askers' questions, phrased like the paper's GPT-3.5 asker ("What is your favorite
 * traditional dish from your hometown?", "Is your hometown located near a coastline or body of
 * water?"). None names a city of the 100 or asks for the city's or country's name; each is understood
 * by the oracle for every city (tests/tasks/guess-my-city-row.test.ts).
 */
export const QUESTION_BANK: readonly AskerQuestion[] = Object.freeze([
  ...topic("coarse", "continent", ["What continent is your city on?", "Which continent is your hometown located in?", "On which continent would I find your city?"]),
  ...topic("coarse", "hemisphere", ["Which hemisphere is your city in?"]),
  ...topic("coarse", "government", ["What kind of government does your country have?"]),
  ...topic("coarse", "script", ["What alphabet or script do people use to write there?"]),
  ...topic("coarse", "time zone", ["What time zone is your city in?"]),
  ...topic("country", "language", ["What language do people speak there?", "What languages are commonly spoken in your city?", "What is the main language spoken in your hometown?"]),
  ...topic("country", "currency", ["What currency do people use in your city?", "What kind of money do people use there?"]),
  ...topic("country", "religion", ["What is the main religion in your city?", "What religions do people practice in your city?"]),
  ...topic("country", "sports", ["What sports are popular in your city?", "What is the most popular sport where you are from?"]),
  ...topic("country", "borders", ["Which countries does your country border?"]),
  ...topic("specific", "weather", ["What is the weather like in your city?", "What is the climate like in your hometown?", "How would you describe the weather throughout the year?"]),
  ...topic("specific", "food", [
    "What is a famous dish from your city?",
    "What kind of food is your city known for?",
    "What is your favorite traditional dish from your hometown?",
    "What do people like to eat in your city?",
  ]),
  ...topic("specific", "landmarks", ["What are some famous landmarks in your city?", "What attractions do tourists visit in your city?", "What is a famous building or monument in your city?"]),
  ...topic("specific", "industries", ["What are the main industries in your city?", "What do most people do for work in your city?", "What is the economy of your city based on?"]),
  ...topic("specific", "facts", ["What is your city known for?", "What is something unique about your city?", "What is your city famous for?"]),
  ...topic("specific", "population", ["How many people live in your city?", "What is the population of your city?"]),
  ...topic("specific", "elevation", ["What is the elevation of your city?"]),
  ...topic("specific", "rivers", ["What rivers run through your city?"]),
  ...topic("specific", "water", ["What body of water is your city near?"]),
  ...topic("specific", "location", ["Where in the country is your city located?", "What part of the country is your city in?"]),
  ...topic("specific", "history", ["How old is your city?", "What is the history of your city?"]),
  ...yesNo([
    "Is your hometown located near a coastline or body of water?",
    "Is your hometown near the coast?",
    "Is there a body of water near your city?",
    "Is your city in Asia?",
    "Is your city located in Europe?",
    "Is your city in Africa?",
    "Is your city in South America?",
    "Is your city in North America?",
    "Is your hometown in the Middle East?",
    "Is your city in Southeast Asia?",
    "Is your city in South Asia?",
    "Is your city in East Asia?",
    "Is your city in Latin America?",
    "Is your city in the Southern Hemisphere?",
    "Is your city north of the equator?",
    "Is your city located on the coast?",
    "Does it snow in your city in winter?",
    "Are the winters cold in your city?",
    "Is your city the capital of its country?",
    "Do people drive on the left side of the road there?",
    "Is your city located on an island?",
    "Does your city have more than 10 million people?",
    "Does your city have more than 5 million people?",
    "Is English widely spoken in your city?",
    "Is Spanish spoken in your city?",
    "Do people speak Arabic in your city?",
    "Is Mandarin spoken in your city?",
    "Do people in your city speak Portuguese?",
    "Is your city hot all year round?",
    "Is your city known for its film industry?",
    "Is your country landlocked?",
    "Was your country ever a colony?",
    "Does your city have a monsoon season?",
    "Does your city have a subway system?",
    "Has your city hosted the Olympics?",
    "Is your city in a desert?",
    "Are there mountains near your city?",
    "Is your city known for its beaches?",
    "Is your hometown a financial hub?",
    "Is your country a member of the EU?",
    "Is your country a monarchy?",
    "Does your hometown have a busy port?",
    "Does your city get a lot of earthquakes?",
    "Is your city very humid?",
    "Is your city at a high altitude?",
    "Is your city famous for its nightlife?",
    "Is your city more than 1000 years old?",
    "Is Islam the main religion in your city?",
    "Is Christianity the main religion in your city?",
    "Is Buddhism common in your city?",
    "Is there a river that flows through your city?",
    "Is your city known for its spicy food?",
    "Is your country communist?",
    "Is your city famous for its historic sites?",
    "Is your city an important industrial center?",
    "Is your city a popular tourist destination?",
    "Does your city have a lot of traffic?",
    "Is your city in China?",
    "Is your city in India?",
    "Is your city in Indonesia?",
    "Is your city in Brazil?",
    "Is your city in Japan?",
    "Is your city in the United States?",
    "Is your city in Pakistan?",
    "Is your city in Turkey?",
    "Is your city in Egypt?",
    "Is your city in Colombia?",
    "Is your city in South Korea?",
    "Is your city in Iran?",
    "Is your city in Russia?",
  ]),
]);

/** The words every guess starts with (the reference asker's final-turn prefix). */
export const GUESS_PREFIX = "Is the city you are from";

/**
 * A guess of `city` in the reference asker's words, with the city's usual English name.
 *
 * @example
 * guessQuestion(findCity("Bombay")!); // "Is the city you are from Mumbai?"
 */
export function guessQuestion(city: City): string {
  return `${GUESS_PREFIX} ${city.display}?`;
}

const KIND_OF = new Map<string, QuestionKind>(QUESTION_BANK.map((x) => [x.text, x.kind]));
const TOPIC_OF = new Map<string, string>(QUESTION_BANK.map((x) => [x.text, x.topic]));
const AUX_START = /^(is|are|does|do|did|can|could|was|were|has|have|will|would)\b/i;

/** How a behaviour asker reads the answer to `question` (bank questions by their kind; others by their form). */
function kindOf(question: string): QuestionKind {
  const k = KIND_OF.get(question);
  if (k) return k;
  if (question.startsWith(GUESS_PREFIX)) return "guess";
  return AUX_START.test(question) ? "yesno" : "specific";
}

// ───────────────────────────── reading answers ─────────────────────────────

const N = CITIES.length;

/** What the 100 cities answer to one question: a class per city (equal answer lines share a class). */
interface QuestionTable {
  /** Class id of each city (by `rank − 1`). */
  readonly classOf: Int32Array;
  /** Answer line ("...\n", as the env writes it) → class id. */
  readonly classByLine: ReadonlyMap<string, number>;
  /** The cities of each class. */
  readonly members: readonly (readonly number[])[];
  /** Per city: 1 when its answer starts with "Yes", 0 with "No", −1 otherwise. */
  readonly polarity: Int8Array;
}

const TABLES = new Map<string, QuestionTable>();
const TABLES_MAX = 5000;

/** The answer table of a question (memoised; the oracle is asked once per question and city). */
function tableOf(question: string): QuestionTable {
  let t = TABLES.get(question);
  if (t) return t;
  const classOf = new Int32Array(N);
  const classByLine = new Map<string, number>();
  const members: number[][] = [];
  const polarity = new Int8Array(N);
  for (let i = 0; i < N; i++) {
    const a = cityAnswer(CITIES[i], question).answer;
    const line = answerLine(a);
    let id = classByLine.get(line);
    if (id === undefined) {
      id = members.length;
      classByLine.set(line, id);
      members.push([]);
    }
    classOf[i] = id;
    members[id].push(i);
    polarity[i] = /^yes\b/i.test(a) ? 1 : /^no\b/i.test(a) ? 0 : -1;
  }
  if (TABLES.size >= TABLES_MAX) TABLES.clear();
  t = { classOf, classByLine, members, polarity };
  TABLES.set(question, t);
  return t;
}

/** One question of a history and the answer line after it. */
export interface QaPair {
  /** The question as the env reads it (the action text, stripped). */
  readonly question: string;
  /** The answer line exactly as the env wrote it (ending in "\n"). */
  readonly answer: string;
}

/**
 * The question/answer pairs of a Guess My City history ("Questions:\n", question, answer, ...); a
 * trailing question without an answer is left out.
 *
 * @example
 * qaPairs([obs("Questions:\n"), act("Is it in Asia?\n"), obs("Yes.\n")]); // [{ question: "Is it in Asia?", answer: "Yes.\n" }]
 */
export function qaPairs(history: History): QaPair[] {
  const out: QaPair[] = [];
  for (let i = 0; i + 1 < history.length; i++) {
    if (history[i].isAction && !history[i + 1].isAction) out.push({ question: pyStrip(history[i].text), answer: history[i + 1].text });
  }
  return out;
}

/** Indices of the cities whose answer to `p.question` is `p.answer`; undefined when no city's is (no information). */
function exactEvidence(p: QaPair): readonly number[] | undefined {
  const t = tableOf(p.question);
  const id = t.classByLine.get(p.answer);
  return id === undefined ? undefined : t.members[id];
}

/**
 * The cities consistent with every answer of the history: those whose answer to each question would
 * have been the one written there. Answers no city would give (e.g. "The game is over.") are skipped.
 *
 * @example
 * consistentCities(history).map((c) => c.name); // ["Jakarta"] after "What is a famous dish from your city?"
 */
export function consistentCities(history: History): City[] {
  const score = new Int32Array(N);
  let informative = 0;
  for (const p of qaPairs(history)) {
    const e = exactEvidence(p);
    if (!e) continue;
    informative++;
    for (const i of e) score[i]++;
  }
  const out: City[] = [];
  for (let i = 0; i < N; i++) if (score[i] === informative) out.push(CITIES[i]);
  return out;
}

/** Σ n log n over the answer classes of `q` restricted to `cands` (smaller = a better split). */
function splitCost(question: string, cands: readonly number[], counts: Int32Array): number {
  const t = tableOf(question);
  const touched: number[] = [];
  for (const i of cands) {
    const c = t.classOf[i];
    if (counts[c]++ === 0) touched.push(c);
  }
  let s = 0;
  for (const c of touched) {
    const n = counts[c];
    s += n * Math.log(n);
    counts[c] = 0;
  }
  return s;
}

const COUNTS = new Int32Array(N + 1);

// ───────────────────────────── random ─────────────────────────────

/** Probability that the random asker guesses a random city instead of asking. */
export const RANDOM_GUESS_PROB = 0.1;

/**
 * Uniformly random bank questions; with probability {@link RANDOM_GUESS_PROB} a guess of a uniformly
 * random city of the 100. Ignores the answers.
 *
 * @example
 * randomAskerPolicy().act([obs("Questions:\n")], new Rng(0)); // e.g. "Is your city in Africa?\n"
 */
export function randomAskerPolicy(): Policy {
  return {
    name: "random",
    act(_history, rng) {
      if (rng.next() < RANDOM_GUESS_PROB) return `${guessQuestion(CITIES[rng.int(N)])}\n`;
      return `${QUESTION_BANK[rng.int(QUESTION_BANK.length)].text}\n`;
    },
  };
}

// ───────────────────────────── optimal ─────────────────────────────

/** The optimal asker guesses once this many cities or fewer are consistent (guessing them in turn costs no more than one more question). */
export const OPTIMAL_GUESS_AT = 3;

const BEST_QUESTIONS = new Map<string, readonly number[]>();

/** Bank indices of the questions that split `cands` best (memoised by the candidate set). */
function bestQuestions(cands: readonly number[]): readonly number[] {
  const key = cands.join(",");
  const hit = BEST_QUESTIONS.get(key);
  if (hit) return hit;
  let bestCost = Infinity;
  let best: number[] = [];
  QUESTION_BANK.forEach((bq, j) => {
    const c = splitCost(bq.text, cands, COUNTS);
    if (c < bestCost - 1e-9) {
      bestCost = c;
      best = [j];
    } else if (c <= bestCost + 1e-9) best.push(j);
  });
  // A question that leaves every candidate together (cost n log n) is no help: guess instead.
  if (bestCost >= cands.length * Math.log(cands.length) - 1e-9) best = [];
  if (BEST_QUESTIONS.size >= 10_000) BEST_QUESTIONS.clear();
  BEST_QUESTIONS.set(key, best);
  return best;
}

/**
 * The optimal asker: the cities consistent with the history ({@link consistentCities}); with more than
 * {@link OPTIMAL_GUESS_AT} of them the bank question with the best split (ties broken by the RNG),
 * otherwise a guess of one of them. Never reads the hidden city.
 *
 * @example
 * optimalAskerPolicy().act(history, rng); // "Is the city you are from Jakarta?\n" once only Jakarta fits
 */
export function optimalAskerPolicy(): Policy {
  return {
    name: "optimal",
    act(history, rng) {
      const cands = consistentCities(history).map((c) => c.rank - 1);
      if (cands.length === 0) return `${guessQuestion(CITIES[rng.int(N)])}\n`;
      if (cands.length > OPTIMAL_GUESS_AT) {
        const best = bestQuestions(cands);
        if (best.length > 0) return `${QUESTION_BANK[best[rng.int(best.length)]].text}\n`;
      }
      return `${guessQuestion(CITIES[cands[rng.int(cands.length)]])}\n`;
    },
  };
}

// ───────────────────────────── behaviour ─────────────────────────────

/**
 * The knobs of the behaviour asker. Per episode a skill s ~ U(0, 1) is drawn; a knob given as
 * `[lo, hi]` is `lo + (hi − lo)·s`.
 */
export interface BehaviourParams {
  /** Probability of reading a `specific` answer fully (which city it describes). */
  readonly readSpecific: readonly [number, number];
  /** Probability of reading a `specific` answer in gist (which country it points to) when not fully. */
  readonly gistSpecific: number;
  /** Probability of reading a `yesno` answer fully (its detail sentence too) instead of only yes/no. */
  readonly readYesNoDetail: readonly [number, number];
  /** Probability of reading a `coarse`, `country` or yes/no answer at all. */
  readonly readCoarse: number;
  /** Probability of mis-reading an answer (taking it for another answer of the same question). */
  readonly misread: readonly [number, number];
  /** Questions drawn at random per turn, of which the best split is asked (rounded down). */
  readonly choices: readonly [number, number];
  /** Probability of repeating an earlier question. */
  readonly repeat: readonly [number, number];
  /** Askers with s above 1 − this guess as soon as one city fits best; the others wait for the 20th question. */
  readonly eagerFraction: number;
  /** Per-turn probability of a rash guess among the best-fitting cities while three or fewer fit best. */
  readonly rash: readonly [number, number];
  /**
   * Probability that the final guess, when more than one city fits best, is the best-known city (the
   * capital, else the most populous of the list) of the country most of them are in, instead of one of them.
   */
  readonly famous: readonly [number, number];
  /**
   * How loosely the asker keeps count: it counts as fitting every city within this many answers of the
   * best fit (rounded per episode, up or down at random).
   */
  readonly slack: readonly [number, number];
}

/**
 * The tuned defaults: the dataset they generate approaches Table 1's success and mean length (README,
 * "Scripted askers" for the tuning and "Measured statistics beside the paper's Table 1" for the runs:
 * success 0.530, 18.89 questions over three 100,000-game seeds).
 */
export const BEHAVIOUR_PARAMS: BehaviourParams = Object.freeze({
  readSpecific: [0.0, 0.5] as const,
  gistSpecific: 0.3,
  readYesNoDetail: [0.0, 0.3] as const,
  readCoarse: 0.8,
  misread: [0.15, 0.02] as const,
  choices: [1, 4] as const,
  repeat: [0.08, 0.0] as const,
  eagerFraction: 0.07,
  rash: [0.005, 0.0] as const,
  famous: [0.75, 0.0] as const,
  slack: [5.5, 0] as const,
});

const lerp = (r: readonly [number, number], s: number): number => r[0] + (r[1] - r[0]) * s;

/** The episode's skill in [0, 1): a fixed function of the policy stream's seed (one stream per episode). */
export function askerSkill(rng: Rng): number {
  return new Rng(deriveSeed(rng.seed, "guess-my-city-asker", "skill")).next();
}

/** City indices grouped by country (Hong Kong and Taipei each on their own, as the oracle answers them). */
const COUNTRY_GROUP: readonly (readonly number[])[] = (() => {
  const byCode = new Map<string, number[]>();
  CITIES.forEach((c, i) => {
    const g = byCode.get(c.country) ?? [];
    g.push(i);
    byCode.set(c.country, g);
  });
  return CITIES.map((c) => byCode.get(c.country) as number[]);
})();

/** Per city: the best-known city of its country among the 100 (its capital if listed, else the first by rank). */
const FAMOUS_OF: readonly number[] = CITIES.map((_, i) => {
  const group = COUNTRY_GROUP[i];
  return group.find((j) => hasTag(CITIES[j], "capital")) ?? group[0];
});

/** The best-known city of the country most of `cities` are in (ties: the first such country by rank). */
function famousGuess(cities: readonly number[]): number {
  const votes = new Map<number, number>();
  let best = FAMOUS_OF[cities[0]];
  for (const i of cities) {
    const f = FAMOUS_OF[i];
    const v = (votes.get(f) ?? 0) + 1;
    votes.set(f, v);
    if (v > (votes.get(best) ?? 0) || (v === votes.get(best) && f < best)) best = f;
  }
  return best;
}

/** The cities of every country that has a city in `cities`. */
function countryGist(cities: readonly number[]): number[] {
  const seen = new Uint8Array(N);
  const out: number[] = [];
  for (const i of cities) {
    for (const j of COUNTRY_GROUP[i]) {
      if (!seen[j]) {
        seen[j] = 1;
        out.push(j);
      }
    }
  }
  return out;
}

/**
 * What the behaviour asker takes from the answer to one of its guesses: a "Yes" confirms the city (or
 * cities) the guess names, anything else rules them out. (Reading a guess needs no answer table: the
 * oracle would have confirmed exactly the cities the question names, `cityNamedIn` in cities.ts.)
 */
function guessEvidence(p: QaPair): number[] {
  const named: number[] = [];
  const others: number[] = [];
  for (let i = 0; i < N; i++) (cityNamedIn(CITIES[i], p.question) !== undefined ? named : others).push(i);
  return /^yes\b/i.test(p.answer) ? named : others;
}

/**
 * What the behaviour asker takes from answer `index` of the episode: the cities it counts as fitting
 * that answer, or undefined when it ignores the answer. The draws come from a stream fixed by the
 * episode's policy seed and the answer's index, so every turn reads earlier answers the same way.
 */
function behaviourEvidence(p: QaPair, index: number, s: number, seed: number, params: BehaviourParams): readonly number[] | undefined {
  const kind = kindOf(p.question);
  if (kind === "guess") return guessEvidence(p);
  const t = tableOf(p.question);
  const id = t.classByLine.get(p.answer);
  if (id === undefined) return undefined;
  const r = new Rng(deriveSeed(seed, "guess-my-city-asker", "read", index));
  let cls = id;
  if (r.next() < lerp(params.misread, s) && t.members.length > 1) {
    cls = r.int(t.members.length - 1);
    if (cls >= id) cls++;
  }
  const exact = t.members[cls];
  const u = r.next();
  switch (kind) {
    case "specific": {
      const full = lerp(params.readSpecific, s);
      if (u < full) return exact;
      if (u < full + (1 - full) * params.gistSpecific) return countryGist(exact);
      return undefined;
    }
    case "yesno": {
      if (u >= params.readCoarse) return undefined;
      if (r.next() < lerp(params.readYesNoDetail, s)) return exact;
      const pol = t.polarity[exact[0]];
      if (pol < 0) return exact;
      const out: number[] = [];
      for (let i = 0; i < N; i++) if (t.polarity[i] === pol) out.push(i);
      return out;
    }
    default:
      return u < params.readCoarse ? exact : undefined;
  }
}

/** What the behaviour asker took from one answer (cached per episode: a pure function of the pair, its index and the episode). */
interface ReadAnswer {
  readonly question: string;
  readonly answer: string;
  readonly evidence: readonly number[] | undefined;
}

/**
 * The cities the behaviour asker counts as fitting: those within its episode's slack of the most
 * answers, as it read them. `reads` caches the readings of earlier answers for this episode.
 */
function bestFitting(pairs: readonly QaPair[], s: number, seed: number, params: BehaviourParams, reads: ReadAnswer[]): number[] {
  const score = new Int32Array(N);
  pairs.forEach((p, i) => {
    let r = reads[i];
    if (r === undefined || r.question !== p.question || r.answer !== p.answer) {
      r = { question: p.question, answer: p.answer, evidence: behaviourEvidence(p, i, s, seed, params) };
      reads.length = i;
      reads.push(r);
    }
    if (r.evidence) for (const c of r.evidence) score[c]++;
  });
  let max = -1;
  for (let i = 0; i < N; i++) if (score[i] > max) max = score[i];
  const slack = Math.floor(lerp(params.slack, s) + new Rng(deriveSeed(seed, "guess-my-city-asker", "slack")).next());
  const out: number[] = [];
  for (let i = 0; i < N; i++) if (score[i] >= max - slack) out.push(i);
  return out;
}

/**
 * The dataset's behaviour asker (see the module comment): graded skill per episode, noisy reading,
 * a few random candidate questions per turn, occasional repeats and rash guesses, early guesses only by
 * the most skilled, a final guess at the 20th question.
 *
 * @example
 * const p = behaviourAskerPolicy();
 * p.act([obs("Questions:\n")], new Rng(7)); // e.g. "What languages are commonly spoken in your city?\n"
 */
export function behaviourAskerPolicy(params: BehaviourParams = BEHAVIOUR_PARAMS): Policy {
  // The readings of the current episode's answers (keyed by its policy stream's seed): only a speed-up,
  // since a reading depends only on the answer, its index and the episode.
  let readsSeed = -1;
  let reads: ReadAnswer[] = [];
  return {
    name: "behaviour",
    act(history, rng) {
      const pairs = qaPairs(history);
      const s = askerSkill(rng);
      if (rng.seed !== readsSeed) {
        readsSeed = rng.seed;
        reads = [];
      }
      const best = bestFitting(pairs, s, rng.seed, params, reads);
      const guess = () => `${guessQuestion(CITIES[best[rng.int(best.length)]])}\n`;
      if (pairs.length >= MAX_QUESTIONS - 1) {
        if (best.length > 1 && rng.next() < lerp(params.famous, s)) return `${guessQuestion(CITIES[famousGuess(best)])}\n`;
        return guess();
      }
      if (best.length === 1 && s > 1 - params.eagerFraction) return guess();
      if (best.length <= 3 && rng.next() < lerp(params.rash, s)) return guess();
      const asked = new Set(pairs.map((p) => TOPIC_OF.get(p.question) ?? p.question));
      if (asked.size > 0 && rng.next() < lerp(params.repeat, s)) {
        const prev = pairs.map((p) => p.question).filter((x) => KIND_OF.has(x));
        if (prev.length > 0) return `${prev[rng.int(prev.length)]}\n`;
      }
      const k = Math.max(1, Math.floor(lerp(params.choices, s) + rng.next()));
      let pick = -1;
      let pickCost = Infinity;
      for (let tries = 0, drawn = 0; drawn < k && tries < 4 * k + 20; tries++) {
        const j = rng.int(QUESTION_BANK.length);
        if (asked.has(QUESTION_BANK[j].topic)) continue;
        drawn++;
        const c = splitCost(QUESTION_BANK[j].text, best, COUNTS);
        if (c < pickCost) {
          pickCost = c;
          pick = j;
        }
      }
      if (pick < 0) pick = rng.int(QUESTION_BANK.length);
      return `${QUESTION_BANK[pick].text}\n`;
    },
  };
}
