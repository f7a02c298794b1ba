/**
 * The `lmrl` command: play an env in the terminal, evaluate scripted policies, generate datasets and
 * print their Table-1 statistics, and run the kit's main job (`npm start`). Every verb prints a line a
 * person can read; `--json` prints one JSON object for machines.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { generateDatasets } from "./core/generate";
import { checkDatasetSet, checkReadableFile, readDatasetHeader, readTrajectories } from "./core/dataset";
import { evaluate } from "./core/evaluate";
import { DEFAULT_MAX_TOKENS, LlmClient, LlmConfigError } from "./core/llm";
import { DEFAULT_FEW_SHOT, llmPolicy } from "./core/llm-policy";
import { llmPartner } from "./core/llm-partner";
import { partnerFacts, partnerPrompt, type Partner, type PartnerRequest } from "./core/partner";
import { Rng } from "./core/rng";
import { normalizeScore } from "./core/normalize";
import { projectPath } from "./core/paths";
import { Progress } from "./core/progress";
import { SEED_MAX } from "./core/rng";
import { createRegistry, makeScriptedPolicy, unknownName, type EnvSpec, type PolicyFactory } from "./core/spec";
import { StatsAccumulator } from "./core/stats";
import { stopOnSigint } from "./core/interrupt";
import { act, formatAction, renderHistory } from "./core/text";
import type { EvalSummary, History, Policy, TextEnv, Trajectory } from "./core/types";
import { findChromium } from "./report/figure";
import { formatStatsTable, formatTable } from "./report/table";
import { executeNotebooks, installKernel, KERNEL_NAME, NOTEBOOK_BUDGET_BYTES, notebookPreflight } from "./kernel";
import { PREFERENCES } from "./model/backend";
import { buildTaskTokenizer } from "./model/tokenizer";
import { collectCorpus, taskCorpus } from "./core/corpus";
import { runStart } from "./start";
import { reportResults, runReproduce, runStageFile } from "./reproduce";
import { updateReadmeComparison } from "./report/compare";
import { algorithmNames, getAlgorithm } from "./algorithms/index";
import { TrainingInterrupted, learnerFromCheckpoint, learnerPolicy, train } from "./algorithms/trainer";
import { ENV_SPECS, registry } from "./tasks/index";

const USAGE = `lmrl — multi-turn RL with language models (LMRL-Gym in TypeScript)

Usage:
  lmrl list                                     registered env ids
  lmrl play <env-id> [--seed S]                 play an env in the terminal, seeing exactly the model's text
                                                (the valid actions are printed at the start and on "help")
  lmrl play <env-id> --as partner [--agent P | --checkpoint DIR] [--seed S]
                                                play the partner of a dialogue row (twenty-questions, guess-my-city:
                                                the oracle; car-dealer: the buyer) against a scripted agent P (default
                                                optimal) or a trained checkpoint: the hidden facts you play are printed,
                                                you type the partner's replies, the row's rules read them
  lmrl eval <env-id> --policy P [--episodes N] [--seed S] [--json] [--fresh-starts]
                                                evaluate a scripted policy (random, optimal, behaviour, ...)
  lmrl eval <env-id> --policy llm [--endpoint URL] [--model M] [--api-key-env NAME] [--cache DIR] [--cache-only]
            [--llm-timeout S] [--temperature T] [--few-shot K] [--llm-max-tokens N] [--llm-concurrency N]
            [--episodes N] [--seed S] [--json] [--fresh-starts]
                                                evaluate an LLM behind any OpenAI-compatible chat-completions endpoint, as
                                                the paper's GPT-4 few-shot column: --endpoint is the API root (default
                                                LMRL_LLM_BASE_URL, e.g. http://127.0.0.1:8080/v1); --model (default
                                                LMRL_LLM_MODEL, else the endpoint's only model); the key is sent as a Bearer
                                                token from the variable --api-key-env names, else LMRL_LLM_API_KEY or
                                                OPENAI_API_KEY; replies are cached in DIR (default runs/llm-cache; never the
                                                key), so a rerun is offline and identical; --cache-only never asks the
                                                endpoint; --llm-timeout per request in seconds (30; 3 tries); --temperature
                                                (0); --few-shot example games from the row's dataset in the prompt (1);
                                                --llm-max-tokens per reply (64; raise it for models that think aloud);
                                                --llm-concurrency requests in flight (4)
  lmrl eval <env-id> (--policy P | --checkpoint DIR) --partner llm [the LLM flags above] ...
                                                the dialogue rows with an LLM as the oracle / buyer (the paper's partner
                                                prompts, src/core/llm-partner.ts) instead of the rule-based one; the LLM
                                                flags configure the partner (and the policy too with --policy llm)
  lmrl eval <env-id> --checkpoint DIR [--episodes N] [--seed S] [--json] [--allow-env-mismatch]
            [--beta B] [--temperature T] [--fresh-starts]
                                                evaluate a trained model (a run folder of lmrl train, or one of its
                                                checkpoints); another task's or tokenizer's row is refused unless allowed;
                                                --beta/--temperature decode with another β (MC, ILQL) or temperature;
                                                --fresh-starts: each episode draws its own start from its seed instead
                                                of the row's fixed evaluation set (endgames' 645 test positions), for
                                                tuning without touching the reported set
  lmrl train <algorithm> <env-id> [--config file.json] [--set key=value ...] [--seed S] [--out DIR] [--resume | --overwrite] [--json]
                                                training (offline: bc, pbc, mc, ilql; online: ppo, online-bc, grpo, where
                                                steps count rounds of rollouts) with evaluation, metrics.jsonl and
                                                checkpoints in DIR (default runs/<algo>-<env>-seed<S>); every method but
                                                bc/pbc trains BC first unless the config sets initCheckpoint (a BC run
                                                folder or one of its checkpoints). --set overrides one key (after --config);
                                                "bc.steps=200" sets a key of the BC phase; values parse as JSON
                                                (numbers, true/false, null) or else stay strings. Ctrl-C stops after
                                                the current step (or evaluation) with its checkpoint saved: --resume
                                                continues exactly; a second Ctrl-C quits at once
  lmrl data generate <env-id|task> [--n N] [--seed S] [--out DIR]
                                                write the behaviour-policy dataset (JSONL) of an env, or of every row of a task;
                                                engine-backed rows (chess, endgames) append to <split>.jsonl.partial as games
                                                end, and the same command again continues a killed run where it stopped
  lmrl data stats <file> [--format F] [--json]  Table-1 statistics of a dataset beside the paper's
  lmrl start [--quick] [--jobs J] [--figures DIR] [--out DIR]
                                                the main job (what \`npm start\` runs): a small \`lmrl reproduce\` (the FO and
                                                PO mazes, BC vs ILQL vs PPO, one seed, a few minutes); its figures go to
                                                runs/start unless --figures says otherwise (\`npm run figures\`: figures/),
                                                its stages to runs/reproduce/start unless --out says otherwise
  lmrl reproduce [--quick|--full] [--rows r,..] [--methods m,..] [--seeds N | --seed s,..] [--jobs J] [--out DIR] [--figures DIR]
            [--train-seconds S] [--eval-episodes N] [--reuse-results] [--dry-run] [--readme]
  lmrl reproduce --report DIR [--figures DIR] [--readme]
                                                the paper's Table 2 on this machine: data -> BC -> %BC -> MC -> ILQL -> PPO ->
                                                online %BC -> GRPO -> evaluation on the paper's protocol, for every row, as
                                                a resumable pipeline (finished stages are reused, a killed run resumes);
                                                --quick (default): 1 seed, BC/%BC/ILQL/PPO, a tenth of the steps within
                                                ~15-20 s of one core each, a tenth of the data, 32-episode evaluations,
                                                and FO-maze ILQL in full as its check (~25 min on 2 cores);
                                                --full: every method, 3 seeds, the rows' defaults (hours per row);
                                                prints the table beside the paper's, writes CSV/JSON/Markdown and figures;
                                                --seed s,.. runs exactly those seeds instead of 0..N-1 (one --full
                                                run's seeds split over worktrees or machines);
                                                --train-seconds / --eval-episodes cap each training stage's estimated
                                                seconds of one core and each evaluation's episodes, FO-maze ILQL's
                                                included; --reuse-results counts a cell finished when the results
                                                folder has its file with the same recipe, evaluation and tokenizer
                                                (whatever commit wrote it: a --full run spread over sessions;
                                                a cell built on BC also needs that BC's file);
                                                --dry-run lists the stages and the estimated time (per row too);
                                                --report DIR: no training, the table and figures of a results folder
                                                (data/results: the shipped results; figures to runs/reproduce/report-figures
                                                unless --figures says otherwise); --readme writes the table into
                                                README.md's "Reproducing the paper" block
  lmrl tokenizer build [task...]                rebuild the shipped per-task tokenizers in data/tokenizers/
  lmrl kernel install                           register the Jupyter kernel for notebooks/ (npm run setup:jupyter)
  lmrl notebooks [--mode lesson|full|quick] [name ...]
                                                execute notebooks/ with Jupyter and save them with their outputs
                                                (\`npm run notebooks\`; needs setup:jupyter and setup:chromium)

Every verb takes --backend B to force the compute path (same as LMRL_BACKEND=B): ${PREFERENCES.join(", ")}.

Env ids: ${ENV_SPECS.map((s) => s.id).join(", ")}
`;

type Flags = Record<string, string | boolean | undefined>;

/**
 * `--flag -5` would read as an unknown option "-5": join a value flag with a following negative or
 * dotted number (`--seed=-5`), so the flag's own check explains what it accepts.
 */
