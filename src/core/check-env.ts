/**
 * `checkEnv`, after Gymnasium's env checker: small checks any registered env must pass. The registry
 * test runs it on every id. Each failure message names the likely cause. Envs may be asynchronous.
 */
import { deriveSeed, Rng } from "./rng";
import type { EnvSpec } from "./spec";
import { act, renderHistory } from "./text";
import type { History, StepResult } from "./types";

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(`checkEnv: ${msg}`);
}

function sameHistory(a: History, b: History): boolean {
  return a.length === b.length && a.every((t, i) => t.text === b[i].text && t.isAction === b[i].isAction);
}

/** Plays one seeded episode with the given scripted policy and returns every step result. */
async function play(spec: EnvSpec, seed: number, policyName: string): Promise<{ reset: History; steps: StepResult[] }> {
  const env = spec.make();
  try {
    const policy = spec.policies[policyName](env);
    const rng = new Rng(deriveSeed(seed, "check-policy"));
    let history = await env.reset({ seed, options: spec.evaluation.resetOptions?.(0) });
    const reset = history;
    const steps: StepResult[] = [];
    for (let i = 0; i <= spec.maxTurns; i++) {
      const a = await policy.act(history, rng);
      assert(typeof a === "string", `${spec.id}: scripted policy "${policyName}" returned ${typeof a}, not a string`);
      const r = await env.step([...history, act(a.endsWith("\n") ? a : a + "\n")]);
      steps.push(r);
      history = r.history;
      if (r.terminated || r.truncated) return { reset, steps };
    }
    throw new Error(`checkEnv: ${spec.id}: episode did not end within maxTurns=${spec.maxTurns} steps; is the turn cap enforced?`);
  } finally {
    await env.close?.();
  }
}

/**
 * Checks: seeded reset is deterministic; stepping is deterministic for the same seed and actions;
 * rewards are finite; observations are non-empty texts with isAction false; episodes end by
 * maxTurns; terminated and truncated are never both true.
 */
export async function checkEnv(spec: EnvSpec, seeds: readonly number[] = [0, 1, 2]): Promise<void> {
  for (const seed of seeds) {
    const e1 = spec.make();
    const e2 = spec.make();
    const h1 = await e1.reset({ seed });
    const h2 = await e2.reset({ seed });
    await e1.close?.();
    await e2.close?.();
    assert(h1.length > 0, `${spec.id}: reset returned an empty history`);
    assert(sameHistory(h1, h2), `${spec.id}: reset({seed: ${seed}}) gave different histories on two fresh envs; seed the env's RNG in reset`);
    for (const name of ["random", "behaviour", "optimal"]) {
      const a = await play(spec, seed, name);
      const b = await play(spec, seed, name);
      assert(sameHistory(a.reset, b.reset), `${spec.id}: reset not deterministic`);
      assert(a.steps.length === b.steps.length, `${spec.id}/${name}: same seed gave episodes of ${a.steps.length} and ${b.steps.length} steps; does step use an unseeded RNG?`);
      a.steps.forEach((s, i) => {
        const t = b.steps[i];
        assert(s.reward === t.reward && renderHistory(s.history) === renderHistory(t.history), `${spec.id}/${name}: step ${i} not deterministic for seed ${seed}`);
        assert(Number.isFinite(s.reward), `${spec.id}: non-finite reward ${s.reward} at step ${i}`);
        assert(!(s.terminated && s.truncated), `${spec.id}: step ${i} is both terminated and truncated`);
        assert(s.history.length > 0, `${spec.id}: step ${i} returned an empty history`);
        const last = s.history[s.history.length - 1];
        assert(!last.isAction && last.text.length > 0, `${spec.id}: step ${i} must end the history with a non-empty observation`);
        assert(typeof s.info.success === "boolean" && typeof s.info.invalidAction === "boolean", `${spec.id}: info must carry success and invalidAction booleans`);
      });
      assert(a.steps.length <= spec.maxTurns, `${spec.id}/${name}: episode ran ${a.steps.length} > maxTurns=${spec.maxTurns} steps`);
    }
  }
}
