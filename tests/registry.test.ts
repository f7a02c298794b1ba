/**
 * One test file for everything a registered row or algorithm promises: every env id passes checkEnv
 * (also async envs), resolves a full config for every algorithm, names its tokenizer (which exists),
 * carries the paper's Table-2 scores, and refuses unknown env options.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { ALGORITHMS, algorithmConfig, getAlgorithm } from "../src/algorithms/index";
import { checkEnv } from "../src/core/check-env";
import { tokenizerDirOf } from "../src/model/tokenizer";
import { ENV_SPECS, registry } from "../src/tasks/index";

describe("registry: every env id", () => {
  for (const spec of ENV_SPECS) {
    // engine-backed rows: one seed (each checked episode is played twice against Stockfish)
    it(`${spec.id} passes checkEnv`, () => checkEnv(spec, spec.task === "chess" ? [0] : undefined));
    it(`${spec.id} resolves a config for every algorithm from its training defaults`, () => {
      for (const algo of ALGORITHMS) {
        const cfg = algorithmConfig(algo, spec);
        assert.ok(cfg.steps >= 1 && cfg.maxLength <= cfg.blockSize, `${algo.name} on ${spec.id}`);
      }
    });
    it(`${spec.id} names a shipped tokenizer, the paper's scores and a reference reader`, () => {
      assert.ok(existsSync(`${tokenizerDirOf(spec.tokenizer)}/tokenizer.json`), spec.tokenizer);
      for (const m of ["bc", "pbc", "mc", "ilql", "ppo"]) assert.equal(typeof spec.paperScores?.[m], "number", `${spec.id} paper score for ${m}`);
      assert.equal(typeof spec.referenceReader, "function");
    });
    it(`${spec.id} refuses unknown env options, naming the valid ones`, () => {
      assert.throws(() => spec.make({ noSuchOption: 1 }), /unknown env option "noSuchOption"/);
    });
  }

  it("Wordle's invalid-guess penalty is set through make(options)", async () => {
    const env = registry.makeEnv("wordle", { invalidPenalty: -10 });
    const h = await env.reset({ seed: 0 });
    const r = await env.step([...h, { text: "zzzzz\n", isAction: true }]);
    assert.equal(r.reward, -10);
    assert.equal(r.info.invalidAction, true);
    assert.throws(() => registry.makeEnv("wordle", { invalidPenalty: "big" }), /must be a number/);
  });

  it("an env without training defaults for an algorithm is refused, naming the file to edit", () => {
    const spec = { ...registry.getEnvSpec("wordle"), train: { bc: {} } };
    assert.throws(() => algorithmConfig(getAlgorithm("ilql"), spec), /no training defaults for ilql.*src\/tasks\/wordle\/train\.ts/);
  });

  it("algorithm names: aliases resolve, misspellings suggest, enum keys are checked", () => {
    assert.equal(getAlgorithm("%bc").name, "pbc");
    assert.throws(() => getAlgorithm("iqll"), /Did you mean "ilql"/);
    assert.throws(() => algorithmConfig(getAlgorithm("pbc"), registry.getEnvSpec("maze-fo"), [{ filter: "sucess" }]), /"filter" must be one of "success", "top".*Did you mean "success"/);
    assert.throws(() => algorithmConfig(getAlgorithm("ilql"), registry.getEnvSpec("maze-fo"), [{ headKind: "mlpp" }]), /"headKind" must be one of/);
    assert.throws(() => algorithmConfig(getAlgorithm("grpo"), registry.getEnvSpec("maze-po"), [{ lossAverage: "sequence" }]), /"lossAverage" must be one of "episode", "token"/);
  });
});
