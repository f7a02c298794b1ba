/**
 * Source rules that a clean checkout would otherwise break late: notebooks compile src/ with tslab
 * (CommonJS, TS 5.0, directory imports unsupported), seeded reproducibility forbids Math.random, and
 * the layers import one way (README "Architecture"): core ← tasks, core ← model ← algorithms; tasks
 * and algorithms never import each other, tasks never import the model, the model never imports tasks.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, it } from "node:test";
import { projectRoot } from "../src/core/paths";

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const root = projectRoot();
const src = tsFiles(join(root, "src")).map((p) => ({ p, text: readFileSync(p, "utf8") }));

describe("source hygiene", () => {
  it("src/ has no directory imports (tslab resolves './x' only to x.ts, not x/index.ts)", () => {
    const bad: string[] = [];
    for (const { p, text } of src) {
      for (const m of text.matchAll(/from "(\.\.?\/[^"]*)"/g)) {
        const target = resolve(dirname(p), m[1]);
        if (!existsSync(`${target}.ts`) && existsSync(target) && statSync(target).isDirectory()) bad.push(`${p}: "${m[1]}" -> write "${m[1]}/index"`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("layers import one way: tasks ↛ algorithms/model, algorithms ↛ tasks, model ↛ tasks/algorithms, core ↛ any layer", () => {
    const forbidden: Record<string, string[]> = {
      core: ["tasks", "algorithms", "model", "report"],
      tasks: ["algorithms", "model", "report"],
      algorithms: ["tasks", "report"],
      model: ["tasks", "algorithms", "report"],
      report: ["tasks", "algorithms", "model"],
    };
    const srcDir = join(root, "src");
    const bad: string[] = [];
    for (const { p, text } of src) {
      const layer = relative(srcDir, p).split(sep)[0];
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]*)"/g)) {
        const target = relative(srcDir, resolve(dirname(p), m[1])).split(sep)[0];
        if ((forbidden[layer] ?? []).includes(target)) bad.push(`${relative(root, p)} imports "${m[1]}" (${layer} -> ${target})`);
      }
    }
    assert.deepEqual(bad, []);
  });

  it("the import-rule check sees real imports (it would flag a tasks -> algorithms import)", () => {
    const text = 'import type { TrainConfig } from "../../algorithms/config";';
    const m = [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.\.?\/[^"]*)"/g)];
    assert.equal(relative(join(root, "src"), resolve(join(root, "src", "tasks", "maze"), m[0][1])).split(sep)[0], "algorithms");
  });

  it("src/ never calls Math.random, uses import.meta, or reads ../shared", () => {
    const bad = src.filter(({ text }) => /Math\.random\s*\(|import\.meta|\.\.\/shared/.test(text.replace(/^\s*(\*|\/\/).*$/gm, ""))).map(({ p }) => p);
    assert.deepEqual(bad, []);
  });
});
