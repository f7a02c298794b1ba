/**
 * Car Dealer text formats and rewards (LMRL-Gym paper App. C.8; reference
 * `llm_rl_scripts/car_dealer/env/data.py` in github.com/abdulhaim/LMRL-Gym): the "Start\n" first
 * observation, the persona lists of the reference env, the buyer's closing line
 * `Output: Decision=Accept MSRP=$X Buy Price=$Y` / `Output: Decision=Reject MSRP=$X` with the
 * reference's extraction regex, the buyer-info line of the buyer's view (`create_buyer_info_str`) and
 * `compute_reward` in its two modes.
 *
 * @example
 * formatPrice(32500);                                   // "$32,500"
 * formatOutputLine({ carBought: true, msrp: 34995, buyPrice: 32500 });
 * // "Output: Decision=Accept MSRP=$34,995 Buy Price=$32,500"
 * computeReward(30000, { carBought: true, msrp: 34995, buyPrice: 32500 }, "fancy"); // 32500 / 32497.5
 */
import { obs } from "../../core/text";
import type { Text } from "../../core/types";

/** The first observation of every episode (reference `INITIAL_STR` of `env/data.py`). */
export const START_TEXT = "Start\n";
export const START: Text = Object.freeze(obs(START_TEXT));

/** Lines (seller + buyer, "Start" excluded) after which the buyer must decide (reference `max_conversation_length=50`). */
export const MAX_CONVERSATION_LINES = 50;
/** Seller turns implied by the 50-line cap: the buyer's 25th line is the 50th. */
export const MAX_SELLER_TURNS = MAX_CONVERSATION_LINES / 2;

/** The env's personality words (reference `DEFAULT_PERSONALITIES`). */
export const PERSONALITIES = ["abusive", "angry", "insulting", "polite", "respectful", "rude", "sarcastic", "talkative", "toxic", "uncommunicative"] as const;
export type Personality = (typeof PERSONALITIES)[number];

/** Preferred brands with their article, as the reference env stores them (`DEFAULT_BRANDS`). */
export const BRANDS = ["a Volkswagen", "a Lexus", "a Ford", "a Mazda", "a Hyundai", "a Toyota", "a Mercedes-Benz", "a BMW", "an Audi", "a Subaru", "a Honda", "a Porsche", "a Tesla"] as const;
export type Brand = (typeof BRANDS)[number];

/** Body types (reference `DEFAULT_TYPES`). */
export const TYPES = ["luxury", "sedan", "convertible", "truck", "electric", "SUV"] as const;
export type CarType = (typeof TYPES)[number];

/** Features (reference `DEFAULT_FEATURES`); a buyer wants 1–4 of them. */
export const FEATURES = ["backup camera", "navigation system", "heated seats", "leather seats", "third-row seating", "blind spot monitoring", "sunroof", "Apple CarPlay"] as const;
export type Feature = (typeof FEATURES)[number];

/** Budgets in dollars (reference `DEFAULT_BUDGETS`; the data generator's "10k" … "90k"). */
export const BUDGETS = [10000, 30000, 50000, 70000, 90000] as const;

/**
 * The paper's three buyer backgrounds (App. C.8; `background_buyers` in `env/personality_convos.py`):
 * never buys without a discount; buys only if every specification is met; extremely impatient and
 * dislikes talk about discounts and features.
 */
export const BUYER_STRATEGIES = ["discount", "specs", "impatient"] as const;
export type BuyerStrategy = (typeof BUYER_STRATEGIES)[number];

/** The reference's wording of each buyer background (data-generation prompt). */
export const BUYER_STRATEGY_TEXT: Readonly<Record<BuyerStrategy, string>> = {
  discount: "The buyer will never buy from the seller unless given a discount.",
  specs: "The buyer will only buy the car if it meets all of their specifications.",
  impatient: "The buyer is extremely impatient and strongly dislikes unnecessary information about discounts and features.",
};

/**
 * The paper's three seller backgrounds (App. C.8; `background_sellers`): loves discounts and never
 * talks features; never discounts and talks features a lot; never discounts, no features, very concise.
 */
export const SELLER_STRATEGIES = ["discounter", "features", "concise"] as const;
export type SellerStrategy = (typeof SELLER_STRATEGIES)[number];

export const SELLER_STRATEGY_TEXT: Readonly<Record<SellerStrategy, string>> = {
  discounter: "The agent never talks about the features of the car and loves to give discounts.",
  features: "The agent never gives discounts and loves to talk a lot about features of the car.",
  concise: "The agent never gives discounts, never talks about the features of the car, and is very concise.",
};

/**
 * The hidden buyer: the reference env's persona fields (personality, brand, type, features, budget)
 * plus the data generator's buyer background (`strategy`) and the MSRP of the car under discussion
 * (the reference buyer model states it only in its Output line).
 */
