import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, it } from "node:test";
import { projectRoot } from "../../src/core/paths";
import { MazeEnv } from "../../src/tasks/maze/index";
import { ENV_SPECS } from "../../src/tasks/index";
import { TABLE2_METHODS } from "../../src/report/compare";
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

  it("04-compare-all-tasks reads the shipped results and shows the rows, the comparison with the paper, figures and computed findings", async () => {
    const root = projectRoot();
    const r = await runNotebook(`${root}/notebooks/04-compare-all-tasks.ipynb`, root, { QUICK: "1", LMRL_PROGRESS: "off" });
    assert.equal(r.failedCell, -1, `cell ${r.failedCell} failed:\n${r.failedSource}\n--- log ---\n${r.log.join("\n")}`);
    const html = r.displays.map((d) => d["text/html"] ?? "");
    // The results files, read here with plain JSON.parse: scores per (row, method), in seed order.
    type File = { env: string; algorithm: string; seed: number; score: number; online?: { curve: number[] }; curve?: { score: number }[] };
    const dir = `${root}/data/results`;
    const files = ENV_SPECS.map((s) => s.id).filter((id) => readdirSync(dir).includes(id) && statSync(`${dir}/${id}`).isDirectory())
      .flatMap((id) => readdirSync(`${dir}/${id}`).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(`${dir}/${id}/${f}`, "utf8")) as File));
    const groups = new Map<string, File[]>();
    for (const f of files) groups.set(`${f.env}|${f.algorithm}`, [...(groups.get(`${f.env}|${f.algorithm}`) ?? []), f].sort((a, b) => a.seed - b.seed));
    const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const scoreOf = (row: string, algo: string) => meanOf(groups.get(`${row}|${algo}`)!.map((f) => f.score));
    const label = (algo: string) => TABLE2_METHODS.find(([k]) => k === algo)?.[1] ?? algo;
    // what each row tests: one line per registered row
    const rows = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("partner / opponent")) ?? "");
    assert.deepEqual(rows.map((x) => x.row), ENV_SPECS.map((s) => s.id), "one line per row, in the registry's order");
    assert.equal(rows.length, 10, "the paper's 10 rows");
    for (const x of rows) assert.ok(x.tests.length > 20 && num(x["max turns"]) === ENV_SPECS.find((s) => s.id === x.row)!.maxTurns, `${x.row}: description and turn cap`);
    // the comparison: every (row, method) with results, its mean and Student-t 95% half-width over seeds as computed here
    const table = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("± 95% CI")) ?? "");
    assert.equal(table.length, groups.size, "one line per (row, method) with results");
    const T975 = [NaN, NaN, 12.706204736174705, 4.302652729911275, 3.182446305284263, 2.7764451051977987];
    for (const [key, fs] of groups) {
      const [row, algo] = key.split("|");
      const line = table.find((x) => x.row === row && x.method === label(algo));
      assert.ok(line, `${row} ${algo} missing from the comparison table`);
      const scores = fs.map((f) => f.score);
      const m = meanOf(scores);
      assert.ok(Math.abs(num(line.score) - m) <= 0.06, `${row} ${algo}: table shows ${line.score}, the files' mean is ${m}`);
      assert.equal(num(line.seeds), fs.length, `${row} ${algo} seeds`);
      assert.equal(line["per seed"], scores.map((x) => x.toFixed(1)).join(" / "), `${row} ${algo} per-seed scores`);
      if (fs.length >= 2 && fs.length < T975.length) {
        const sd = Math.sqrt(scores.reduce((a, x) => a + (x - m) ** 2, 0) / (fs.length - 1));
        assert.ok(Math.abs(num(line["± 95% CI"]) - (T975[fs.length] * sd) / Math.sqrt(fs.length)) <= 0.06, `${row} ${algo}: CI ${line["± 95% CI"]}`);
      }
    }
    const ilql = table.find((x) => x.row === "maze-fo" && x.method === "ILQL");
    assert.ok(ilql, "maze-fo ILQL is shipped");
    assert.ok(Math.abs(num(ilql.score) - scoreOf("maze-fo", "ilql")) <= 0.055 && /^\d+\.\d$/.test(ilql.score), `maze-fo ILQL: ${ilql.score} against the files' mean ${scoreOf("maze-fo", "ilql")}`);
    assert.equal(num(ilql.paper), 99.9, "paper Table 2, FO maze ILQL");
    // arquero's per-method rollup counts the rows each method ran on
    const perMethod = htmlTableRows(html.find((h) => h.includes("<table") && h.includes("mean diff")) ?? "");
    assert.equal(num(perMethod.find((x) => x.method === "ILQL")?.rows), [...groups.keys()].filter((k) => k.endsWith("|ilql")).length, "rows with ILQL results");
    // figures: bars, paper-vs-kit scatter and (quick) one row's learning curves, with the numbers of the files
    assert.ok(html.filter((h) => h.includes("Plotly.newPlot")).length >= 3, "bars, scatter and learning curves");
    type Plot = { data: { type: string; name: string; mode?: string; legendgroup?: string; x: unknown; y: number[] }[] };
    const plots = r.displays.map((d) => (d as unknown as Record<string, Plot | undefined>)["application/vnd.plotly.v1+json"]).filter((p): p is Plot => p !== undefined);
    assert.ok(plots.length >= 3, "bars, scatter and learning curves as plotly figures");
    const ilqlBars = plots.flatMap((p) => p.data).find((t) => t.type === "bar" && t.name === "ILQL");
    assert.ok(ilqlBars, "an ILQL bar trace");
    assert.ok(Math.abs(ilqlBars.y[(ilqlBars.x as string[][])[0].indexOf("maze-fo")] - scoreOf("maze-fo", "ilql")) < 0.01, "the maze-fo ILQL bar is the files' mean");
    assert.ok(plots.some((p) => p.data.some((t) => t.legendgroup === "rows") && p.data.some((t) => t.legendgroup === "methods" && t.mode === "markers")), "paper-vs-kit scatter (colour per method, shape per row)");
    const figure = (title: string) => r.displays.find((d) => String(d["text/plain"] ?? "").includes(title)) as unknown as Record<string, Plot> | undefined;
    const curved = ENV_SPECS.map((s) => s.id).find((id) => files.some((f) => f.env === id && ((f.online?.curve.length ?? 0) > 0 || (f.curve?.length ?? 0) > 0)));
    assert.ok(curved, "some shipped results carry learning curves");
    const curves = figure(`${curved}: learning curves`);
    assert.ok(curves, `learning curves of ${curved}`);
    const ppo0 = files.find((f) => f.env === curved && f.algorithm === "ppo" && f.seed === 0);
    // a reproduce file's `curve` (one point per round), else an older online-bench file's `online.curve`
    const ppoRounds = ppo0?.curve?.map((p) => p.score) ?? ppo0?.online?.curve;
    if (ppoRounds) assert.deepEqual(curves["application/vnd.plotly.v1+json"].data.find((t) => t.name === "PPO")?.y, ppoRounds, "PPO seed 0's per-round scores");
    // the computed findings: ILQL against BC, here (means of the files) and in the paper (Table 2 cells)
    const md = r.displays.map((d) => String(d["text/markdown"] ?? "")).find((m) => m.includes("beats")) ?? "";
    const both = ENV_SPECS.map((s) => s.id).filter((id) => groups.has(`${id}|ilql`) && groups.has(`${id}|bc`));
    const kitWins = both.filter((id) => scoreOf(id, "ilql") > scoreOf(id, "bc")).length;
    const paperWins = both.filter((id) => ENV_SPECS.find((s) => s.id === id)!.paperScores!.ilql > ENV_SPECS.find((s) => s.id === id)!.paperScores!.bc).length;
    assert.ok(md.includes(`ILQL beats BC on ${kitWins} of ${both.length} rows here`), `findings should say ILQL beats BC on ${kitWins} of ${both.length}:\n${md}`);
    assert.match(md, new RegExp(`ILQL beats BC on \\d+ of \\d+ rows here \\([^)]*\\); in the paper on ${paperWins} of ${both.length} `));
    // the pipeline section plans the start preset and runs nothing in quick mode
    assert.ok(r.log.some((l) => /^(to run|done {2}) {2}train\/[\w-]+\/bc\/seed0 /.test(l)), "the start preset's plan (a BC training stage)");
    assert.ok(r.log.some((l) => l.includes("quick mode: the plan above is not run")), "no pipeline run in quick mode");
  });
});
