/**
 * The Twenty Questions text environment, a port of `TwentyQuestionsPolicyEnvironment`
 * (`llm_rl_scripts/twenty_questions/env/env.py`, with `create_trajectory_from_history` and `is_done`
 * of `env/data.py`, github.com/abdulhaim/LMRL-Gym; LMRL-Gym paper, §4 and App. C.6). The agent asks
 * yes/no questions about a hidden object; the knowledge-based oracle of oracle.ts answers "Yes." or
 * "No."; reward −1 per question and 0 for the question that correctly guesses; the game ends at the
 * correct guess or after the 20th question.
 *
 * @example
 * const env = new TwentyQuestionsEnv();
 * const h = env.reset({ seed: 0, options: { object: "Cat" } }); // [{ text: "Questions:\n", isAction: false }]
 * const r = env.step([...h, { text: "Is it an animal?\n", isAction: true }]);
 * r.history[2].text; // "Yes.\n"
 * r.reward;          // -1
 */
import { chooseHidden, type HiddenTargets } from "../../core/hidden";
import type { PartnerGame, PartnerTurn, QuestionAnswer } from "../../core/partner";
import { Rng } from "../../core/rng";
import { lastQuestion } from "../../core/text";
import type { History, ResetArgs, StepResult, Text, TextEnv } from "../../core/types";
import { ANSWER_TEXTS, INITIAL_TEXT, isValidQuestion } from "./formats";
import { isCorrectGuess } from "./guess";
import { findTwentyQObject, TWENTY_Q_OBJECTS, type TwentyQObject } from "./objects";
import { answerQuestion, INVALID_QUESTION, type OracleReply } from "./oracle";

export const TWENTY_QUESTIONS_ENV_ID = "twenty-questions";

/** Questions per game (the reference's `max_conversation_length=20`). */
export const MAX_QUESTIONS = 20;

/** Reward of every question except a correct guess. */
export const REWARD_QUESTION = -1;
/** Reward of the question that correctly guesses the object. */
export const REWARD_CORRECT_GUESS = 0;

/** Reset options of the Twenty Questions env. */
export interface TwentyQuestionsResetOptions {
  /**
   * The reference's deterministic mode (systematic evaluation): the object is `TWENTY_Q_OBJECTS[seed
   * mod 158]`, so seeds 0..157 visit every object once. Needs a seed.
   */
  readonly deterministic?: boolean;
  /** Fix the hidden object by its name or any variant (case-insensitive), e.g. "Cat", "tv", "Pair of shoes". */
  readonly object?: string;
}

/** The hidden object's choice at reset (core/hidden.ts). */
const OBJECT_TARGETS: HiddenTargets<TwentyQObject> = {
  envId: TWENTY_QUESTIONS_ENV_ID,
  key: "object",
  items: TWENTY_Q_OBJECTS,
  find: findTwentyQObject,
  unknownHint: `158 objects; pass a name or variant such as "Cat", "TV" or "Pair of shoes" (TWENTY_Q_OBJECTS lists them)`,
};

/**
 * Twenty Questions as a {@link TextEnv}. `step` reads only the last action (the question) and never
 * throws on any string: every question is answered by the oracle and costs −1 unless it is a correct
 * guess (0, success). `info.invalidAction` flags questions the reference's asker post-processor would
 * reject (see formats.ts); they are answered and rewarded like any other. Stepping after the game is
 * over returns "No.\n", reward 0, `invalidAction` and `afterEnd` (the reference asserts instead).
 */
export class TwentyQuestionsEnv implements TextEnv<TwentyQuestionsResetOptions>, PartnerGame {
  readonly id = TWENTY_QUESTIONS_ENV_ID;
  readonly maxTurns = MAX_QUESTIONS;
  private rng = new Rng(0);
  private current: TwentyQObject = TWENTY_Q_OBJECTS[0];
  private asked = 0;
  private over = false;
  /** The questions and answers of this game (what a pluggable partner reads). */
  private qa: QuestionAnswer[] = [];

  constructor() {
    this.reset({ seed: 0 });
  }

