/**
 * Wordle game rules of the reference simulator (`llm_rl_scripts/wordle/env/game.py`): a vocabulary with
 * precomputed per-letter bitsets, the per-letter knowledge state (NOT_HERE / POSSIBLE / HERE at each of
 * 5 positions), its update rule, the consistency test and the g/y/b feedback it renders. Sets of words
 * are bitsets over vocabulary indices, so filtering the consistent words is a few ANDs.
 *
 * @example
 * const vocab = Vocabulary.fromWords(["crane", "slate", "crank"]);
 * const k = Knowledge.initial();
 * k.update("slate", "crank");
 * k.feedbackPattern("slate");           // "bbybb"
 * vocab.wordsOf(k.consistentSet(vocab)); // ["crane", "crank"]
 */
import { readFileSync } from "node:fs";
import { projectPath } from "../../core/paths";

/** Letters per word. */
export const WORD_LENGTH = 5;
/** Guesses per game; the game ends after the 6th (reference `game.py`). */
export const MAX_GUESSES = 6;
/** Knowledge values of one letter at one position (the reference's `CharKnowledge`). */
export const NOT_HERE = 0;
export const POSSIBLE = 1;
export const HERE = 2;
/** Base-3 code of a letter whose 5 positions are all POSSIBLE (nothing known). */
const ALL_POSSIBLE_CODE = 1 + 3 + 9 + 27 + 81;
const A = 97;

/** The benchmark vocabulary file (reference `llm_rl_scripts/wordle/vocab/`; 431 words although the paper says "400"). */
export const BENCHMARK_VOCABULARY_FILE = "wordle_official_400.txt";

/** True for a 5-letter string of a–z (the reference's length and alphabet rules). */
export function isWordShape(s: string): boolean {
  if (s.length !== WORD_LENGTH) return false;
  for (let i = 0; i < WORD_LENGTH; i++) {
    const c = s.charCodeAt(i);
    if (c < A || c > A + 25) return false;
  }
  return true;
}

/** Number of set bits in a 32-bit integer. */
function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A word list with the lookups the game needs: index by word, letter codes, and bitsets of the words
 * holding a letter at a position or anywhere. Build once and share (it is immutable).
 */
export class Vocabulary {
  readonly words: readonly string[];
  /** Uint32 blocks per bitset. */
  readonly blocks: number;
  /** `codes[w * 5 + i]` = letter index (0–25) of word w at position i. */
  readonly codes: Uint8Array;
  private readonly indexOf: Map<string, number>;
  /** Cache of words satisfying one letter's knowledge, keyed `letter * 243 + code`. */
  private readonly letterSets = new Map<number, Uint32Array>();
  private patternTable: Uint8Array | undefined;

  private constructor(words: readonly string[]) {
    this.words = Object.freeze([...words]);
    this.blocks = Math.ceil(words.length / 32);
    this.codes = new Uint8Array(words.length * WORD_LENGTH);
    this.indexOf = new Map();
    words.forEach((w, i) => {
      for (let p = 0; p < WORD_LENGTH; p++) this.codes[i * WORD_LENGTH + p] = w.charCodeAt(p) - A;
      this.indexOf.set(w, i);
    });
  }

  /**
   * A vocabulary from a word list. Every word must be 5 letters a–z; duplicates are rejected.
   *
   * @example
   * Vocabulary.fromWords(["crane", "slate"]).size; // 2
   */
  static fromWords(words: readonly string[]): Vocabulary {
    if (words.length === 0) throw new Error("Vocabulary.fromWords: the word list is empty; pass at least one 5-letter word");
    const seen = new Set<string>();
    for (const w of words) {
      if (!isWordShape(w)) throw new Error(`Vocabulary.fromWords: "${w}" is not 5 lowercase letters a-z; clean the list first`);
      if (seen.has(w)) throw new Error(`Vocabulary.fromWords: "${w}" appears twice; vocabulary words must be unique`);
      seen.add(w);
    }
    return new Vocabulary(words);
  }

