/**
 * One entry point that imports every test file, so `npm test` runs the whole suite in one process
 * (~0.5 s of start-up instead of seconds per file, measured).
 *
 * The list below is static (so tools that read imports see every suite), and it is checked: the test
 * at the bottom finds every `*.test.ts` under tests/ (fixtures/ and helpers/ hold data and shared code)
 * and fails, naming the file, when one is missing from this list or listed but gone. A listed file that
 * fails to import fails the whole run with its error.
 *
 * Run: `node --import tsx tests/all.ts` (one file alone: `npx tsx --test tests/<file>.ts`).
 */
import "./algorithms/losses.test";
import "./algorithms/online.test";
import "./algorithms/tabular.test";
import "./algorithms/trainer.test";
import "./bad-input.test";
import "./bench-offline.test";
import "./bench-maze-mc.test";
import "./bench-wordle-bc.test";
import "./cli.test";
import "./kernel.test";
import "./core/atomic.test";
import "./core/core.test";
import "./core/eval-journal.test";
import "./core/llm.test";
import "./core/partner.test";
import "./core/display.test";
import "./core/rng.test";
import "./core/stats.test";
import "./extension.test";
import "./hygiene.test";
import "./model/checkpoint.test";
import "./model/generate.test";
import "./model/gpt.test";
import "./model/native.test";
import "./model/ops.test";
import "./model/optim.test";
import "./model/resume.test";
import "./model/threads.test";
import "./model/tokenizer.test";
import "./notebooks/notebooks.test";
import "./package-entry.test";
import "./registry.test";
import "./reliability.test";
import "./report.test";
import "./reproduce.test";
import "./tasks/car-dealer.test";
import "./tasks/chess.test";
import "./tasks/chess-solver.test";
import "./tasks/endgames.test";
import "./tasks/guess-my-city.test";
import "./tasks/guess-my-city-row.test";
import "./tasks/maze.test";
import "./tasks/text-nav.test";
import "./tasks/tokenizers.test";
import "./tasks/twenty-questions.test";
import "./tasks/twenty-questions-row.test";
import "./tasks/twenty-questions-oracle.test";
import "./tasks/wordle.test";

import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** Top-level folders of tests/ that hold no test files. */
const SKIP_DIRS = new Set(["fixtures", "helpers"]);

/** Paths (relative to tests/, "/"-separated, sorted) of every `*.test.ts` below `root`. */
function discoverTestFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!(rel === "" && SKIP_DIRS.has(e.name))) walk(join(dir, e.name), r);
      } else if (e.isFile() && e.name.endsWith(".test.ts")) {
        found.push(r);
      }
    }
  };
  walk(root, "");
  return found.sort();
}

test("tests/all.ts imports every test file (a file left out would never run)", () => {
  const found = discoverTestFiles(here);
  const listed = [...readFileSync(fileURLToPath(import.meta.url), "utf8").matchAll(/^import "\.\/(.+)";$/gm)].map((m) => `${m[1]}.ts`).sort();
  assert.ok(found.includes("hygiene.test.ts") && found.includes("core/core.test.ts"), `discovery is broken: ${found.join(", ")}`);
  assert.deepEqual(found.filter((f) => !listed.includes(f)), [], "add these files to tests/all.ts");
  assert.deepEqual(listed.filter((f) => !found.includes(f)), [], "tests/all.ts imports files that no longer exist");
});
