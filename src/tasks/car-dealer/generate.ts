/**
 * The Car Dealer offline dataset generator. The paper's 19k conversations were written by GPT-2 XL
 * seller and buyer models fine-tuned on GPT-3.5 conversations between the three seller and three buyer
 * backgrounds (App. C.8; reference `llm_rl_scripts/car_dealer/env/personality_convos.py`); here the
 * behaviour seller of behaviour.ts (one background per conversation, with noise) talks to the rule-based
 * buyer of buyer.ts. Streamed one trajectory at a time; byte-identical for the same `rng` state.
 *
 * @example
 * for (const t of generateCarDealerDataset(3, new Rng(0))) console.log(t.meta?.success, t.meta?.price);
 */
import type { Rng } from "../../core/rng";
import { EpisodeRecorder } from "../../core/rollout";
import type { GenerateFrom } from "../../core/spec";
import type { Trajectory } from "../../core/types";
import { behaviourSeller, strategyOfOpening } from "./behaviour";
import { CarDealerEnv, type CarDealerEnvConfig } from "./env";

/**
 * Streams `n` behaviour-seller conversations. Conversation i's env seed is the i-th draw of `rng` and
 * its seller stream is derived from that seed, so the output depends only on `rng`'s state, and
 * `opts.skip` starts at conversation `skip` without playing the ones before. Each trajectory's meta
 * holds `seed`, `success` (the car was bought), `policy`, `strategy` (the seller's background),
 * `persona` (the hidden buyer, MSRP included), `price` (the buy price or null), `msrp` and `reason` (why
 * it ended).
 */
export function* generateCarDealerDataset(n: number, rng: Rng, opts: GenerateFrom & CarDealerEnvConfig = {}): Generator<Trajectory> {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`generateCarDealerDataset: n must be a non-negative integer, got ${n}`);
  const skip = opts.skip ?? 0;
  if (!(Number.isInteger(skip) && skip >= 0)) throw new Error(`generateCarDealerDataset: skip must be a non-negative integer, got ${skip}`);
  const env = new CarDealerEnv({ rewardMode: opts.rewardMode });
  const policy = behaviourSeller(() => env.persona.msrp);
  for (let i = 0; i < n; i++) {
    const seed = rng.nextUint32();
    if (i < skip) continue;
    const policyRng = rng.child("policy", seed);
    const rec = new EpisodeRecorder(env, seed);
    const persona = env.persona;
    let info: Record<string, unknown> = {};
    // The buyer decides by the 25th seller line, so this loop is bounded.
    while (!rec.done) info = rec.stepSync(policy.act(rec.history, policyRng) as string).info;
    const output = env.output;
    const firstSeller = rec.history.find((t) => t.isAction)?.text ?? "";
    yield rec.episode(env.id, {
      policy: policy.name,
      strategy: strategyOfOpening(firstSeller),
      persona,
      price: output?.carBought ? output.buyPrice : null,
      msrp: persona.msrp,
      reason: info.reason ?? null,
    }).trajectory;
  }
}