  /**
   * Parses a vocabulary file the way the reference does (`Vocabulary.from_file`): strip each line and
   * keep only lines of length 5. Duplicates keep their first occurrence.
   *
   * @example
   * Vocabulary.parse("crane\nslate\n\nx\n").words; // ["crane", "slate"]
   */
  static parse(text: string): Vocabulary {
    const words: string[] = [];
    const seen = new Set<string>();
    for (const line of text.split("\n")) {
      const w = line.trim();
      if (w.length === WORD_LENGTH && !seen.has(w)) {
        seen.add(w);
        words.push(w);
      }
    }
    return Vocabulary.fromWords(words);
  }

  /**
   * Loads a shipped list from `data/wordle/` (default: the benchmark's 431-word vocabulary).
   *
   * @example
   * Vocabulary.load().size; // 431
   */
  static load(file: string = BENCHMARK_VOCABULARY_FILE): Vocabulary {
    const path = projectPath("data", "wordle", file);
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      throw new Error(`Vocabulary.load: cannot read ${path} (${(e as Error).message}); the lists ship in data/wordle/`);
    }
    return Vocabulary.parse(text);
  }

  get size(): number {
    return this.words.length;
  }

  /** Vocabulary index of a word, or -1. */
  index(word: string): number {
    return this.indexOf.get(word) ?? -1;
  }

  has(word: string): boolean {
    return this.indexOf.has(word);
  }

  /** A bitset with every vocabulary word set. */
  fullSet(): Uint32Array {
    const s = new Uint32Array(this.blocks);
    for (let i = 0; i < this.size; i++) s[i >>> 5] |= 1 << (i & 31);
    return s;
  }

  /**
   * Words satisfying one letter's knowledge (the reference's `CharState.word_satisfies`), cached.
   * `code` is the base-3 encoding Σ k_i·3^i of the letter's 5 position values.
   */
  letterSet(letter: number, code: number): Uint32Array {
    const key = letter * 243 + code;
    let s = this.letterSets.get(key);
    if (s) return s;
    s = new Uint32Array(this.blocks);
    const k = [0, 0, 0, 0, 0];
    for (let i = 0, c = code; i < WORD_LENGTH; i++, c = Math.floor(c / 3)) k[i] = c % 3;
    for (let w = 0; w < this.size; w++) {
      if (letterSatisfied(k, letter, this.codes, w * WORD_LENGTH)) s[w >>> 5] |= 1 << (w & 31);
    }
    this.letterSets.set(key, s);
    return s;
  }

  /** Number of words in a bitset. */
  count(set: Uint32Array): number {
    let n = 0;
    for (let b = 0; b < set.length; b++) if (set[b] !== 0) n += popcount32(set[b]);
    return n;
  }

  /** The vocabulary indices in a bitset, ascending. */
  indices(set: Uint32Array): number[] {
    const out: number[] = [];
    for (let b = 0; b < set.length; b++) {
      let x = set[b];
      while (x !== 0) {
        const low = x & -x;
        out.push(b * 32 + 31 - Math.clz32(low));
        x ^= low;
      }
    }
    return out;
  }

  /** The words in a bitset, in vocabulary order. */
  wordsOf(set: Uint32Array): string[] {
    return this.indices(set).map((i) => this.words[i]);
  }

  /** The index of the k-th (0-based) set bit of a bitset, or -1 when it has fewer than k+1 bits. */
  nth(set: Uint32Array, k: number): number {
    for (let b = 0; b < set.length; b++) {
      const n = set[b] === 0 ? 0 : popcount32(set[b]);
      if (k < n) {
        let x = set[b];
        for (; k > 0; k--) x &= x - 1;
        return b * 32 + 31 - Math.clz32(x & -x);
      }
      k -= n;
    }
    return -1;
  }

  /**
   * `table[g * size + t]` = feedback pattern code of guess g against target t (see
   * {@link feedbackPatternCode}); built on first use (size² bytes, 186 KB for the benchmark list).
   */
  patterns(): Uint8Array {
    if (this.patternTable) return this.patternTable;
    const n = this.size;
    const table = new Uint8Array(n * n);
    for (let g = 0; g < n; g++) {
      for (let t = 0; t < n; t++) table[g * n + t] = patternCodeOf(this.codes, g * WORD_LENGTH, t * WORD_LENGTH);
    }
    return (this.patternTable = table);
  }
}