function joinNegativeValues(argv: string[], options: ParseArgsConfig["options"]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.startsWith("--") && !a.includes("=") ? a.slice(2) : undefined;
    if (name && options?.[name]?.type === "string" && i + 1 < argv.length && /^-[\d.]/.test(argv[i + 1])) {
      out.push(`${a}=${argv[++i]}`);
    } else {
      out.push(a);
    }
  }
  return out;
}

function parse(argv: string[], options: ParseArgsConfig["options"]): { positionals: string[]; flags: Flags } {
  try {
    const { positionals, values } = parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals: true, strict: true });
    return { positionals, flags: values as Flags };
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
}

class UsageError extends Error {}

/**
 * An integer flag written in plain decimal digits (no sign, exponent, hex or fraction: `--episodes 0x10`
 * is refused rather than read as 16), between `min` and `max`.
 */
function intFlag(flags: Flags, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const text = String(v).trim();
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`--${name} must be a whole number ${range} written in decimal digits, got "${v}"`);
  }
  return n;
}

/** A non-negative decimal number flag (`--beta 4`, `--temperature 0.5`), or undefined when absent. */
function numberFlag(flags: Flags, name: string): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const text = String(v).trim();
  const n = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number >= 0 written in decimal digits (e.g. 4 or 0.5), got "${v}"`);
  return n;
}

/** A seed flag: an integer in [0, 2³²) (larger values would alias smaller seeds). */
function seedFlag(flags: Flags, name = "seed", fallback = 0): number {
  return intFlag(flags, name, fallback, 0, SEED_MAX);
}

function envArg(positionals: string[], verb: string): EnvSpec {
  const id = positionals[0];
  if (!id) throw new UsageError(`lmrl ${verb}: missing <env-id>. One of: ${registry.ids.join(", ")}`);
  return registry.getEnvSpec(id);
}

async function cmdEval(argv: string[]): Promise<number> {
  const { positionals, flags } = parse(argv, {
    policy: { type: "string" },
    checkpoint: { type: "string" },
    "allow-env-mismatch": { type: "boolean" },
    beta: { type: "string" },
    temperature: { type: "string" },
    episodes: { type: "string" },
    seed: { type: "string" },
    json: { type: "boolean" },
    "fresh-starts": { type: "boolean" },
    endpoint: { type: "string" },
    model: { type: "string" },
    "api-key-env": { type: "string" },
    cache: { type: "string" },
    "cache-only": { type: "boolean" },
    "llm-timeout": { type: "string" },
    "few-shot": { type: "string" },
    "llm-concurrency": { type: "string" },
    "llm-max-tokens": { type: "string" },
    partner: { type: "string" },
  });
  const strayLlm = LLM_FLAGS.find((f) => flags[f] !== undefined);
  if (strayLlm !== undefined && flags.policy !== "llm" && flags.partner !== "llm") throw new UsageError(`lmrl eval: --${strayLlm} applies only to --policy llm or --partner llm`);
  if (flags.partner !== undefined && flags.partner !== "llm") throw new UsageError(`lmrl eval: --partner takes "llm" (the rule-based partner is the default), got "${flags.partner}"`);
  if (flags.checkpoint !== undefined) return cmdEvalCheckpoint(positionals, flags);
  const spec = envArg(positionals, "eval");
  const policyName = (flags.policy as string | undefined) ?? "optimal";
  if (policyName === "llm") return cmdEvalLlm(spec, flags);
  if (!(policyName in spec.policies)) throw unknownName(`policy for ${spec.id}`, policyName, Object.keys(spec.policies));
  const partner = partnerEnvs(spec, flags);
  // an LLM partner's requests run 16 games at a time; the rule-based default keeps evaluate's batch
  printEval(await runEval(spec, policyName, (env) => makeScriptedPolicy(spec, policyName, env), flags, partner, partner ? 16 : undefined), Boolean(flags.json));
  return 0;
}

/**
 * The evaluation every `lmrl eval` path shares: the protocol's episodes and seed from the flags, a progress
 * bar, `--fresh-starts`, and the `--partner llm` envs (their request counts reported even on failure).
 */
async function runEval(
  spec: EnvSpec,
  label: string,
  policy: Policy | PolicyFactory,
  flags: Flags,
  partner: ReturnType<typeof partnerEnvs>,
  batchSize: number | undefined,
  after?: () => void,
): Promise<EvalSummary> {
  const episodes = intFlag(flags, "episodes", spec.evaluation.episodes, 1);
  const bar = new Progress(`eval ${spec.id}/${label}`, episodes, { mode: flags.json ? "off" : undefined });
  try {
    const { episodeRecords: _drop, ...summary } = await evaluate(spec, policy, {
      episodes,
      seed: seedFlag(flags),
      ...(batchSize !== undefined ? { batchSize } : {}),
      freshStarts: Boolean(flags["fresh-starts"]),
      onProgress: (d) => bar.update(d),
      ...(partner ? { makeEnv: partner.makeEnv } : {}),
    });
    return summary;
  } finally {
    bar.done();
    partner?.report();
    after?.();
  }
}

/** The LLM client of `--policy llm` / `--partner llm`, from the shared LLM flags. */
function llmClientFromFlags(flags: Flags, what: string): LlmClient {
  const timeout = numberFlag(flags, "llm-timeout");
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--llm-timeout must be a number of seconds > 0, got "${flags["llm-timeout"]}"`);
  try {
    return new LlmClient({
      baseUrl: flags.endpoint as string | undefined,
      model: flags.model as string | undefined,
      apiKeyEnv: flags["api-key-env"] as string | undefined,
      ...(flags.cache !== undefined ? { cacheDir: flags.cache as string } : {}),
      cacheOnly: Boolean(flags["cache-only"]),
      ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    });
  } catch (e) {
    if (e instanceof LlmConfigError) throw new UsageError(`lmrl eval ${what}: ${e.message.replace(/^lmrl: /, "")}`);
    throw e;
  }
}

