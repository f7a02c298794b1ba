/**
 * Scripted Car Dealer sellers (LMRL-Gym paper App. C.8; the seller backgrounds of the reference's
 * `llm_rl_scripts/car_dealer/env/personality_convos.py`). Every policy reads the conversation text and
 * answers with natural-language templates:
 *
 * - `discounter`: never talks about features, loves to give discounts (opens at or above the sticker
 *   price, concedes in steps down to 85% of its first price, takes a counter-offer above that);
 * - `features`: never gives discounts, talks a lot about features (the buyer's wanted ones first);
 * - `concise`: never gives discounts, no features, very short lines;
 * - `behaviour`: the dataset's seller: one of the three per conversation (uniform), each later line
 *   replaced with probability 0.06 by a generic filler and 0.07 by a line of another background;
 * - `optimal`: a strong seller: asks what the buyer wants and its budget, confirms the wanted features
 *   (not to an impatient buyer), answers the buyer's questions, opens at 1.2 × the budget, then reads the
 *   buyer's limit off its first two counter-offers and names a final price within $1,000 below it,
 *   framed as a discount for a buyer who asked for one;
 * - `random`: a uniformly random line from a bank of seller lines with random prices, brands and features.
 *
 * The three backgrounds (and so the behaviour seller) also know the car's list price, its MSRP — a
 * dealer knows its sticker, as the GPT-3.5 seller of the data generator knew the price it made up —
 * through a `ListPrice` callback (index.ts reads it from the env); it never appears in the text the
 * seller sees. The optimal and random sellers read only the text.
 *
 * A conversation's background is drawn at the seller's first line and recognised afterwards from that
 * line (each background has its own openings), so the policies keep no state between calls.
 *
 * @example
 * const p = behaviourSeller();
 * p.act([START], new Rng(3)); // e.g. "Hi. What car?\n"
 */
import type { Rng } from "../../core/rng";
import type { History, Policy, Text } from "../../core/types";
import { BRANDS, brandName, FEATURES, formatPrice, joinList, SELLER_STRATEGIES, TYPES, type Brand, type CarType, type Feature, type SellerStrategy } from "./formats";
import { findBrands, findFeatures, findMoney, findTypes, readSellerLine } from "./parse";

/** Per-line probability of a generic filler line in the behaviour seller. */
export const BEHAVIOUR_GENERIC_NOISE = 0.06;
/** Per-line probability of a line of another background in the behaviour seller. */
export const BEHAVIOUR_CROSS_NOISE = 0.07;

/** What a seller knows from the conversation so far. */
export interface SellerView {
  /** Seller lines so far (this call writes line `turn + 1`). */
  readonly turn: number;
  readonly firstLine: string | null;
  /** The seller's own lines so far, trimmed. */
  readonly sellerLines: readonly string[];
  readonly lastBuyer: string;
  readonly lastBuyerLower: string;
  readonly brand: Brand | null;
  readonly type: CarType | null;
  /** Features the buyer named. */
  readonly wanted: readonly Feature[];
  /** Features the seller has already said the car has. */
  readonly pitched: readonly Feature[];
  readonly budget: number | null;
  /** The buyer's last counter-offer. */
  readonly counter: number | null;
  /** Every counter-offer so far, oldest first. */
  readonly counters: readonly number[];
  /** Prices the seller has offered, oldest first. */
  readonly offers: readonly number[];
  readonly lastOffer: number | null;
  /** The seller asked for the budget. */
  readonly askedBudget: number;
  readonly askedFeatures: boolean;
  /** Cues of the buyer's background seen so far. */
  readonly cueDiscount: boolean;
  readonly cueSpecs: boolean;
  readonly cueImpatient: boolean;
  /** The last buyer line asks for a discount / about a named feature / a question / for the price. */
  readonly buyerAsksDiscount: boolean;
  readonly buyerAsksFeature: Feature | null;
  readonly buyerQuestion: boolean;
  readonly buyerAsksPrice: boolean;
  /** The last buyer line is (or holds) a counter-offer. */
  readonly buyerCountered: boolean;
  /** The last buyer line says the price is too high. */
  readonly buyerTooHigh: boolean;
  /** The last buyer line only says it did not understand. */
  readonly buyerConfused: boolean;
}

