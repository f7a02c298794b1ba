/**
 * The Guess My City text environment, a port of the reference's guess-city env
 * (`llm_rl_scripts/guess_city/env/env.py` with the 20Q trajectory format, github.com/abdulhaim/LMRL-Gym;
 * LMRL-Gym paper, §4 and App. C.7). The agent asks free-form questions about a hidden city; the
 * knowledge-based oracle of oracle.ts answers in free text; reward −1 per question and 0 for the
 * question that names the city; the game ends at the correct guess or after the 20th question.
 *
 * Success is the data generator's rule (`is_done` in `env/generate_cities_data.py`: the question
 * contains the city's name), made whole-word and extended to aliases (`isCorrectCityGuess`). The
 * reference env's own `is_done` compares the target string character by character and never fires.
 *
 * @example
 * const env = new GuessMyCityEnv();
 * const h = env.reset({ seed: 0, options: { city: "Paris" } }); // [{ text: "Questions:\n", isAction: false }]
 * const r = env.step([...h, { text: "Is it in Europe?\n", isAction: true }]);
 * r.history[2].text; // "Yes.\n"
 * r.reward;          // -1
 */
import { chooseHidden, type HiddenTargets } from "../../core/hidden";
import type { PartnerGame, PartnerTurn, QuestionAnswer } from "../../core/partner";
import { Rng } from "../../core/rng";
import { lastQuestion, obs } from "../../core/text";
import type { History, ResetArgs, StepResult, Text, TextEnv } from "../../core/types";
import { answerLine, cityAnswer } from "./answers";
import { CITIES, findCity, isCorrectCityGuess, type City } from "./cities";
import { countryFacts } from "./knowledge";
import { EVASIVE_ANSWER, withoutLeaks } from "./oracle";

export const GUESS_MY_CITY_ENV_ID = "guess-my-city";

/** Questions per game (as in Twenty Questions, the reference's `max_conversation_length=20`). */
export const MAX_QUESTIONS = 20;
/** Reward of every question except a correct guess. */
export const REWARD_QUESTION = -1;
/** Reward of the question that names the hidden city. */
export const REWARD_CORRECT_GUESS = 0;
/** The first observation (the reference's `INITIAL_STR`, shared with Twenty Questions). */
export const INITIAL_TEXT_STR = "Questions:\n";

/** Reset options of the Guess My City env. */
export interface GuessMyCityResetOptions {
  /** Systematic evaluation: the city is `CITIES[seed mod 100]`, so seeds 0..99 visit every city once. Needs a seed. */
  readonly deterministic?: boolean;
  /** Fix the hidden city by any of its names (case and accents ignored), e.g. "Paris", "Mumbai", "Bombay". */
  readonly city?: string;
}

/** The hidden city's choice at reset (core/hidden.ts). */
const CITY_TARGETS: HiddenTargets<City> = {
  envId: GUESS_MY_CITY_ENV_ID,
  key: "city",
  items: CITIES,
  find: findCity,
  unknownHint: `100 cities; pass a name such as "Paris", "Mumbai" or "Bombay" (CITIES lists them)`,
};

/**
 * Guess My City as a {@link TextEnv}. `step` reads only the last action (the question) and never throws
 * on any string: every question is answered by the oracle and costs −1 unless it names the city (0,
 * success). Stepping after the game is over returns "The game is over.\n", reward 0, `invalidAction`
 * and `afterEnd`.
 */
export class GuessMyCityEnv implements TextEnv<GuessMyCityResetOptions>, PartnerGame {
  readonly id = GUESS_MY_CITY_ENV_ID;
  readonly maxTurns = MAX_QUESTIONS;
  private rng = new Rng(0);
  private current: City = CITIES[0];
  private asked = 0;
  private over = false;
  /** The questions and answers of this game (what a pluggable partner reads). */
  private qa: QuestionAnswer[] = [];

  constructor() {
    this.reset({ seed: 0 });
  }

  /** The hidden city, for scripted and oracle policies (never part of any text the agent sees before a correct guess). */
  get hiddenCity(): City {
    return this.current;
  }

  /** Questions asked so far in this game. */
  get questionsAsked(): number {
    return this.asked;
  }

  /**
   * Starts a game with the city `options.city`, or `CITIES[seed mod 100]` with `options.deterministic`,
   * or one drawn uniformly with the env's RNG (re-seeded when `seed` is given; without a seed the
   * stream continues). Returns ["Questions:\n"]. Throws on unknown options, an unknown city, or
   * deterministic mode without a seed.
   */
  reset(args: ResetArgs<GuessMyCityResetOptions> = {}): History {
    ({ item: this.current, rng: this.rng } = chooseHidden(args, this.rng, CITY_TARGETS));
    this.asked = 0;
    this.over = false;
    this.qa = [];
    return [obs(INITIAL_TEXT_STR)];
  }

  step(history: History): StepResult {
    const { prefix, question } = lastQuestion(history, this.id);
    if (this.over) return afterEnd(history);
    // The oracle's answer (answerCityQuestion in oracle.ts), memoised per question in answers.ts.
    const reply = cityAnswer(this.current, question);
    return this.answer(prefix, question, reply.answer, { understood: reply.understood, topic: reply.topic });
  }

  /**
   * The turn with a pluggable partner (src/core/partner.ts) in place of the oracle: the partner gets the
   * city, its country, the question and the game so far. Its reply (one line, src/core/partner.ts
   * `cleanPartnerReply`) passes the oracle's own no-leak filter (`withoutLeaks`): a sentence naming the
   * city, an alias, the country or a country adjective is dropped, unless the question itself names the
   * city (a correct guess, which ends the game); an empty reply becomes the oracle's evasive answer.
   */
  partnerTurn(history: History): StepResult | PartnerTurn {
    const { prefix, question } = lastQuestion(history, this.id);
    if (this.over) return afterEnd(history);
    const city = this.current;
    return {
      request: { row: "guess-my-city", city: city.display, country: countryFacts(city).worldName, question, previous: [...this.qa] },
      finish: (reply) => {
        const guessed = isCorrectCityGuess(city, question);
        const shown = reply === "" ? EVASIVE_ANSWER : guessed ? reply : withoutLeaks(city, reply);
        return this.answer(prefix, question, shown, { partner: true, partnerReply: reply, filtered: shown !== reply });
      },
    };
  }

  /** Ends a question with `answer`: reward, success and the cap. */
  private answer(prefix: Text[], question: string, answer: string, extra: Record<string, unknown>): StepResult {
    this.asked++;
    const guessed = isCorrectCityGuess(this.current, question);
    this.over = guessed || this.asked >= MAX_QUESTIONS;
    const line = answerLine(answer);
    this.qa.push({ question, answer: line.trim() });
    prefix.push(obs(line));
    return {
      history: prefix,
      reward: guessed ? REWARD_CORRECT_GUESS : REWARD_QUESTION,
      terminated: this.over,
      truncated: false,
      info: {
        success: guessed,
        invalidAction: question.length === 0,
        ...extra,
        questionsAsked: this.asked,
      },
    };
  }
}

function afterEnd(history: History): StepResult {
  return {
    history: [...history, obs("The game is over.\n")],
    reward: 0,
    terminated: true,
    truncated: false,
    info: { success: false, invalidAction: true, invalidReason: "the game is over; call reset()", afterEnd: true, understood: false },
  };
}
