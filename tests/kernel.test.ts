/**
 * The Jupyter kernel launcher: it runs the tslab of the checkout that holds the notebook (walking up
 * from the kernel's working folder, which Jupyter sets to the notebook's folder), with that checkout as
 * working folder and LMRL_ROOT, and falls back to the installing checkout only outside any checkout.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { executeNotebooks, installKernel, kernelSpec, notebookPreflight } from "../src/kernel";

/** A fake checkout whose "tslab" prints where and how it was started. */
function fakeCheckout(root: string): string {
  mkdirSync(join(root, "node_modules", "tslab", "bin"), { recursive: true });
  mkdirSync(join(root, "notebooks", "deeper"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "lmrl-gym-ts", version: "0.0.0" }, null, 2));
  writeFileSync(join(root, "node_modules", "tslab", "bin", "tslab"), "console.log(JSON.stringify({ cwd: process.cwd(), root: process.env.LMRL_ROOT, args: process.argv.slice(2) }));\n");
  return root;
}

function launch(cwd: string, fallback: string): { cwd: string; root: string; args: string[] } {
  const argv = (kernelSpec(fallback).argv as string[]).map((a) => (a === "{connection_file}" ? "/tmp/conn.json" : a));
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cwd: string; root: string; args: string[] };
}

describe("lmrl kernel install", () => {
  const tmp = realpathSync(mkdtempSync(join(tmpdir(), "lmrl-kernel-")));
  const first = fakeCheckout(join(tmp, "first clone"));
  const second = fakeCheckout(join(tmp, "second"));

  it("a notebook in a second clone runs that clone's tslab from its root, not the installing clone's", () => {
    const r = launch(join(second, "notebooks", "deeper"), first);
    assert.equal(r.cwd, second);
    assert.equal(r.root, second);
    assert.deepEqual(r.args, ["kernel", "--config-path", "/tmp/conn.json"]);
    assert.equal(launch(join(first, "notebooks"), second).cwd, first, "paths with spaces work");
  });

  it("a notebook outside any checkout falls back to the installing one", () => {
    const outside = join(tmp, "elsewhere");
    mkdirSync(outside);
    const r = launch(outside, first);
    assert.equal(r.cwd, first);
    assert.equal(r.root, first);
  });

  it("installs kernel.json with no path but the fallback baked in", () => {
    const dir = installKernel(join(tmp, "jupyter"));
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8")) as { argv: string[]; env?: unknown };
    assert.equal(spec.env, undefined, "no LMRL_ROOT pinned at install time");
    assert.equal(spec.argv.filter((a) => a.startsWith("/") && a !== "/bin/sh").length, 1, "one absolute path: the fallback root");
  });

  it("npm run notebooks names the missing piece and the command that installs it", () => {
    assert.match(notebookPreflight({ jupyter: false, kernel: false, chromium: false }) ?? "", /npm run setup:jupyter/);
    assert.match(notebookPreflight({ jupyter: true, kernel: false, chromium: true }) ?? "", /lmrl kernel install/);
    assert.match(notebookPreflight({ jupyter: true, kernel: true, chromium: false }) ?? "", /npm run setup:chromium/);
    assert.equal(notebookPreflight({ jupyter: true, kernel: true, chromium: true }), null);
  });

  it("executing notebooks replaces each one atomically with nbconvert's output, in the asked mode; a failure leaves it unchanged", () => {
    const dir = join(tmp, "nbs");
    mkdirSync(dir);
    const a = join(dir, "a.ipynb"), b = join(dir, "b.ipynb");
    writeFileSync(a, "original a");
    writeFileSync(b, "original b");
    const calls: { args: string[]; mode?: string }[] = [];
    // A fake nbconvert: writes "<output-dir>/<output>.ipynb", fails on b.
    const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) => {
      calls.push({ args, mode: env.LMRL_NOTEBOOK_MODE });
      assert.equal(cmd, "jupyter");
      const out = join(args[args.indexOf("--output-dir") + 1], `${args[args.indexOf("--output") + 1]}.ipynb`);
      writeFileSync(out, JSON.stringify({ cells: [{ cell_type: "markdown" }, { cell_type: "code", execution_count: null, outputs: [] }, { cell_type: "code", execution_count: null, outputs: [{ execution_count: null }] }], from: args.at(-1) }));
      return args.at(-1) === b ? 1 : 0;
    };
    const done = executeNotebooks([a], "lesson", run);
    const nb = JSON.parse(readFileSync(a, "utf8")) as { from: string; cells: { execution_count?: number; outputs?: { execution_count: number }[] }[] };
    assert.equal(nb.from, a, "the executed version replaced the notebook");
    assert.deepEqual(nb.cells.map((c) => c.execution_count), [undefined, 1, 2], "code cells numbered in order (tslab sends no counts)");
    assert.equal(nb.cells[2].outputs?.[0].execution_count, 2);
    assert.deepEqual(done.map((d) => [d.path, d.bytes]), [[a, readFileSync(a).length]]);
    assert.equal(calls[0].mode, "lesson");
    assert.ok(calls[0].args.includes("--ExecutePreprocessor.kernel_name=lmrl-tslab"));
    assert.throws(() => executeNotebooks([b], "full", run), /nbconvert failed on .*b\.ipynb \(exit 1\); the notebook is unchanged/);
    assert.equal(readFileSync(b, "utf8"), "original b");
    assert.deepEqual(readdirSync(dir).sort(), ["a.ipynb", "b.ipynb"], "no temporary file left behind");
    assert.ok(!existsSync(join(dir, ".b.tmp-exec.ipynb")));
  });
});
