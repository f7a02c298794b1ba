/**
 * Per-task word-level tokenizers, stored as Hugging Face `tokenizer.json` + `tokenizer_config.json` and
 * run with Transformers.js's tokenizer code (`@huggingface/tokenizers`, which Transformers.js v4 bundles).
 * A pre-token is a run of letters, one digit, one other symbol (each optionally led by ONE space) or one
 * whitespace character, so `"\n"` is always its own token (the turn delimiter and stop token, as the
 * reference scripts' `eos_token_id=tokenizer.encode('\n')[0]`), spaces live inside tokens (`" goal"`) and
 * `decode(encode(x)) === x` for every text made of known words.
 *
 * For text written by partners, people or LLMs (the dialogue rows), {@link buildSubwordTokenizer} builds
 * the second kind over the same pre-tokens and specials: BPE with byte fallback, which encodes any string
 * without `<|unk|>` and decodes it back exactly (lone surrogates become U+FFFD). Both kinds load through
 * {@link tokenizerFromJson} / {@link loadTokenizer} into the same {@link KitTokenizer}.
 *
 * @example
 * const json = buildTokenizer(["The goal is at position 8, 6.\n", "move up\n"]);
 * saveTokenizer("/tmp/tok", json);
 * const tok = await loadTokenizer("/tmp/tok");
 * tok.encode("move up\n");                   // [id("move"), id(" up"), newlineId]
 * tok.encodeTexts([obs("There are no walls near you.\n"), act("move up\n")]); // { ids, isAction, textEnds }
 */
import { Tokenizer } from "@huggingface/tokenizers";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../core/atomic";
import { projectPath } from "../core/paths";
import type { Text } from "../core/types";

/** The special tokens every kit tokenizer has, with their fixed ids 0..3. */
export const SPECIAL_TOKENS = {
  /** Padding (never attended to, never a target). */
  pad: "<|pad|>",
  /** End of turn / end of sequence. */
  eot: "<|eot|>",
  /** Any pre-token that is not in the vocabulary. */
  unk: "<|unk|>",
  /** Beginning of sequence (optional for callers). */
  bos: "<|bos|>",
} as const;

/**
 * The pre-tokenizer regex (Oniguruma syntax for the Rust `tokenizers` crate; Transformers.js translates it).
 * Alternatives, tried left to right: an optional space + a run of letters; an optional space + ONE digit;
 * an optional space + ONE other non-space symbol; ONE whitespace character (so "\n", a trailing space, or
 * the first of two spaces are tokens of their own).
 */
export const PRETOKENIZE_PATTERN = pretokenizePattern(1);

/**
 * The pre-tokenizer regex with runs of up to `digitRun` digits per pre-token instead of one (GPT-4's
 * cl100k pre-tokenizer takes 3). `pretokenizePattern(1)` is {@link PRETOKENIZE_PATTERN}. A subword
 * tokenizer built with `digitRun: 3` reads "$32,500" as "$", "32", ",", "500" and can merge a whole
 * group into one token, so a model that writes prices cannot drop or repeat a digit inside a group.
 *
 * @example
 * pretokenize("$77,000", pretokenizePattern(3)); // ["$", "77", ",", "000"]
 */
export function pretokenizePattern(digitRun: number): string {
  if (!Number.isInteger(digitRun) || digitRun < 1 || digitRun > 9) throw new Error(`pretokenizePattern: digitRun must be an integer from 1 to 9, got ${digitRun}`);
  const digits = digitRun === 1 ? "\\p{N}" : `\\p{N}{1,${digitRun}}`;
  return ` ?\\p{L}+| ?${digits}| ?[^\\p{White_Space}\\p{L}\\p{N}]|\\p{White_Space}`;
}

const REGEX_CACHE = new Map<string, RegExp>();
function pretokenizeRegex(pattern: string): RegExp {
  let re = REGEX_CACHE.get(pattern);
  if (!re) REGEX_CACHE.set(pattern, (re = new RegExp(pattern, "gu")));
  return re;
}
const SPECIAL_LIST: readonly string[] = [SPECIAL_TOKENS.pad, SPECIAL_TOKENS.eot, SPECIAL_TOKENS.unk, SPECIAL_TOKENS.bos];
const SPECIAL_SPLIT = new RegExp(`(${SPECIAL_LIST.map((s) => s.replace(/[|]/g, "\\|")).join("|")})`, "u");

/** The shape of the `tokenizer.json` this module writes (a subset of the Hugging Face format). */
export interface TokenizerJson {
  version: "1.0";
  truncation: null;
  padding: null;
  added_tokens: {
    id: number;
    content: string;
    single_word: boolean;
    lstrip: boolean;
    rstrip: boolean;
    normalized: boolean;
    special: boolean;
  }[];
  normalizer: null;
  pre_tokenizer: { type: "Split"; pattern: { Regex: string }; behavior: "Isolated"; invert: false };
  post_processor: null;
  decoder: { type: "Fuse" };
  model: { type: "WordLevel"; vocab: Record<string, number>; unk_token: string };
}

