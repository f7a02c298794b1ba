/**
 * The oracle's answers as the env writes them, memoised. `answerCityQuestion` (oracle.ts) is a pure
 * function of (city, question), so the env, the scripted askers (behaviour.ts) and the dataset
 * generator share one table of answers per question: an asker that filters the 100 cities by the
 * answers so far (LMRL-Gym paper App. C.7: the oracle answers "about a given city" in free text) asks
 * the oracle once per (question, city), and the env's own call for a question already asked is a
 * lookup. The memo only changes speed, never an answer (tests/tasks/guess-my-city-row.test.ts).
 *
 * @example
 * cityAnswer(findCity("Jakarta")!, "Is it in Asia?").answer; // "Yes." (the same object on the next call)
 * answerLine("Yes.");                                        // "Yes.\n"
 */
import { CITIES, type City } from "./cities";
import { answerCityQuestion, type CityAnswer } from "./oracle";

/** Questions longer than this are answered without the memo (fuzz inputs, never the scripted askers' questions). */
const MEMO_MAX_CHARS = 300;
/** The memo is emptied when it holds this many distinct questions (bounds its memory at ~a few hundred MB worst case). */
const MEMO_MAX_QUESTIONS = 20_000;

const memo = new Map<string, (CityAnswer | undefined)[]>();

/**
 * The oracle's answer to `question` about `city` ({@link answerCityQuestion}), memoised per question.
 *
 * @example
 * cityAnswer(CITIES[0], "What continent is your city on?").answer; // "It is in Asia."
 */
export function cityAnswer(city: City, question: string): CityAnswer {
  if (question.length > MEMO_MAX_CHARS) return answerCityQuestion(city, question);
  let row = memo.get(question);
  if (!row) {
    if (memo.size >= MEMO_MAX_QUESTIONS) memo.clear();
    row = new Array<CityAnswer | undefined>(CITIES.length);
    memo.set(question, row);
  }
  const i = city.rank - 1;
  return (row[i] ??= answerCityQuestion(city, question));
}

/**
 * One line of answer text as the env writes it: newlines inside the oracle's answer become spaces,
 * and it ends in "\n".
 *
 * @example
 * answerLine("Yes.\nIt is hot."); // "Yes. It is hot.\n"
 */
export function answerLine(answer: string): string {
  return `${answer.replace(/[\r\n]+/g, " ")}\n`;
}
