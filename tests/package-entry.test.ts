/**
 * The package entry (src/index.ts, package.json "exports"): `import { getEnvSpec, evaluate, train } from
 * "lmrl-gym-ts"` in a tsx script inside the kit (Node's self-reference through "exports"), and in tslab
 * notebooks, where the cell is compiled by tslab's TypeScript and executed as CommonJS. The README's
 * TypeScript block is run here exactly as printed.
 *
 * tslab's compiler (TypeScript 5.0 with moduleResolution node10, options fixed by tslab, no tsconfig)
 * ignores "exports" and so never resolves a package's own name; it finds "lmrl-gym-ts" only in
 * node_modules/. A project that installed the kit has it there; the kit's own checkout needs the link
 * node_modules/lmrl-gym-ts → .. (what `npm link` makes), which ensureSelfLink creates when missing.
 * At run time tslab's require("lmrl-gym-ts") gets package.json's "require" entry, src/index.cjs, which
 * loads the TypeScript through tsx.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../src/core/paths";
import * as entry from "../src/index";
import { runNotebook } from "./helpers/notebook";

const root = projectRoot();

/** node_modules/lmrl-gym-ts → .., made by the script `npm ci` runs (src/link-self.mjs; idempotent). */
function ensureSelfLink(): void {
  const r = spawnSync(process.execPath, [join(root, "src", "link-self.mjs")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, "", "the link is made or already there");
  assert.ok(lstatSync(join(root, "node_modules", "lmrl-gym-ts")).isSymbolicLink() || existsSync(join(root, "node_modules", "lmrl-gym-ts", "package.json")));
}

/** The ```ts block under "From TypeScript" in README.md, just above "## Architecture". */
function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const before = readme.slice(0, readme.indexOf("\n## Architecture"));
  const blocks = [...before.matchAll(/^```ts\n([\s\S]*?)^```$/gm)];
  assert.ok(blocks.length > 0, "README.md has no ```ts block before ## Architecture");
  return blocks[blocks.length - 1][1];
}

/** Task folders (src/tasks/<folder>/index.ts) and the namespace src/index.ts exports each one as. */
const TASK_NAMESPACES: Record<string, string> = { maze: "maze", "text-nav": "textNav", wordle: "wordle" };

describe("package entry: import { … } from \"lmrl-gym-ts\"", () => {
  it("package.json sends TypeScript, import and require to src/index.ts (require through src/index.cjs)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
    assert.equal(pkg.name, "lmrl-gym-ts");
    assert.deepEqual(pkg.exports, {
      ".": { types: "./src/index.ts", import: "./src/index.ts", require: "./src/index.cjs" },
      "./package.json": "./package.json",
    });
    assert.equal(pkg.types, "./src/index.ts"); // tslab's TypeScript (node10) reads "types", not "exports"
    assert.equal(pkg.main, "./src/index.cjs");
    for (const f of ["src/index.ts", "src/index.cjs"]) assert.ok(existsSync(join(root, f)), f);
  });

  it("exports the user-facing API under its own names", () => {
    const names = [
      ...["getEnvSpec", "makeEnv", "ENV_SPECS", "registry", "createRegistry"], // tasks and registry
      ...["evaluate", "summarizeEpisodes", "rollout", "rolloutSync", "rolloutBatch", "EpisodeRecorder", "isPromise", "normalizeScore", "meanCi", "Rng", "deriveSeed", "checkEnv", "renderHistory"],
      ...["generateDatasets", "splitTrajectories", "syncIterable", "datasetPath", "readTrajectories", "writeDataset", "validateDataset", "toTrajectoryChain"], // datasets
      ...["train", "TrainingInterrupted", "learnerFromCheckpoint", "greedyActor", "learnerPolicy", "ALGORITHMS", "getAlgorithm", "algorithmConfig"], // algorithms
      ...["loadTokenizer", "taskTokenizerDir", "CachedEncoder", "collate", "trajectoryToSequences"],
      ...["formatTable", "formatStatsTable", "writeFigure", "showTable", "showFigure"], // reports
    ];
    const exported = entry as Record<string, unknown>;
    assert.deepEqual(names.filter((n) => exported[n] === undefined), []);
    assert.equal(entry.getEnvSpec("maze-fo").id, "maze-fo");
    assert.deepEqual(entry.ALGORITHMS.map((a) => a.name), ["bc", "pbc", "mc", "ilql", "ppo", "online-bc", "grpo"]);
    // each task's own helpers are a namespace (the tasks share names such as randomPolicy)
    assert.equal(typeof entry.maze.optimalMove, "function");
    assert.equal(typeof entry.textNav.optimalPolicy, "function");
    assert.equal(typeof entry.wordle.WordleEnv, "function");
  });

  it("exports every value the notebooks import from ./src", () => {
    const missing: string[] = [];
    for (const f of readdirSync(join(root, "notebooks")).filter((n) => n.endsWith(".ipynb"))) {
      const nb = JSON.parse(readFileSync(join(root, "notebooks", f), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
      const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source)).join("\n");
      for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"\.\/src\/([^"]+)"/g)) {
        const task = /^tasks\/([^/]+)\/index$/.exec(m[2])?.[1];
        const where = (task ? (entry as Record<string, unknown>)[TASK_NAMESPACES[task] ?? task] : entry) as Record<string, unknown> | undefined;
        for (const spec of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
          if (spec.startsWith("type ")) continue; // types exist only for the compiler (checked by tsc)
          const name = spec.split(/\s+as\s+/)[0];
          if (where?.[name] === undefined) missing.push(`${f}: ${name} from ./src/${m[2]}${task ? ` (expected as ${TASK_NAMESPACES[task] ?? task}.${name})` : ""}`);
        }
      }
    }
    assert.deepEqual(missing, []); // vacuous once the notebooks import the package instead
  });

  it("a script inside the kit imports it by name (package.json exports self-reference) and gets the same modules", async () => {
    const byName = (await import("lmrl-gym-ts")) as typeof entry;
    assert.equal(byName.getEnvSpec, entry.getEnvSpec);
    assert.equal(byName.TrainingInterrupted, entry.TrainingInterrupted);
  });

  it("the README's TypeScript block runs as printed in tslab, from the package name", async () => {
    const snippet = readmeSnippet();
    assert.match(snippet, /from "lmrl-gym-ts";/);
    assert.doesNotMatch(snippet, /from "\.\//, "the README shows the one-import form");
    ensureSelfLink();
    const dir = mkdtempSync(join(tmpdir(), "lmrl-readme-"));
    try {
      const nb = join(dir, "readme.ipynb");
      writeFileSync(nb, JSON.stringify({ cells: [{ cell_type: "code", source: snippet }] }));
      const r = await runNotebook(nb, root, { LMRL_PROGRESS: "off" });
      assert.equal(r.failedCell, -1, `the README block failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
      // what the block prints: the first observation's opening and the optimal policy's normalised score
      assert.deepEqual(r.log, ["The goal is at position 8, 6. 100"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