/** Options of {@link buildTokenizer}. */
export interface BuildTokenizerOptions {
  /** Pre-tokens seen fewer times than this are left out (they encode as `<|unk|>`). Default 1. */
  minCount?: number;
  /** Cap on the vocabulary size including special tokens; the most frequent pre-tokens are kept. */
  maxVocab?: number;
  /**
   * Pre-tokens always in the vocabulary even if unseen. Default: a lone space and the ten digits with
   * and without a leading space, so any number and any run of spaces can be written.
   */
  alwaysInclude?: readonly string[];
}

/** Ids, per-token action flags and Text boundaries of a tokenised history (reference `LLM_RL/environment.py`). */
export interface EncodedTexts {
  readonly ids: number[];
  /** `isAction[i]` is the isAction flag of the Text that token i came from. */
  readonly isAction: boolean[];
  /** `textEnds[k]` is one past the last token of Text k (the reward of Text k goes on token textEnds[k]-1). */
  readonly textEnds: number[];
}

/** What models and algorithms need from a tokenizer. */
export interface KitTokenizer {
  readonly vocabSize: number;
  readonly padId: number;
  /** End of turn / end of sequence. */
  readonly eotId: number;
  readonly unkId: number;
  readonly bosId: number;
  /** The id of "\n", the turn delimiter and generation stop token. */
  readonly newlineId: number;
  encode(text: string): number[];
  /** Concatenates the tokens' strings; special tokens decode to their literal text (subword: byte-token runs decode as UTF-8). */
  decode(ids: readonly number[]): string;
  /** Tokenises each Text on its own and concatenates (the reference's `TokenHistory`, `LLM_RL/environment.py`). */
  encodeTexts(texts: readonly Text[]): EncodedTexts;
  /** The token string of an id (for debugging and printing). */
  idToToken(id: number): string | undefined;
}

/**
 * Splits a text into pre-tokens exactly as the saved tokenizer does (special tokens first, then
 * `pattern`, by default {@link PRETOKENIZE_PATTERN}). Every character of the text lands in exactly one pre-token.
 *
 * @example
 * pretokenize("position 1, 1 0.\n"); // ["position", " 1", ",", " 1", " 0", ".", "\n"]
 */
export function pretokenize(text: string, pattern: string = PRETOKENIZE_PATTERN): string[] {
  const regex = pretokenizeRegex(pattern);
  const out: string[] = [];
  for (const section of text.split(SPECIAL_SPLIT)) {
    if (section === "") continue;
    if (SPECIAL_LIST.includes(section)) {
      out.push(section);
      continue;
    }
    const m = section.match(regex);
    if (m) for (const piece of m) out.push(piece);
  }
  return out;
}

/**
 * Builds a word-level tokenizer (as a `tokenizer.json` object) from a task's texts. Ids: 0 `<|pad|>`,
 * 1 `<|eot|>`, 2 `<|unk|>`, 3 `<|bos|>`, 4 `"\n"`, then `alwaysInclude`, then corpus pre-tokens by
 * count (descending; ties in code-unit order), so the result is deterministic in the corpus.
 * (In the saved JSON, keys that look like integers, "0".."9", are listed first: that is JavaScript's
 * key order, the ids are the values.)
 *
 * @example
 * const json = buildTokenizer(["Wordle:\n", "c r a n e\n", "b y b b g\n"]);
 * Object.keys(json.model.vocab).length; // 4 specials, "\n", " ", 20 digits, the letters seen
 */
export function buildTokenizer(corpus: Iterable<string>, opts: BuildTokenizerOptions = {}): TokenizerJson {
  const minCount = opts.minCount ?? 1;
  const always = opts.alwaysInclude ?? [" ", ...[..."0123456789"].flatMap((d) => [d, " " + d])];
  const counts = new Map<string, number>();
  for (const text of corpus) {
    if (typeof text !== "string") throw new Error(`buildTokenizer: corpus entries must be strings, got ${typeof text}`);
    for (const p of pretokenize(text)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const vocab: Record<string, number> = Object.create(null);
  const order: string[] = [...SPECIAL_LIST, "\n"];
  for (const t of always) {
    const pieces = pretokenize(t);
    if (pieces.length !== 1 || pieces[0] !== t) {
      throw new Error(`buildTokenizer: alwaysInclude entry ${JSON.stringify(t)} is not a single pre-token (it splits into ${JSON.stringify(pieces)}); pass single pre-tokens such as " word", "7" or ","`);
    }
    order.push(t);
  }
  const seen = new Set(order);
  const ranked = [...counts.entries()]
    .filter(([t, c]) => c >= minCount && !seen.has(t))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [t] of ranked) order.push(t);
  if (opts.maxVocab !== undefined) {
    if (opts.maxVocab < SPECIAL_LIST.length + 1) throw new Error(`buildTokenizer: maxVocab=${opts.maxVocab} is below the ${SPECIAL_LIST.length + 1} reserved tokens (specials and "\\n")`);
    order.length = Math.min(order.length, opts.maxVocab);
  }
  let next = 0;
  for (const t of order) if (!(t in vocab)) vocab[t] = next++;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_LIST.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: "Split", pattern: { Regex: PRETOKENIZE_PATTERN }, behavior: "Isolated", invert: false },
    post_processor: null,
    decoder: { type: "Fuse" },
    model: { type: "WordLevel", vocab, unk_token: SPECIAL_TOKENS.unk },
  };
}

// ───────────────────────────── subword tokenizers (BPE with byte fallback) ─────────────────────────────