/** The rows whose partner is pluggable (`EnvSpec.partner`). */
function partnerRows(): string[] {
  return ENV_SPECS.filter((s) => s.partner).map((s) => s.id);
}

/** `--partner llm`: each episode's env with an LLM partner (one client), and a line of request counts for stderr. */
function partnerEnvs(spec: EnvSpec, flags: Flags): { makeEnv: () => TextEnv; report: () => void } | undefined {
  if (flags.partner !== "llm") return undefined;
  const support = spec.partner;
  if (!support) throw new UsageError(`lmrl eval: ${spec.id} has no pluggable partner; rows with one: ${partnerRows().join(", ")}`);
  const client = llmClientFromFlags(flags, "--partner llm");
  const temperature = numberFlag(flags, "temperature") ?? 0;
  const maxTokens = flags["llm-max-tokens"] !== undefined ? intFlag(flags, "llm-max-tokens", DEFAULT_MAX_TOKENS, 1) : undefined;
  const partner = llmPartner(client, spec.id, { temperature, ...(maxTokens !== undefined ? { maxTokens } : {}) });
  return {
    makeEnv: () => support.make(partner),
    report: () =>
      console.error(
        `lmrl eval: ${support.role} is ${partner.name} at ${client.config.baseUrl ?? "(cache only)"}: ${client.requests} HTTP requests, ` +
          `${client.cacheHits} replies from the cache ${client.config.cacheDir ?? "(off)"}`,
      ),
  };
}

