/**
 * A reader for the original benchmark's Guess My City files (LMRL-Gym paper App. C.7; reference
 * `llm_rl_scripts/guess_city/env/data.py`, github.com/abdulhaim/LMRL-Gym, which reads
 * `guess-my-city/train.json`, `guess_my_city_train_bc.json` and `guess_my_city_eval_bc.json`). The files
 * use the Twenty Questions format: one JSON array of conversations,
 *
 *     [{"lines": ["What continent is your city on? It is in Asia.", ...], "correct": true, "word": "jakarta,indonesia"}, ...]
 *
 * where `word` is "city,country" (the reference loader lower-cases it: "sao paulo,brazil") or a list of
 * variants. As in `split_question_answer` there, a line splits at its LAST "? " into the question (with
 * its "?") and the answer; as in `create_trajectory_from_conversation`, every question is an action with
 * reward −1, the last one 0 when `correct`, and a conversation that is not correct and has fewer than 20
 * lines is cut off (`done` false). The raw generator files (`env/generate_cities_data.py`:
 * `{"conversation": [...], "done": bool, "word": ...}`) are read the same way, and so is a file of one
 * such object per line.
 *
 * Errors name `file:line: field: problem`, the line being where the record starts.
 *
 * @example
 * for await (const t of readReferenceGuessMyCity("guess-my-city/train.json")) console.log(t.meta?.city, t.meta?.success);
 */
import { createReadStream } from "node:fs";
import { checkReadableFile, RecordError } from "../../core/dataset";
import { act, obs } from "../../core/text";
import type { Text, Trajectory } from "../../core/types";
import { findCity } from "./cities";
import { GUESS_MY_CITY_ENV_ID, INITIAL_TEXT_STR, MAX_QUESTIONS } from "./env";

/**
 * Splits a conversation line at its last "? " (the reference's `split_question_answer`); undefined when
 * the line holds no "? ".
 *
 * @example
 * splitQuestionAnswer("Is it hot? Yes? Mostly."); // { question: "Is it hot? Yes?", answer: "Mostly." }
 */
export function splitQuestionAnswer(line: string): { question: string; answer: string } | undefined {
  const k = line.lastIndexOf("? ");
  if (k < 0) return undefined;
  return { question: line.slice(0, k + 1), answer: line.slice(k + 2) };
}

/** The city a reference `word` names ("sao paulo,brazil", or a list of such strings), if any. */
function cityOfWord(word: unknown): string | undefined {
  const words = typeof word === "string" ? [word] : Array.isArray(word) ? word : [];
  for (const w of words) {
    if (typeof w !== "string") continue;
    const c = findCity(w.split(",")[0]) ?? findCity(w);
    if (c) return c.name;
  }
  return undefined;
}

/**
 * Converts one parsed reference conversation into a {@link Trajectory}; throws {@link RecordError}
 * (`file:line: field: problem`). Meta: `success` (= `correct`), `word` as written, `city` (the file's
 * name of the city `word` names, when it names one of the 100) and `source: "reference"`.
 *
 * @example
 * referenceConversationToTrajectory({ lines: ["Is it in Asia? Yes."], correct: false, word: "tokyo,japan" }, "f.json", 1).done; // false
 */
export function referenceConversationToTrajectory(value: unknown, file: string, line: number): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new RecordError(file, line, field, problem);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("(record)", `expected a JSON object {"lines", "correct", "word"}, got ${JSON.stringify(value)?.slice(0, 80)}`);
  const v = value as Record<string, unknown>;
  const linesKey = "lines" in v ? "lines" : "conversation" in v ? "conversation" : "lines";
  const correctKey = linesKey === "conversation" && !("correct" in v) ? "done" : "correct";
  const lines = v[linesKey];
  if (!Array.isArray(lines)) fail(linesKey, `expected an array of "Question? Answer" strings, got ${JSON.stringify(lines)?.slice(0, 80)}`);
  const correct = v[correctKey];
  if (typeof correct !== "boolean") fail(correctKey, `expected true or false, got ${JSON.stringify(correct)?.slice(0, 80)}`);
  if ("word" in v && typeof v.word !== "string" && !(Array.isArray(v.word) && v.word.every((w) => typeof w === "string"))) {
    fail("word", `expected "city,country" or a list of strings, got ${JSON.stringify(v.word)?.slice(0, 80)}`);
  }
  const texts: Text[] = [obs(INITIAL_TEXT_STR)];
  const rewards: number[] = [0];
  (lines as unknown[]).forEach((l, i) => {
    if (typeof l !== "string") return fail(`${linesKey}[${i}]`, `expected a string, got ${JSON.stringify(l)?.slice(0, 80)}`);
    const qa = splitQuestionAnswer(l);
    if (!qa) return fail(`${linesKey}[${i}]`, `no "? " separates the question from the answer in ${JSON.stringify(l.slice(0, 120))}`);
    texts.push(act(`${qa.question}\n`), obs(`${qa.answer}\n`));
    rewards.push(-1, 0);
  });
  const n = (lines as unknown[]).length;
  if (correct === true) {
    if (n === 0) fail(correctKey, "is true but the conversation has no lines (no guess to count as correct)");
    rewards[rewards.length - 2] = 0;
  }
  const city = cityOfWord(v.word);
  return {
    task: GUESS_MY_CITY_ENV_ID,
    texts,
    rewards,
    // Cut off, not lost: a conversation that stopped before 20 questions without the right guess.
    done: correct === true || n >= MAX_QUESTIONS,
    meta: { success: correct, ...(v.word !== undefined ? { word: v.word } : {}), ...(city ? { city } : {}), source: "reference" },
  };
}