/**
 * The 256 byte tokens of a subword tokenizer, `"<0x00>"`..`"<0xFF>"` (upper-case hex): the names
 * SentencePiece's `--byte_fallback` gives its byte pieces (github.com/google/sentencepiece,
 * doc/options.md) and the names Hugging Face `tokenizers` looks up when a BPE model has
 * `byte_fallback: true` (`models/bpe/model.rs`; the JS port's `BPE.encode`).
 */
export const BYTE_TOKENS: readonly string[] = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);

/** Printable ASCII, U+0020 " " .. U+007E "~": the default `alwaysInclude` alphabet of a subword tokenizer. */
export const PRINTABLE_ASCII: string = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join("");

/** Default vocabulary size of {@link buildSubwordTokenizer} (4 specials, "\n", 256 bytes, alphabet, merges). */
export const DEFAULT_SUBWORD_VOCAB = 2000;

/** Tokens a subword vocabulary always holds before its alphabet: 4 specials, "\n", 256 bytes. */
const SUBWORD_RESERVED = SPECIAL_LIST.length + 1 + 256;
/** Pair keys are `left * PAIR_BASE + right`, exact in a double while ids stay below 2^26. */
const PAIR_BASE = 2 ** 26;

/** The `added_tokens` entry of the four specials (the same in both kinds of tokenizer). */
function specialAddedTokens(): TokenizerJson["added_tokens"] {
  return SPECIAL_LIST.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
}

/**
 * The shape of a subword `tokenizer.json`: a Hugging Face BPE model with `byte_fallback: true` (Hugging
 * Face tokenizers docs, "Models" → `BPE(..., byte_fallback)`: "whether to use the spm byte-fallback
 * trick") behind the same Split pre-tokenizer and specials as {@link TokenizerJson}, decoded by
 * `Sequence[ByteFallback, Fuse]` (the decoder of Llama's `tokenizer.json` without its `▁` steps).
 * `merges` uses the array format (`[["h", "e"], ...]`, huggingface/tokenizers#909, read by the JS port
 * too) because tokens contain spaces (`" goal"`), which the legacy `"h e"` string format cannot express.
 */
export interface SubwordTokenizerJson {
  version: "1.0";
  truncation: null;
  padding: null;
  added_tokens: TokenizerJson["added_tokens"];
  normalizer: null;
  pre_tokenizer: TokenizerJson["pre_tokenizer"];
  post_processor: null;
  decoder: { type: "Sequence"; decoders: [{ type: "ByteFallback" }, { type: "Fuse" }] };
  model: {
    type: "BPE";
    dropout: null;
    unk_token: string;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    fuse_unk: false;
    byte_fallback: true;
    ignore_merges: false;
    vocab: Record<string, number>;
    merges: [string, string][];
  };
}

/** Either kind of kit `tokenizer.json`: word-level ({@link buildTokenizer}) or subword ({@link buildSubwordTokenizer}). */
export type AnyTokenizerJson = TokenizerJson | SubwordTokenizerJson;

/** Options of {@link buildSubwordTokenizer}. */
export interface BuildSubwordTokenizerOptions {
  /**
   * Vocabulary size including the 4 specials, "\n" and the 256 byte tokens (so at least 261); the
   * alphabet and the merges fill the rest. Fewer when the corpus runs out of pairs seen `minCount`
   * times. Default {@link DEFAULT_SUBWORD_VOCAB}.
   */
  vocabSize?: number;
  /**
   * A corpus character joins the alphabet, and a pair of symbols is merged, only if seen at least this
   * many times (counted over the corpus's pre-tokens; Hugging Face's `min_frequency`). Default 2.
   */
  minCount?: number;
  /**
   * Characters always in the alphabet (ahead of the corpus's own, whatever their counts). Default
   * {@link PRINTABLE_ASCII}, so English text never falls back to bytes.
   */
  alwaysInclude?: string;
  /**
   * The corpus's characters join the alphabet, most frequent first, until the alphabet covers this
   * fraction of the corpus's character occurrences (SentencePiece's `character_coverage`, whose
   * default 0.9995 this is; rarer characters fall back to bytes). Whatever the coverage, the alphabet
   * takes at most half of the slots after the 261 reserved tokens (or `alwaysInclude`, if larger),
   * so a corpus with thousands of rare CJK characters still leaves room for merges.
   */
  characterCoverage?: number;
  /**
   * Digits per pre-token, at most ({@link pretokenizePattern}; default 1, one digit per pre-token as
   * in LLaMA). Rows whose policies write numbers with several digits (Car Dealer's prices) take 3.
   */
  digitRun?: number;
}

/** Code-unit order: a fixed total order on strings (the tie-break of every ranking below). */
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** True for a string that is one code point, not a lone surrogate (a character UTF-8 can hold). */
const isEncodableChar = (ch: string): boolean => !/^\p{Cs}$/u.test(ch);

/**
 * `text` with every lone UTF-16 surrogate replaced by U+FFFD: what a subword tokenizer's
 * `decode(encode(text))` gives. UTF-8 cannot hold a lone surrogate (`TextEncoder` writes U+FFFD's bytes
 * EF BF BD for one, as the JS port's byte fallback does), so for well-formed strings, i.e. all but
 * those, the round trip is exact. (`String.prototype.toWellFormed` of ES2024.)
 *
 * @example
 * wellFormed("a\uD800b"); // "a\uFFFDb"
 * wellFormed("🙂");       // "🙂" (a surrogate pair is one character)
 */