export interface BuyerPersona {
  readonly strategy: BuyerStrategy;
  readonly personality: Personality;
  readonly brand: Brand;
  readonly type: CarType;
  readonly features: readonly Feature[];
  readonly budget: number;
  readonly msrp: number;
}

/** The end of a conversation (reference `ConversationOutput`). */
export interface ConversationOutput {
  readonly carBought: boolean;
  readonly msrp: number;
  /** The price paid; null when rejected (or an Accept line without a price). */
  readonly buyPrice: number | null;
}

export type RewardMode = "fancy" | "revenue";
export const REWARD_MODES: readonly RewardMode[] = ["fancy", "revenue"];

/** The brand without its article ("a BMW" → "BMW", "an Audi" → "Audi"). */
export function brandName(brand: string): string {
  return brand.replace(/^an? /, "");
}

/**
 * Dollars with thousands separators, as the reference prints them (`f"${x:,}"`).
 *
 * @example
 * formatPrice(1234567); // "$1,234,567"
 */
export function formatPrice(dollars: number): string {
  const n = Math.round(dollars);
  return `${n < 0 ? "-" : ""}$${String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
}

/** `a, b and c` (English list). */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The buyer's view's persona line (reference `create_buyer_info_str`).
 *
 * @example
 * buyerInfoText({ personality: "polite", brand: "a Honda", type: "SUV", features: ["backup camera", "heated seats"], budget: 30000 });
 * // "Personality: polite. Prefers a Honda SUV with backup camera, heated seats. Budget: $30,000\n"
 */
export function buyerInfoText(p: Pick<BuyerPersona, "personality" | "brand" | "type" | "features" | "budget">): string {
  return `Personality: ${p.personality}. Prefers ${p.brand} ${p.type} with ${p.features.join(", ")}. Budget: ${formatPrice(p.budget)}\n`;
}

/**
 * The reference's extraction regex (`OUTPUT_EXTRACTION_PATTERN`): MSRP must start with 1–9 (never 0),
 * the buy price is optional.
 */
export const OUTPUT_PATTERN = /Output: Decision=(Accept|Reject) MSRP=\$([1-9][0-9,]*)( Buy Price=\$([0-9][0-9,]*))?/;

/**
 * The buyer's closing marker.
 *
 * @example
 * formatOutputLine({ carBought: false, msrp: 34995, buyPrice: null }); // "Output: Decision=Reject MSRP=$34,995"
 */
export function formatOutputLine(o: ConversationOutput): string {
  if (o.carBought) return `Output: Decision=Accept MSRP=${formatPrice(o.msrp)} Buy Price=${formatPrice(o.buyPrice ?? 0)}`;
  return `Output: Decision=Reject MSRP=${formatPrice(o.msrp)}`;
}

/**
 * The reference's `extract_output_from_str`: the first Output marker in `line` and the line with that
 * marker cut out (null and the line unchanged when there is none). Commas inside numbers are dropped;
 * a Reject line never has a buy price, an Accept line without one has `buyPrice: null`.
 *
 * @example
 * extractOutput("Deal. Output: Decision=Accept MSRP=$20,000 Buy Price=$19,000\n");
 * // { output: { carBought: true, msrp: 20000, buyPrice: 19000 }, rest: "Deal. \n" }
 */
export function extractOutput(line: string): { output: ConversationOutput | null; rest: string } {
  const m = OUTPUT_PATTERN.exec(line);
  if (!m) return { output: null, rest: line };
  const carBought = m[1] === "Accept";
  const msrp = Number(m[2].replace(/,/g, ""));
  const buyPrice = carBought && m[4] !== undefined ? Number(m[4].replace(/,/g, "")) : null;
  return { output: { carBought, msrp, buyPrice }, rest: line.slice(0, m.index) + line.slice(m.index + m[0].length) };
}

/**
 * The reference's `compute_reward` (`env/data.py`). "fancy" (the env default): a sale earns
 * buy_price / ((budget + MSRP) / 2); a rejection earns −(budget − MSRP) / MSRP (positive when the car
 * cost more than the buyer's budget, negative when the buyer could have afforded it); 0 when the MSRP
 * is 0 or an Accept has no price. "revenue" (the reference PPO script): buy_price / 1000 on a sale, else 0.
 *
 * @example
 * computeReward(30000, { carBought: false, msrp: 40000, buyPrice: null }, "fancy"); // 0.25
 * computeReward(30000, { carBought: true, msrp: 40000, buyPrice: 31500 }, "revenue"); // 31.5
 */
export function computeReward(budget: number, o: ConversationOutput, mode: RewardMode = "fancy"): number {
  const buyPrice = o.carBought ? o.buyPrice : null;
  if (mode === "revenue") return o.carBought && buyPrice !== null ? buyPrice / 1000 : 0;
  if (o.msrp === 0) return 0;
  if (o.carBought) return buyPrice === null ? 0 : buyPrice / ((budget + o.msrp) * 0.5);
  return -(budget - o.msrp) / o.msrp;
}
