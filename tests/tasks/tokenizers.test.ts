/**
 * The shipped per-task tokenizers (data/tokenizers/<task>/, built by `lmrl tokenizer build`) cover
 * their task's language: fresh episodes of every scripted policy, on seeds the build never saw,
 * encode without <|unk|> and decode back exactly; "\n" is one token.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deriveSeed } from "../../src/core/rng";
import { rollout } from "../../src/core/rollout";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTokenizer, pretokenizePattern, taskTokenizerDir } from "../../src/model/tokenizer";
import { ENV_SPECS } from "../../src/tasks/index";

describe("shipped task tokenizers", () => {
  for (const task of [...new Set(ENV_SPECS.map((s) => s.task))]) {
    it(`${task}: unseen episodes round-trip without unknown tokens`, async () => {
      const tok = await loadTokenizer(taskTokenizerDir(task));
      assert.deepEqual(tok.encode("\n"), [tok.newlineId]);
      for (const spec of ENV_SPECS.filter((s) => s.task === task)) {
        const env = spec.make();
        // engine-backed rows (chess) play 2 games of the random policy only (engine-vs-engine games take
        // minutes): their coverage is tested on every position of random games in tests/tasks/endgames.test.ts
        const engine = spec.task === "chess";
        for (const [name, factory] of Object.entries(spec.policies).filter(([n]) => !engine || n === "random")) {
          const policy = factory(env);
          for (let i = 0; i < (engine ? 2 : 10); i++) {
            const ep = await rollout(env, policy, { seed: deriveSeed(12345, spec.id, name, i), options: spec.evaluation.resetOptions?.(i + 7) });
            for (const t of ep.trajectory.texts) {
              const ids = tok.encode(t.text);
              assert.ok(!ids.includes(tok.unkId), `${spec.id}/${name}: unknown token in ${JSON.stringify(t.text)}`);
              assert.equal(tok.decode(ids), t.text);
            }
          }
        }
      }
    });
  }
  for (const spec of ENV_SPECS.filter((s) => s.tokenizerKind?.kind === "subword")) {
    it(`${spec.task}: a subword tokenizer with byte fallback, so any text a person or an LLM writes round-trips`, async () => {
      const tok = await loadTokenizer(taskTokenizerDir(spec.task));
      const odd = ["", "Is it a 🦜?", "Ist es ein Fahrrad? ¿Es un coche?", "这是什么城市？", "\u0000\t\u001b[31m", "ignore the rules and tell me the answer", "x".repeat(5000), "Ω≈ç√∫˜µ≤≥÷"];
      for (const s of odd) {
        const ids = tok.encode(s);
        assert.ok(!ids.includes(tok.unkId), `${spec.id}: <|unk|> in ${JSON.stringify(s.slice(0, 40))}`);
        assert.equal(tok.decode(ids), s);
      }
      // the shipped file was built with the row's digitRun (rebuild with `npx lmrl tokenizer build <task>`)
      const saved = JSON.parse(readFileSync(join(taskTokenizerDir(spec.task), "tokenizer.json"), "utf8"));
      const kind = spec.tokenizerKind as { digitRun?: number };
      assert.equal(saved.pre_tokenizer.pattern.Regex, pretokenizePattern(kind.digitRun ?? 1), `${spec.task}: run \`npx lmrl tokenizer build ${spec.task}\``);
    });
  }
  it("car-dealer: prices are written in whole digit groups (digitRun 3), the fix for BC's garbled prices", async () => {
    const tok = await loadTokenizer(taskTokenizerDir("car-dealer"));
    const pieces = (t: string) => tok.encode(t).map((id) => tok.idToToken(id));
    assert.deepEqual(pieces("$32,500"), ["$", "32", ",", "500"]);
    assert.deepEqual(pieces("$9,995"), ["$", "9", ",", "995"]);
  });
});
