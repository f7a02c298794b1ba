/**
 * Per-task word-level tokenizers, stored as Hugging Face `tokenizer.json` + `tokenizer_config.json` and
 * run with Transformers.js's tokenizer code (`@huggingface/tokenizers`, which Transformers.js v4 bundles).
 * A pre-token is a run of letters, one digit, one other symbol (each optionally led by ONE space) or one
 * whitespace character, so `"\n"` is always its own token (the turn delimiter and stop token, as the
 * reference scripts' `eos_token_id=tokenizer.encode('\n')[0]`), spaces live inside tokens (`" goal"`) and
 * `decode(encode(x)) === x` for every text made of known words.
 *
 * @example
 * const json = buildTokenizer(["The goal is at position 8, 6.\n", "move up\n"]);
 * saveTokenizer("/tmp/tok", json);
 * const tok = await loadTokenizer("/tmp/tok");
 * tok.encode("move up\n");                   // [id("move"), id(" up"), newlineId]
 * tok.encodeTexts([obs("There are no walls near you.\n"), act("move up\n")]); // { ids, isAction, textEnds }
 */
import { Tokenizer } from "@huggingface/tokenizers";
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
export const PRETOKENIZE_PATTERN =
  " ?\\p{L}+| ?\\p{N}| ?[^\\p{White_Space}\\p{L}\\p{N}]|\\p{White_Space}";

const PRETOKENIZE_REGEX = new RegExp(PRETOKENIZE_PATTERN, "gu");
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
  /** Concatenates the tokens' strings; special tokens decode to their literal text. */
  decode(ids: readonly number[]): string;
  /** Tokenises each Text on its own and concatenates (the reference's `TokenHistory`, `LLM_RL/environment.py`). */
  encodeTexts(texts: readonly Text[]): EncodedTexts;
  /** The token string of an id (for debugging and printing). */
  idToToken(id: number): string | undefined;
}

/**
 * Splits a text into pre-tokens exactly as the saved tokenizer does (special tokens first, then
 * {@link PRETOKENIZE_PATTERN}). Every character of the text lands in exactly one pre-token.
 *
 * @example
 * pretokenize("position 1, 1 0.\n"); // ["position", " 1", ",", " 1", " 0", ".", "\n"]
 */
export function pretokenize(text: string): string[] {
  const out: string[] = [];
  for (const section of text.split(SPECIAL_SPLIT)) {
    if (section === "") continue;
    if (SPECIAL_LIST.includes(section)) {
      out.push(section);
      continue;
    }
    const m = section.match(PRETOKENIZE_REGEX);
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

/** Where a task's shipped tokenizer lives: `data/tokenizers/<task>/`. */
export function taskTokenizerDir(taskId: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(taskId)) throw new Error(`taskTokenizerDir: task id ${JSON.stringify(taskId)} must be lower-case letters, digits, "-" or "_" (e.g. "maze", "text-nav")`);
  return projectPath("data", "tokenizers", taskId);
}

/**
 * Builds a task's tokenizer from its texts, writes it to `data/tokenizers/<task>/` (or `opts.dir`),
 * checks that it round-trips every corpus text through Transformers.js, and returns the folder,
 * vocabulary size, number of distinct texts and their total tokens. Feed it the texts of core's
 * `taskCorpus` (src/core/corpus.ts), which rolls out a task's specs.
 *
 * @example
 * const { dir, vocabSize } = buildTaskTokenizer("maze", await collectCorpus(taskCorpus([getEnvSpec("maze-fo"), getEnvSpec("maze-po")])));
 */
export function buildTaskTokenizer(
  taskId: string,
  corpus: Iterable<string>,
  opts: BuildTokenizerOptions & { dir?: string } = {},
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

  constructor(private readonly hf: Tokenizer, where: string) {
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
    let s = "";
    for (const id of ids) {
      const t = Number.isInteger(id) ? this.idToString[id] : undefined;
      if (t === undefined) throw new Error(`KitTokenizer.decode: id ${id} is not in the vocabulary (0..${this.vocabSize - 1}); was the model trained with a different tokenizer?`);
      s += t;
    }
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
 * A KitTokenizer from in-memory `tokenizer.json` / `tokenizer_config.json` objects (no disk).
 *
 * @example
 * const tok = tokenizerFromJson(buildTokenizer(["move up\n"]));
 */
export function tokenizerFromJson(json: object, config: object = tokenizerConfig(), where = "tokenizerFromJson"): KitTokenizer {
  const conf = { ...(config as Record<string, unknown>), clean_up_tokenization_spaces: false };
  let hf: Tokenizer;
  try {
    hf = new Tokenizer(json, conf);
  } catch (e) {
    throw new Error(`${where}: Transformers.js could not build a tokenizer: ${(e as Error).message}`);
  }
  return new HfKitTokenizer(hf, where);
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
