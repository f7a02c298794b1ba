/**
 * CONTRIBUTING.md's two recipes, done once: a toy task (tests/fixtures/toy-task) and a toy algorithm
 * (tests/fixtures/toy-algorithm.ts) registered only here. Each step the recipe lists is exercised: the
 * registry takes the task, checkEnv passes, configs resolve from the task's defaults, the trainer runs
 * the new algorithm on the new task end to end, and the learnt greedy policy solves it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ALGORITHMS, algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { train } from "../src/algorithms/trainer";
import { checkEnv } from "../src/core/check-env";
import { createRegistry, type EnvSpec } from "../src/core/spec";
import { initBackend } from "../src/model/backend";
import { ENV_SPECS } from "../src/tasks/index";
import { rwbcAlgorithm } from "./fixtures/toy-algorithm";
import { buildToyTask } from "./fixtures/toy-task/index";

describe("extending the kit: a toy task and a toy algorithm registered only in tests", () => {
  let tmp: string;
  let toy: EnvSpec;
  before(async () => {
    await initBackend();
    tmp = mkdtempSync(join(tmpdir(), "lmrl-extend-"));
    toy = await buildToyTask(join(tmp, "tokenizer"));
  });

  it("the task registers beside the real rows and passes checkEnv", async () => {
    const registry = createRegistry([...ENV_SPECS, toy]);
    assert.equal(registry.getEnvSpec("toy-steps"), toy);
    assert.deepEqual(registry.specsOfTask("toy-steps").map((s) => s.id), ["toy-steps"]);
    await checkEnv(toy);
  });

  it("the algorithm registers by name and resolves its config from the task's defaults", () => {
    const list = [...ALGORITHMS, rwbcAlgorithm];
    assert.equal(getAlgorithm("rwbc", list), rwbcAlgorithm);
    assert.throws(() => getAlgorithm("rwbc"), /Unknown algorithm "rwbc"/, "not in the kit's own list");
    const cfg = algorithmConfig(rwbcAlgorithm, toy, [{ maxWeight: 5 }]);
    assert.equal(cfg.steps, 60);
    assert.equal(cfg.lambda, 1);
    assert.equal(cfg.maxWeight, 5);
    assert.throws(() => algorithmConfig(rwbcAlgorithm, toy, [{ lamda: 2 }]), /unknown key "lamda".*lambda/);
    assert.throws(() => algorithmConfig(getAlgorithm("ilql"), toy), /no training defaults for ilql.*src\/tasks\/toy-steps\/train\.ts/);
  });

  it("the trainer runs the new algorithm on the new task, and the greedy policy solves it", async () => {
    const out = join(tmp, "run");
    const r = await train({ algorithm: rwbcAlgorithm, env: toy, seed: 0, config: [{ temperature: 0 }], out, progress: "off", verbose: false });
    const rows = readFileSync(join(out, "metrics.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
    const losses = rows.filter((x) => "loss/rwbc" in x).map((x) => x["loss/rwbc"]);
    assert.ok(losses.length >= 5 && losses[losses.length - 1] < losses[0] / 2, `loss falls: ${losses.join(", ")}`);
    assert.equal(rows[0]["data/truncated_frac"], 0, "nothing cut at maxLength");
    assert.equal(rows[0]["data/unk_frac"], 0, "the task's own tokenizer covers its texts");
    assert.equal(r.finalEval.successRate, 1, "greedy policy says 'step' until the end");
    assert.equal(r.finalEval.invalidActionRate, 0);
  });
});