export function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, "\uFFFD");
}

/**
 * A max-heap of candidate merges with lazy deletion: an entry whose count is no longer the pair's
 * current count is stale and skipped when it surfaces.
 */
class PairHeap {
  private readonly keys: number[] = [];
  private readonly counts: number[] = [];
  constructor(private readonly tokens: readonly string[]) {}

  get size(): number {
    return this.keys.length;
  }

  /** True if entry i ranks above entry j: higher count, then left token, then right token in code-unit order. */
  private above(i: number, j: number): boolean {
    if (this.counts[i] !== this.counts[j]) return this.counts[i] > this.counts[j];
    const ki = this.keys[i], kj = this.keys[j];
    const li = Math.floor(ki / PAIR_BASE), lj = Math.floor(kj / PAIR_BASE);
    const c = li === lj ? 0 : cmpStr(this.tokens[li], this.tokens[lj]);
    if (c !== 0) return c < 0;
    return cmpStr(this.tokens[ki % PAIR_BASE], this.tokens[kj % PAIR_BASE]) < 0;
  }

  private swap(i: number, j: number): void {
    const k = this.keys[i]; this.keys[i] = this.keys[j]; this.keys[j] = k;
    const c = this.counts[i]; this.counts[i] = this.counts[j]; this.counts[j] = c;
  }

