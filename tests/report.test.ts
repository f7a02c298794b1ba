import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { figureFragment, figureHtml, writeFigure } from "../src/report/figure";
import { formatStatsTable, formatTable } from "../src/report/table";

describe("formatTable", () => {
  it("aligns columns, right-aligns numbers and keeps integer columns integral", () => {
    const t = formatTable([{ env: "maze-fo", n: 800, score: 100 }, { env: "wordle", n: 4096, score: 97.25 }], 1).split("\n");
    assert.deepEqual(t, [
      "env         n  score",
      "-------  ----  -----",
      "maze-fo   800  100.0",
      "wordle   4096   97.3",
    ]);
  });
  it("shows the relative difference to the paper", () => {
    const s = { trajectories: 10, meanLength: 11, stdLength: 1, successRate: 0.5, meanReturn: -2, stdReturn: 1 };
    const p = { ...s, meanLength: 10, meanReturn: -4 };
    const out = formatStatsTable(s, p);
    assert.match(out, /meanLength\s+11\.000\s+10\.000\s+10$/m);
    assert.match(out, /meanReturn\s+-2\.000\s+-4\.000\s+50$/m);
  });
});

describe("figures", () => {
  const fig = { title: "T <1>", data: [{ type: "bar", x: ["a"], y: [1] }] };
  it("writes a self-contained HTML page carrying plotly and the data", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "lmrl-fig-")), "f");
    const written = await writeFigure(base, fig);
    assert.ok(written.includes(`${base}.html`));
    const html = readFileSync(`${base}.html`, "utf8");
    assert.equal(html, figureHtml(fig));
    assert.ok(html.includes("Plotly.newPlot") && html.length > 1_000_000, "plotly bundle not inlined");
    assert.ok(html.includes('"x":["a"]') && html.includes("T \\u003c1>"), "payload missing or unescaped");
  });
  it("fragments get stable ids from their content", () => {
    const a = figureFragment(fig), b = figureFragment(fig), c = figureFragment({ ...fig, title: "other" });
    const id = (s: string) => /id="([^"]+)"/.exec(s)?.[1];
    assert.equal(id(a), id(b));
    assert.notEqual(id(a), id(c));
  });
});