/** The flags of `lmrl eval --policy llm` (refused with any other policy). */
const LLM_FLAGS = ["endpoint", "model", "api-key-env", "cache", "cache-only", "llm-timeout", "few-shot", "llm-concurrency", "llm-max-tokens"] as const;

/**
 * `lmrl eval <env> --policy llm`: an LLM behind an OpenAI-compatible endpoint plays the row (src/core/llm.ts,
 * src/core/llm-policy.ts). An endpoint failure after the retries ends the command with exit 1 and no
 * summary; replies received so far stay in the cache, so the same command again resumes from them.
 */
async function cmdEvalLlm(spec: EnvSpec, flags: Flags): Promise<number> {
  const fewShot = intFlag(flags, "few-shot", DEFAULT_FEW_SHOT, 0, 64);
  const concurrency = intFlag(flags, "llm-concurrency", 4, 1, 256);
  const maxTokens = intFlag(flags, "llm-max-tokens", DEFAULT_MAX_TOKENS, 1);
  const temperature = numberFlag(flags, "temperature") ?? 0;
  const client = llmClientFromFlags(flags, "--policy llm");
  const partner = partnerEnvs(spec, flags);
  const policy = await llmPolicy(spec, client, { fewShot, temperature, concurrency, maxTokens });
  const s = await runEval(spec, policy.name, policy, flags, partner, 4 * concurrency, () =>
    console.error(
      `lmrl eval: ${policy.name} at ${client.config.baseUrl ?? "(cache only)"}: ${client.requests} HTTP requests, ` +
        `${client.cacheHits} replies from the cache ${client.config.cacheDir ?? "(off)"}`,
    ),
  );
  printEval(s, Boolean(flags.json));
  return 0;
}

function printEval(s: EvalSummary, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(s));
    return;
  }
  console.log(
    `${s.env} ${s.policy}: mean return ${s.meanReturn.toFixed(3)} (std ${s.stdReturn.toFixed(3)}) over ${s.episodes} episodes ` +
      `(seed ${s.seed}), success ${(100 * s.successRate).toFixed(1)}%, length ${s.meanLength.toFixed(2)}, ` +
      `normalized ${s.normalizedScore.toFixed(1)} (paper anchors) / ${s.normalizedScoreOurs.toFixed(1)} (ours)` +
      `, invalid actions ${(100 * s.invalidActionRate).toFixed(1)}%` +
      (s.freshStarts ? " — fresh starts, not the row's evaluation set" : ""),
  );
}

/** `lmrl eval <env> --checkpoint DIR`: the same JSON fields as the scripted-policy eval. */
async function cmdEvalCheckpoint(positionals: string[], flags: Flags): Promise<number> {
  if (flags.policy !== undefined) throw new UsageError("lmrl eval: pass either --policy or --checkpoint, not both");
  const dir = flags.checkpoint as string;
  const { learner, config, spec } = await learnerFromCheckpoint(dir, positionals[0] ? registry.getEnvSpec(positionals[0]) : registry.getEnvSpec, {
    lookup: registry.getEnvSpec,
    allowMismatch: Boolean(flags["allow-env-mismatch"]),
    decoding: { beta: numberFlag(flags, "beta"), temperature: numberFlag(flags, "temperature") },
  });
  const partner = partnerEnvs(spec, flags);
  const s = await runEval(spec, learner.algorithm, learnerPolicy(learner, spec, config), flags, partner, config.evalBatchSize);
  learner.dispose();
  printEval(s, Boolean(flags.json));
  return 0;
}

/**
 * `--set key=value` flags as one config layer. Values are JSON when they parse (`steps=200`,
 * `cosine=false`, `historyWindow=null`, `filter="top"`), otherwise plain strings (`filter=top`);
 * `section.key=value` writes into an algorithm section (`bc.steps=200` configures an ILQL run's BC phase).
 *
 * @example
 * parseSetFlags(["steps=200", "bc.lr=0.001", "filter=top"]); // { steps: 200, bc: { lr: 0.001 }, filter: "top" }
 */
export function parseSetFlags(values: readonly string[]): Record<string, unknown> {
  const layer: Record<string, unknown> = {};
  for (const v of values) {
    const eq = v.indexOf("=");
    const key = eq > 0 ? v.slice(0, eq).trim() : "";
    if (!key) throw new UsageError(`--set needs key=value (e.g. --set steps=200 or --set bc.steps=200), got "${v}"`);
    const raw = v.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // not JSON: keep the string as typed
    }
    const path = key.split(".");
    if (path.length > 2 || path.some((p) => p === "")) throw new UsageError(`--set ${key}: use "key" or "<algorithm>.key", got "${key}"`);
    if (path.length === 2) {
      const section = (layer[path[0]] ??= {}) as Record<string, unknown>;
      if (typeof section !== "object" || section === null) throw new UsageError(`--set ${key}: "${path[0]}" was set to a value, not a section`);
      section[path[1]] = value;
    } else {
      layer[key] = value;
    }
  }
  return layer;
}