  push(key: number, count: number): void {
    this.keys.push(key);
    this.counts.push(count);
    for (let i = this.keys.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.above(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): { key: number; count: number } {
    const top = { key: this.keys[0], count: this.counts[0] };
    const lastKey = this.keys.pop()!, lastCount = this.counts.pop()!;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.counts[0] = lastCount;
      for (let i = 0; ;) {
        const l = 2 * i + 1, r = l + 1;
        let best = i;
        if (l < this.keys.length && this.above(l, best)) best = l;
        if (r < this.keys.length && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

/**
 * Learns BPE merges (Sennrich et al. 2016, "Neural Machine Translation of Rare Words with Subword
 * Units", arXiv:1508.07909, Algorithm 1) over weighted words of symbol ids, adding merged tokens to
 * `tokens`/`idOf` until `tokens.length === vocabSize` or no pair is seen `minCount` times. Symbol -1
 * (a character outside the alphabet) never pairs. Each step merges the most frequent adjacent pair
 * (ties: left token, then right token, in code-unit order) in every word, left to right, which is what
 * BPE encoding with the learned ranks reproduces. Pair counts are updated incrementally from an index
 * pair → words containing it, and the best pair comes from a lazy max-heap.
 */
function learnMerges(
  wordList: readonly (readonly [string, number])[],
  tokens: string[],
  idOf: Map<string, number>,
  vocabSize: number,
  minCount: number,
): [string, string][] {
  const words: number[][] = [];
  const freqs: number[] = [];
  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  for (const [w, f] of wordList) {
    const syms = Array.from(w, (ch) => idOf.get(ch) ?? -1);
    if (syms.length < 2) continue;
    const wi = words.length;
    words.push(syms);
    freqs.push(f);
    for (let i = 0; i + 1 < syms.length; i++) {
      if (syms[i] < 0 || syms[i + 1] < 0) continue;
      const k = syms[i] * PAIR_BASE + syms[i + 1];
      pairCount.set(k, (pairCount.get(k) ?? 0) + f);
      let s = where.get(k);
      if (s === undefined) where.set(k, (s = new Set()));
      s.add(wi);
    }
  }
  const heap = new PairHeap(tokens);
  for (const [k, c] of pairCount) heap.push(k, c);
  const merges: [string, string][] = [];
  const delta = new Map<number, number>();
  while (tokens.length < vocabSize && heap.size > 0) {
    const { key, count } = heap.pop();
    if (pairCount.get(key) !== count) continue; // stale
    if (count < minCount) break;
    const a = Math.floor(key / PAIR_BASE), b = key % PAIR_BASE;
    const merged = tokens[a] + tokens[b];
    let c = idOf.get(merged);
    if (c === undefined) {
      // Two merge paths can spell the same token ("a"+"bc", "ab"+"c"): it keeps its first id.
      c = tokens.length;
      tokens.push(merged);
      idOf.set(merged, c);
    }
    merges.push([tokens[a], tokens[b]]);
    delta.clear();
    for (const wi of where.get(key) ?? []) {
      const w = words[wi], f = freqs[wi];
      const out: number[] = [];
      let hit = false;
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          out.push(c);
          i++;
          hit = true;
        } else out.push(w[i]);
      }
      if (!hit) continue; // the index is lazy: this word lost the pair to an earlier merge
      for (let i = 0; i + 1 < w.length; i++) {
        if (w[i] < 0 || w[i + 1] < 0) continue;
        const k = w[i] * PAIR_BASE + w[i + 1];
        delta.set(k, (delta.get(k) ?? 0) - f);
      }
      for (let i = 0; i + 1 < out.length; i++) {
        if (out[i] < 0 || out[i + 1] < 0) continue;
        const k = out[i] * PAIR_BASE + out[i + 1];
        delta.set(k, (delta.get(k) ?? 0) + f);
        let s = where.get(k);
        if (s === undefined) where.set(k, (s = new Set()));
        s.add(wi);
      }
      words[wi] = out;
    }
    where.delete(key);
    for (const [k, d] of delta) {
      if (d === 0) continue;
      const n = (pairCount.get(k) ?? 0) + d;
      if (n <= 0) pairCount.delete(k);
      else {
        pairCount.set(k, n);
        heap.push(k, n);
      }
    }
  }
  return merges;
}

/**
 * Builds a subword tokenizer (a `tokenizer.json` object, {@link SubwordTokenizerJson}) from a corpus:
 * byte-pair encoding with byte fallback, for text written by partners, people or LLMs, which may hold
 * any character. Every string encodes without `<|unk|>`: a character outside the alphabet becomes its
 * UTF-8 bytes as `<0xNN>` tokens (SentencePiece's byte fallback), and `decode(encode(x)) === x` for
 * every well-formed string (a lone surrogate comes back as U+FFFD, see {@link wellFormed}). As in the
 * word-level tokenizers, the literal text of a special token (`"<|eot|>"`, and so `"<|unk|>"` too)
 * encodes as that special and decodes back to the same text.
 *
 * Pre-tokens are those of the word-level tokenizers ({@link PRETOKENIZE_PATTERN}; "\n" is always a
 * token of its own, the turn delimiter and stop token), and merges never cross them. Ids: 0..3 the
 * specials, 4 `"\n"`, 5..260 `<0x00>`..`<0xFF>`, then the alphabet (`alwaysInclude` in code-point
 * order, then corpus characters seen `minCount` times, by count with ties in code-point order, up to
 * `characterCoverage` and half the free slots), then one token per new merged string in merge order. Deterministic: counts do not depend on the
 * order of the corpus, and ties are broken by fixed string orders, so the same corpus (in any order)
 * gives the identical JSON.
 *
 * @example
 * const json = buildSubwordTokenizer(dialogues, { vocabSize: 2000 });
 * const tok = tokenizerFromJson(json);
 * tok.encode("Is it a 🦜?\n"); // ["Is", " it", " a", " ", <0xF0>, <0x9F>, <0xA6>, <0x9C>, "?", "\n"] as ids
 */
export function buildSubwordTokenizer(corpus: Iterable<string>, opts: BuildSubwordTokenizerOptions = {}): SubwordTokenizerJson {
  const known = new Set(["vocabSize", "minCount", "alwaysInclude", "characterCoverage", "digitRun"]);
  for (const k of Object.keys(opts)) {
    if (!known.has(k)) throw new Error(`buildSubwordTokenizer: unknown option ${JSON.stringify(k)}; valid options are ${[...known].join(", ")}`);
  }
  const vocabSize = opts.vocabSize ?? DEFAULT_SUBWORD_VOCAB;
  const minCount = opts.minCount ?? 2;
  const always = opts.alwaysInclude ?? PRINTABLE_ASCII;
  const coverage = opts.characterCoverage ?? 0.9995;
  if (!Number.isInteger(vocabSize) || vocabSize < SUBWORD_RESERVED || vocabSize >= PAIR_BASE) {
    throw new Error(`buildSubwordTokenizer: vocabSize must be an integer from ${SUBWORD_RESERVED} (4 specials, "\\n" and 256 byte tokens) to ${PAIR_BASE - 1}, got ${vocabSize}`);
  }
  if (!Number.isInteger(minCount) || minCount < 1) throw new Error(`buildSubwordTokenizer: minCount must be an integer >= 1, got ${minCount}`);
  if (!(coverage >= 0 && coverage <= 1)) throw new Error(`buildSubwordTokenizer: characterCoverage must be a number in [0, 1], got ${coverage}`);
  if (typeof always !== "string") throw new Error(`buildSubwordTokenizer: alwaysInclude must be a string of characters, got ${typeof always}`);
  const pattern = pretokenizePattern(opts.digitRun ?? 1);

  // Pre-token counts (specials are added tokens, never merged).
  const counts = new Map<string, number>();
  for (const text of corpus) {
    if (typeof text !== "string") throw new Error(`buildSubwordTokenizer: corpus entries must be strings, got ${typeof text}`);
    for (const p of pretokenize(text, pattern)) if (!SPECIAL_LIST.includes(p)) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const wordList = [...counts.entries()].sort((x, y) => cmpStr(x[0], y[0]));

  // Reserved tokens, then the alphabet.
  const tokens: string[] = [...SPECIAL_LIST, "\n", ...BYTE_TOKENS];
  const idOf = new Map<string, number>(tokens.map((t, i) => [t, i]));
  const byCodePoint = (x: string, y: string) => x.codePointAt(0)! - y.codePointAt(0)!;
  const base = [...new Set(Array.from(always))].filter(isEncodableChar).sort(byCodePoint);
  const charCounts = new Map<string, number>();
  for (const [w, f] of wordList) for (const ch of w) if (isEncodableChar(ch)) charCounts.set(ch, (charCounts.get(ch) ?? 0) + f);
  const alphabet = new Set(base);
  let total = 0, covered = 0;
  for (const [ch, c] of charCounts) {
    total += c;
    if (alphabet.has(ch) || ch === "\n") covered += c;
  }
  const maxAlphabet = Math.max(base.length, Math.floor((vocabSize - SUBWORD_RESERVED) / 2));
  const ranked = [...charCounts.entries()].filter(([ch]) => !alphabet.has(ch) && ch !== "\n").sort((x, y) => y[1] - x[1] || byCodePoint(x[0], y[0]));
  for (const [ch, c] of ranked) {
    if (c < minCount || covered >= coverage * total || alphabet.size >= maxAlphabet) break;
    alphabet.add(ch);
    covered += c;
  }
  for (const ch of alphabet) {
    if (tokens.length >= vocabSize) break;
    if (idOf.has(ch)) continue; // "\n"
    idOf.set(ch, tokens.length);
    tokens.push(ch);
  }

  const merges = learnMerges(wordList, tokens, idOf, vocabSize, minCount);
  const vocab: Record<string, number> = Object.create(null);
  tokens.forEach((t, i) => (vocab[t] = i));
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specialAddedTokens(),
    normalizer: null,
    pre_tokenizer: { type: "Split", pattern: { Regex: pattern }, behavior: "Isolated", invert: false },
    post_processor: null,
    decoder: { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Fuse" }] },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: SPECIAL_TOKENS.unk,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: true,
      ignore_merges: false,
      vocab,
      merges,
    },
  };
}

/**
 * The `tokenizer_config.json` that goes beside a kit `tokenizer.json`. `clean_up_tokenization_spaces`
 * must be false, or decoding would delete the space in " ." and break round-trips.
 */
export function tokenizerConfig(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tokenizer_class: "PreTrainedTokenizerFast",
    bos_token: SPECIAL_TOKENS.bos,
    eos_token: SPECIAL_TOKENS.eot,
    unk_token: SPECIAL_TOKENS.unk,
    pad_token: SPECIAL_TOKENS.pad,
    model_max_length: 1_000_000,
    ...extra,
    clean_up_tokenization_spaces: false, // last, so `extra` cannot break round-trips
  };
}

/** The two file names a tokenizer folder holds. */
export const TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json"] as const;

/**
 * Writes `dir/tokenizer.json` and `dir/tokenizer_config.json` (each through a temp file and rename).
 *
 * @example
 * saveTokenizer("data/tokenizers/maze", buildTokenizer(texts), { task: "maze" });
 */
export function saveTokenizer(dir: string, json: TokenizerJson | object, configExtra: Record<string, unknown> = {}): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, "tokenizer.json"), JSON.stringify(json, null, 1) + "\n");
  writeFileAtomic(join(dir, "tokenizer_config.json"), JSON.stringify(tokenizerConfig(configExtra), null, 2) + "\n");
}

