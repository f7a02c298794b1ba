import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/core/paths";
import { MazeEnv } from "../../src/tasks/maze/index";
import { ENV_SPECS } from "../../src/tasks/index";
import { htmlTableRows, runNotebook } from "../helpers/notebook";

/** A table cell as showTable prints it ("1,240", "−12.50") read back as a number. */
const num = (s: string | undefined) => Number((s ?? "").replace(/,/g, "").replace(/^−/, "-"));

describe("notebooks (tslab executor, QUICK=1)", () => {
  it("01-tasks-and-datasets runs top to bottom and shows its tables and figure", async () => {
    const root = projectRoot();
    const r = await runNotebook(`${root}/notebooks/01-tasks-and-datasets.ipynb`, root, { QUICK: "1", LMRL_PROGRESS: "off" });
    assert.equal(r.failedCell, -1, `cell ${r.failedCell} failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
    const html = r.displays.map((d) => d["text/html"] ?? "");
    assert.ok(html.some((h) => h.includes("<table") && h.includes("maze-fo") && h.includes("wordle")), "score table missing");
    assert.ok(html.some((h) => h.includes("Plotly.newPlot")), "figure missing");
    assert.ok(r.log.some((l) => l.includes("The goal is at position 8, 6.")), "maze text missing");
    // Numbers the notebook computed, checked against facts the test knows independently.
    const env = new MazeEnv("fo");
    const h = env.reset({ seed: 0, options: { initPosition: [1, 10] } });
    const step = env.step([...h, { text: "move left\n", isAction: true }]);
    assert.ok(r.log.some((l) => l.includes(`-> reward ${step.reward}\n`)), `maze step should print reward ${step.reward}`);
    assert.ok(r.log.some((l) => l.includes("glade: reward 0, terminated true")), "wordle: guessing the secret ends the game with reward 0");
    const scores = htmlTableRows(html.find((x) => x.includes("<table") && x.includes("scoreOurs")) ?? "");
    const score = (env: string, policy: string) => num(scores.find((row) => row.env === env && row.policy === policy)?.score);
    for (const env of ["maze-fo", "maze-po", "wordle", "twenty-questions", "guess-my-city", "car-dealer"]) assert.ok(score(env, "optimal") > 90 && score(env, "optimal") > score(env, "random") + 20, `${env}: optimal ${score(env, "optimal")} vs random ${score(env, "random")}`);
    assert.equal(score("text-nav-fo", "optimal"), 100, "the walkthrough always wins (return 1 = max anchor)");
    assert.equal(score("text-nav-po", "random"), 0, "random play never wins text-nav within 15 turns");
    for (const row of scores) assert.ok(Number.isFinite(num(row.score)), `score of ${row.env}/${row.policy}`);
    const stats = htmlTableRows(html.find((x) => x.includes("<table") && x.includes("success (paper)")) ?? "");
    assert.equal(score("endgames", "optimal"), 100, "the exact tables mate in every test position (return 1 = max anchor)");
    assert.equal(stats.length, ENV_SPECS.length, "one dataset row per env");
    assert.equal(ENV_SPECS.length, 10, "the paper's 10 rows");
    for (const row of stats) assert.ok(num(row.success) >= 0 && num(row.success) <= 1 && num(row.length) > 0, `dataset stats of ${row.env}`);
  });

  it("03-online-ppo trains BC, PPO and GRPO (tiny), shows GAE, clipping, the KL controller, per-round curves and scores", async () => {
    const root = projectRoot();
    const r = await runNotebook(`${root}/notebooks/03-online-ppo.ipynb`, root, { QUICK: "1", LMRL_PROGRESS: "off" });
    assert.equal(r.failedCell, -1, `cell ${r.failedCell} failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
    const html = r.displays.map((d) => d["text/html"] ?? "");
    // GAE on the 4-move episode (γ 1), by hand: λ 0 gives the TD errors δ = [0, 0.3, −0.2, 0.4]; λ 1 gives return − V = [0.5, 0.5, 0.2, 0.4]
    const gaeRows = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("A3")) ?? "");
    const row = (lambda: string) => gaeRows.find((x) => x["λ"] === lambda);
    assert.equal(gaeRows.length, 4, "λ 0, 0.5, 0.95, 1");
    assert.deepEqual(["A0", "A1", "A2", "A3"].map((k) => num(row("0.00")?.[k])), [0, 0.3, -0.2, 0.4]);
    assert.deepEqual(["A0", "A1", "A2", "A3"].map((k) => num(row("1.00")?.[k])), [0.5, 0.5, 0.2, 0.4]);
    // The adaptive controller: KL 2 against target 4 → e = −0.2 (clipped from −0.5): κ = 0.1·(1 − 0.2·128/1000)
    const kl = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("κ after")) ?? "");
    assert.equal(num(kl[0]?.["κ after"]), Number((0.1 * (1 - (0.2 * 128) / 1000)).toFixed(4)));
    assert.ok(html.filter((h) => h.includes("Plotly.newPlot")).length >= 4, "clipping figure and three per-round figures");
    // The final table shows what each run wrote to its eval.json.
    const finals = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("GRPO") && h.includes("paper")) ?? "");
    for (const [method, d] of [["BC", "bc"], ["PPO", "ppo"], ["GRPO", "grpo"]]) {
      const ev = JSON.parse(readFileSync(`${root}/runs/notebook/03-quick/${d}/eval.json`, "utf8")) as { normalizedScore: number; episodes: number };
      assert.equal(num(finals.find((x) => x.method === method)?.score), Number(ev.normalizedScore.toFixed(1)), `${method} score`);
      assert.equal(ev.episodes, 5, "QUICK evaluates 5 episodes");
    }
    const rounds = readFileSync(`${root}/runs/notebook/03-quick/ppo/metrics.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>).filter((x) => x.phase === "ppo" && "rollout/score" in x);
    assert.equal(rounds.length, 2, "two PPO rounds logged");
    assert.equal(rounds[0]["ppo/kl"], 0, "the first round samples from the BC weights themselves: KL exactly 0");
    const episodes = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("first moves")) ?? "");
    assert.deepEqual(episodes.map((e) => e.policy), ["BC", "PPO"]);
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
    // The table shows what each run wrote to its eval.json (the same evaluation, not a re-run).
    const rows = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("move accuracy")) ?? "");
    for (const [method, dir] of [["BC", "bc"], ["ILQL", "ilql"]]) {
      const ev = JSON.parse(readFileSync(`${root}/runs/notebook/quick/${dir}/eval.json`, "utf8")) as { normalizedScore: number; episodes: number; taskMetrics: { move_accuracy: number } };
      const row = rows.find((x) => x.method === method);
      assert.ok(row, `${method} row`);
      assert.equal(num(row.score), Number(ev.normalizedScore.toFixed(1)), `${method} score`);
      assert.equal(ev.episodes, 5, "QUICK evaluates 5 episodes");
      assert.equal(row["move accuracy"], ev.taskMetrics.move_accuracy.toFixed(3), `${method} move accuracy`);
      assert.ok(ev.taskMetrics.move_accuracy >= 0 && ev.taskMetrics.move_accuracy <= 1);
    }
  });
});