async function cmdTrain(argv: string[]): Promise<number> {
  const { positionals, flags } = parse(argv, {
    set: { type: "string", multiple: true },
    config: { type: "string" },
    seed: { type: "string" },
    out: { type: "string" },
    resume: { type: "boolean" },
    overwrite: { type: "boolean" },
    json: { type: "boolean" },
  });
  const [algo, envId] = positionals;
  if (!algo || !envId) throw new UsageError(`lmrl train: need <algorithm> <env-id>, e.g. \`lmrl train ilql maze-fo\`. Algorithms: ${algorithmNames().join(", ")}`);
  const layers: Record<string, unknown>[] = [];
  if (flags.config !== undefined) {
    const file = flags.config as string;
    if (!existsSync(file)) throw new Error(`lmrl train: --config ${file} does not exist`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new Error(`lmrl train: --config ${file} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error(`lmrl train: --config ${file} must hold a JSON object of config keys`);
    layers.push(parsed as Record<string, unknown>);
  }
  const sets = (flags.set as unknown as string[] | undefined) ?? [];
  if (sets.length > 0) layers.push(parseSetFlags(sets));
  const stop = new AbortController();
  const release = stopOnSigint(stop);
  let r: Awaited<ReturnType<typeof train>>;
  try {
    r = await train({
      algorithm: algo,
      env: registry.getEnvSpec(envId),
      config: layers,
      seed: seedFlag(flags),
      ...(flags.out !== undefined ? { out: flags.out as string } : {}),
      resume: Boolean(flags.resume),
      overwrite: Boolean(flags.overwrite),
      ...(flags.json ? { progress: "off" as const } : {}),
      signal: stop.signal,
    });
  } catch (e) {
    if (!(e instanceof TrainingInterrupted)) throw e;
    console.error(`lmrl train: ${e.message}`);
    return 130; // the shell's code for a run ended by SIGINT
  } finally {
    release();
  }
  const { episodeRecords: _drop, ...summary } = r.finalEval;
  if (flags.json) {
    console.log(JSON.stringify({ ...summary, runDir: r.runDir, taskMetrics: r.taskMetrics, seconds: r.seconds, tokens: r.tokens, tokensPerSec: r.tokensPerSec, backend: r.backend.path }));
  } else {
    printEval({ ...summary, policy: `${algo} (${r.runDir})` }, false);
    console.log(`trained in ${r.seconds.toFixed(1)} s, ${r.tokens} tokens (${Math.round(r.tokensPerSec)} tok/s incl. evaluation) on ${r.backend.path}`);
  }
  return 0;
}

function cmdNotebooks(argv: string[]): number {
  const { positionals, flags } = parse(argv, { mode: { type: "string" } });
  const mode = (flags.mode as string | undefined) ?? "lesson";
  if (mode !== "quick" && mode !== "lesson" && mode !== "full") throw new UsageError(`lmrl notebooks: --mode must be quick, lesson or full, not "${mode}"`);
  const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
  const problem = notebookPreflight({
    jupyter: has("jupyter", ["--version"]),
    kernel: spawnSync("jupyter", ["kernelspec", "list"], { encoding: "utf8" }).stdout?.includes(KERNEL_NAME) ?? false,
    chromium: findChromium() !== null,
  });
  if (problem) throw new Error(`lmrl notebooks: ${problem}`);
  const dir = projectPath("notebooks");
  const all = readdirSync(dir).filter((f) => f.endsWith(".ipynb") && !f.startsWith(".")).sort();
  const chosen = positionals.length ? positionals.map((n) => all.find((f) => f === n || f.startsWith(n)) ?? unknownName("notebook", n, all).message) : all;
  const missing = chosen.filter((c) => !all.includes(c));
  if (missing.length) throw new UsageError(missing.join("; "));
  const done = executeNotebooks(chosen.map((f) => join(dir, f)), mode, (cmd, args, env) => spawnSync(cmd, args, { env, stdio: "inherit" }).status ?? 1);
  let over = 0;
  for (const d of done) {
    const big = d.bytes > NOTEBOOK_BUDGET_BYTES;
    over += big ? 1 : 0;
    console.log(`${d.path}: ${(d.bytes / 1e6).toFixed(2)} MB, ${d.seconds.toFixed(0)} s${big ? ` — over the ${NOTEBOOK_BUDGET_BYTES / 1e6} MB budget` : ""}`);
  }
  return over > 0 ? 1 : 0;
}

/** Where `lmrl play` reads the person's lines (tests pass a stream; default stdin). */
export interface CliIo {
  readonly input?: NodeJS.ReadableStream;
}

async function cmdPlay(argv: string[], io: CliIo = {}): Promise<number> {
  const { positionals, flags } = parse(argv, { seed: { type: "string" }, as: { type: "string" }, agent: { type: "string" }, checkpoint: { type: "string" } });
  const spec = envArg(positionals, "play");
  const seed = seedFlag(flags, "seed", Date.now() % 1_000_000);
  const role = (flags.as as string | undefined) ?? "agent";
  if (role !== "agent" && role !== "partner") throw new UsageError(`lmrl play: --as takes agent (default) or partner, got "${role}"`);
  if (role === "partner") return cmdPlayPartner(spec, flags, seed, io);
  if (flags.agent !== undefined || flags.checkpoint !== undefined) throw new UsageError(`lmrl play: --agent and --checkpoint apply only with --as partner`);
  const env = spec.make();
  // Read lines through the async iterator (not rl.question), so piped input is never dropped.
  const rl = createInterface({ input: io.input ?? process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const show = (h: History) => {
    process.stdout.write(`\n----- what the model sees (${spec.id}, seed ${seed}) -----\n`);
    // the model sees only the row's window of the latest texts (e.g. the current position)
    process.stdout.write(renderHistory(Number.isFinite(spec.historyWindow) ? h.slice(-spec.historyWindow) : h));
    process.stdout.write(`-----\n`);
    if (spec.playAid) process.stdout.write(`(an aid for you, not shown to the model)\n${spec.playAid(h).replace(/\n?$/, "\n")}`);
  };
  let history = await env.reset({ seed });
  let ret = 0;
  const actions = `Actions: ${spec.actions}`;
  console.log(`${spec.description}\n${actions}\nType your action and press Enter; "help" shows the actions again without spending a turn; Ctrl-D quits.`);
  try {
    for (let turn = 1; ; turn++) {
      show(history);
      let next: IteratorResult<string>;
      for (;;) {
        process.stdout.write(`turn ${turn}> `);
        next = await lines.next();
        if (next.done || !/^\s*(help|\?)\s*$/i.test(next.value)) break;
        console.log(actions);
      }
      if (next.done) {
        process.stdout.write("\n");
        break;
      }
      const r = await env.step([...history, act(formatAction(next.value))]);
      ret += r.reward;
      console.log(`reward ${r.reward}${r.info.invalidAction ? " (invalid action)" : ""}, return so far ${ret}`);
      history = r.history;
      if (r.terminated || r.truncated) {
        show(history);
        const score = normalizeScore(ret, spec.anchors.paper);
        console.log(`Episode over (${r.terminated ? "terminated" : "truncated"}${r.info.success ? ", success" : ""}): return ${ret}, normalized ${score.toFixed(1)}.`);
        break;
      }
    }
  } finally {
    rl.close();
    await env.close?.();
  }
  return 0;
}

/** The person closed the input (Ctrl-D) while playing the partner. */
class PlayQuit extends Error {}

/**
 * `lmrl play <row> --as partner`: the person types the partner's replies (the oracle's answers, the
 * buyer's lines) through the row's `PartnerSupport`, against a scripted agent (`--agent`, default
 * optimal) or a trained checkpoint. The hidden facts are printed once, then each agent line; the env
 * applies its rules to what the person types (shown as the agent sees it), and the return is printed
 * at the end.
 */
async function cmdPlayPartner(spec: EnvSpec, flags: Flags, seed: number, io: CliIo): Promise<number> {
  const support = spec.partner;
  if (!support) throw new UsageError(`lmrl play --as partner: ${spec.id} has no pluggable partner; rows with one: ${partnerRows().join(", ")}`);
  if (flags.agent !== undefined && flags.checkpoint !== undefined) throw new UsageError("lmrl play --as partner: pass either --agent or --checkpoint, not both");
  const rl = createInterface({ input: io.input ?? process.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  let factsShown = false;
  const person: Partner = {
    name: "person",
    async reply(req: PartnerRequest): Promise<string> {
      if (!factsShown) {
        console.log(`\n----- what you play (hidden from the agent) -----\n${partnerFacts(req)}\n-----`);
        factsShown = true;
      }
      if (req.row === "car-dealer" && req.reprompt) console.log("You must decide now: type the Output line (e.g. Output: Decision=Reject MSRP=$X).");
      else if (req.row === "car-dealer" && req.mustDecide) console.log("This is the last seller line: end your reply with the Output line.");
      else console.log(`agent: ${partnerPrompt(req)}`);
      for (;;) {
        if (io.input === undefined) process.stdout.write(`${support.role}> `);
        const next = await lines.next();
        if (next.done) throw new PlayQuit("input closed");
        if (!/^\s*(help|\?)\s*$/i.test(next.value)) return next.value;
        console.log(`You are ${support.role}: ${support.rules}`);
      }
    },
  };
  let policy: Policy;
  let dispose = () => {};
  const env = support.make(person);
  if (flags.checkpoint !== undefined) {
    const { learner, config } = await learnerFromCheckpoint(flags.checkpoint as string, spec, { lookup: registry.getEnvSpec });
    policy = learnerPolicy(learner, spec, config);
    dispose = () => learner.dispose();
  } else {
    policy = makeScriptedPolicy(spec, (flags.agent as string | undefined) ?? "optimal", env);
  }
  console.log(`${spec.description}\nYou are ${support.role} against the agent ${policy.name} (seed ${seed}): ${support.rules}\nType each reply and press Enter; "help" shows the rules again; Ctrl-D quits.`);
  const rng = new Rng(seed);
  let ret = 0;
  try {
    let history = await env.reset({ seed });
    for (;;) {
      const shown = Number.isFinite(spec.historyWindow) ? history.slice(-spec.historyWindow) : history;
      const action = await policy.act(shown, rng);
      const r = await env.step([...history, act(formatAction(action))]);
      ret += r.reward;
      history = r.history;
      console.log(`the agent sees: ${history[history.length - 1].text.replace(/\n$/, "")}`);
      if (r.terminated || r.truncated) {
        console.log(`\n----- the episode (${spec.id}, seed ${seed}) -----\n${renderHistory(history)}-----`);
        const score = normalizeScore(ret, spec.anchors.paper);
        console.log(`Episode over (${r.terminated ? "terminated" : "truncated"}${r.info.success ? ", success" : ""}): the agent's return ${ret}, normalized ${score.toFixed(1)}.`);
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof PlayQuit)) throw e;
    console.log(`\nStopped (input closed): the agent's return so far ${ret}.`);
  } finally {
    rl.close();
    dispose();
    await env.close?.();
  }
  return 0;
}

