/**
 * What a task registers: an `EnvSpec` per evaluation row (id, factory, turn cap, evaluation protocol,
 * normalisation anchors, scripted policies, dataset generator, training defaults, the paper's scores,
 * its tokenizer and optional task metrics). `createRegistry` turns a list of specs into
 * `makeEnv`/`getEnvSpec` lookups with "did you mean" errors. Everything here is plain data and
 * functions over texts: tasks never import the algorithm or model layers.
 */
import type { PartnerSupport } from "./partner";
import type { Rng } from "./rng";
import type { Episode } from "./rollout";
import type { Anchors, DatasetStats, History, Policy, TextEnv, Trajectory } from "./types";

/** Builds a scripted policy for one env instance (oracle policies may read that env's state). */
export type PolicyFactory = (env: TextEnv) => Policy;

/** Where a resumed generation starts. */
export interface GenerateFrom {
  /** Trajectories already written: produce trajectories `skip` … `n − 1` only. */
  readonly skip?: number;
}

export interface DatasetSpec {
  /** Trajectories in the paper's dataset (Table 1), used when `--n` is not given. */
  readonly defaultSize: number;
  /** Extra splits written beside `train` (wordle: `eval` with 100k). */
  readonly extraSplits?: Readonly<Record<string, number>>;
  /** The paper's Table-1 row for this dataset. */
  readonly paperStats: DatasetStats;
  /**
   * Stream `n` behaviour-policy trajectories. Deterministic in `rng`; each trajectory should carry
   * `meta.success` (boolean).
   */
  generate(n: number, rng: Rng, opts?: GenerateFrom): Iterable<Trajectory> | AsyncIterable<Trajectory>;
  /**
   * True when `generate` honours `opts.skip` (it starts at trajectory `skip` without playing the ones
   * before, and the rest are the same as a full run's). A resumed `lmrl data generate` then continues
   * where it was killed; for other generators it regenerates and drops the first `skip`.
   */
  readonly skips?: boolean;
  /** One-line description of the behaviour policy, printed by `lmrl data generate`. */
  readonly behaviour: string;
}

export interface EvaluationProtocol {
  /** Episodes of the paper's protocol (App. E, ICLR 2024 submission), used when `--episodes` is not given. */
  readonly episodes: number;
  /** Reset options for evaluation episode `i` (maze: cycles through the 25 starts). */
  resetOptions?(episode: number): Record<string, unknown>;
  /**
   * Measured seconds of one core per episode of a small trained policy, for planners (`lmrl reproduce`
   * sizes its stages and its ETA with them; 0.2 and 0.4 when absent): `evalEpisode` in a batched
   * evaluation, `onlineEpisode` per episode of an online round (its rollout and its share of the update),
   * `dataEpisode` per trajectory of the behaviour dataset (0.005 when absent: 200 a second; games against
   * an engine take far longer).
   */
  readonly cost?: { readonly evalEpisode: number; readonly onlineEpisode: number; readonly dataEpisode?: number };
}

/**
 * A row's training defaults: partial configs per algorithm name ("bc", "ilql", ...), with `all`
 * applied to every algorithm first. Plain data: the algorithm layer checks every key and value
 * against its own typed defaults when it resolves a config, so a typo fails there, naming the valid keys.
 *
 * @example
 * const train: TaskTrainDefaults = { all: { maxLength: 40 }, bc: { steps: 500 }, ilql: { tau: 0.95 } };
 */
export type TaskTrainDefaults = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Scores of one row in the paper's Table 2 (normalised), by method. */
export type PaperScores = Readonly<Record<string, number>>;

/**
 * Greedy actions of a trained policy for a batch of visible histories (temperature 0): what a task
 * metric probes, e.g. the FO maze's per-cell move accuracy.
 */
export type GreedyActor = (histories: readonly History[]) => Promise<string[]>;

/** Extra evaluation numbers a task computes from a trained policy (names without the "eval/" prefix). */
export type TaskMetrics = (greedy: GreedyActor) => Promise<Readonly<Record<string, number>>>;

