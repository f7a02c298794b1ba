import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { figureFragment, figureHtml, stableSvgIds, writeFigure } from "../src/report/figure";
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
    assert.match(out, /^trajectories\s+10\s+10\s+0\.0$/m, "counts print as integers");
    assert.match(out, /^meanLength\s+11\.00\s+10\.00\s+10\.0$/m);
    assert.match(out, /^meanReturn\s+-2\.00\s+-4\.00\s+50\.0$/m);
    assert.match(out, /^successRate\s+0\.500\s+0\.500\s+0\.0$/m);
    assert.match(out, /diff % = 100 · \(ours − paper\) \/ \|paper\|$/);
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
  it("SVG ids lose plotly's random per-plot uid (in ids and url(#…) references only), so a regenerated figure does not churn", () => {
    const svg = (uid: string) =>
      `<svg><defs id="defs-${uid}"><g class="clips"><clipPath id="clip${uid}xyplot"><rect/></clipPath></g></defs>` +
      `<g clip-path="url(#clip${uid}xyplot)"><path style="fill: #${uid}"/></g><g id="topdefs-${uid}"/><g clip-path="url(#legend${uid})"/><text>${uid}</text></svg>`;
    const a = stableSvgIds(svg("3f2a1b"), "k9"), b = stableSvgIds(svg("c0ffee"), "k9");
    assert.equal(a, b.replace(/c0ffee/g, "3f2a1b"), "only the uid's own text (a colour, a label) keeps its value");
    assert.ok(a.includes('id="defs-k9"') && a.includes('id="clipk9xyplot"') && a.includes("url(#clipk9xyplot)") && a.includes('id="topdefs-k9"') && a.includes("url(#legendk9)"));
    assert.ok(a.includes("fill: #3f2a1b") && a.includes("<text>3f2a1b</text>"), "a colour or text equal to the uid is left alone");
    assert.equal(stableSvgIds("<svg/>", "k9"), "<svg/>", "no plotly defs: unchanged");
    // each trace's random uid in its group's class becomes the plot's stable id and the trace's order
    const traces = (u: string, v: string) => `<svg><defs id="defs-ab"/><g class="trace scatter trace${u}"/><g class="trace bars trace${v}"/><g class="trace scatter trace${u}"/></svg>`;
    const t = stableSvgIds(traces("15eb83", "d18957"), "k9");
    assert.equal(t, stableSvgIds(traces("b0a678", "a0c69e"), "k9"), "the same figure's traces with other random uids");
    assert.ok(t.includes('class="trace scatter tracek9t0"') && t.includes('class="trace bars tracek9t1"'), t);
  });
  it("fragments get stable ids from their content", () => {
    const a = figureFragment(fig), b = figureFragment(fig), c = figureFragment({ ...fig, title: "other" });
    const id = (s: string) => /id="([^"]+)"/.exec(s)?.[1];
    assert.equal(id(a), id(b));
    assert.notEqual(id(a), id(c));
  });
});

describe("notebook tables and figures (src/report/display.ts)", () => {
  it("tables: integer columns with thousands separators, decimals by magnitude, a real minus, notes, escaping", async () => {
    const { tableHtml, formatNumber } = await import("../src/report/display");
    const html = tableHtml([{ env: "maze-fo", n: 1240, score: 97.25, return: -12.5, rate: 0.1234 }, { env: "a<b", n: 80, score: 100, return: 3, rate: null }], { notes: { "diff %": "ours vs paper" } });
    const cells = [...html.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    assert.deepEqual(cells, ["maze-fo", "1,240", "97.3", "−12.50", "0.123", "a&lt;b", "80", "100.0", "3.00", ""]);
    assert.match(html, /<th style="text-align:right">n<\/th>/);
    assert.match(html, /<b>diff %<\/b>: ours vs paper/);
    assert.equal(formatNumber(1234567.891, 1), "1,234,567.9");
    const aq = await import("arquero");
    assert.equal(tableHtml(aq.from([{ a: 1 }])), tableHtml([{ a: 1 }]), "arquero tables are accepted");
  });

  it("figures: a plotly JSON bundle, and plotly.js carried once per session (no Chromium: no PNG)", async () => {
    const { figureBundle } = await import("../src/report/display");
    const spec = { title: "Scores", data: [{ type: "bar", x: ["a"], y: [1] }] };
    const first = await figureBundle(spec, { image: false });
    const second = await figureBundle({ ...spec, title: "Other" }, { image: false });
    const plotly = first["application/vnd.plotly.v1+json"] as { data: unknown[]; layout: { title: { text: string } } };
    assert.deepEqual(plotly.data, spec.data);
    assert.equal(plotly.layout.title.text, "Scores");
    assert.equal(first["image/png"], undefined);
    assert.ok(String(first["text/html"]).length > 1_000_000, "the first figure carries plotly.js");
    assert.ok(String(second["text/html"]).length < 10_000, "later figures stay small");
    assert.match(String(second["text/html"]), /Plotly\.newPlot/);
    assert.equal(second["text/plain"], "[figure] Other");
  });
});
