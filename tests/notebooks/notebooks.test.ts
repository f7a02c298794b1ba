import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/core/paths";
import { runNotebook } from "../helpers/notebook";

describe("notebooks (tslab executor, QUICK=1)", () => {
  it("01-tasks-and-datasets runs top to bottom and shows its tables and figure", async () => {
    const root = projectRoot();
    const r = await runNotebook(`${root}/notebooks/01-tasks-and-datasets.ipynb`, root, { QUICK: "1", LMRL_PROGRESS: "off" });
    assert.equal(r.failedCell, -1, `cell ${r.failedCell} failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
    const html = r.displays.map((d) => d["text/html"] ?? "");
    assert.ok(html.some((h) => h.includes("<table") && h.includes("maze-fo") && h.includes("wordle")), "score table missing");
    assert.ok(html.some((h) => h.includes("Plotly.newPlot")), "figure missing");
    assert.ok(r.log.some((l) => l.includes("The goal is at position 8, 6.")), "maze text missing");
  });

  it("02-offline-ilql trains BC and ILQL (tiny), shows the token table, learning curves and scores", async () => {
    const root = projectRoot();
    const r = await runNotebook(`${root}/notebooks/02-offline-ilql.ipynb`, root, { QUICK: "1", LMRL_PROGRESS: "off" });
    assert.equal(r.failedCell, -1, `cell ${r.failedCell} failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
    const html = r.displays.map((d) => d["text/html"] ?? "");
    assert.ok(html.some((h) => h.includes("<table") && h.includes("reward-to-go")), "token table missing");
    assert.ok(html.filter((h) => h.includes("Plotly.newPlot")).length >= 3, "learning curves and score figure missing");
    assert.ok(html.some((h) => h.includes("<table") && h.includes("ILQL") && h.includes("move accuracy")), "score table missing");
    const maps = html.find((h) => h.includes("optimal (BFS)"));
    assert.ok(maps && maps.includes("# → → ↓ ← ← # → → ↓ ← ← #") && (maps.match(/<pre>/g) ?? []).length === 3, "greedy move maps missing");
  });
});