/**
 * Streams the top-level records of a JSON file holding one array of objects (or objects one after
 * another, e.g. one per line) with the line each record starts on, without holding the whole file as
 * one string. Syntax errors name the record's `file:line`; bytes that are not UTF-8 fail too.
 *
 * @example
 * for await (const { line, value } of jsonRecords("train.json")) ...
 */
export async function* jsonRecords(path: string): AsyncGenerator<{ line: number; value: unknown }> {
  checkReadableFile(path);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  /** "start": before the first token; "gap": between records; "after": after a record in an array; "end": after the array. */
  let state: "start" | "gap" | "after" | "in" | "end" = "start";
  let inArray = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let startLine = 0;
  let parts: string[] = [];
  let records = 0;
  const finish = (text: string): { line: number; value: unknown } => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new RecordError(path, startLine, "(json)", (e as Error).message);
    }
    records++;
    return { line: startLine, value };
  };
  const bad = (what: string): never => {
    throw new RecordError(path, line, "(file)", what);
  };
  for await (const chunk of createReadStream(path)) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new RecordError(path, line, "(encoding)", "is not valid UTF-8; the file is corrupted or not a reference JSON file");
    }
    let from = state === "in" ? 0 : -1; // where the current record's text starts in this chunk
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (state === "in") {
        if (inString) {
          if (escaped) escaped = false;
          else if (ch === 92 /* \ */) escaped = true;
          else if (ch === 34 /* " */) inString = false;
          // JSON strings hold no raw line breaks: a quote is missing (or one too many) on this line.
          else if (ch === 10) throw new RecordError(path, startLine, "(json)", `a string is not closed at the end of line ${line}`);
          continue;
        }
        if (ch === 34) inString = true;
        else if (ch === 123 || ch === 91) depth++;
        else if (ch === 125 || ch === 93) {
          depth--;
          if (depth === 0) {
            parts.push(text.slice(from, i + 1));
            const record = parts.join("");
            parts = [];
            from = -1;
            state = inArray ? "after" : "gap";
            yield finish(record);
          }
        } else if (ch === 10) line++;
        continue;
      }
      if (ch === 10) {
        line++;
        continue;
      }
      if (ch === 32 || ch === 9 || ch === 13) continue;
      if (state === "end") bad(`unexpected ${JSON.stringify(text[i])} after the closing "]" of the array`);
      if (state === "start" && ch === 91 /* [ */) {
        inArray = true;
        state = "gap";
        continue;
      }
      if (state === "after") {
        if (ch === 44 /* , */) state = "gap";
        else if (ch === 93 /* ] */) state = "end";
        else bad(`expected "," or "]" after the record ending here, got ${JSON.stringify(text[i])}`);
        continue;
      }
      if (inArray && state === "gap" && ch === 93 && records === 0) {
        state = "end";
        continue;
      }
      if (ch !== 123 /* { */) {
        bad(
          state === "start"
            ? `expected a JSON array of conversations ([{"lines": [...], "correct": ..., "word": ...}, ...]), got ${JSON.stringify(text[i])}`
            : `expected a conversation object ("{"), got ${JSON.stringify(text[i])}`,
        );
      }
      state = "in";
      depth = 1;
      startLine = line;
      from = i;
    }
    if (state === "in") parts.push(text.slice(from));
  }
  try {
    decoder.decode();
  } catch {
    throw new RecordError(path, line, "(encoding)", "ends inside a UTF-8 character; the file is truncated");
  }
  if (state === "in") throw new RecordError(path, startLine, "(json)", "the file ends inside this record; it is truncated");
  if (state === "start") throw new RecordError(path, line, "(file)", "is empty; expected a JSON array of conversations");
  if (inArray && state !== "end") throw new RecordError(path, line, "(file)", 'the array is not closed with "]"; the file is truncated');
}

/**
 * Streams the trajectories of a reference Guess My City file (JSON array, see the module comment).
 *
 * @example
 * for await (const t of readReferenceGuessMyCity("guess_my_city_eval_bc.json")) n++;
 */
export async function* readReferenceGuessMyCity(path: string): AsyncGenerator<Trajectory> {
  for await (const { line, value } of jsonRecords(path)) yield referenceConversationToTrajectory(value, path, line);
}