/** The reference's `word_satisfies` for one letter with position knowledge `k` against a word. */
function letterSatisfied(k: readonly number[], letter: number, codes: Uint8Array, off: number): boolean {
  let allPossible = true;
  let allNotHere = true;
  for (let i = 0; i < WORD_LENGTH; i++) {
    if (k[i] !== POSSIBLE) allPossible = false;
    if (k[i] !== NOT_HERE) allNotHere = false;
  }
  let contains = false;
  for (let i = 0; i < WORD_LENGTH; i++) if (codes[off + i] === letter) contains = true;
  if (allPossible) return true;
  if (allNotHere) return !contains;
  for (let i = 0; i < WORD_LENGTH; i++) {
    if (k[i] === HERE && codes[off + i] !== letter) return false;
    if (k[i] === NOT_HERE && codes[off + i] === letter) return false;
  }
  return contains;
}

/**
 * Feedback pattern of a guess against a target as a base-3 code Σ v_i·3^i with b=0, y=1, g=2:
 * g where the letters match, y where the guess letter occurs elsewhere in the target, b otherwise.
 * This equals what {@link Knowledge.feedbackPattern} renders after the update (the knowledge is only
 * ever refined, never contradicted), including its duplicate-letter behaviour.
 */
function patternCodeOf(codes: Uint8Array, g: number, t: number): number {
  let code = 0;
  for (let i = WORD_LENGTH - 1; i >= 0; i--) {
    const c = codes[g + i];
    let v = 0;
    if (codes[t + i] === c) v = 2;
    else {
      for (let j = 0; j < WORD_LENGTH; j++) if (codes[t + j] === c) v = 1;
    }
    code = code * 3 + v;
  }
  return code;
}

/** Pattern code → "bybbg"-style string. */
export function patternString(code: number): string {
  let s = "";
  for (let i = 0; i < WORD_LENGTH; i++, code = Math.floor(code / 3)) s += "byg"[code % 3];
  return s;
}

/**
 * Feedback pattern code of `guess` against `target` (both 5 letters a–z); see {@link patternString}.
 *
 * @example
 * patternString(feedbackPatternCode("eerie", "abbey")); // "yybby"
 */
export function feedbackPatternCode(guess: string, target: string): number {
  if (!isWordShape(guess) || !isWordShape(target)) {
    throw new Error(`feedbackPatternCode: "${guess}" and "${target}" must both be 5 letters a-z`);
  }
  const codes = new Uint8Array(10);
  for (let i = 0; i < WORD_LENGTH; i++) {
    codes[i] = guess.charCodeAt(i) - A;
    codes[5 + i] = target.charCodeAt(i) - A;
  }
  return patternCodeOf(codes, 0, 5);
}

/**
 * What has been learned about the hidden word: for each of the 26 letters a 5-vector of
 * NOT_HERE / POSSIBLE / HERE (the reference's `WordleState`). Mutable; {@link clone} before branching.
 */
export class Knowledge {
  /** `cells[letter * 5 + position]`. */
  readonly cells: Uint8Array;

  private constructor(cells: Uint8Array) {
    this.cells = cells;
  }

  /** Nothing known: every letter POSSIBLE everywhere. */
  static initial(): Knowledge {
    return new Knowledge(new Uint8Array(26 * WORD_LENGTH).fill(POSSIBLE));
  }

  clone(): Knowledge {
    return new Knowledge(this.cells.slice());
  }