/**
 * The folder of an EnvSpec's `tokenizer`: a shipped name (`"maze"` → `data/tokenizers/maze/`) or, when
 * it contains a path separator, a folder path (a task kept outside src/tasks, e.g. a test fixture).
 *
 * @example
 * tokenizerDirOf("maze");             // <project>/data/tokenizers/maze
 * tokenizerDirOf("/tmp/toy-tokenizer"); // /tmp/toy-tokenizer
 */
export function tokenizerDirOf(nameOrDir: string): string {
  return /[\\/]/.test(nameOrDir) ? resolve(nameOrDir) : taskTokenizerDir(nameOrDir);
}

/**
 * A fingerprint of the tokenizer an EnvSpec names (sha256 of its `tokenizer.json`, 12 hex digits), recorded
 * in results files so a result computed with another tokenizer is not reused; "missing" when the file
 * cannot be read.
 *
 * @example
 * tokenizerHash("car-dealer"); // "3f0c…" (changes when `lmrl tokenizer build car-dealer` changes the file)
 */
export function tokenizerHash(nameOrDir: string): string {
  try {
    return createHash("sha256").update(readFileSync(join(tokenizerDirOf(nameOrDir), "tokenizer.json"))).digest("hex").slice(0, 12);
  } catch {
    return "missing";
  }
}

/** Where a task's shipped tokenizer lives: `data/tokenizers/<task>/`. */
export function taskTokenizerDir(taskId: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(taskId)) throw new Error(`taskTokenizerDir: task id ${JSON.stringify(taskId)} must be lower-case letters, digits, "-" or "_" (e.g. "maze", "text-nav")`);
  return projectPath("data", "tokenizers", taskId);
}

/**
 * Options of {@link buildTaskTokenizer}: the output folder (default `data/tokenizers/<task>/`) and the
 * kind, `"word"` (default; {@link buildTokenizer}'s options) or `"subword"`
 * ({@link buildSubwordTokenizer}'s options: `vocabSize`, `minCount`, `alwaysInclude`).
 */
export type BuildTaskTokenizerOptions =
  | (BuildTokenizerOptions & { dir?: string; kind?: "word" })
  | (BuildSubwordTokenizerOptions & { dir?: string; kind: "subword" });