/**
 * The rows `lmrl data generate <name>` writes: a row id names that row alone; a task name (e.g. "maze")
 * every row of the task. A row id wins when a task shares its name: "chess" is a row and also the task
 * of chess + endgames, and `generate chess` must not regenerate (and overwrite) the endgames file.
 */
export function generationTargets(name: string, specs: readonly EnvSpec[]): EnvSpec[] {
  const row = specs.find((s) => s.id === name);
  if (row) return [row];
  const byTask = specs.filter((s) => s.task === name);
  return byTask.length > 0 ? byTask : [createRegistry(specs).getEnvSpec(name)];
}

async function cmdDataGenerate(argv: string[]): Promise<number> {
  const { positionals, flags } = parse(argv, { n: { type: "string" }, seed: { type: "string" }, out: { type: "string" } });
  const name = positionals[0];
  if (!name) throw new UsageError(`lmrl data generate: missing <env-id|task>. One of: ${registry.ids.join(", ")}`);
  const specs = generationTargets(name, ENV_SPECS);
  const out = (flags.out as string | undefined) ?? projectPath("data", "generated");
  const seed = seedFlag(flags);
  const n = flags.n === undefined ? undefined : intFlag(flags, "n", 0, 1);
  for (const spec of specs) {
    console.log(`Generating ${spec.id} with seed ${seed}: ${spec.dataset.behaviour}`);
    for (const f of await generateDatasets(spec, { n, seed, out, progress: true })) {
      console.log(`wrote ${f.path} (${f.count} trajectories, ${f.seconds.toFixed(1)} s)`);
      console.log(formatStatsTable(f.stats, spec.dataset.paperStats));
    }
  }
  return 0;
}

