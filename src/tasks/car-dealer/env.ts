/**
 * The Car Dealer text environment (LMRL-Gym paper §4 and App. C.8; reference
 * `llm_rl_scripts/car_dealer/env/env.py`, `CarDealerPolicyEnvironment`): the agent is the SELLER, the
 * env plays a simulated BUYER (buyer.ts). The history starts "Start\n", then alternates seller lines
 * (actions) and buyer lines (observations), each ending in "\n". The buyer ends the deal with the
 * reference's Output marker, which the env removes from the line the seller sees (README "Formats");
 * the reward, on the seller's last line, is the reference's `compute_reward` ("fancy" by default,
 * "revenue" as an option). After 50 lines (25 seller turns) the buyer must decide.
 *
 * @example
 * const env = new CarDealerEnv();
 * const h = env.reset({ seed: 0 });                                    // [{ text: "Start\n", isAction: false }]
 * const r = env.step([...h, { text: "Hi! What can I help you find?\n", isAction: true }]);
 * r.history[2].text;                                                   // e.g. "Hello. I'm looking for a Honda SUV.\n"
 */
import type { DialogueLine, PartnerGame, PartnerTurn } from "../../core/partner";
import { Rng } from "../../core/rng";
import { lastTurn, obs } from "../../core/text";
import type { History, ResetArgs, StepResult, Text, TextEnv } from "../../core/types";
import { Buyer, drawBuyerParams, type BuyerParams } from "./buyer";
import {
  BRANDS,
  BUDGETS,
  BUYER_STRATEGIES,
  BUYER_STRATEGY_TEXT,
  buyerInfoText,
  computeReward,
  extractOutput,
  FEATURES,
  MAX_SELLER_TURNS,
  PERSONALITIES,
  REWARD_MODES,
  START,
  TYPES,
  brandName,
  type Brand,
  type BuyerPersona,
  type BuyerStrategy,
  type CarType,
  type ConversationOutput,
  type Feature,
  type Personality,
  type RewardMode,
} from "./formats";
import { readSellerLine } from "./parse";

export const CAR_DEALER_ENV_ID = "car-dealer";

/** Reset options: fix any persona field (the rest is drawn from the seed as usual). */
export interface CarDealerResetOptions {
  readonly strategy?: BuyerStrategy;
  readonly personality?: Personality;
  /** "Honda" or "a Honda". */
  readonly brand?: string;
  readonly type?: CarType;
  readonly features?: readonly Feature[];
  readonly budget?: number;
  /**
   * Any integer ≥ 1. A drawn MSRP always ends in 995; a fixed one that is a multiple of $500 may equal a
   * number the buyer says itself (its budget, a counter-offer), which the no-leak rule cannot exclude.
   */
  readonly msrp?: number;
}

const RESET_KEYS = ["strategy", "personality", "brand", "type", "features", "budget", "msrp"];

/** Construction settings. */
export interface CarDealerEnvConfig {
  /** "fancy" (the reference env default) or "revenue" (the reference PPO script). */
  readonly rewardMode?: RewardMode;
}

/** Brands whose cars list above the buyer's budget more often (the MSRP factor × 1.08). */
const PREMIUM: readonly Brand[] = ["a Lexus", "a Mercedes-Benz", "a BMW", "an Audi", "a Porsche", "a Tesla"];

/** Mean and standard deviation of log(MSRP / budget) before the brand and body factors (tuned to Table 1: README "Dataset"). */
export const MSRP_LOG_MEAN = 0.06;
export const MSRP_LOG_SD = 0.08;

/**
 * The MSRP of the car under discussion: the dealer shows a car in the buyer's range, so its sticker price
 * scales with the budget: budget × f, f = exp(0.06 + 0.08·z) for a standard normal z (× 1.08 for premium
 * brands, × 1.05 for luxury, electric and convertible bodies), f clipped to [0.55, 2], rounded to the
 * nearest $1,000 minus $5 (a sticker price ending in 995, which no buyer sentence can contain: README
 * "No-leak rule").
 *
 * @example
 * msrpOf(30000, "a Honda", "SUV", 0); // 31995
 */
export function msrpOf(budget: number, brand: Brand, type: CarType, z: number): number {
  let f = Math.exp(MSRP_LOG_MEAN + MSRP_LOG_SD * z);
  if (PREMIUM.includes(brand)) f *= 1.08;
  if (type === "luxury" || type === "electric" || type === "convertible") f *= 1.05;
  f = Math.min(2, Math.max(0.55, f));
  return Math.max(995, Math.round((budget * f) / 1000) * 1000 - 5);
}

/**
 * Draws a persona and the buyer's hidden parameters from `rng` in a fixed order (personality, brand,
 * type, features, budget, background, the MSRP's z, parameters), then applies the `fixed` fields; the
 * MSRP follows the final budget, brand and type unless fixed too.
 */