/** A reader of the original benchmark's files for this row (`lmrl data stats --format <id>`). */
export type ReferenceReader = (path: string) => AsyncIterable<Trajectory>;

export interface EnvSpec {
  /** Registry id, e.g. "maze-fo". */
  readonly id: string;
  /** Task folder name, e.g. "maze" (FO and PO rows share one task). */
  readonly task: string;
  readonly description: string;
  /**
   * The valid action forms for a person, and what anything else gets (`lmrl play` prints it at the
   * start and on `help`).
   */
  readonly actions: string;
  /**
   * An aid for a person, printed by `lmrl play` below the model's exact text and never part of it
   * (chess: the position as an ASCII board).
   */
  readonly playAid?: (history: History) => string;
  /** Turn cap (agent actions) after which an episode is truncated. */
  readonly maxTurns: number;
  /** How many of the most recent texts the env shows the agent (Infinity = the whole episode). */
  readonly historyWindow: number;
  /**
   * Builds an env. `options` may set the keys of {@link EnvSpec.envOptions} (e.g. Wordle's
   * `invalidPenalty`); unknown keys throw, naming the valid ones (see {@link checkEnvOptions}).
   */
  make(options?: Readonly<Record<string, unknown>>): TextEnv;
  /**
   * Dialogue rows: builds the row's env with another partner (a scripted object, a person, an LLM) in
   * place of its rule-based oracle or buyer (src/core/partner.ts). Absent on rows without a partner.
   */
  readonly partner?: PartnerSupport;
  /** The options `make` accepts, with their defaults (documentation and validation). */
  readonly envOptions?: Readonly<Record<string, unknown>>;
  /**
   * Name of the shipped tokenizer under data/tokenizers/ (one per task: FO and PO rows share it;
   * `npx lmrl tokenizer build <task>` writes it), or a folder path when it contains a "/".
   */
  readonly tokenizer: string;
  /**
   * Texts covering every token the row can produce, used instead of rolling the row out when its
   * tokenizer is built (chess: every FEN and SAN character, spaced and not, so no legal position or
   * move is ever `<|unk|>`).
   */
  readonly tokenizerTexts?: () => Iterable<string>;
  /**
   * How `lmrl tokenizer build` makes the row's tokenizer: "word" (default: one token per known word,
   * lossless for the rule-based rows' closed vocabularies) or "subword" (BPE with byte fallback, for
   * dialogue rows whose partners, people or LLMs may write any text; `vocabSize` its size, `digitRun`
   * the most digits one pre-token holds, default 1: Car Dealer takes 3 so a price is written in
   * whole groups, "32" "," "500", not digit by digit).
   */
  readonly tokenizerKind?: { readonly kind: "word" } | { readonly kind: "subword"; readonly vocabSize: number; readonly digitRun?: number };
  /** Training defaults per algorithm (the task's `train.ts`); an algorithm without an entry is refused. */
  readonly train?: TaskTrainDefaults;
  /** The paper's Table-2 scores of this row by method ("bc", "pbc", "mc", "ilql", "ppo", "online-pbc", "gpt4"). */
  readonly paperScores?: PaperScores;
  /** Task-specific evaluation numbers of a trained policy (logged as `eval/<name>`). */
  readonly metrics?: TaskMetrics;
  /**
   * Task-specific numbers folded from an evaluation's finished episodes (their returns, success and
   * `lastInfo`: how each ended), for any policy at no extra rollouts: `EvalSummary.taskMetrics`, logged
   * as `eval/<name>` in training and in a reproduce results file's `taskMetrics`. Each key is present on
   * every evaluation (NaN when undefined, e.g. the mean price of sales when nothing sold).
   */
  readonly episodeMetrics?: (episodes: readonly Episode[]) => Readonly<Record<string, number>>;
  /** Reader of the original benchmark's dataset files for this row. */
  readonly referenceReader?: ReferenceReader;
  readonly evaluation: EvaluationProtocol;
  /** `paper`: Table 5; `ours`: recomputed on this kit's simulators and datasets (see the task docs). */
  readonly anchors: { readonly paper: Anchors; readonly ours: Anchors };
  /** Scripted policies by name; every spec has at least "random", "optimal" and "behaviour". */
  readonly policies: Readonly<Record<string, PolicyFactory>>;
  readonly dataset: DatasetSpec;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The known names closest to `name`, best first. */
export function nearest(name: string, known: readonly string[], count = 3): string[] {
  return [...known]
    .map((k) => ({ k, d: editDistance(name.toLowerCase(), k.toLowerCase()) - (k.includes(name) ? 2 : 0) }))
    .sort((x, y) => x.d - y.d || x.k.localeCompare(y.k))
    .slice(0, count)
    .map((x) => x.k);
}

/** Throws an error naming the unknown value, the nearest valid ones and the full list. */
export function unknownName(kind: string, name: string, known: readonly string[]): Error {
  return new Error(
    `Unknown ${kind} "${name}". Did you mean ${nearest(name, known).map((k) => `"${k}"`).join(" or ")}? ` +
      `Valid: ${known.join(", ")}.`,
  );
}

/**
 * Throws when `options` holds a key the spec's `envOptions` does not list, or a value whose type
 * differs from the default's. Returns the options merged over the defaults.
 *
 * @example
 * checkEnvOptions(wordleSpec, { invalidPenalty: -10 }); // { invalidPenalty: -10 }
 * checkEnvOptions(wordleSpec, { penalty: -10 });        // throws: unknown option "penalty" ... Valid: invalidPenalty
 */
export function checkEnvOptions(spec: Pick<EnvSpec, "id" | "envOptions">, options: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const known = spec.envOptions ?? {};
  const out: Record<string, unknown> = { ...known };
  for (const [k, v] of Object.entries(options)) {
    if (!(k in known)) {
      const valid = Object.keys(known);
      throw new Error(`${spec.id}: unknown env option "${k}". ${valid.length ? `Valid: ${valid.join(", ")}.` : "This env takes no options."}`);
    }
    if (typeof v !== typeof known[k]) throw new Error(`${spec.id}: env option "${k}" must be a ${typeof known[k]} (default ${JSON.stringify(known[k])}), got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

export interface Registry {
  readonly ids: readonly string[];
  readonly specs: readonly EnvSpec[];
  getEnvSpec(id: string): EnvSpec;
  makeEnv(id: string, options?: Readonly<Record<string, unknown>>): TextEnv;
  /** The rows of a task (e.g. "maze" -> maze-fo, maze-po); empty when none. */
  specsOfTask(task: string): EnvSpec[];
  /** The tasks, in registration order. */
  readonly tasks: readonly string[];
}

export function createRegistry(specs: readonly EnvSpec[]): Registry {
  const byId = new Map<string, EnvSpec>();
  for (const s of specs) {
    if (byId.has(s.id)) throw new Error(`createRegistry: env id "${s.id}" is registered twice`);
    for (const p of ["random", "optimal", "behaviour"]) {
      if (!(p in s.policies)) throw new Error(`createRegistry: env "${s.id}" lacks the "${p}" policy`);
    }
    byId.set(s.id, s);
  }
  const ids = [...byId.keys()];
  const getEnvSpec = (id: string): EnvSpec => {
    const s = byId.get(id);
    if (!s) throw unknownName("env id", id, ids);
    return s;
  };
  return {
    ids,
    specs: [...specs],
    getEnvSpec,
    makeEnv: (id, options) => getEnvSpec(id).make(options),
    specsOfTask: (task) => specs.filter((s) => s.task === task),
    tasks: [...new Set(specs.map((s) => s.task))],
  };
}

/** Looks up a scripted policy of a spec by name, with a helpful error. */
export function makeScriptedPolicy(spec: EnvSpec, name: string, env: TextEnv): Policy {
  const f = spec.policies[name];
  if (!f) throw unknownName(`policy for ${spec.id}`, name, Object.keys(spec.policies));
  return f(env);
}
