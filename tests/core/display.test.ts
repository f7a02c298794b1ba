/**
 * Rich notebook output without a kernel: tslab's display writer is replaced by a recorder (as the
 * notebook test helper does), so what a kernel would send — bundles, display ids, in-place updates —
 * is checked directly.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { train } from "../../src/algorithms/trainer";
import { canDisplay, sendDisplay } from "../../src/core/display";
import { projectRoot } from "../../src/core/paths";
import { Progress } from "../../src/core/progress";
import { svgLineChart, thin } from "../../src/core/svg-chart";
import { initBackend } from "../../src/model/backend";
import { getEnvSpec } from "../../src/tasks/index";

interface Sent { data: Record<string, unknown>; transient: { display_id?: string }; update: boolean }
type Writer = ((d: Omit<Sent, "update">, update: boolean) => void) | null;
const jupyter = createRequire(join(projectRoot(), "package.json"))("tslab/dist/jupyter") as { lastWriteDisplayData: Writer };

describe("notebook display", () => {
  const sent: Sent[] = [];
  let saved: Writer;
  before(async () => {
    await initBackend();
    saved = jupyter.lastWriteDisplayData;
  });
  after(() => {
    jupyter.lastWriteDisplayData = saved;
  });
  const record = () => {
    sent.length = 0;
    jupyter.lastWriteDisplayData = (d, update) => void sent.push({ ...d, update });
  };

  it("sends nothing outside a kernel cell, and the bundle with its display id inside one", () => {
    jupyter.lastWriteDisplayData = null;
    assert.equal(canDisplay(), false);
    assert.equal(sendDisplay({ "text/plain": "x" }), false);
    record();
    assert.equal(canDisplay(), true);
    assert.equal(sendDisplay({ "text/plain": "x" }, { id: "a", update: true }), true);
    assert.deepEqual(sent, [{ data: { "text/plain": "x" }, metadata: {}, transient: { display_id: "a" }, update: true }]);
  });

  it("a progress bar in a kernel is one display updated in place", () => {
    record();
    const bar = new Progress("work", 3, { mode: "notebook" });
    for (let i = 1; i <= 3; i++) bar.update(i);
    bar.done();
    assert.ok(sent.length >= 2);
    assert.equal(new Set(sent.map((s) => s.transient.display_id)).size, 1, "one display id");
    assert.deepEqual(sent.map((s) => s.update), [false, ...sent.slice(1).map(() => true)], "created once, then updated");
    assert.match(String(sent.at(-1)!.data["text/plain"]), /^work: 100% 3\/3/);
    assert.match(String(sent.at(-1)!.data["text/html"]), /<progress value="1\.0000"/);
  });

  it("train() in a kernel draws its progress with loss and score curves in one updating display, and prints no stderr lines per evaluation", async () => {
    record();
    const tiny = { nLayer: 1, nHead: 2, dModel: 32, datasetSize: 30, batchSize: 8, evalEpisodes: 2, evalBatchSize: 2, logEvery: 1, cosine: false, warmupSteps: 0, steps: 4, evalEvery: 2 };
    const errors: string[] = [];
    const error = console.error;
    console.error = (...a: unknown[]) => void errors.push(a.join(" "));
    try {
      await train({ algorithm: "bc", env: getEnvSpec("maze-fo"), seed: 0, config: [tiny], out: join(mkdtempSync(join(tmpdir(), "lmrl-display-")), "bc"), verbose: true });
    } finally {
      console.error = error;
    }
    assert.equal(new Set(sent.map((s) => s.transient.display_id)).size, 1, "one display for the phase");
    const html = String(sent.at(-1)!.data["text/html"]);
    assert.equal((html.match(/<svg/g) ?? []).length, 2, "a loss chart and a score chart");
    const polylines = [...html.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1].split(" ").length);
    assert.deepEqual(polylines, [4, 2], "4 loss points (logEvery 1) and 2 scores (step 2 and the final one)");
    assert.ok(!errors.some((e) => /step 2: score/.test(e)), "no per-evaluation stderr line in a notebook");
  });
});

describe("svg line chart", () => {
  it("thin keeps the first and the last point and at most max", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => i);
    const t = thin(xs, 10);
    assert.equal(t.length, 10);
    assert.equal(t[0], 0);
    assert.equal(t[9], 999);
    assert.equal(thin([1, 2], 10).length, 2);
  });

  it("draws one polyline per series with its points, a legend, and escapes text", () => {
    const svg = svgLineChart("a < b", [{ name: "loss", points: [[0, 1], [1, 0.5], [2, 0.25]] }, { name: "score", points: [[0, 0]] }]);
    assert.match(svg, /^<svg [^>]*width="420"/);
    assert.match(svg, /a &lt; b/);
    const lines = [...svg.matchAll(/<polyline[^>]* points="([^"]*)"/g)].map((m) => m[1].split(" "));
    assert.deepEqual(lines.map((l) => l.length), [3, 1]);
    // x=0 maps to the left edge (46), x=2 to the right edge (420 - 8); y=1 to the top (22), y=0 to the bottom (180 - 20)
    assert.deepEqual(lines[0][0], "46.0,22.0");
    assert.deepEqual(lines[0][2], "412.0,125.5");
    assert.match(svg, /<circle/, "a single point is marked");
    assert.match(svgLineChart("empty", []), /waiting for data/);
  });
});