export function drawPersona(rng: Rng, fixed: CarDealerResetOptions = {}): { persona: BuyerPersona; params: BuyerParams } {
  const personality = rng.choice(PERSONALITIES);
  const brand = rng.choice(BRANDS);
  const type = rng.choice(TYPES);
  const pool: Feature[] = [...FEATURES];
  const k = 1 + rng.int(4);
  const features: Feature[] = [];
  for (let i = 0; i < k; i++) features.push(pool.splice(rng.int(pool.length), 1)[0]);
  const budget = rng.choice(BUDGETS);
  const strategy = rng.choice(BUYER_STRATEGIES);
  const z = rng.normal();
  const b = fixed.brand !== undefined ? (findBrand(fixed.brand) as Brand) : brand;
  const persona: BuyerPersona = {
    strategy: fixed.strategy ?? strategy,
    personality: fixed.personality ?? personality,
    brand: b,
    type: fixed.type ?? type,
    features: fixed.features !== undefined ? [...fixed.features] : features,
    budget: fixed.budget ?? budget,
    msrp: fixed.msrp ?? msrpOf(fixed.budget ?? budget, b, fixed.type ?? type, z),
  };
  return { persona, params: drawBuyerParams(persona, rng) };
}

/** The env's brand for "Honda", "a Honda" or "honda" (undefined when unknown). */
export function findBrand(name: string): Brand | undefined {
  const n = name.trim().toLowerCase();
  return BRANDS.find((b) => b.toLowerCase() === n || brandName(b).toLowerCase() === n);
}

function checkResetOptions(o: Record<string, unknown>): void {
  const fail = (msg: string): never => {
    throw new Error(`${CAR_DEALER_ENV_ID}.reset: ${msg}`);
  };
  for (const k of Object.keys(o)) if (!RESET_KEYS.includes(k)) fail(`unknown option "${k}"; valid options: ${RESET_KEYS.join(", ")}`);
  const oneOf = (k: string, list: readonly string[]) => {
    if (o[k] !== undefined && !list.includes(o[k] as string)) fail(`${k} must be one of ${list.join(", ")}; got ${JSON.stringify(o[k])}`);
  };
  oneOf("strategy", BUYER_STRATEGIES);
  oneOf("personality", PERSONALITIES);
  oneOf("type", TYPES);
  if (o.brand !== undefined && (typeof o.brand !== "string" || !findBrand(o.brand))) fail(`brand must be one of ${BRANDS.map(brandName).join(", ")}; got ${JSON.stringify(o.brand)}`);
  if (o.features !== undefined) {
    const f = o.features;
    if (!Array.isArray(f) || f.length < 1 || f.length > FEATURES.length || new Set(f).size !== f.length || !f.every((x) => (FEATURES as readonly unknown[]).includes(x))) {
      fail(`features must be a non-empty list of distinct features from ${FEATURES.join(", ")}; got ${JSON.stringify(f)}`);
    }
  }
  for (const k of ["budget", "msrp"]) {
    const v = o[k];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 1e9)) fail(`${k} must be an integer from 1 to 1e9 (dollars); got ${JSON.stringify(v)}`);
  }
}

/**
 * Car Dealer as a {@link TextEnv}. `step` reads only the last action (the seller's line) and never throws
 * on any string (README "Invalid seller lines"). Stepping after the deal is over returns
 * "The conversation is over.\n", reward 0, `invalidAction` and `afterEnd`.
 */
export class CarDealerEnv implements TextEnv<CarDealerResetOptions>, PartnerGame {
  readonly id = CAR_DEALER_ENV_ID;
  readonly maxTurns = MAX_SELLER_TURNS;
  readonly rewardMode: RewardMode;
  private rng = new Rng(0);
  private buyer!: Buyer;
  private result: ConversationOutput | null = null;
  /** With a pluggable partner: the conversation so far, the seller turns and whether it is over. */
  private lines: DialogueLine[] = [];
  private partnerTurns = 0;
  private partnerOver = false;

  constructor(config: CarDealerEnvConfig = {}) {
    const mode = config.rewardMode ?? "fancy";
    if (!REWARD_MODES.includes(mode)) throw new Error(`CarDealerEnv: rewardMode must be one of ${REWARD_MODES.join(", ")}; got ${JSON.stringify(mode)}`);
    this.rewardMode = mode;
    this.reset({ seed: 0 });
  }

  /** The hidden buyer of this conversation (oracle policies and tests; never shown to the seller). */
  get persona(): BuyerPersona {
    return this.buyer.persona;
  }

  /** The buyer's hidden parameters. */
  get buyerParams(): BuyerParams {
    return this.buyer.params;
  }

  /** The deal once the buyer has decided, else null. */
  get output(): ConversationOutput | null {
    return this.result;
  }

