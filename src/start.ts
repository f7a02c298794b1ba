/**
 * `npm start`: the kit's main job on embedded defaults. For every registered row it generates a small
 * behaviour dataset (Table-1 stats beside the paper's), evaluates the random, behaviour and optimal
 * scripted policies on the paper's protocol; then it trains BC and %BC from scratch on the FO maze
 * dataset (the task's default configs, about a minute each) and evaluates them the same way. It prints
 * raw and normalised scores and writes them as a figure and as JSON to runs/start/ (`npm run figures`
 * writes the figure to the committed figures/ instead).
 */
import { join, resolve } from "node:path";
import { train } from "./algorithms/trainer";
import { writeFileAtomic } from "./core/atomic";
import { evaluate } from "./core/evaluate";
import { generateDatasets } from "./core/generate";
import { projectPath } from "./core/paths";
import { Progress } from "./core/progress";
import { makeScriptedPolicy } from "./core/spec";
import type { EvalSummary } from "./core/types";
import { writeFigure } from "./report/figure";
import { formatStatsTable, formatTable } from "./report/table";
import { ENV_SPECS, getEnvSpec } from "./tasks/index";

export interface StartOptions {
  /** Seconds instead of minutes: fewer trajectories and episodes (also `QUICK=1`). */
  readonly quick: boolean;
  readonly seed: number;
  /** Folder of the figure (default runs/start; `npm run figures` passes figures/, the committed one). */
  readonly figuresDir?: string;
}

const POLICIES = ["random", "behaviour", "optimal"] as const;
/** Trained from scratch by `npm start`: offline algorithms with the env's default config. */
const TRAINED = { env: "maze-fo", algorithms: ["bc", "pbc"] } as const;
const TRAINED_LABEL: Record<(typeof TRAINED.algorithms)[number], string> = { bc: "BC (trained)", pbc: "%BC (trained)" };

export async function runStart(opts: StartOptions): Promise<number> {
  const figuresDir = resolve(opts.figuresDir ?? projectPath("runs", "start"));
  if (opts.quick && figuresDir === projectPath("figures")) throw new Error("lmrl start: a --quick run never writes the committed figures/ (its scores are not the real ones); drop --quick, or write the figure elsewhere");
  const t0 = Date.now();
  const out = projectPath("data", "generated", "start");
  console.log(`lmrl start: ${ENV_SPECS.length} rows, seed ${opts.seed}${opts.quick ? " (quick)" : ""}\n`);
  const summaries: EvalSummary[] = [];
  for (const spec of ENV_SPECS) {
    const n = Math.min(spec.dataset.defaultSize, opts.quick ? 100 : 2000);
    const [train] = (await generateDatasets(spec, { n, seed: opts.seed, out, progress: true })).filter((f) => f.split === "train");
    console.log(`\n${spec.id}: ${n} behaviour trajectories -> ${train.path}\n${formatStatsTable(train.stats, spec.dataset.paperStats)}\n`);
    const episodes = opts.quick ? Math.min(spec.evaluation.episodes, 50) : Math.min(spec.evaluation.episodes, 1000);
    for (const name of POLICIES) {
      const bar = new Progress(`eval ${spec.id}/${name}`, episodes);
      const s = await evaluate(spec, (env) => makeScriptedPolicy(spec, name, env), {
        episodes,
        seed: opts.seed,
        onProgress: (d) => bar.update(d),
      });
      bar.done();
      summaries.push({ ...s, policy: name });
    }
  }
  console.log(`\nTraining ${TRAINED.algorithms.join(", ")} on ${TRAINED.env} (default configs; \`npx lmrl train ilql ${TRAINED.env}\` for ILQL, ~45 min)\n`);
  for (const algorithm of TRAINED.algorithms) {
    const r = await train({
      algorithm,
      env: getEnvSpec(TRAINED.env),
      overwrite: true, // the main job's own demo runs, replaced on every npm start
      seed: opts.seed,
      out: projectPath("runs", "start", `${algorithm}-${TRAINED.env}`),
      config: opts.quick ? [{ steps: 20, evalEpisodes: 25, evalBatchSize: 25 }] : [],
    });
    const { episodeRecords: _drop, ...summary } = r.finalEval; // as the CLI does: the table needs only the summary
    summaries.push({ ...summary, policy: TRAINED_LABEL[algorithm] });
  }
  const rows = summaries.map((s) => ({
    env: s.env,
    policy: s.policy,
    episodes: s.episodes,
    return: s.meanReturn,
    success: s.successRate,
    length: s.meanLength,
    "score (paper anchors)": s.normalizedScore,
    "score (our anchors)": s.normalizedScoreOurs,
  }));
  console.log(`\nScripted and trained policies, normalised 0 = min, 50 = dataset average, 100 = max (LMRL-Gym paper, App. E, ICLR 2024 submission):\n`);
  console.log(formatTable(rows, 2));
  const jsonPath = projectPath("runs", "start", "summary.json");
  writeFileAtomic(jsonPath, JSON.stringify({ seed: opts.seed, quick: opts.quick, summaries }, null, 2) + "\n");
  const fig = await writeFigure(join(figuresDir, "start-scores"), {
    title: "Scripted and trained policies on the five rule-based rows (normalised score, paper anchors)",
    data: [...POLICIES, ...TRAINED.algorithms.map((a) => TRAINED_LABEL[a])].map((p) => ({
      type: "bar",
      name: p,
      x: summaries.filter((s) => s.policy === p).map((s) => s.env),
      y: summaries.filter((s) => s.policy === p).map((s) => s.normalizedScore),
    })),
    layout: { barmode: "group", yaxis: { title: { text: "normalised score" } }, shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: 100, y1: 100, line: { dash: "dot", width: 1 } }] },
  });
  console.log(`\nwrote ${jsonPath}\nwrote ${fig.join(", ")}\ndone in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}
