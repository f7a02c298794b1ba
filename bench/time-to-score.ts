/**
 * Time to score: FO-maze ILQL with the default config (the BC phase, then 8,000 ILQL steps), evaluated
 * every EVAL_EVERY steps (default 250) on a fixed 200-episode set, printing per seed the wall time and
 * tokens (both phases) until the first evaluation >= TARGET (default 90) — also without the time spent
 * in those periodic evaluations — the final score, the thread count and the machine load, then the mean
 * over seeds with a Student-t CI. Threads: every core unless LMRL_THREADS says otherwise.
 *
 *   npm run bench -- time-to-score                         # seeds 0, 1, 2, one after another
 *   SEEDS=1 npm run bench -- time-to-score                 # one seed (run one process per core)
 *   TTS_CONFIG=more.json npm run bench -- time-to-score    # an extra config layer (a recipe to try)
 *   STOP_AT_TARGET=1 …                                     # stop each run at its first evaluation >= TARGET
 *
 * A recipe sweep (src/algorithms/README.md, "recipe levers") runs with STOP_AT_TARGET=1, other training
 * seeds and another evaluation set ({"evalSeed": …} in TTS_CONFIG) than the ones the README reports.
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { basename } from "node:path";
import { TrainingInterrupted, train } from "../src/algorithms/trainer";
import { initBackend } from "../src/model/backend";
import { projectPath } from "../src/core/paths";
import { formatMeanCi } from "../src/core/stats";
import { getEnvSpec } from "../src/tasks/index";
import { seedsFromEnv } from "./offline";

export async function benchTimeToScore(): Promise<void> {
  const seeds = seedsFromEnv();
  const target = Number(process.env.TARGET ?? 90);
  const evalEvery = Number(process.env.EVAL_EVERY ?? 250);
  if (!Number.isFinite(target)) throw new Error(`TARGET: "${process.env.TARGET}" is not a number (a normalised score, e.g. 90)`);
  if (!Number.isInteger(evalEvery) || evalEvery < 1) throw new Error(`EVAL_EVERY: "${process.env.EVAL_EVERY}" is not a step count (an integer >= 1)`);
  const extra = process.env.TTS_CONFIG ? [JSON.parse(readFileSync(process.env.TTS_CONFIG, "utf8")) as Record<string, unknown>] : [];
  const stopAtTarget = process.env.STOP_AT_TARGET === "1";
  const backend = await initBackend();
  // Runs of a recipe to try go to runs/time-to-score/<config file name>/seed<S>, so two can run at once.
  const tag = process.env.TTS_CONFIG ? basename(process.env.TTS_CONFIG).replace(/\.json$/, "") : "";
  const spec = getEnvSpec("maze-fo");
  const results: { seconds: number | null; trainSeconds: number | null; tokens: number | null; final: number | null }[] = [];
  for (const seed of seeds) {
    const t0 = Date.now();
    const load0 = loadavg()[0];
    let tokens = 0;
    let hit: { step: number; seconds: number; evalSeconds: number; tokens: number; score: number } | undefined;
    // Wall time spent in the periodic evaluations (the eval row arrives right after that step's training row).
    let evalSeconds = 0;
    let lastRowAt = Date.now();
    const stop = new AbortController();
    const r = await train({
      algorithm: "ilql",
      env: spec,
      seed,
      out: projectPath("runs", "time-to-score", ...(tag ? [tag] : []), `seed${seed}`),
      overwrite: true,
      progress: "lines",
      verbose: false,
      signal: stop.signal,
      config: [{ evalEvery, evalEpisodes: 200, evalBatchSize: 100 }, ...extra],
      onMetrics: (row) => {
        const now = Date.now();
        if (typeof row["throughput/tokens"] === "number") tokens = row["throughput/tokens"];
        const score = row["eval/score"];
        if (typeof score === "number") evalSeconds += (now - lastRowAt) / 1000;
        lastRowAt = now;
        if (!hit && row.phase === "ilql" && typeof score === "number" && score >= target) {
          hit = { step: row.step, seconds: (now - t0) / 1000, evalSeconds, tokens, score };
          if (stopAtTarget) stop.abort();
        }
      },
    }).catch((e: unknown) => {
      if (e instanceof TrainingInterrupted && hit) return undefined; // stopped at the target (STOP_AT_TARGET=1)
      throw e;
    });
    const out = {
      bench: "time-to-score", env: spec.id, algorithm: "ilql", recipe: tag || "default", seed, target, evalEvery, evalEpisodes: 200,
      reachedAtStep: hit?.step ?? null, secondsToTarget: hit ? +hit.seconds.toFixed(1) : null, tokensToTarget: hit?.tokens ?? null,
      evalSecondsToTarget: hit ? +hit.evalSeconds.toFixed(1) : null, trainSecondsToTarget: hit ? +(hit.seconds - hit.evalSeconds).toFixed(1) : null,
      scoreAtTarget: hit ? +hit.score.toFixed(2) : null, finalScore: r ? +r.finalEval.normalizedScore.toFixed(2) : null,
      totalSeconds: +((Date.now() - t0) / 1000).toFixed(1), totalTokens: r?.tokens ?? tokens,
      path: backend.path, threads: backend.native?.threads ?? null, cores: cpus().length,
      loadAverageStart: +load0.toFixed(2), loadAverageEnd: +loadavg()[0].toFixed(2),
    };
    console.log(JSON.stringify(out));
    results.push({ seconds: out.secondsToTarget, trainSeconds: out.trainSecondsToTarget, tokens: out.tokensToTarget, final: out.finalScore });
  }
  const reached = results.filter((x) => x.seconds !== null);
  console.log(JSON.stringify({
    bench: "time-to-score", summary: true, seeds: results.length, reached: reached.length, target,
    minutesToTarget: reached.length ? formatMeanCi(reached.map((x) => (x.seconds as number) / 60), 1, "seeds") : null,
    trainingMinutesToTarget: reached.length ? formatMeanCi(reached.map((x) => (x.trainSeconds as number) / 60), 1, "seeds") : null,
    tokensToTarget: reached.length ? formatMeanCi(reached.map((x) => x.tokens as number), 0, "seeds") : null,
    finalScore: stopAtTarget ? null : formatMeanCi(results.map((x) => x.final as number), 1, "seeds"),
  }));
}