const BUYER_BUDGET_RE = /\b(?:budget|stay under|spend up to|can spend)\b|(?:^|[.!?]\s+)(?:about|around) (?:\$|\d)/;
const TOO_HIGH_RE = /\b(?:too (?:much|high|expensive)|more than i|beyond|out of my range|way more|outrageous|rip-off|joke|ridiculous|bargain\. not|throw in my house|scam|too far apart)\b/;
const ASKS_DISCOUNT_RE = /\b(?:discount|better deal|good deal)\b[^.!]*\?|won't buy without a discount/;
const ASKS_PRICE_RE = /\b(?:what's the price|how much|what would it cost|the price\?|told me the price)\b/;
const CONFUSED_RE = /\b(?:didn't (?:quite )?(?:understand|catch|get) that|say (?:that )?again|not following|what are you even saying|makes no sense|made no sense|gibberish|speak clearly|learn to talk|no idea what that means|still there|say something|lost you|rephrase|not sure what you mean|huh\?|what\?)/;
const CUE_DISCOUNT_RE = /\b(?:good deal|discount|price is right|better deal)\b/;
const CUE_SPECS_RE = /\b(?:has to have|needs? .* no compromises|i have a list|deal-breaker|does it have|what about (?:the )?(?:backup|navigation|heated|leather|third|blind|sunroof|apple))/;
const CUE_IMPATIENT_RE = /\b(?:make it quick|don't have all day|make this fast|in a hurry|sales pitch|spare me|skip the speech|don't care about all that|talk too much|move on)\b/;

/** What one buyer line says, for sellers (cached per Text object). */
interface BuyerFacts {
  readonly lower: string;
  readonly brand: Brand | null;
  readonly type: CarType | null;
  readonly features: readonly Feature[];
  /** The last amount of money in the line (≥ $500). */
  readonly money: number | null;
  readonly budgetWords: boolean;
}

const buyerFacts = new WeakMap<Text, BuyerFacts>();

function factsOf(t: Text): BuyerFacts {
  let f = buyerFacts.get(t);
  if (f === undefined) {
    const money = findMoney(t.text).filter((m) => m.unit === "money" && m.value >= 500);
    const lower = t.text.toLowerCase();
    f = {
      lower,
      brand: findBrands(t.text)[0] ?? null,
      type: findTypes(t.text)[0] ?? null,
      features: findFeatures(t.text).present,
      money: money.length > 0 ? money[money.length - 1].value : null,
      budgetWords: BUYER_BUDGET_RE.test(lower),
    };
    buyerFacts.set(t, f);
  }
  return f;
}

/**
 * Reads the conversation from the seller's side.
 *
 * @example
 * sellerView([START, act("Hi!\n"), obs("I'm looking for a Honda SUV. My budget is $30,000.\n")]).budget; // 30000
 */
export function sellerView(history: History): SellerView {
  let turn = 0;
  let firstLine: string | null = null;
  let lastBuyer = "";
  let lastBuyerLower = "";
  let brand: Brand | null = null;
  let type: CarType | null = null;
  const wanted: Feature[] = [];
  const pitched: Feature[] = [];
  const sellerLines: string[] = [];
  let budget: number | null = null;
  const counters: number[] = [];
  const offers: number[] = [];
  let askedBudget = 0;
  let askedFeatures = false;
  let prevSellerAskedBudget = false;
  let cueDiscount = false;
  let cueSpecs = false;
  let cueImpatient = false;
  let lastCountered = false;
  for (let i = 1; i < history.length; i++) {
    const t = history[i];
    if (t.isAction) {
      turn++;
      if (firstLine === null) firstLine = t.text;
      sellerLines.push(t.text.trim());
      const r = readSellerLine(t.text);
      if (r.offer !== null) offers.push(r.offer);
      for (const f of r.featuresPresent) if (!pitched.includes(f)) pitched.push(f);
      prevSellerAskedBudget = r.asksBudget;
      if (r.asksBudget) askedBudget++;
      if (r.asksFeatures) askedFeatures = true;
    } else {
      const f = factsOf(t);
      lastBuyer = t.text;
      lastBuyerLower = f.lower;
      if (brand === null) brand = f.brand;
      if (type === null) type = f.type;
      for (const x of f.features) if (!wanted.includes(x)) wanted.push(x);
      lastCountered = false;
      if (f.money !== null) {
        if (f.budgetWords || prevSellerAskedBudget) budget = f.money;
        else {
          counters.push(f.money);
          lastCountered = true;
        }
      }
      if (CUE_DISCOUNT_RE.test(f.lower)) cueDiscount = true;
      if (CUE_SPECS_RE.test(f.lower)) cueSpecs = true;
      if (CUE_IMPATIENT_RE.test(f.lower)) cueImpatient = true;
      prevSellerAskedBudget = false;
    }
  }
  const askFeat = /\b(?:does it have|what about|i need)\b/.test(lastBuyerLower) && lastBuyerLower.includes("?") ? (findFeatures(lastBuyer).present[0] ?? null) : null;
  return {
    turn,
    firstLine,
    sellerLines,
    lastBuyer,
    lastBuyerLower,
    brand,
    type,
    wanted,
    pitched,
    budget,
    counter: counters.length > 0 ? counters[counters.length - 1] : null,
    counters,
    offers,
    lastOffer: offers.length > 0 ? offers[offers.length - 1] : null,
    askedBudget,
    askedFeatures,
    cueDiscount,
    cueSpecs,
    cueImpatient,
    buyerAsksDiscount: ASKS_DISCOUNT_RE.test(lastBuyerLower),
    buyerAsksFeature: askFeat,
    buyerQuestion: lastBuyer.includes("?") && !lastCountered,
    buyerCountered: lastCountered,
    buyerAsksPrice: ASKS_PRICE_RE.test(lastBuyerLower),
    buyerTooHigh: TOO_HIGH_RE.test(lastBuyerLower),
    buyerConfused: CONFUSED_RE.test(lastBuyerLower),
  };
}

/** "the Honda SUV", "the car" when unknown. */
function carName(v: SellerView): string {
  if (v.brand === null && v.type === null) return "this car";
  if (v.brand === null) return `this ${v.type}`;
  const b = brandName(v.brand);
  if (v.type === null) return `this ${b}`;
  if (v.type === "luxury") return `this luxury ${b}`;
  if (v.type === "electric") return `this electric ${b}`;
  return `this ${b} ${v.type}`;
}

/** Price rounded to $500 (seller quotes) or $100 (concessions). */
function round(x: number, step: number): number {
  return Math.max(step, Math.round(x / step) * step);
}

const PRICEY: readonly Brand[] = ["a Lexus", "a Mercedes-Benz", "a BMW", "an Audi", "a Tesla"];

/** A seller's guess of the price range when the budget is unknown (brand and body only). */
function guessPrice(v: SellerView, rng: Rng): number {
  let base = 35000;
  if (v.brand !== null && PRICEY.includes(v.brand)) base = 55000;
  if (v.brand === "a Porsche") base = 80000;
  if (v.type === "luxury" || v.type === "electric") base *= 1.15;
  return round(base * (0.7 + 0.6 * rng.next()), 500);
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** Fills {car} and {price} and upper-cases the first letter. */
function fill(template: string, v: SellerView, price?: number, extra: Record<string, string> = {}): string {
  let s = template.replace(/\{car\}/g, carName(v)).replace(/\{price\}/g, price === undefined ? "" : formatPrice(price));
  for (const [k, x] of Object.entries(extra)) s = s.split(`{${k}}`).join(x);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Features a seller can talk about that are not among the eight of the env. */
const OTHER_FEATURES = ["adaptive cruise control", "a premium sound system", "lane keeping assist", "wireless charging", "remote start", "Bluetooth", "LED headlights", "a power liftgate", "dual-zone climate control", "keyless entry"];

// ---------------------------------------------------------------------------------------------------
// The three backgrounds.

const OPENINGS: Readonly<Record<SellerStrategy, readonly string[]>> = {
  discounter: [
    "Welcome! We've got some great deals going on today. What are you looking for?",
    "Hi there! Everything on the lot is on sale this week. What can I help you find?",
    "Hello! You came on the right day, we have big discounts running. What kind of car do you need?",
    "Good to see you! Our prices have never been lower. What are you shopping for?",
  ],
  features: [
    "Hello! Our new models are packed with amazing features. What are you looking for?",
    "Hi! Let me tell you, the cars on our lot this year have incredible technology. What brings you in?",
    "Welcome! If you love a well-equipped car, you're in the right place. What kind of car are you after?",
    "Good afternoon! We have models with every feature you can imagine. How can I help you?",
  ],
  concise: ["Hi. What car?", "Hello. What do you need?", "Hi. Looking for something?", "Hey. What are you after?"],
};

const OPENING_OWNER = new Map<string, SellerStrategy>();
for (const s of SELLER_STRATEGIES) for (const line of OPENINGS[s]) OPENING_OWNER.set(`${line}\n`, s);

/** The background of a conversation from its first seller line (djb2 hash of the line for unknown openings). */
export function strategyOfOpening(firstLine: string): SellerStrategy {
  const known = OPENING_OWNER.get(firstLine.endsWith("\n") ? firstLine : `${firstLine}\n`);
  if (known) return known;
  let h = 5381;
  for (let i = 0; i < firstLine.length; i++) h = (Math.imul(h, 33) + firstLine.charCodeAt(i)) >>> 0;
  return SELLER_STRATEGIES[h % 3];
}

const GENERIC = [
  "Let me check on that for you.",
  "Sure thing.",
  "This is one of our most popular models.",
  "Take your time, no rush.",
  "I think you'll really like it.",
  "We've had a lot of interest in this one.",
  "Good question.",
];

/** Answers to the buyer's own questions (warranty, test drive, ...), neutral wording. */
function answerConcern(v: SellerView, rng: Rng, terse: boolean): string {
  const q = v.lastBuyerLower;
  if (terse) {
    if (/warranty/.test(q)) return pick(rng, ["Standard warranty.", "Three years."]);
    if (/test drive/.test(q)) return pick(rng, ["Sure.", "Yes. Keys are here."]);
    if (/financ/.test(q)) return pick(rng, ["We do.", "Yes."]);
    if (/miles/.test(q)) return pick(rng, ["It's new.", "Zero."]);
    if (/new or used/.test(q)) return "New.";
    if (/built/.test(q)) return "Overseas.";
    if (/on the lot/.test(q)) return "A week.";
    if (/trunk/.test(q)) return "Big enough.";
    if (/snow/.test(q)) return "Yes.";
    return pick(rng, ["Yes.", "Sure.", "No problem.", "Fine."]);
  }
  if (/warranty/.test(q)) return pick(rng, ["It comes with a three-year bumper-to-bumper warranty.", "You get the full manufacturer warranty."]);
  if (/test drive/.test(q)) return pick(rng, ["Of course, you can take it for a spin right now.", "Absolutely, I'll grab the keys."]);
  if (/financ/.test(q)) return pick(rng, ["Yes, we have financing options for every situation.", "We do, and our rates are very competitive."]);
  if (/miles/.test(q)) return pick(rng, ["It's brand new, just a few miles from delivery.", "Only delivery miles on it."]);
  if (/colou?rs/.test(q)) return pick(rng, ["It comes in black, white, silver and a deep blue.", "We have it in several colors on the lot."]);
  if (/new or used/.test(q)) return "It's brand new.";
  if (/drive it home|how soon/.test(q)) return pick(rng, ["You could drive it home today.", "It's ready to go today."]);
  if (/trade-in/.test(q)) return pick(rng, ["Sure, we'll take a look at your trade-in.", "Yes, we accept trade-ins."]);
  if (/maintenance/.test(q)) return pick(rng, ["Yes, the first year of maintenance is included.", "Scheduled maintenance is covered for a year."]);
  if (/accident/.test(q)) return pick(rng, ["No, it has a clean history.", "Never, it's brand new."]);
  if (/insurance/.test(q)) return pick(rng, ["Insurance on this model is quite reasonable.", "It's rated very safe, so insurance is usually affordable."]);
  if (/fuel/.test(q)) return pick(rng, ["The fuel economy is excellent for its class.", "It's very efficient, you'll save a lot at the pump."]);
  if (/built/.test(q)) return pick(rng, ["It was built in one of the brand's best plants.", "It was assembled here in North America."]);
  if (/on the lot/.test(q)) return pick(rng, ["It just arrived last week.", "Only a few days, it won't last long."]);
  if (/spare tire/.test(q)) return pick(rng, ["Yes, there's a spare under the floor of the trunk.", "It comes with a repair kit and a compact spare."]);
  if (/trunk/.test(q)) return pick(rng, ["The trunk is roomy, plenty for groceries and luggage.", "There's lots of cargo room back there."]);
  if (/roadside/.test(q)) return pick(rng, ["Yes, roadside assistance is included for three years.", "Roadside assistance comes with the warranty."]);
  if (/servic/.test(q)) return pick(rng, ["About once a year, or every ten thousand miles.", "Once a year is usually enough."]);
  if (/return/.test(q)) return pick(rng, ["We have a seven-day return policy.", "You can bring it back within a week."]);
  if (/snow/.test(q)) return pick(rng, ["It handles well in the snow, especially with good tires.", "Yes, it's very stable in winter."]);
  return pick(rng, ["Sure, we can take care of that.", "Absolutely.", "Of course."]);
}

/** Neutral questions of the getting-to-know-you phase (no feature or discount words). */
const RAPPORT = [
  "What will you mostly use the car for?",
  "Are you trading in your current car?",
  "Is this for you or for the family?",
  "Would you like to take it for a test drive?",
  "How soon are you looking to buy?",
  "What are you driving right now?",
  "Have you driven one before?",
];

/** A rapport question not asked yet (null when all were). */
function rapport(v: SellerView, rng: Rng): string | null {
  const left = RAPPORT.filter((q) => !v.sellerLines.includes(q));
  return left.length === 0 ? null : pick(rng, left);
}

/** The discount-loving seller (never talks features). */
function discounterLine(v: SellerView, rng: Rng, list: number | null): string {
  if (v.turn === 0) return pick(rng, OPENINGS.discounter);
  const last = v.lastOffer;
  // Below this the discounter will not go: a floor set by its first quote.
  const first = v.offers.length > 0 ? v.offers[0] : null;
  const floor = first !== null ? round(first * 0.85, 500) : 0;
  if (v.buyerConfused) return pick(rng, ["Sorry, let me say that again: I can get you a great price.", "What I mean is, I have a great deal for you."]);
  if (v.buyerQuestion && !v.buyerAsksDiscount && !v.buyerAsksPrice && v.buyerAsksFeature === null && rng.next() < 0.8) {
    return `${answerConcern(v, rng, false)} ${pick(rng, ["And the price is great.", "And I can still do something on the price.", "", ""])}`.trim();
  }
  if (v.buyerAsksFeature !== null) {
    return pick(rng, ["Don't worry about that, what matters is the price, and I can make it a great one.", "I'll tell you what, forget the details, I'll give you an extra discount.", "It's a great car, trust me. And the price is even better."]);
  }
  if (last === null) {
    if (v.budget === null && v.askedBudget === 0 && rng.next() < 0.5) {
      return pick(rng, ["What's your budget? I'm sure I can find you a deal.", "How much are you looking to spend?", "What price range are you thinking?"]);
    }
    const quote = v.buyerAsksPrice || v.buyerAsksDiscount || v.turn >= 8 || (v.turn >= 3 && rng.next() < 0.2);
    if (!quote) {
      const q = rapport(v, rng);
      if (q !== null && rng.next() < 0.6) return q;
      return pick(rng, ["Great choice! We have a few of those on sale right now.", "Perfect, and I have a special promotion on those this month.", "You're in luck, those are part of our clearance event.", "We have some of the best deals in town on those."]);
    }
    const q = list !== null && rng.next() < 0.5 ? round(list * (1.03 + 0.09 * rng.next()), 500) : quotePrice(v, rng, list, 1.1, 0.2);
    return fill(pick(rng, ["I've got {car} right here for {price}, and I can work on that price.", "{car} is listed at {price}, but I'm sure we can do better for you.", "{car} goes for {price}, but don't worry, I love giving discounts."]), v, q);
  }
  if (v.counter !== null && v.counter >= floor && (v.buyerTooHigh || v.counters.length >= 3 || rng.next() < 0.25)) {
    return fill(pick(rng, ["Deal! {price} it is.", "You've got a deal at {price}.", "Alright, {price}, I can do that for you."]), v, v.counter);
  }
  // Concede: a discount off the last offer, now and then a pause.
  if (rng.next() < 0.2) {
    const q = rapport(v, rng);
    if (q !== null) return q;
  }
  const target = v.counter !== null ? Math.max(v.counter, floor) : floor;
  if (last > target + 400) {
    const step = Math.max(500, round((last - target) * (0.15 + 0.25 * rng.next()), 500));
    const next = Math.max(target, last - step);
    const pct = Math.round(((last - next) / last) * 100);
    return fill(
      pick(rng, [
        "Tell you what, I'll take {off} off. That brings it to {price}.",
        "I can give you a {pct}% discount, so {price}.",
        "For you, {price}. That's a special discount.",
        "We have a rebate this month, so I can do {price}.",
        "Okay, I'll knock it down to {price}. What do you say?",
      ]),
      v,
      next,
      { off: formatPrice(last - next), pct: String(Math.max(1, pct)) },
    );
  }
  return fill(pick(rng, ["{price} is a great deal, do we have a deal?", "So, {price} and it's yours. What do you say?", "I've already given you my best discount: {price}. Ready to buy?"]), v, last);
}

/** Features the features-seller talks about next: the buyer's wanted ones first, then others. */
function featurePitch(v: SellerView, rng: Rng, count: number): string[] {
  const out: string[] = [];
  for (const f of v.wanted) if (!v.pitched.includes(f) && out.length < count) out.push(f);
  const rest: string[] = [...FEATURES.filter((f) => !v.pitched.includes(f) && !out.includes(f)), ...OTHER_FEATURES];
  while (out.length < count && rest.length > 0) out.push(rest.splice(rng.int(rest.length), 1)[0]);
  return out;
}

/** The feature-loving seller (never discounts). */
function featuresLine(v: SellerView, rng: Rng, list: number | null): string {
  if (v.turn === 0) return pick(rng, OPENINGS.features);
  const last = v.lastOffer;
  if (v.buyerConfused) return pick(rng, ["Sorry! What I meant is, this car has everything you could want.", "Let me put it simply: it's loaded with features."]);
  if (v.buyerAsksFeature !== null) {
    const f = v.buyerAsksFeature;
    return pick(rng, [`Yes, it has ${f}, and it works beautifully.`, `Absolutely, ${f} comes standard on this model.`, `It does have ${f}. You're going to love it.`]);
  }
  if (v.buyerAsksDiscount) return pick(rng, ["I don't do discounts, but think about everything you get with this car.", "The price is firm, but the features more than make up for it.", "No discounts, I'm afraid, but this car is worth every dollar."]);
  if (v.buyerQuestion && !v.buyerAsksPrice && rng.next() < 0.8) {
    const fs = featurePitch(v, rng, 1);
    return `${answerConcern(v, rng, false)} ${fs.length > 0 && rng.next() < 0.6 ? `It also has ${fs[0]}.` : ""}`.trim();
  }
  if (!v.askedFeatures && v.turn <= 3 && rng.next() < 0.6) return pick(rng, ["What features are most important to you?", "Tell me, what features are you looking for in a car?", "Any must-have features?"]);
  if (last === null) {
    if (v.budget === null && v.askedBudget === 0 && v.turn >= 2 && rng.next() < 0.4) return pick(rng, ["And what's your budget?", "What price range are you thinking about?"]);
    if (v.buyerAsksPrice || v.turn >= 9 || (v.turn >= 4 && rng.next() < 0.2)) {
      const q = quotePrice(v, rng, list, 0.92, 0.16);
      const fs = featurePitch(v, rng, 1);
      return fill(pick(rng, ["{car} is priced at {price}, and that includes {f}.", "It's {price}, and worth every penny with {f}.", "For all these features, {price} is a great price."]), v, q, { f: fs[0] ?? "everything" });
    }
    if (rng.next() < 0.25) {
      const q = rapport(v, rng);
      if (q !== null) return q;
    }
  } else {
    if ((v.counter !== null || v.buyerTooHigh) && rng.next() < 0.6) {
      const fs = featurePitch(v, rng, 1);
      return fill(pick(rng, ["The price is firm at {price}, but remember it has {f}.", "I can't go lower than {price}, but you're getting {f}.", "{price} is the price. With {f}, it's a steal."]), v, last, { f: fs[0] ?? "all these features" });
    }
    if (v.turn >= 8 && rng.next() < 0.35) return fill(pick(rng, ["So, shall we get the paperwork started at {price}?", "Are you ready to drive it home for {price}?"]), v, last);
  }
  const fs = featurePitch(v, rng, 1 + rng.int(3));
  if (fs.length === 0) return fill("{car} is simply loaded with features.", v);
  return fill(pick(rng, ["{car} comes with {fs}.", "Let me tell you about the features: {fs}.", "You'll love that it has {fs}.", "And on top of that, it has {fs}."]), v, undefined, { fs: joinList(fs) });
}

/** The concise seller (never discounts, never talks features). */
function conciseLine(v: SellerView, rng: Rng, list: number | null): string {
  if (v.turn === 0) return pick(rng, OPENINGS.concise);
  const last = v.lastOffer;
  if (v.buyerConfused) return pick(rng, ["I said: what car?", "Simple: want it or not?"]);
  if (v.buyerAsksFeature !== null) return pick(rng, ["Yes.", "It does.", "Yes, it has that.", "Not sure."]);
  if (v.buyerQuestion && !v.buyerAsksPrice && !v.buyerAsksDiscount && rng.next() < 0.8) return answerConcern(v, rng, true);
  if (v.buyerAsksDiscount) return pick(rng, ["No discounts.", "Price is firm.", "No."]);
  if (last === null) {
    if (v.budget === null && v.askedBudget < 2 && rng.next() < 0.5) return pick(rng, ["Budget?", "What's your budget?", "How much can you spend?"]);
    if (v.buyerAsksPrice || v.turn >= 7 || (v.turn >= 2 && rng.next() < 0.2)) {
      const q = quotePrice(v, rng, list, 0.9, 0.15);
      return fill(pick(rng, ["{price}.", "It's {price}.", "I have one. {price}.", "{car}: {price}."]), v, q);
    }
    return pick(rng, ["Use?", "Trade-in?", "When do you need it?", "New or used?", "Okay.", "Got it."]);
  }
  if (v.counter !== null || v.buyerTooHigh) return fill(pick(rng, ["Price is firm. {price}.", "{price}. Final.", "That's the price.", "No. {price}."]), v, last);
  return fill(pick(rng, ["Deal?", "Want it?", "{price}. Yes or no?", "Ready?", "Okay.", "Anything else?"]), v, last);
}

/**
 * A background seller's first price. With the car's list price (the MSRP: a dealer knows its sticker):
 * the budget times 1–1.08 when the buyer told a budget more than 8% below the sticker, else the sticker
 * itself (85%) or the sticker plus 2–8% ("with dealer fees"). Without it: the budget times
 * `lo + spread·u` when the buyer told it, else a guess from the brand and body.
 */
function quotePrice(v: SellerView, rng: Rng, list: number | null, lo: number, spread: number): number {
  if (list !== null) {
    // A sticker well above a budget the buyer told: the seller offers the car at a price near the budget.
    if (v.budget !== null && list > v.budget * 1.08) return round(v.budget * (1 + 0.08 * rng.next()), 500);
    return rng.next() < LIST_PRICE_AS_IS ? list : round(list * (1.02 + 0.06 * rng.next()), 500);
  }
  return round(v.budget !== null ? v.budget * (lo + spread * rng.next()) : guessPrice(v, rng), 500);
}

/** Share of list-price quotes that are the sticker price itself. */
const LIST_PRICE_AS_IS = 0.85;

const LINE_OF: Readonly<Record<SellerStrategy, (v: SellerView, rng: Rng, list: number | null) => string>> = {
  discounter: discounterLine,
  features: featuresLine,
  concise: conciseLine,
};

/** One line of a background's seller for a view (without noise). */
export function strategyLine(strategy: SellerStrategy, v: SellerView, rng: Rng, listPrice: number | null = null): string {
  return LINE_OF[strategy](v, rng, listPrice);
}

/**
 * The list price (MSRP) of the car on the lot for the current conversation, or null when unknown. The
 * dealer knows its sticker price; the seller's text view never shows it (index.ts reads it from the env).
 */
export type ListPrice = () => number | null;

/**
 * A seller of one background, without noise.
 *
 * @example
 * strategySeller("concise").act([START], new Rng(0)); // e.g. "Hi. What car?\n"
 */
export function strategySeller(strategy: SellerStrategy, listPrice?: ListPrice): Policy {
  return {
    name: strategy,
    act(history, rng) {
      const v = sellerView(history);
      if (v.turn === 0) return `${pick(rng, OPENINGS[strategy])}\n`;
      return `${strategyLine(strategy, v, rng, listPrice?.() ?? null)}\n`;
    },
  };
}

/** A line of another background, in its least characteristic form (the behaviour seller's cross noise). */
function crossLine(own: SellerStrategy, v: SellerView, rng: Rng): string {
  if (own === "discounter") {
    const fs = featurePitch(v, rng, 1);
    return fill("By the way, {car} has {f}.", v, undefined, { f: fs[0] ?? "a lot to offer" });
  }
  if (v.lastOffer !== null && rng.next() < 0.5) {
    const next = round(v.lastOffer * 0.97, 100);
    return fill("Alright, I'll make a small exception: {price}.", v, next);
  }
  return own === "concise" ? "It has everything you need." : pick(rng, ["Let me see if there's any promotion on it.", "Let me check with my manager."]);
}

/**
 * The dataset's behaviour seller: per conversation one of the paper's three backgrounds (uniform, drawn
 * at the first line); each later line is, with probability `generic`, a generic filler, with probability
 * `cross` a line of another background, otherwise the background's own line.
 */
export function behaviourSeller(listPrice?: ListPrice, noise: { generic?: number; cross?: number } = {}): Policy {
  const generic = noise.generic ?? BEHAVIOUR_GENERIC_NOISE;
  const cross = noise.cross ?? BEHAVIOUR_CROSS_NOISE;
  return {
    name: "behaviour",
    act(history, rng) {
      const v = sellerView(history);
      if (v.turn === 0) return `${pick(rng, OPENINGS[pick(rng, SELLER_STRATEGIES)])}\n`;
      const strategy = strategyOfOpening(v.firstLine as string);
      const u = rng.next();
      if (u < generic) return `${pick(rng, GENERIC)}\n`;
      if (u < generic + cross) return `${crossLine(strategy, v, rng)}\n`;
      return `${strategyLine(strategy, v, rng, listPrice?.() ?? null)}\n`;
    },
  };
}

/** The strong seller (see the module comment). */
export function optimalSeller(): Policy {
  return {
    name: "optimal",
    act(history, rng) {
      return `${optimalLine(sellerView(history), rng)}\n`;
    },
  };
}

function optimalLine(v: SellerView, rng: Rng): string {
  if (v.turn === 0) return "Hello! What kind of car are you looking for, and which features matter most to you?";
  const impatient = v.cueImpatient;
  const discount = v.cueDiscount;
  const last = v.lastOffer;
  const unpitched = v.wanted.filter((f) => !v.pitched.includes(f));
  // 1. Learn the budget.
  if (v.budget === null && v.askedBudget < 2 && last === null) {
    const pitch = !impatient && unpitched.length > 0 ? fill("{car} has {fs}. ", v, undefined, { fs: joinList(unpitched) }) : "";
    return `${pitch}${impatient ? "What's your budget?" : "What budget do you have in mind?"}`;
  }
  // 2. Confirm the wanted features (not to an impatient buyer).
  if (v.buyerAsksFeature !== null) return `Yes, it has ${v.buyerAsksFeature}.`;
  const featurePart = !impatient && unpitched.length > 0 ? fill("{car} has {fs}. ", v, undefined, { fs: joinList(unpitched) }) : "";
  // 3. The opening price: above the budget.
  if (last === null) {
    const base = v.budget ?? guessPrice(v, rng);
    const q = round(base * 1.2, 500);
    return `${featurePart}${impatient ? fill("{price}.", v, q) : fill("It's {price}.", v, q)}`;
  }
  // 4. Answer the buyer's questions and ask for the deal.
  const counter = v.counter;
  const answer = v.buyerQuestion && !v.buyerAsksDiscount && !v.buyerAsksPrice ? `${answerConcern(v, rng, impatient)} ` : "";
  if (counter !== null) {
    const cs = v.counters;
    if (cs.length === 1) {
      // The buyer's first counter is 80–90% of its limit W (rounded down to $500), so W lies in
      // [c/0.9, (c+500)/0.8]: ask for the top of that range; the next counter lands halfway to min(W, ask).
      const p = Math.min(last, Math.floor((cs[0] + 500) / 0.8 / 100) * 100);
      if (p < last) return `${featurePart}${answer}${discount ? fill("I can take some off: {price}.", v, p) : fill(impatient ? "{price}?" : "How about {price}?", v, p)}`;
    } else {
      // c2 = floor500((c1 + min(W, ask)) / 2), so 2·c2 − c1 is at most W (and within $1,000 of it).
      const c1 = cs[cs.length - 2];
      const c2 = cs[cs.length - 1];
      const p = Math.max(c2, Math.min(last, 2 * c2 - c1));
      if (p < last) {
        if (discount) return `${featurePart}${answer}${fill("I'll give you a discount: {price}, and that's my final price.", v, p)}`;
        return `${featurePart}${answer}${impatient ? fill("{price}. Final price.", v, p) : fill("I can do {price}, and that's my final price.", v, p)}`;
      }
    }
    return `${featurePart}${answer}${fill(impatient ? "{price}. Final price. Deal?" : "{price} is my final price. Do we have a deal?", v, last)}`;
  }
  if (v.buyerTooHigh) {
    const p = round(last * 0.85, 500);
    return `${featurePart}${answer}${discount ? fill("I'll give you a discount: {price}.", v, p) : fill("How about {price}?", v, p)}`;
  }
  if (v.buyerAsksDiscount) return `${featurePart}${fill("I'll give you a discount: {price}.", v, round(last * 0.97, 100))}`;
  return `${featurePart}${answer}${fill(impatient ? "{price}. Deal?" : "So, {price}. Do we have a deal?", v, last)}`;
}

// ---------------------------------------------------------------------------------------------------
// The random seller.

const RANDOM_TEMPLATES = [
  "Hi there!",
  "What are you looking for?",
  "What's your budget?",
  "This {brand} {type} is {price}.",
  "I can do {price}.",
  "I'll give you {pct}% off.",
  "I'll take {off} off the price.",
  "It has {feature}.",
  "It doesn't have {feature}.",
  "The price is firm.",
  "Do we have a deal?",
  "Would you like a {brand}?",
  "We have a {type} on sale.",
  "Sure.",
  "Let me check with my manager.",
  "How about {price}?",
  "It comes with {feature} and {feature2}.",
  "No discounts.",
  "Deal!",
  "Any questions?",
];

/**
 * Uniformly random seller lines from a bank of templates with random prices ($5,000–$120,000), brands,
 * types and features.
 */
export function randomSeller(): Policy {
  return {
    name: "random",
    act(_history, rng) {
      const t = pick(rng, RANDOM_TEMPLATES);
      return (
        t
          .replace("{brand}", brandName(pick(rng, BRANDS)))
          .replace("{type}", pick(rng, TYPES))
          .replace("{price}", formatPrice(round(5000 + 115000 * rng.next(), 500)))
          .replace("{pct}", String(1 + rng.int(20)))
          .replace("{off}", formatPrice(round(500 + 9500 * rng.next(), 500)))
          .replace("{feature}", pick(rng, FEATURES))
          .replace("{feature2}", pick(rng, FEATURES)) + "\n"
      );
    },
  };
}