  /**
   * Starts a conversation with a buyer drawn from `seed` (the env's stream continues when no seed is
   * given); `options` fix persona fields. Returns ["Start\n"]. Throws on unknown or invalid options.
   */
  reset(args: ResetArgs<CarDealerResetOptions> = {}): History {
    const o = (args.options ?? {}) as Record<string, unknown>;
    checkResetOptions(o);
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    const { persona, params } = drawPersona(this.rng, o as CarDealerResetOptions);
    this.buyer = new Buyer(persona, this.rng, params);
    this.result = null;
    this.lines = [];
    this.partnerTurns = 0;
    this.partnerOver = false;
    return [START];
  }

  step(history: History): StepResult {
    const { prefix, raw } = lastTurn(history, this.id);
    if (this.buyer.over) return afterEnd(history);
    const turn = this.buyer.respond(raw);
    prefix.push(obs(turn.text));
    let reward = 0;
    if (turn.output) {
      this.result = turn.output;
      reward = computeReward(this.buyer.persona.budget, turn.output, this.rewardMode);
    }
    return {
      history: prefix,
      reward,
      terminated: turn.output !== null,
      truncated: false,
      info: {
        success: turn.output?.carBought ?? false,
        invalidAction: turn.invalid,
        ...(turn.invalid ? { invalidReason: raw.trim() === "" ? "empty seller line" : "the buyer understood nothing in the seller line" } : {}),
        sellerTurns: this.buyer.turns,
        ...(turn.output ? { output: turn.output, reason: turn.reason, buyerLine: turn.raw } : {}),
      },
    };
  }

  /**
   * The turn with a pluggable partner (src/core/partner.ts) as the buyer: it gets the buyer's own view
   * (the reference's buyer-info line "Personality: ... Budget: $X", its background, the car's MSRP) and
   * the conversation. Its reply is read as the reference reads its buyer model's: the first
   * `Output: Decision=... MSRP=$... [Buy Price=$...]` marker (`extractOutput`) ends the conversation with
   * `computeReward` on this seller line and is cut from the line the seller sees (an empty line shows
   * "..."). At the 25th seller line the request says `mustDecide`; a reply without the marker is asked
   * once more (the reference re-prompts with "Output: Decision="), and a second one ends the conversation
   * with reward 0 and no decision, as the reference. `info.invalidAction` is the rule-based buyer's
   * reading of the seller line (empty or not understood); the partner answers it anyway.
   */
  partnerTurn(history: History): StepResult | PartnerTurn {
    const { prefix, raw } = lastTurn(history, this.id);
    if (this.buyer.over || this.partnerOver) return afterEnd(history);
    const reading = readSellerLine(raw);
    const invalid = reading.empty || reading.gibberish;
    const turn = this.partnerTurns + 1;
    const seller: DialogueLine = { role: "seller", text: raw.replace(/\s+/g, " ").trim() };
    const p = this.buyer.persona;
    const request = {
      row: "car-dealer" as const,
      buyerInfo: buyerInfoText(p).trim(),
      background: BUYER_STRATEGY_TEXT[p.strategy],
      msrp: p.msrp,
      budget: p.budget,
      conversation: [...this.lines, seller],
      mustDecide: turn >= MAX_SELLER_TURNS,
    };
    const finish = (reply: string, retried: boolean): StepResult | PartnerTurn => {
      const { output, rest } = extractOutput(reply);
      if (output === null && request.mustDecide && !retried) return { request: { ...request, reprompt: true }, finish: (again) => finish(again, true) };
      const text = rest.replace(/\s+/g, " ").trim() || "...";
      this.partnerTurns = turn;
      this.lines.push(seller, { role: "buyer", text });
      prefix.push(obs(`${text}\n`));
      const over = output !== null || request.mustDecide;
      this.partnerOver = over;
      if (output !== null) this.result = output;
      return {
        history: prefix,
        reward: output !== null ? computeReward(p.budget, output, this.rewardMode) : 0,
        terminated: over,
        truncated: false,
        info: {
          success: output?.carBought ?? false,
          invalidAction: invalid,
          ...(invalid ? { invalidReason: raw.trim() === "" ? "empty seller line" : "the buyer understood nothing in the seller line" } : {}),
          sellerTurns: turn,
          partner: true,
          ...(output !== null ? { output, reason: "partner", buyerLine: reply } : {}),
          ...(over && output === null ? { reason: "cap: the partner gave no decision" } : {}),
        },
      };
    };
    return { request, finish: (reply) => finish(reply, false) };
  }
}

function afterEnd(history: History): StepResult {
  return {
    history: [...history, obs("The conversation is over.\n")],
    reward: 0,
    terminated: true,
    truncated: false,
    info: { success: false, invalidAction: true, invalidReason: "the conversation is over; call reset()", afterEnd: true },
  };
}