  /** The hidden object, for scripted and oracle policies (never part of any text the agent sees). */
  get hiddenObject(): TwentyQObject {
    return this.current;
  }

  /** Questions asked so far in this game. */
  get questionsAsked(): number {
    return this.asked;
  }

  /**
   * Starts a game with the object `options.object`, or `TWENTY_Q_OBJECTS[seed mod 158]` with
   * `options.deterministic`, or one drawn uniformly with the env's RNG (re-seeded when `seed` is given;
   * without a seed the env's stream continues). Returns ["Questions:\n"]. Throws on unknown options,
   * an unknown object, or deterministic mode without a seed.
   */
  reset(args: ResetArgs<TwentyQuestionsResetOptions> = {}): History {
    ({ item: this.current, rng: this.rng } = chooseHidden(args, this.rng, OBJECT_TARGETS));
    this.asked = 0;
    this.over = false;
    this.qa = [];
    return [INITIAL_TEXT];
  }

  step(history: History): StepResult {
    const { prefix, question } = lastQuestion(history, this.id);
    if (this.over) return afterEnd(history);
    const reply = answerQuestion(this.current, question);
    // The oracle's reading depends on the question only (interpretQuestion), never on the object.
    return this.answer(prefix, question, reply.answer, { understood: reply.understood, attribute: reply.attribute });
  }

  /**
   * The turn with a pluggable partner (src/core/partner.ts) in place of the oracle: the partner gets the
   * object's variants, the question and the game so far; its reply counts as the reference's oracle
   * output does (`oracle.py`): lower-cased, "Yes." when it starts with "yes", otherwise "No.". The
   * reference's sentinel question "Is this a valid question?" is answered "No." without asking.
   */
  partnerTurn(history: History): StepResult | PartnerTurn {
    const { prefix, question } = lastQuestion(history, this.id);
    if (this.over) return afterEnd(history);
    if (question === INVALID_QUESTION) return this.answer(prefix, question, "No.", { understood: false, partner: true });
    return {
      request: { row: "twenty-questions", object: this.current.name, variants: [...this.current.variants], question, previous: [...this.qa] },
      finish: (reply) => this.answer(prefix, question, partnerAnswer(reply), { partner: true, partnerReply: reply }),
    };
  }

  /** Ends a question with `answer`: reward, success and the cap. */
  private answer(prefix: Text[], question: string, answer: OracleReply, extra: Record<string, unknown>): StepResult {
    this.asked++;
    this.qa.push({ question, answer });
    // env/data.py `create_trajectory_from_history`: a guess counts only when the oracle said "Yes."
    // (the tagger runs only then, and the oracle never says "Yes." to more than 400 characters).
    const guessed = answer === "Yes." && isCorrectGuess(this.current, question);
    // Done at the correct guess or at the 20th question, as in the reference (`done = word_guessed or
    // conversation_len == max_conversation_len`): the cap is a rule of the game, visible in the history.
    this.over = guessed || this.asked >= MAX_QUESTIONS;
    prefix.push(ANSWER_TEXTS[answer]);
    return {
      history: prefix,
      reward: guessed ? REWARD_CORRECT_GUESS : REWARD_QUESTION,
      terminated: this.over,
      truncated: false,
      info: {
        success: guessed,
        invalidAction: !isValidQuestion(question),
        ...extra,
        questionsAsked: this.asked,
      },
    };
  }
}

/**
 * A partner's reply as the oracle's answer, the reference's post-processing (`oracle.py`): the output
 * lower-cased; "Yes." when it starts with "yes" (regex `^yes`), otherwise "No." (`^no` and anything else).
 *
 * @example
 * partnerAnswer("Yes, it is."); // "Yes."
 * partnerAnswer("Maybe");       // "No."
 */
export function partnerAnswer(reply: string): OracleReply {
  return /^yes/.test(reply.toLowerCase()) ? "Yes." : "No.";
}

function afterEnd(history: History): StepResult {
  return {
    history: [...history, ANSWER_TEXTS["No."]],
    reward: 0,
    terminated: true,
    truncated: false,
    info: { success: false, invalidAction: true, invalidReason: "the game is over; call reset()", afterEnd: true, understood: false },
  };
}
