/**
 * The correct-guess rule of Twenty Questions, a port of the reference's `is_done`
 * (`llm_rl_scripts/twenty_questions/env/data.py`, github.com/abdulhaim/LMRL-Gym; LMRL-Gym paper,
 * App. C.6): a question is a correct guess when, after trailing non-letters are cut and it is
 * lower-cased and POS-tagged, it names no noun other than the object's own words (or "object",
 * "something", "type", "kind", or a counter noun directly before "of") and ends with one of the
 * object's variants. The reference tags with NLTK (Penn NN*); this port tags with wink-nlp's English
 * lite model (Universal POS: NOUN and PROPN), loaded once per process on first use.
 *
 * @example
 * const cat = findTwentyQObject("Cat")!;
 * isCorrectGuess(cat, "Is it a cat?");         // true
 * isCorrectGuess(cat, "Is it a cat or a dog?"); // false: "dog" is another noun
 * isCorrectGuess(cat, "Is it an animal?");     // false
 */
import { createRequire } from "node:module";
import type { Model, PartOfSpeech, WinkMethods } from "wink-nlp";
import { projectPath } from "../../core/paths";
import { TWENTY_Q_OBJECTS, type TwentyQObject } from "./objects";

/** One token of a question: its lower-cased text and whether the tagger calls it a noun. */
export interface TaggedToken {
  readonly word: string;
  readonly noun: boolean;
}

/** Nouns the reference ignores in a guess besides the object's own words (`is_done`'s `ignores`). */
const IGNORED_NOUNS: readonly string[] = ["object", "something", "type", "kind"];

/**
 * Tag overrides, limited to the objects' own words: a word listed here is tagged as given whatever
 * wink says. Empty: the rule ignores every object word as a noun, so a mis-tag of one (wink tags the
 * "can" of "watering can" AUX, "set" of "lego set" VERB, "key" ADJ) cannot change a verdict, and the
 * test over all 158 objects' variants in three question forms passes without overrides. Kept as the
 * one documented place to put a fix; {@link checkOverrides} enforces the limit.
 */
export const TAG_OVERRIDES: Readonly<Record<string, PartOfSpeech>> = Object.freeze({});

/** Every lower-cased word of every variant of every object (the only words an override may name). */
const OBJECT_WORDS: ReadonlySet<string> = new Set(TWENTY_Q_OBJECTS.flatMap((o) => o.variants.flatMap((v) => v.toLowerCase().split(/\s+/))));

/** Throws when an override names a word that is not one of the objects' own words. */
export function checkOverrides(overrides: Readonly<Record<string, string>> = TAG_OVERRIDES): void {
  for (const w of Object.keys(overrides)) {
    if (!OBJECT_WORDS.has(w)) throw new Error(`twenty-questions TAG_OVERRIDES: "${w}" is not a word of any object's variants; overrides are limited to the objects' own words`);
  }
}

/** Load time of the tagger (ms, the two `require`s plus pipeline set-up), once it has loaded. */
export interface TaggerLoadInfo {
  readonly loadMs: number;
}

let wink: WinkMethods | undefined;
let loadInfo: TaggerLoadInfo | undefined;

/**
 * The wink-nlp pipeline with only the POS tagger, loaded on first call and kept for the process.
 * Throws, naming the fix, when the two npm packages are missing (a broken install, not bad input).
 */
function tagger(): WinkMethods {
  if (wink) return wink;
  checkOverrides();
  const t0 = performance.now();
  let make: (model: Model, pipe?: string[]) => WinkMethods;
  let model: Model;
  try {
    // `require` through the kit's root: src/ runs both as ESM (tsx) and compiled to CommonJS (tslab).
    const req = createRequire(projectPath("package.json"));
    make = req("wink-nlp") as typeof make;
    model = req("wink-eng-lite-web-model") as Model;
  } catch (e) {
    throw new Error(`twenty-questions: cannot load the POS tagger (npm packages wink-nlp and wink-eng-lite-web-model): ${(e as Error).message}. Run \`npm ci\` in the kit.`);
  }
  wink = make(model, ["pos"]);
  loadInfo = { loadMs: performance.now() - t0 };
  return wink;
}