async function cmdDataStats(argv: string[]): Promise<number> {
  const { positionals, flags } = parse(argv, { json: { type: "boolean" }, format: { type: "string" } });
  const file = positionals[0];
  if (!file) throw new UsageError("lmrl data stats: missing <file>");
  checkReadableFile(file);
  const format = flags.format as string | undefined;
  let source: AsyncIterable<Trajectory>;
  let spec: EnvSpec | undefined;
  if (format) {
    const formats = ENV_SPECS.filter((s) => s.referenceReader).map((s) => s.id);
    if (!formats.includes(format)) throw unknownName("--format", format, formats);
    spec = registry.getEnvSpec(format);
    source = (spec.referenceReader as NonNullable<EnvSpec["referenceReader"]>)(file);
  } else {
    await checkDatasetSet(dirname(file));
    const header = await readDatasetHeader(file);
    spec = header && registry.ids.includes(header.env) ? registry.getEnvSpec(header.env) : undefined;
    source = readTrajectories(file);
  }
  const acc = new StatsAccumulator();
  let envId = spec?.id;
  for await (const t of source) {
    acc.add(t);
    envId ??= t.task;
  }
  spec ??= envId && registry.ids.includes(envId) ? registry.getEnvSpec(envId) : undefined;
  const stats = acc.result();
  if (flags.json) {
    console.log(JSON.stringify({ file, env: envId, stats, paper: spec?.dataset.paperStats ?? null }));
  } else {
    console.log(`${file} (${envId ?? "unknown env"})`);
    console.log(formatStatsTable(stats, spec?.dataset.paperStats));
  }
  return 0;
}

function cmdList(): number {
  console.log(formatTable(ENV_SPECS.map((s) => ({ id: s.id, turns: s.maxTurns, policies: Object.keys(s.policies).join(" "), description: s.description }))));
  return 0;
}

/**
 * Removes a global `--backend B` / `--backend=B` from argv and puts it into LMRL_BACKEND, which
 * `initBackend` reads (so every verb, and the run metadata it writes, uses the forced path).
 */
function takeBackendFlag(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a !== "--backend" && !a.startsWith("--backend=")) {
      out.push(a);
      continue;
    }
    const value = a === "--backend" ? argv[++i] : a.slice("--backend=".length);
    if (!value || !(PREFERENCES as readonly string[]).includes(value)) {
      throw new UsageError(`--backend needs one of ${PREFERENCES.join(", ")}, got ${value === undefined ? "nothing" : `"${value}"`}`);
    }
    process.env.LMRL_BACKEND = value;
  }
  return out;
}

/** The usage lines of one verb (its entries in USAGE with their continuation lines). */
export function verbUsage(verb: string): string | undefined {
  const lines = USAGE.split("\n");
  const out: string[] = [];
  let inVerb = false;
  for (const l of lines) {
    if (/^  lmrl \S/.test(l)) inVerb = l.startsWith(`  lmrl ${verb} `) || l.trimEnd() === `  lmrl ${verb}`;
    else if (!/^ {4,}\S/.test(l)) inVerb = false; // continuation lines: flags (12 spaces) and descriptions (48)
    if (inVerb) out.push(l);
  }
  return out.length > 0 ? `Usage:\n${out.join("\n")}\n\nEvery verb takes --backend B (${PREFERENCES.join(", ")}) and --help.` : undefined;
}

const VERBS = ["list", "play", "eval", "train", "data", "start", "reproduce", "tokenizer", "kernel", "notebooks", "help"];

