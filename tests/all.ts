/**
 * One entry point that imports every test file, so `npm test` runs the whole suite in one process
 * (stack-notes §9: ~0.5 s of start-up instead of seconds per file).
 *
 * The files are found, not listed: every `*.test.ts` in this folder and its subfolders (fixtures/ and
 * helpers/ excepted: they hold data and shared code, no tests), sorted by path and imported one at a
 * time. A file that fails to import (syntax error, bad import, a throw at top level) becomes a failing
 * test named after it, so a broken file fails the run instead of silently running nothing.
 *
 * Run: `node --import tsx tests/all.ts` (one file alone: `npx tsx --test tests/<file>.ts`).
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

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
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const files = discoverTestFiles(here);

test("tests/all.ts discovers the test files", () => {
  assert.ok(files.length > 0, `no *.test.ts found under ${here}`);
  for (const f of ["hygiene.test.ts", "core/core.test.ts"]) assert.ok(files.includes(f), `${f} not among the discovered files: ${files.join(", ")}`);
  assert.ok(!files.some((f) => f.startsWith("fixtures/") || f.startsWith("helpers/")), "fixtures/ and helpers/ must not be imported as tests");
});

for (const f of files) {
  try {
    await import(pathToFileURL(join(here, f)).href);
  } catch (e) {
    const cause = e instanceof Error ? (e.stack ?? e.message) : String(e);
    test(`${f} (failed to import)`, () => {
      throw new Error(`tests/${f} could not be imported, so none of its tests ran:\n${cause}`, { cause: e });
    });
  }
}