/** How long the tagger took to load, or undefined before its first use in this process. */
export function taggerLoadInfo(): TaggerLoadInfo | undefined {
  return loadInfo;
}

/**
 * Tokenises and POS-tags `text` as it is (the caller lower-cases), with {@link TAG_OVERRIDES}
 * applied. Whitespace tokens are dropped, as NLTK's `word_tokenize` drops whitespace.
 *
 * @example
 * tagTokens("is it a cat or a dog").filter((t) => t.noun).map((t) => t.word); // ["cat", "dog"]
 */
export function tagTokens(text: string): TaggedToken[] {
  const nlp = tagger();
  const doc = nlp.readDoc(text);
  const words = doc.tokens().out(nlp.its.value) as string[];
  const tags = doc.tokens().out(nlp.its.pos) as string[];
  const out: TaggedToken[] = [];
  for (let i = 0; i < words.length; i++) {
    const tag = TAG_OVERRIDES[words[i]] ?? tags[i];
    if (tag === "SPACE") continue;
    out.push({ word: words[i], noun: tag === "NOUN" || tag === "PROPN" });
  }
  return out;
}

/** Python's `str.isalpha` on one code point: Unicode letters (categories Lu, Ll, Lt, Lm, Lo). */
const LETTER = /^\p{L}$/u;

/**
 * The question with every trailing non-letter cut, as the reference's `while not question[-1].isalpha()`
 * loop (a backwards scan: linear even on 100k characters of punctuation).
 */
export function stripTrailingNonLetters(question: string): string {
  let end = question.length;
  while (end > 0) {
    const lo = question.charCodeAt(end - 1);
    // A low surrogate with its high surrogate before it is one code point (an astral letter or not).
    const pair = lo >= 0xdc00 && lo <= 0xdfff && end >= 2 && question.charCodeAt(end - 2) >= 0xd800 && question.charCodeAt(end - 2) <= 0xdbff;
    const cp = question.slice(pair ? end - 2 : end - 1, end);
    if (LETTER.test(cp)) break;
    end -= pair ? 2 : 1;
  }
  return question.slice(0, end);
}

/** Each object's variants as lower-cased token lists (the reference's `WordVariants.pos_tags`, words only), built on first use. */
const variantTokens = new Map<TwentyQObject, readonly (readonly string[])[]>();

function tokensOf(object: TwentyQObject): readonly (readonly string[])[] {
  let t = variantTokens.get(object);
  if (!t) variantTokens.set(object, (t = object.variants.map((v) => tagTokens(v.toLowerCase()).map((x) => x.word))));
  return t;
}

/**
 * Longest question the rule tags (characters after cutting trailing non-letters); longer ones are no
 * guess. The env tags only questions its oracle answered "Yes." (≤ 400 characters, the oracle's own
 * limit), so this bound only keeps a direct call on a huge string cheap.
 */
export const MAX_GUESS_CHARS = 400;

/**
 * True when `question` is a correct guess of `object` by the reference's `is_done` rule (it does not
 * look at the oracle's answer: the env also requires "Yes."). Never throws on any string.
 *
 * @example
 * isCorrectGuess(findTwentyQObject("Pants")!, "Is the object a pair of pants?"); // true
 * isCorrectGuess(findTwentyQObject("Knife")!, "Is it something you find in a kitchen?"); // false
 */
export function isCorrectGuess(object: TwentyQObject, question: string): boolean {
  if (typeof question !== "string") return false;
  const q = stripTrailingNonLetters(question);
  if (q.length === 0 || q.length > MAX_GUESS_CHARS) return false;
  const tagged = tagTokens(q.toLowerCase());
  const variants = tokensOf(object);
  const ignores = new Set(IGNORED_NOUNS);
  for (const v of variants) for (const w of v) ignores.add(w);
  // Any other noun makes it no guess, unless it is a counter noun right before "of" ("pair of").
  for (let i = 0; i < tagged.length; i++) {
    if (tagged[i].noun && !ignores.has(tagged[i].word) && tagged[i + 1]?.word !== "of") return false;
  }
  // The question must end with one of the variants' token sequences.
  return variants.some((v) => v.length <= tagged.length && v.every((w, j) => tagged[tagged.length - v.length + j].word === w));
}