/**
 * Builds a task's tokenizer from its texts, writes it to `data/tokenizers/<task>/` (or `opts.dir`),
 * checks that it round-trips every corpus text through Transformers.js, and returns the folder,
 * vocabulary size, number of distinct texts and their total tokens. Feed it the texts of core's
 * `taskCorpus` (src/core/corpus.ts), which rolls out a task's specs. With `kind: "subword"` it builds a
 * BPE tokenizer with byte fallback ({@link buildSubwordTokenizer}) and also checks that no text
 * encodes to `<|unk|>`.
 *
 * @example
 * const { dir, vocabSize } = buildTaskTokenizer("maze", await collectCorpus(taskCorpus([getEnvSpec("maze-fo"), getEnvSpec("maze-po")])));
 * buildTaskTokenizer("guess-my-city", texts, { kind: "subword", vocabSize: 2000 });
 */
export function buildTaskTokenizer(
  taskId: string,
  corpus: Iterable<string>,
  opts: BuildTaskTokenizerOptions = {},
): { dir: string; vocabSize: number; texts: number; tokens: number } {
  const dir = opts.dir ?? taskTokenizerDir(taskId);
  const texts: string[] = [];
  const unique = new Set<string>();
  for (const t of corpus) {
    if (!unique.has(t)) {
      unique.add(t);
      texts.push(t);
    }
  }
  if (opts.kind === "subword") {
    const { dir: _dir, kind: _kind, ...subwordOpts } = opts;
    const json = buildSubwordTokenizer(texts, subwordOpts);
    const tok = tokenizerFromJson(json, tokenizerConfig({ task: taskId }));
    let tokens = 0;
    for (const t of texts) {
      const ids = tok.encode(t);
      tokens += ids.length;
      if (ids.includes(tok.unkId) || tok.decode(ids) !== wellFormed(t)) {
        throw new Error(`buildTaskTokenizer(${taskId}): text ${JSON.stringify(t)} does not round-trip through the subword tokenizer (ids ${JSON.stringify(ids.slice(0, 40))}, decoded ${JSON.stringify(tok.decode(ids))}); this is a bug in buildSubwordTokenizer`);
      }
    }
    saveTokenizer(dir, json, { task: taskId });
    return { dir, vocabSize: tok.vocabSize, texts: texts.length, tokens };
  }
  // a runtime check for JavaScript callers (the type already rules it out)
  const kind: unknown = opts.kind;
  if (kind !== undefined && kind !== "word") throw new Error(`buildTaskTokenizer(${taskId}): kind must be "word" or "subword", got ${JSON.stringify(kind)}`);
  const json = buildTokenizer(texts, opts);
  const tok = tokenizerFromJson(json, tokenizerConfig({ task: taskId }));
  let tokens = 0;
  const unk = tok.unkId;
  for (const t of texts) {
    const ids = tok.encode(t);
    tokens += ids.length;
    if (!ids.includes(unk) && tok.decode(ids) !== t) {
      throw new Error(`buildTaskTokenizer(${taskId}): text ${JSON.stringify(t)} does not round-trip (decoded ${JSON.stringify(tok.decode(ids))}); this is a bug in PRETOKENIZE_PATTERN`);
    }
  }
  saveTokenizer(dir, json, { task: taskId });
  return { dir, vocabSize: tok.vocabSize, texts: texts.length, tokens };
}

/** Strict UTF-8 (throws on invalid bytes) that keeps a leading U+FEFF instead of eating it as a BOM. */
const UTF8_STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** A cap on cached encodings per tokenizer (task texts repeat a lot; the cache is cleared when full). */
const CACHE_LIMIT = 200_000;

class HfKitTokenizer implements KitTokenizer {
  readonly vocabSize: number;
  readonly padId: number;
  readonly eotId: number;
  readonly unkId: number;
  readonly bosId: number;
  readonly newlineId: number;
  private readonly cache = new Map<string, readonly number[]>();
  private readonly idToString: (string | undefined)[];
  /** Subword tokenizers only: `byteOf[id]` is the byte of a `<0xNN>` token, -1 for other tokens. */
  private readonly byteOf: Int16Array | null;

  constructor(private readonly hf: Tokenizer, where: string, byteFallback = false) {
    const vocab = hf.get_vocab(true);
    let max = -1;
    for (const id of vocab.values()) max = Math.max(max, id);
    this.vocabSize = max + 1;
    this.idToString = new Array(this.vocabSize);
    for (const [t, id] of vocab) this.idToString[id] = t;
    const need = (token: string, role: string): number => {
      const id = hf.token_to_id(token);
      if (id === undefined) throw new Error(`${where}: the vocabulary has no ${role} token ${JSON.stringify(token)}; rebuild it with buildTokenizer()`);
      return id;
    };
    this.padId = need(SPECIAL_TOKENS.pad, "padding");
    this.eotId = need(SPECIAL_TOKENS.eot, "end-of-turn");
    this.unkId = need(SPECIAL_TOKENS.unk, "unknown-word");
    this.bosId = need(SPECIAL_TOKENS.bos, "beginning-of-sequence");
    const nl = hf.encode("\n", { add_special_tokens: false }).ids;
    if (nl.length !== 1 || nl[0] === this.unkId) {
      throw new Error(`${where}: "\\n" must encode to exactly one known token (the turn delimiter and stop token of the LMRL-Gym policies), got ids ${JSON.stringify(nl)}; rebuild it with buildTokenizer()`);
    }
    this.newlineId = nl[0];
    this.byteOf = null;
    if (byteFallback) {
      const byteOf = new Int16Array(this.vocabSize).fill(-1);
      BYTE_TOKENS.forEach((t, b) => {
        const id = hf.token_to_id(t);
        if (id === undefined) throw new Error(`${where}: a byte-fallback tokenizer needs all 256 byte tokens <0x00>..<0xFF>, and ${t} is missing; rebuild it with buildSubwordTokenizer()`);
        byteOf[id] = b;
      });
      this.byteOf = byteOf;
    }
  }

