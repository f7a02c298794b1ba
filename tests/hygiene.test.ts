/**
 * Source rules that a clean checkout would otherwise break late: notebooks compile src/ with tslab
 * (CommonJS, TS 5.0, directory imports unsupported), and seeded reproducibility forbids Math.random.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
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

  it("src/ never calls Math.random, uses import.meta, or reads ../shared", () => {
    const bad = src.filter(({ text }) => /Math\.random\s*\(|import\.meta|\.\.\/shared/.test(text.replace(/^\s*(\*|\/\/).*$/gm, ""))).map(({ p }) => p);
    assert.deepEqual(bad, []);
  });
});
