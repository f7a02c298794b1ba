/**
 * The Jupyter kernel launcher: it runs the tslab of the checkout that holds the notebook (walking up
 * from the kernel's working folder, which Jupyter sets to the notebook's folder), with that checkout as
 * working folder and LMRL_ROOT, and falls back to the installing checkout only outside any checkout.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { installKernel, kernelSpec } from "../src/kernel";

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
});
