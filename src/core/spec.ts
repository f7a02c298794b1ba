/**
 * What a task registers: an `EnvSpec` per evaluation row (id, factory, turn cap, evaluation protocol,
 * normalisation anchors, scripted policies, dataset generator). `createRegistry` turns a list of specs
 * into `makeEnv`/`getEnvSpec` lookups with "did you mean" errors.
 */
import type { Rng } from "./rng";
import type { Anchors, DatasetStats, Policy, TextEnv, Trajectory } from "./types";

/** Builds a scripted policy for one env instance (oracle policies may read that env's state). */
export type PolicyFactory = (env: TextEnv) => Policy;

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
  generate(n: number, rng: Rng): Iterable<Trajectory>;
  /** One-line description of the behaviour policy, printed by `lmrl data generate`. */
  readonly behaviour: string;
}

export interface EvaluationProtocol {
  /** Episodes of the paper's protocol (spec §5.1), used when `--episodes` is not given. */
  readonly episodes: number;
  /** Reset options for evaluation episode `i` (maze: cycles through the 25 starts). */
  resetOptions?(episode: number): Record<string, unknown>;
}

export interface EnvSpec {
  /** Registry id, e.g. "maze-fo". */
  readonly id: string;
  /** Task folder name, e.g. "maze" (FO and PO rows share one task). */
  readonly task: string;
  readonly description: string;
  /** Turn cap (agent actions) after which an episode is truncated. */
  readonly maxTurns: number;
  /** How many of the most recent texts the env shows the agent (Infinity = the whole episode). */
  readonly historyWindow: number;
  make(): TextEnv;
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

export interface Registry {
  readonly ids: readonly string[];
  getEnvSpec(id: string): EnvSpec;
  makeEnv(id: string): TextEnv;
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
  return { ids, getEnvSpec, makeEnv: (id) => getEnvSpec(id).make() };
}

/** Looks up a scripted policy of a spec by name, with a helpful error. */
export function makeScriptedPolicy(spec: EnvSpec, name: string, env: TextEnv): Policy {
  const f = spec.policies[name];
  if (!f) throw unknownName(`policy for ${spec.id}`, name, Object.keys(spec.policies));
  return f(env);
}
