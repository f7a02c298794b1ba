/**
 * A tiny deterministic chain env for core tests: the agent sees "at N\n" and must say "step\n" three
 * times to reach the end (reward 0 on the last step, -1 before); any other action costs -2 and keeps
 * the position. Turn cap 5. The spec's random policy picks "step"/"wait" by its rng.
 */
import { rolloutSync } from "../../src/core/rollout";
import type { EnvSpec } from "../../src/core/spec";
import type { Rng } from "../../src/core/rng";
import { actionBody, lastAction, obs } from "../../src/core/text";
import type { History, ResetArgs, StepResult, TextEnv } from "../../src/core/types";

export class ChainEnv implements TextEnv {
  readonly id = "toy-chain";
  readonly maxTurns = 5;
  private pos = 0;
  private turns = 0;
  reset(args: ResetArgs = {}): History {
    this.pos = Number(args.options?.start ?? 0);
    this.turns = 0;
    return [obs(`at ${this.pos}\n`)];
  }
  step(history: History): StepResult {
    const a = actionBody(lastAction(history, this.id));
    this.turns++;
    const valid = a === "step";
    if (valid) this.pos++;
    const success = this.pos >= 3;
    const reward = !valid ? -2 : success ? 0 : -1;
    const truncated = !success && this.turns >= this.maxTurns;
    return {
      history: [...history, obs(success ? "done\n" : `at ${this.pos}\n`)],
      reward,
      terminated: success,
      truncated,
      info: { success, invalidAction: !valid },
    };
  }
}

export const chainSpec: EnvSpec = {
  id: "toy-chain",
  task: "toy",
  description: "three steps to the end",
  actions: "\"step\"; anything else is invalid",
  maxTurns: 5,
  historyWindow: Infinity,
  make: () => new ChainEnv(),
  tokenizer: "toy",
  evaluation: { episodes: 4, resetOptions: (i) => ({ start: i % 2 }) },
  anchors: { paper: { min: -10, avg: -5, max: -2 }, ours: { min: -10, avg: -4, max: -2 } },
  policies: {
    optimal: () => ({ name: "optimal", act: () => "step" }),
    random: () => ({ name: "random", act: (_h: History, rng: Rng) => (rng.bernoulli(0.5) ? "step" : "wait") }),
    behaviour: () => ({ name: "behaviour", act: (_h: History, rng: Rng) => (rng.bernoulli(0.7) ? "step\n" : "wait") }),
  },
  dataset: {
    defaultSize: 10,
    behaviour: "70% step",
    paperStats: { trajectories: 10, meanLength: 3, stdLength: 0, successRate: 1, meanReturn: -2, stdReturn: 0 },
    *generate(n, rng) {
      const env = new ChainEnv();
      const policy = chainSpec.policies.behaviour(env);
      for (let i = 0; i < n; i++) {
        yield rolloutSync(env, policy, { seed: rng.nextUint32(), rng }, "toy-chain").trajectory;
      }
    },
  },
};
