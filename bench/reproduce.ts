/**
 * The reproduce pipeline's wall time against its targets (issue 26): `lmrl reproduce --quick` (all 10
 * rows; BC, %BC, ILQL, PPO; 1 seed) in ≤ 30 minutes on the 2-core machine with FO-maze ILQL ≥ 90, and
 * `npm start` in ≤ 5 minutes. Each runs from scratch in its own folder (REPRO_DIR, default
 * runs/bench-reproduce, cleared first unless KEEP=1, so the time is a cold run's), then a second time
 * to measure what reusing every finished stage costs. Prints one JSON line per measurement.
 *
 *   npm run bench -- reproduce                 # quick and start, cold then warm
 *   WHICH=start npm run bench -- reproduce     # only npm start's preset
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { projectPath } from "../src/core/paths";

interface Measured {
  readonly seconds: number;
  readonly status: number | null;
}

function timed(args: readonly string[]): Measured {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [projectPath("src", "bin.mjs"), ...args], { cwd: projectPath(), stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, LMRL_PROGRESS: "lines" } });
  return { seconds: (Date.now() - t0) / 1000, status: r.status };
}

export async function benchReproduce(): Promise<void> {
  const root = process.env.REPRO_DIR ?? projectPath("runs", "bench-reproduce");
  const which = (process.env.WHICH ?? "quick,start").split(",");
  if (process.env.KEEP !== "1") rmSync(root, { recursive: true, force: true });
  const presets: [string, string[], number][] = [
    ["quick", ["reproduce", "--quick", "--out", join(root, "quick")], 30 * 60],
    ["start", ["start", "--out", join(root, "start"), "--figures", join(root, "start", "figures")], 5 * 60],
  ];
  for (const [name, args, target] of presets.filter(([n]) => which.includes(n))) {
    const cold = timed(args);
    const warm = timed(args);
    const ilql = join(root, name, "results", "maze-fo", "ilql-seed0.json");
    const score = existsSync(ilql) ? (JSON.parse(readFileSync(ilql, "utf8")) as { score: number }).score : null;
    console.log(JSON.stringify({
      bench: "reproduce", preset: name, coldSeconds: +cold.seconds.toFixed(1), warmSeconds: +warm.seconds.toFixed(1), targetSeconds: target,
      withinTarget: cold.seconds <= target, exit: [cold.status, warm.status], mazeFoIlqlScore: score, mazeFoIlqlTarget: name === "quick" ? 90 : null,
    }));
  }
}
