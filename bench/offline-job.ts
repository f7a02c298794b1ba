/**
 * One run of the offline bench (bench/offline.ts starts this in a child process): trains the job with
 * the row's defaults plus the bench's layers, resuming an interrupted run in the same folder, and prints
 * the result as one JSON line on stdout (progress goes to stderr, which the parent writes to a log).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getAlgorithm } from "../src/algorithms/index";
import { train } from "../src/algorithms/trainer";
import { getEnvSpec } from "../src/tasks/index";
import { extraLayers, type OfflineJob, type OnlineSummary } from "./offline";

/** Rollout throughput averaged over an online run's rounds, and its learning curve (rollout score per round). */
function onlineSummary(runDir: string, phase: string): OnlineSummary {
  const rows = readFileSync(join(runDir, "metrics.jsonl"), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, number | string>);
  const rounds = rows.filter((x) => x.phase === phase && typeof x["rollout/score"] === "number") as Record<string, number>[];
  const avg = (k: string) => rounds.reduce((s, x) => s + x[k], 0) / Math.max(1, rounds.length);
  return {
    episodesPerSec: +avg("throughput/episodes_per_s").toFixed(2),
    genTokPerSec: Math.round(avg("throughput/gen_tok_per_s")),
    rolloutShare: +avg("time/rollout_share").toFixed(3),
    curve: rounds.map((x) => +x["rollout/score"].toFixed(2)),
  };
}

const arg = JSON.parse(process.argv[2] ?? "{}") as { job: OfflineJob; out: string; bcOut: string };
const { job } = arg;
const spec = getEnvSpec(job.env);
const algo = getAlgorithm(job.algorithm);
const init = algo.start === "bc" ? [{ initCheckpoint: join(arg.bcOut, "checkpoints", "latest") }] : [];
const r = await train({ algorithm: algo, env: spec, seed: job.seed, out: arg.out, config: [...extraLayers(), ...init], progress: "lines", verbose: false, resume: "auto" });
const ev = r.finalEval;
console.log(JSON.stringify({
  ...(algo.data === "online" ? { online: onlineSummary(arg.out, algo.name) } : {}),
  ...job, score: +ev.normalizedScore.toFixed(3), scoreOurs: +ev.normalizedScoreOurs.toFixed(3), meanReturn: +ev.meanReturn.toFixed(4),
  successRate: ev.successRate, evalEpisodes: ev.episodes, taskMetrics: { invalid_rate: +ev.invalidActionRate.toFixed(4), ...r.taskMetrics }, steps: r.config.steps, seconds: +r.seconds.toFixed(1),
  tokens: r.tokens, tokensPerSec: Math.round(r.tokensPerSec), path: r.backend.path, threads: r.backend.native?.threads ?? null,
}));