  private encodeCached(text: string): readonly number[] {
    let ids = this.cache.get(text);
    if (ids === undefined) {
      if (typeof text !== "string") throw new Error(`KitTokenizer.encode: expected a string, got ${typeof text}`);
      ids = text === "" ? [] : this.hf.encode(text, { add_special_tokens: false }).ids;
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, ids);
    }
    return ids;
  }

  encode(text: string): number[] {
    return this.encodeCached(text).slice();
  }

  decode(ids: readonly number[]): string {
    if (this.byteOf !== null) return this.decodeBytes(ids, this.byteOf);
    let s = "";
    for (const id of ids) {
      const t = Number.isInteger(id) ? this.idToString[id] : undefined;
      if (t === undefined) throw new Error(`KitTokenizer.decode: id ${id} is not in the vocabulary (0..${this.vocabSize - 1}); was the model trained with a different tokenizer?`);
      s += t;
    }
    return s;
  }

  /**
   * The `Sequence[ByteFallback, Fuse]` decoder: each maximal run of byte tokens becomes the UTF-8 text it
   * spells and the other tokens their strings. A run that is not valid UTF-8 (only a model can produce
   * one) gives one U+FFFD per byte token, as the reference Rust decoder does
   * (huggingface/tokenizers, `decoders/byte_fallback.rs`). The JS port's decoder differs on such runs
   * (its `TextDecoder` keeps their valid parts) and drops a leading U+FEFF; this one keeps it.
   */
  private decodeBytes(ids: readonly number[], byteOf: Int16Array): string {
    let s = "";
    let run: number[] = [];
    const flush = () => {
      try {
        s += UTF8_STRICT.decode(Uint8Array.from(run));
      } catch {
        s += "\uFFFD".repeat(run.length);
      }
      run = [];
    };
    for (const id of ids) {
      const t = Number.isInteger(id) ? this.idToString[id] : undefined;
      if (t === undefined) throw new Error(`KitTokenizer.decode: id ${id} is not in the vocabulary (0..${this.vocabSize - 1}); was the model trained with a different tokenizer?`);
      const b = byteOf[id];
      if (b >= 0) {
        run.push(b);
        continue;
      }
      if (run.length > 0) flush();
      s += t;
    }
    if (run.length > 0) flush();
    return s;
  }

  encodeTexts(texts: readonly Text[]): EncodedTexts {
    const ids: number[] = [];
    const isAction: boolean[] = [];
    const textEnds: number[] = [];
    for (const t of texts) {
      const part = this.encodeCached(t.text);
      for (let i = 0; i < part.length; i++) {
        ids.push(part[i]);
        isAction.push(t.isAction);
      }
      textEnds.push(ids.length);
    }
    return { ids, isAction, textEnds };
  }

  idToToken(id: number): string | undefined {
    return this.idToString[id];
  }
}

/**
 * A KitTokenizer from in-memory `tokenizer.json` / `tokenizer_config.json` objects (no disk): a
 * word-level one ({@link buildTokenizer}) or a subword one ({@link buildSubwordTokenizer}, recognised by
 * its model's `byte_fallback: true`).
 *
 * @example
 * const tok = tokenizerFromJson(buildTokenizer(["move up\n"]));
 * const sub = tokenizerFromJson(buildSubwordTokenizer(["Is it an animal?\n", "Yes.\n"]));
 */
export function tokenizerFromJson(json: object, config: object = tokenizerConfig(), where = "tokenizerFromJson"): KitTokenizer {
  const conf = { ...(config as Record<string, unknown>), clean_up_tokenization_spaces: false };
  let hf: Tokenizer;
  try {
    hf = new Tokenizer(json, conf);
  } catch (e) {
    throw new Error(`${where}: Transformers.js could not build a tokenizer: ${(e as Error).message}`);
  }
  const byteFallback = (json as { model?: { byte_fallback?: unknown } }).model?.byte_fallback === true;
  return new HfKitTokenizer(hf, where, byteFallback);
}

/**
 * Loads `dir/tokenizer.json` + `dir/tokenizer_config.json` with Transformers.js's tokenizer code,
 * offline. Errors name the missing or unreadable file.
 *
 * @example
 * const tok = await loadTokenizer(taskTokenizerDir("maze"));
 * tok.decode(tok.encode("move up\n")); // "move up\n"
 */
export async function loadTokenizer(dir: string): Promise<KitTokenizer> {
  const [json, config] = TOKENIZER_FILES.map((name) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new Error(`loadTokenizer: missing ${path}; build it with buildTaskTokenizer(task, texts) or saveTokenizer(dir, buildTokenizer(texts))`);
    try {
      return JSON.parse(readFileSync(path, "utf8")) as object;
    } catch (e) {
      throw new Error(`loadTokenizer: ${path} is not valid JSON: ${(e as Error).message}`);
    }
  });
  return tokenizerFromJson(json, config, `loadTokenizer(${dir})`);
}
