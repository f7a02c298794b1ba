/**
 * `npm start`: the kit's main job on embedded defaults — a small `lmrl reproduce` (the "start" preset:
 * the FO and PO mazes, BC vs ILQL vs PPO, one seed, each training stage cut to ~40 s of one core (estimated),
 * 64-episode evaluations), a few minutes on 2 cores. It prints the table beside the paper's Table 2
 * and writes the figures to runs/start (`npm run figures`: the committed figures/). Its stages live in
 * runs/reproduce/start, so a second `npm start` reuses every finished stage and only reprints.
 */
import { resolve } from "node:path";
import { projectPath } from "./core/paths";
import { PRESETS, reportResults, runReproduce } from "./reproduce";

export interface StartOptions {
  /** Seconds instead of minutes: 2-second training stages, 8-episode evaluations (also `QUICK=1`). */
  readonly quick: boolean;
  /** Folder of the figures (default runs/start; `npm run figures` passes figures/, the committed one). */
  readonly figuresDir?: string;
  /** Stages at once (default: the core count). */
  readonly jobs?: number;
  /** Folder of its stages and results (default runs/reproduce/start, or start-quick). */
  readonly out?: string;
}

export async function runStart(opts: StartOptions): Promise<number> {
  const figuresDir = resolve(opts.figuresDir ?? projectPath("runs", "start"));
  if (opts.quick && figuresDir === projectPath("figures")) throw new Error("lmrl start: a --quick run never writes the committed figures/ (its scores are not the real ones); drop --quick, or write the figure elsewhere");
  const p = PRESETS.start;
  console.log(
    `lmrl start: ${p.rows.join(", ")} × ${p.methods.join(", ")}, seed 0${opts.quick ? " (quick)" : ""} — a small \`lmrl reproduce\`; ` +
      "`npx lmrl reproduce --quick` runs every row, `--full` the paper's whole table\n",
  );
  const { report, resultsDir } = await runReproduce({
    preset: "start",
    out: opts.out ?? projectPath("runs", "reproduce", opts.quick ? "start-quick" : "start"),
    ...(opts.quick ? { trainSeconds: 2, evalEpisodes: 8 } : {}),
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
  });
  const files = await reportResults(resultsDir, figuresDir, { prefix: "start" });
  console.log(`wrote ${files.join(", ")}`);
  return report && report.failed.size > 0 ? 1 : 0;
}