/** `lmrl reproduce`: see src/reproduce.ts. */
async function cmdReproduce(argv: string[]): Promise<number> {
  const { flags } = parse(argv, {
    quick: { type: "boolean" },
    full: { type: "boolean" },
    rows: { type: "string" },
    methods: { type: "string" },
    seeds: { type: "string" },
    seed: { type: "string" },
    jobs: { type: "string" },
    out: { type: "string" },
    figures: { type: "string" },
    "train-seconds": { type: "string" },
    "eval-episodes": { type: "string" },
    "dry-run": { type: "boolean" },
    "reuse-results": { type: "boolean" },
    report: { type: "string" },
    readme: { type: "boolean" },
  });
  if (flags.report !== undefined) {
    // no training: the comparison and figures of a results folder (e.g. the shipped data/results)
    const dir = flags.report as string;
    if (!existsSync(dir)) throw new UsageError(`lmrl reproduce --report: ${dir} does not exist (a results folder: data/results, or runs/reproduce/<preset>/results)`);
    const files = await reportResults(dir, (flags.figures as string | undefined) ?? projectPath("runs", "reproduce", "report-figures"));
    if (flags.readme) console.log(`README block ${updateReadmeComparison(dir, ENV_SPECS) ? "rewritten" : "unchanged"}`);
    if (files.length > 0) console.log(`wrote ${files.map((f) => relative(process.cwd(), f)).join(", ")}`);
    return 0;
  }
  if (flags.quick && flags.full) throw new UsageError("lmrl reproduce: pass --quick or --full, not both");
  if (flags.seeds !== undefined && flags.seed !== undefined) throw new UsageError("lmrl reproduce: pass --seeds N (seeds 0..N-1) or --seed s,.. (exactly those), not both");
  const list = (name: string): string[] | undefined => (flags[name] === undefined ? undefined : String(flags[name]).split(",").map((x) => x.trim()).filter(Boolean));
  const rows = list("rows")?.map((r) => registry.getEnvSpec(r).id);
  const methods = list("methods")?.map((m) => getAlgorithm(m).name);
  const preset = flags.full ? "full" : "quick";
  const { plan, report, resultsDir } = await runReproduce({
    preset,
    rows,
    methods,
    ...(flags.seeds !== undefined ? { seeds: intFlag(flags, "seeds", 1, 1, 100) } : {}),
    ...(flags.seed !== undefined ? { seedList: list("seed")!.map((x) => intFlag({ seed: x }, "seed", 0, 0, 999)) } : {}),
    ...(flags.jobs !== undefined ? { jobs: intFlag(flags, "jobs", 1, 1, 64) } : {}),
    ...(flags.out !== undefined ? { out: flags.out as string } : {}),
    ...(flags["train-seconds"] !== undefined ? { trainSeconds: intFlag(flags, "train-seconds", 1, 1) } : {}),
    ...(flags["eval-episodes"] !== undefined ? { evalEpisodes: intFlag(flags, "eval-episodes", 1, 1) } : {}),
    dryRun: Boolean(flags["dry-run"]),
    reuseResults: Boolean(flags["reuse-results"]),
  });
  if (!report) return 0;
  const figuresDir = (flags.figures as string | undefined) ?? (preset === "full" && flags.out === undefined ? projectPath("figures") : join(plan.root, "figures"));
  const files = await reportResults(resultsDir, figuresDir);
  if (flags.readme) console.log(`README block ${updateReadmeComparison(resultsDir, ENV_SPECS) ? "rewritten" : "unchanged"}`);
  if (files.length > 0) console.log(`wrote ${files.map((f) => relative(process.cwd(), f)).join(", ")}`);
  return report.failed.size > 0 ? 1 : 0;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  try {
    const [verb, ...rest] = takeBackendFlag(argv);
    if (verb !== undefined && VERBS.includes(verb) && (rest.includes("--help") || rest.includes("-h"))) {
      console.log(verbUsage(verb) ?? USAGE);
      return 0;
    }
    switch (verb) {
      case undefined:
      case "help":
      case "--help":
      case "-h":
        console.log(USAGE);
        return verb === undefined ? 2 : 0;
      case "list":
        return cmdList();
      case "play":
        return await cmdPlay(rest, io);
      case "eval":
        return await cmdEval(rest);
      case "train":
        return await cmdTrain(rest);
      case "data": {
        const [sub, ...more] = rest;
        if (sub === "generate") return await cmdDataGenerate(more);
        if (sub === "stats") return await cmdDataStats(more);
        throw new UsageError(sub ? unknownName("data subcommand", sub, ["generate", "stats"]).message : `lmrl data: missing subcommand (generate | stats)`);
      }
      case "start": {
        const { flags } = parse(rest, { quick: { type: "boolean" }, jobs: { type: "string" }, figures: { type: "string" }, out: { type: "string" } });
        return await runStart({
          quick: Boolean(flags.quick) || process.env.QUICK === "1",
          ...(flags.jobs !== undefined ? { jobs: intFlag(flags, "jobs", 1, 1, 64) } : {}),
          ...(flags.figures !== undefined ? { figuresDir: flags.figures as string } : {}),
          ...(flags.out !== undefined ? { out: flags.out as string } : {}),
        });
      }
      case "reproduce":
        return await cmdReproduce(rest);
      case "_stage":
        // one stage of `lmrl reproduce`, in the child process the pipeline started
        await runStageFile(rest[0] ?? "");
        return 0;
      case "tokenizer": {
        if (rest[0] !== "build") throw new UsageError("lmrl tokenizer: the only subcommand is `build [task...]`");
        const tasks = rest.length > 1 ? rest.slice(1) : [...new Set(ENV_SPECS.map((s) => s.task))];
        for (const task of tasks) {
          const specs = ENV_SPECS.filter((s) => s.task === task);
          if (specs.length === 0) throw unknownName("task", task, [...new Set(ENV_SPECS.map((s) => s.task))]);
          // rows that list their texts (chess) are not rolled out
          const listed = specs.every((s) => s.tokenizerTexts);
          const kind = specs[0].tokenizerKind ?? { kind: "word" };
          const r = buildTaskTokenizer(task, listed ? specs.flatMap((s) => [...s.tokenizerTexts!()]) : await collectCorpus(taskCorpus(specs)), kind);
          console.log(`${task}: ${r.vocabSize} tokens from ${r.texts} distinct texts -> ${r.dir}`);
        }
        return 0;
      }
      case "kernel": {
        if (rest[0] !== "install") throw new UsageError("lmrl kernel: the only subcommand is `install`");
        const dir = installKernel();
        console.log(`Installed the Jupyter kernel "TypeScript (lmrl-gym-ts)" in ${dir}; open notebooks/ with \`jupyter notebook\` and pick it.`);
        return 0;
      }
      case "notebooks":
        return cmdNotebooks(rest);
      default:
        throw new UsageError(unknownName("command", verb, VERBS).message);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    const message = (e as Error).message;
    console.error(message.startsWith("lmrl") ? message : `lmrl: ${message}`);
    if (process.env.LMRL_DEBUG) console.error((e as Error).stack);
    return 1;
  }
}
