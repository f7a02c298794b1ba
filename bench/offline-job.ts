/**
 * One run of the offline bench (bench/offline.ts starts this in a child process): trains the job with
 * the row's defaults plus the bench's layers, resuming an interrupted run in the same folder, and prints
 * the result as one JSON line on stdout (progress goes to stderr, which the parent writes to a log).
 */
import { join } from "node:path";
import { getAlgorithm } from "../src/algorithms/index";
import { readMetrics, train } from "../src/algorithms/trainer";
import { getEnvSpec } from "../src/tasks/index";
import { curveOf, lossOf, onlineSummaryOf } from "../src/report/results";
import { extraLayers, type OfflineJob } from "./offline";

const arg = JSON.parse(process.argv[2] ?? "{}") as { job: OfflineJob; out: string; bcOut: string };
const { job } = arg;
const spec = getEnvSpec(job.env);
const algo = getAlgorithm(job.algorithm);
const init = algo.start === "bc" ? [{ initCheckpoint: join(arg.bcOut, "checkpoints", "latest") }] : [];
const r = await train({ algorithm: algo, env: spec, seed: job.seed, out: arg.out, config: [...extraLayers(), ...init], progress: "lines", verbose: false, resume: "auto" });
const ev = r.finalEval;
const metrics = readMetrics(arg.out);
console.log(JSON.stringify({
  ...(algo.data === "online" ? { online: onlineSummaryOf(metrics, algo.name) } : {}),
  curve: curveOf(metrics, algo.name), loss: lossOf(metrics, algo.name),
  ...job, score: +ev.normalizedScore.toFixed(3), scoreOurs: +ev.normalizedScoreOurs.toFixed(3), meanReturn: +ev.meanReturn.toFixed(4),
  successRate: ev.successRate, evalEpisodes: ev.episodes, taskMetrics: { invalid_rate: +ev.invalidActionRate.toFixed(4), ...r.taskMetrics }, steps: r.config.steps, seconds: +r.seconds.toFixed(1),
  tokens: r.tokens, tokensPerSec: Math.round(r.tokensPerSec), path: r.backend.path, threads: r.backend.native?.threads ?? null,
}));