  /**
   * The reference's update rule (`transition_state` in `game.py`), letter by letter in guess order:
   * guess letter c at position i vs target t: c == t[i] → HERE at i; else c in t → NOT_HERE at i; else
   * NOT_HERE at all 5 positions. Both words must be 5 letters a–z.
   */
  update(guess: string, target: string): void {
    for (let i = 0; i < WORD_LENGTH; i++) {
      const c = guess.charCodeAt(i);
      const base = (c - A) * WORD_LENGTH;
      if (target.charCodeAt(i) === c) this.cells[base + i] = HERE;
      else if (target.indexOf(guess[i]) >= 0) this.cells[base + i] = NOT_HERE;
      else this.cells.fill(NOT_HERE, base, base + WORD_LENGTH);
    }
  }

  /**
   * Applies a rendered feedback (`transition_from_str`): g → HERE at i, y → NOT_HERE at i, b → NOT_HERE
   * at all positions. Returns false (and changes nothing) if `feedback` is not 5 of g/y/b.
   */
  applyFeedback(guess: string, feedback: string): boolean {
    if (feedback.length !== WORD_LENGTH) return false;
    for (let i = 0; i < WORD_LENGTH; i++) {
      const f = feedback[i];
      if (f !== "g" && f !== "y" && f !== "b") return false;
    }
    for (let i = 0; i < WORD_LENGTH; i++) {
      const base = (guess.charCodeAt(i) - A) * WORD_LENGTH;
      const f = feedback[i];
      if (f === "g") this.cells[base + i] = HERE;
      else if (f === "y") this.cells[base + i] = NOT_HERE;
      else this.cells.fill(NOT_HERE, base, base + WORD_LENGTH);
    }
    return true;
  }

  /** Base-3 code Σ k_i·3^i of one letter's knowledge. */
  letterCode(letter: number): number {
    const b = letter * WORD_LENGTH;
    const k = this.cells;
    return k[b] + 3 * k[b + 1] + 9 * k[b + 2] + 27 * k[b + 3] + 81 * k[b + 4];
  }

  /** Whether a 5-letter word is consistent with everything known (`word_in_state`). */
  satisfies(word: string): boolean {
    const codes = new Uint8Array(WORD_LENGTH);
    for (let i = 0; i < WORD_LENGTH; i++) codes[i] = word.charCodeAt(i) - A;
    for (let letter = 0; letter < 26; letter++) {
      const b = letter * WORD_LENGTH;
      if (!letterSatisfied(Array.from(this.cells.subarray(b, b + WORD_LENGTH)), letter, codes, 0)) return false;
    }
    return true;
  }

  /** Bitset of the vocabulary words consistent with this knowledge (AND of cached per-letter sets). */
  consistentSet(vocab: Vocabulary): Uint32Array {
    const out = vocab.fullSet();
    for (let letter = 0; letter < 26; letter++) {
      const code = this.letterCode(letter);
      if (code === ALL_POSSIBLE_CODE) continue;
      const s = vocab.letterSet(letter, code);
      for (let b = 0; b < out.length; b++) out[b] &= s[b];
    }
    return out;
  }

  /**
   * The feedback letters for `guess` rendered from the accumulated knowledge (as in `game.py`): `g` if
   * HERE at that position, `b` if the letter is NOT_HERE everywhere, `y` if NOT_HERE at that position
   * (checked in that order; a position still POSSIBLE renders nothing, as in the reference — it cannot
   * happen right after `update` with the same guess).
   */
  feedbackPattern(guess: string): string {
    let s = "";
    for (let i = 0; i < WORD_LENGTH; i++) {
      const base = (guess.charCodeAt(i) - A) * WORD_LENGTH;
      const k = this.cells;
      if (k[base + i] === HERE) s += "g";
      else if (k[base] + k[base + 1] + k[base + 2] + k[base + 3] + k[base + 4] === NOT_HERE) s += "b";
      else if (k[base + i] === NOT_HERE) s += "y";
    }
    return s;
  }

  /** A compact string key of the whole state (26 base-3 letter codes), for caches. */
  key(): string {
    let s = "";
    for (let letter = 0; letter < 26; letter++) s += String.fromCharCode(48 + this.letterCode(letter));
    return s;
  }
}
