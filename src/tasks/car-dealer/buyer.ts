/**
 * The simulated buyer of the Car Dealer task: a deterministic, seeded, rule-based stand-in for the
 * reference's GPT-2 XL buyer (`llm_rl_scripts/car_dealer/env/buyer.py`, fine-tuned on the buyer side of
 * GPT-3.5 conversations; LMRL-Gym paper App. C.8). It holds a persona (one of the paper's three buyer
 * backgrounds, the env's personality word, brand, body type, 1–4 features, budget and the hidden MSRP of
 * the car under discussion), reads each seller line with parse.ts, runs a small negotiation state machine
 * and answers in natural sentences shaped by its personality and background. It ends the conversation
 * with the reference's marker `Output: Decision=Accept MSRP=$X Buy Price=$Y` or
 * `Output: Decision=Reject MSRP=$X` appended to its last sentence.
 *
 * The decision rules (README "Buyer model"; parameters drawn per buyer by `drawBuyerParams`):
 * - willingness to pay W = min(budget·(1+s·k), MSRP·(1+t)), s ∈ [0, 0.3], t ∈ [0, 0.05], with k how well
 *   the seller served the background (share of wanted features confirmed, a discount given, no annoying
 *   talk), × 0.9 while the seller last named another brand or body type;
 * - "discount": buys only after a discount (an amount or percentage off, a lowered price, or discount
 *   words with a price); leaves after 5–6 refusals;
 * - "specs": buys only once the seller has confirmed every wanted feature (a named feature, or "Yes." to
 *   the buyer's question about it); leaves as soon as a wanted feature is said to be missing;
 * - "impatient": feature statements, discount talk, long speeches and small talk annoy it; it leaves at
 *   an annoyance of 7–9;
 * - everyone haggles (counter-offers in $500 steps below W, rising halfway to W each time), asks 2–9
 *   questions of its own before buying, holds the seller to its lowest offer, leaves after rudeness,
 *   three unintelligible lines in a row or 4–5 firm prices above W, and decides on its own when its
 *   patience (14–25 seller lines) runs out: it buys at the standing offer if that is within W and its
 *   background is satisfied, else rejects. The 25th seller line (the 50-line cap) forces that decision.
 *
 * No-leak rule: no buyer sentence contains the MSRP (only the Output marker does, and the env removes
 * it). The MSRP always ends in 995 while every number the buyer says itself is a multiple of $500 (its
 * budget, its counter-offers); other numbers are the seller's own, echoed. The budget may be told when
 * asked (the data generator's prompt: "the agent does not know the budget beforehand").
 *
 * @example
 * const b = new Buyer(persona, new Rng(1));
 * b.respond("Hi! What are you looking for today?").text; // e.g. "Hello. I'm looking for a Honda SUV.\n"
 */
import type { Rng } from "../../core/rng";
import {
  brandName,
  formatOutputLine,
  formatPrice,
  joinList,
  MAX_SELLER_TURNS,
  type BuyerPersona,
  type ConversationOutput,
  type Feature,
  type Personality,
} from "./formats";
import { readSellerLine, type SellerReading } from "./parse";

/** Hidden behaviour parameters of one buyer, drawn at reset. */
export interface BuyerParams {
  /** Seller turns after which the buyer decides on its own (≤ the 25-turn cap). */
  readonly patience: number;
  /** Largest fraction above its budget the buyer can be talked into. */
  readonly stretch: number;
  /** Largest fraction above the MSRP it will pay. */
  readonly msrpTolerance: number;
  /** First counter-offer as a fraction of its limit. */
  readonly openingFraction: number;
  /** Counter-offers it makes before accepting a price within its limit. */
  readonly haggles: number;
  /** Annoyance at which it walks away. */
  readonly annoyanceLimit: number;
  /** Discount refusals after which a discount-seeker walks away. */
  readonly refusalLimit: number;
  /** Firm seller lines above its limit after which the buyer walks away. */
  readonly holdLimit: number;
  /** Questions it raises before buying. */
  readonly concerns: readonly string[];
}

/** One buyer line. */
export interface BuyerTurn {
  /** What the seller sees: the sentence(s) without the Output marker, ending in "\n". */
  readonly text: string;
  /** The line as the buyer "wrote" it: `text` without its "\n", a space and the marker (final line only). */
  readonly raw: string;
  readonly output: ConversationOutput | null;
  /** The seller line was empty or not understood. */
  readonly invalid: boolean;
  /** Why the conversation ended (final line only). */
  readonly reason?: string;
}

const CONCERNS = [
  "What kind of warranty comes with it?",
  "How is the fuel economy?",
  "Can I take it for a test drive first?",
  "Do you offer financing?",
  "How many miles are on it?",
  "What colors does it come in?",
  "Is it new or used?",
  "How soon could I drive it home?",
  "Would you take my old car as a trade-in?",
  "Is maintenance included for the first year?",
  "Has it ever been in an accident?",
  "What's the insurance going to look like on this?",
  "Where was it built?",
  "How long have you had it on the lot?",
  "Does it come with a spare tire?",
  "How big is the trunk?",
  "Is roadside assistance included?",
  "How often does it need servicing?",
  "Can I return it if I change my mind?",
  "Is it good in the snow?",
];

/** Largest fraction above its budget a buyer can be talked into (its `stretch` is uniform below it). */
export const MAX_STRETCH = 0.3;
/** Questions of its own a buyer asks before buying: first value + a uniform integer below the second. */
export const CONCERN_COUNT: readonly [number, number] = [4, 5];
export const CONCERN_COUNT_IMPATIENT: readonly [number, number] = [3, 2];

/** Draws a buyer's hidden parameters (stream `rng`, after the persona). */
export function drawBuyerParams(p: Pick<BuyerPersona, "strategy" | "personality">, rng: Rng): BuyerParams {
  let patience = p.strategy === "impatient" ? 15 + rng.int(5) : 18 + rng.int(8);
  if (p.personality === "talkative") patience += 2;
  if (p.personality === "uncommunicative") patience -= 1;
  if (p.personality === "angry" || p.personality === "abusive") patience -= 1;
  patience = Math.max(4, Math.min(MAX_SELLER_TURNS, patience));
  const stretch = MAX_STRETCH * rng.next();
  const msrpTolerance = 0.05 * rng.next();
  const openingFraction = 0.8 + 0.1 * rng.next();
  const haggles = p.strategy === "impatient" ? 2 + rng.int(2) : 2 + rng.int(3);
  const annoyanceLimit = p.strategy === "impatient" ? 7 + rng.int(3) : 4 + rng.int(2);
  const refusalLimit = 5 + rng.int(2);
  const holdLimit = 4 + rng.int(2);
  let k = p.strategy === "impatient" ? CONCERN_COUNT_IMPATIENT[0] + rng.int(CONCERN_COUNT_IMPATIENT[1]) : CONCERN_COUNT[0] + rng.int(CONCERN_COUNT[1]);
  if (p.personality === "talkative") k += 1;
  if (p.personality === "uncommunicative" && k > 0) k -= 1;
  const pool = [...CONCERNS];
  const concerns: string[] = [];
  for (let i = 0; i < k; i++) concerns.push(pool.splice(rng.int(pool.length), 1)[0]);
  return { patience, stretch, msrpTolerance, openingFraction, haggles, annoyanceLimit, refusalLimit, holdLimit, concerns };
}

/** Rounds down to a multiple of $500 (every number the buyer says itself). */
export function floor500(x: number): number {
  return Math.max(500, Math.floor(x / 500) * 500);
}

/** "a Honda SUV", "a luxury Audi", "an electric Ford": the car a persona wants. */
export function wantedCar(p: Pick<BuyerPersona, "brand" | "type">): string {
  const b = brandName(p.brand);
  if (p.type === "luxury") return `a luxury ${b}`;
  if (p.type === "electric") return `an electric ${b}`;
  return `${p.brand} ${p.type}`;
}

interface Style {
  /** Sentence openers (used now and then). */
  readonly open: readonly string[];
  readonly confused: readonly string[];
  readonly onRude: readonly string[];
  readonly accept: readonly string[];
  readonly reject: readonly string[];
  readonly tooHigh: readonly string[];
  readonly filler: readonly string[];
}

const STYLES: Readonly<Record<Personality, Style>> = {
  polite: {
    open: ["Thank you.", "Alright.", "Let me see.", "I see."],
    confused: ["I'm sorry, I didn't quite understand that.", "Sorry, could you say that again?", "Pardon me, I'm not sure what you mean."],
    onRude: ["There's no need to be rude.", "Please, let's keep this respectful."],
    accept: ["Thank you, I'll take it at {price}.", "That sounds fair. I'll buy it for {price}.", "Wonderful, {price} works for me. Let's do it."],
    reject: ["Thank you for your time, but I'll pass.", "I'm sorry, but I don't think this is the right car for me.", "I appreciate your help, but I'll look elsewhere."],
    tooHigh: ["I'm afraid that's more than I can spend.", "That's a bit beyond what I had in mind."],
    filler: [],
  },
  respectful: {
    open: ["I see.", "Fair enough.", "Understood.", "Okay."],
    confused: ["I'm not following, could you rephrase that?", "Sorry, I didn't get that."],
    onRude: ["I'd appreciate it if you kept it civil.", "That's uncalled for."],
    accept: ["Alright, {price} it is. I'll buy it.", "That's reasonable. I'll take it for {price}.", "Deal at {price}. Thank you."],
    reject: ["I respect your position, but I'll have to pass.", "I don't think we can make this work. Thanks anyway.", "I'll keep looking, but thank you."],
    tooHigh: ["That's more than I'm comfortable paying.", "That price is too high for me."],
    filler: [],
  },
  talkative: {
    open: ["Oh, interesting!", "Okay, okay.", "Oh, I see!", "Well, let me think."],
    confused: ["Sorry, I lost you there, what was that?", "Hm, I didn't quite catch that, say again?"],
    onRude: ["Wow, okay, that was a bit rude, don't you think?", "Hey now, no need for that."],
    accept: ["You know what, {price} sounds good, I'll take it! My family is going to love it.", "Alright, {price}, you've got yourself a deal! I can't wait to drive it home."],
    reject: ["I've really enjoyed chatting, but I don't think I'm going to buy today.", "Well, this was fun, but I think I'll keep shopping around."],
    tooHigh: ["Oh wow, that's a lot more than I was hoping to spend.", "Whoa, that's way more than I had in mind."],
    filler: [
      "My old car finally broke down last week, so I really need something reliable.",
      "My sister just bought a new car and she won't stop talking about it.",
      "I drive my kids to school every morning, so it matters a lot.",
      "I've been reading reviews online all week.",
      "I commute almost an hour each way, so I spend a lot of time in the car.",
    ],
  },
  uncommunicative: {
    open: ["Okay.", "Hm.", "Sure."],
    confused: ["What?", "Huh?"],
    onRude: ["Whatever.", "Rude."],
    accept: ["Fine. {price}. I'll take it.", "{price}. Deal."],
    reject: ["No.", "Not interested. Bye."],
    tooHigh: ["Too much.", "Too expensive."],
    filler: [],
  },
  rude: {
    open: ["Whatever.", "Ugh.", "Look,", "Get to the point."],
    confused: ["What are you even saying?", "That makes no sense."],
    onRude: ["Watch your mouth.", "Talk to me like that again and I'm gone."],
    accept: ["Fine, {price}. I'll take it, just hurry up.", "Whatever, {price}. Deal."],
    reject: ["Forget it, I'm out of here.", "No. I'm leaving."],
    tooHigh: ["That's way too much, are you kidding me?", "No way I'm paying that."],
    filler: [],
  },
  angry: {
    open: ["Seriously?", "This is frustrating.", "Ugh, fine."],
    confused: ["What? Speak clearly!", "That's nonsense!"],
    onRude: ["Don't you dare talk to me like that!", "Excuse me?! Watch it!"],
    accept: ["Fine! {price}. I'll buy it, but I'm not happy about it.", "Alright, {price}, let's just get this over with."],
    reject: ["That's it, I'm done! I'm leaving.", "Forget it! I'm taking my money elsewhere."],
    tooHigh: ["That's outrageous!", "Are you out of your mind? That's way too much!"],
    filler: [],
  },
  abusive: {
    open: ["Listen, pal,", "Are you deaf?", "Come on,"],
    confused: ["Are you drunk? That made no sense.", "What kind of nonsense is that?"],
    onRude: ["Who do you think you're talking to?", "Say that again and see what happens."],
    accept: ["Fine, {price}, and you'd better not mess up the paperwork.", "{price}. I'll take it. Don't make me regret it."],
    reject: ["You're useless. I'm out.", "Forget it, this place is a joke."],
    tooHigh: ["That price is a joke.", "You must think I'm an idiot to pay that."],
    filler: [],
  },
  insulting: {
    open: ["Nice try, genius.", "Wow, you really are new at this.", "Oh please."],
    confused: ["Did you just have a stroke? That was gibberish.", "Even a child could speak more clearly."],
    onRude: ["Takes one to know one.", "Real professional of you."],
    accept: ["Fine, {price}. Even you managed to close a sale.", "{price}. I'll take it, no thanks to your sales skills."],
    reject: ["You're the worst salesperson I've met. I'm leaving.", "I'll buy from someone competent. Goodbye."],
    tooHigh: ["That price is as ridiculous as your pitch.", "Only a fool would pay that."],
    filler: [],
  },
  sarcastic: {
    open: ["Oh, wonderful.", "Wow, what a surprise.", "Oh great.", "Sure, sure."],
    confused: ["Wow, very clear. Want to try that in English?", "Fascinating. No idea what that means."],
    onRude: ["Wow, charming. Is that in the sales manual?", "Oh, lovely manners."],
    accept: ["Well, {price} it is. Look at us, making a deal.", "Fine, {price}. What a thrilling experience this has been."],
    reject: ["Well, this has been delightful, but I'll pass.", "Thanks for nothing. I'll be going now."],
    tooHigh: ["Oh sure, and I'll throw in my house too.", "Wow, what a bargain. Not."],
    filler: [],
  },
  toxic: {
    open: ["Typical dealer.", "You people are all the same.", "Ugh, whatever."],
    confused: ["What is wrong with you? That made no sense.", "Learn to talk."],
    onRude: ["Oh, you want to go there?", "Keep that up and I walk."],
    accept: ["Fine, {price}. Don't think I like you.", "{price}. Whatever. I'll take it."],
    reject: ["This is a waste of my time. I'm gone.", "You dealers are all crooks. I'm leaving."],
    tooHigh: ["That's a rip-off.", "What a scam. No way."],
    filler: [],
  },
};

/** How much one rude seller line annoys each personality. */
const RUDE_COST: Readonly<Record<Personality, number>> = {
  polite: 3, respectful: 3, talkative: 2, uncommunicative: 2, rude: 1, angry: 2, abusive: 1, insulting: 1, sarcastic: 2, toxic: 1,
};

/** Probability that the buyer tells its budget when asked (the first time). */
const TELL_BUDGET: Readonly<Record<Personality, number>> = {
  polite: 0.95, respectful: 0.9, talkative: 1, uncommunicative: 0.4, rude: 0.5, angry: 0.6, abusive: 0.5, insulting: 0.5, sarcastic: 0.7, toxic: 0.5,
};

/**
 * One buyer for one conversation. `respond` is called once per seller line; the turn that ends the
 * conversation carries `output`. Deterministic in the persona, the rng's state and the seller lines.
 */
export class Buyer {
  readonly params: BuyerParams;
  private turn = 0;
  private offerPrice: number | null = null;
  private discountGiven = false;
  private discountRefusals = 0;
  private readonly confirmed = new Set<Feature>();
  private readonly denied = new Set<Feature>();
  private brandOk: boolean | null = null;
  private typeOk: boolean | null = null;
  private annoyance = 0;
  private invalidStreak = 0;
  private budgetTold = false;
  private budgetAsks = 0;
  private wantsTold = false;
  private featuresTold = false;
  private lastCounter: number | null = null;
  /** The buyer's last line made a counter-offer (a bare "Yes." then accepts it). */
  private counterPending = false;
  private counters = 0;
  private highHolds = 0;
  private readonly concernsLeft: string[];
  private pendingConcern: string | null = null;
  /** The feature the buyer's last line asked about ("Does it have a sunroof?"). */
  private askedFeature: Feature | null = null;
  private ended = false;

  constructor(
    readonly persona: BuyerPersona,
    private readonly rng: Rng,
    params?: BuyerParams,
  ) {
    this.params = params ?? drawBuyerParams(persona, rng);
    this.concernsLeft = [...this.params.concerns];
  }

  /** Seller lines read so far. */
  get turns(): number {
    return this.turn;
  }

  get over(): boolean {
    return this.ended;
  }

  /** The seller's standing offer. */
  get standingOffer(): number | null {
    return this.offerPrice;
  }

  /** The highest price the buyer would pay now (hidden; for tests and oracles). */
  willingness(): number {
    const p = this.persona;
    let s = this.params.stretch;
    if (p.strategy === "specs") s *= 0.5 + (0.5 * this.confirmedWanted()) / p.features.length;
    else if (p.strategy === "discount") s *= this.discountGiven ? 1 : 0.5;
    else s *= Math.max(0, 1 - 0.2 * this.annoyance);
    let w = Math.min(p.budget * (1 + s), p.msrp * (1 + this.params.msrpTolerance));
    if (this.brandOk === false || this.typeOk === false) w *= 0.9;
    return w;
  }

  /** The background's condition for buying at all. */
  conditionsMet(): boolean {
    const p = this.persona;
    if (p.strategy === "discount") return this.discountGiven;
    if (p.strategy === "specs") return this.confirmedWanted() === p.features.length && this.denied.size === 0 && this.brandOk !== false && this.typeOk !== false;
    return true;
  }

  private confirmedWanted(): number {
    let n = 0;
    for (const f of this.persona.features) if (this.confirmed.has(f)) n++;
    return n;
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.rng.int(items.length)];
  }

  private fill(template: string, price?: number): string {
    const p = this.persona;
    return template
      .replace(/\{car\}/g, wantedCar(p))
      .replace(/\{brand\}/g, brandName(p.brand))
      .replace(/\{type\}/g, p.type)
      .replace(/\{features\}/g, joinList(p.features))
      .replace(/\{budget\}/g, formatPrice(p.budget))
      .replace(/\{price\}/g, price === undefined ? "" : formatPrice(price));
  }

  /**
   * Reads one seller line and answers. `forceDecision` makes this line the last (the 50-line cap: the
   * reference re-prompts its buyer model with "Output: Decision="; here the state machine decides).
   */
  respond(sellerText: string, forceDecision = false): BuyerTurn {
    if (this.ended) throw new Error("Buyer.respond: the conversation is over");
    this.turn++;
    const r = readSellerLine(sellerText);
    const force = forceDecision || this.turn >= MAX_SELLER_TURNS;
    const style = STYLES[this.persona.personality];
    const invalid = r.empty || r.gibberish;
    const parts: string[] = [];
    if (invalid) {
      this.invalidStreak++;
      if (this.invalidStreak >= 3) return { ...this.finish(null, [this.pick(style.confused), this.pick(style.reject)], "three unintelligible seller lines"), invalid };
      parts.push(r.empty ? this.pick(["Hello? Are you still there?", "...Hello?", "Are you going to say something?"]) : this.pick(style.confused));
    } else {
      this.invalidStreak = 0;
      const end = this.read(r, parts, sellerText.length > 2000 ? sellerText.slice(0, 2000).toLowerCase() : sellerText.toLowerCase());
      if (end) return end;
    }
    if (force || this.turn >= this.params.patience) return { ...this.forcedDecision(parts, force), invalid };
    return this.say(parts, invalid);
  }

  /** Updates the state from a valid seller line and writes the answer into `parts`; returns the final turn when it ends here. */
  private read(r: SellerReading, parts: string[], lower: string): BuyerTurn | null {
    const p = this.persona;
    const style = STYLES[p.personality];
    if (this.pendingConcern !== null) this.pendingConcern = null; // any understood line answers the question
    // --- state updates ---
    if (r.brands.length > 0) this.brandOk = r.brands.includes(p.brand);
    if (r.types.length > 0) this.typeOk = r.types.includes(p.type) || (p.type === "luxury" && r.brands.length > 0 && this.brandOk === true);
    const newlyConfirmed: Feature[] = [];
    for (const f of r.featuresPresent) {
      if (!p.features.includes(f)) continue;
      if (!this.confirmed.has(f)) newlyConfirmed.push(f);
      this.confirmed.add(f);
      this.denied.delete(f);
    }
    const newlyDenied: Feature[] = [];
    for (const f of r.featuresAbsent) {
      if (!p.features.includes(f)) continue;
      this.denied.add(f);
      this.confirmed.delete(f);
      newlyDenied.push(f);
    }
    // A bare "Yes." / "No." answers the feature the buyer just asked about.
    const asked = this.askedFeature;
    this.askedFeature = null;
    if (asked !== null && r.featuresPresent.length + r.featuresAbsent.length === 0) {
      if (r.affirms && !this.confirmed.has(asked)) {
        this.confirmed.add(asked);
        newlyConfirmed.push(asked);
      } else if (r.denies) {
        this.denied.add(asked);
        newlyDenied.push(asked);
      }
    }
    const hadOffer = this.offerPrice;
    const counterWasPending = this.counterPending;
    this.counterPending = false;
    let newOffer: number | null = null;
    if (r.offer !== null) newOffer = r.offer;
    else if ((r.agrees || (r.affirms && counterWasPending)) && this.lastCounter !== null) newOffer = this.lastCounter;
    else if (hadOffer !== null && (r.discountAmount !== null || r.discountPercent !== null)) {
      const cut = r.discountAmount !== null ? r.discountAmount : (hadOffer * (r.discountPercent as number)) / 100;
      if (cut > 0 && cut < hadOffer) newOffer = Math.round((hadOffer - cut) / 100) * 100;
    }
    let heldToEarlier = false;
    if (newOffer !== null && hadOffer !== null && newOffer > hadOffer) {
      // The buyer holds the seller to its best offer so far.
      newOffer = hadOffer;
      heldToEarlier = true;
    }
    // A discount is an amount or percentage off, a lowered price, or discount words with a price; talk of
    // promotions without a number is not one yet.
    const amountOff = r.discountAmount !== null || r.discountPercent !== null;
    const explicitDiscount = amountOff || (r.discountTalk && !r.refusesDiscount && newOffer !== null);
    if (newOffer !== null) {
      if ((hadOffer !== null && newOffer < hadOffer * 0.99) || explicitDiscount) this.discountGiven = true;
      this.offerPrice = newOffer;
    } else if (amountOff && !r.refusesDiscount) {
      this.discountGiven = true;
    }
    const vagueDiscount = r.discountTalk && !r.refusesDiscount && !explicitDiscount;
    if (r.refusesDiscount) this.discountRefusals++;
    if (r.rude) this.annoyance += RUDE_COST[p.personality];
    if (p.strategy === "impatient") {
      if (r.featureTalk && !(r.asksFeatures && r.featuresPresent.length === 0)) this.annoyance += 1;
      if (r.discountTalk && !r.refusesDiscount) this.annoyance += newOffer !== null ? 0.5 : 1;
      if (r.words > 40) this.annoyance += 1;
    }

    // --- leaving ---
    if (this.annoyance >= this.params.annoyanceLimit) {
      const why = r.rude ? this.pick(style.onRude) : p.strategy === "impatient" ? this.pick(["I said I don't need the sales pitch.", "I don't have time for all this talk.", "I told you, spare me the details."]) : "I've had enough of this.";
      return this.finish(null, [why, this.pick(style.reject)], r.rude ? "rudeness" : "annoyed");
    }
    if (p.strategy === "specs" && newlyDenied.length > 0) {
      return this.finish(null, [this.fill(this.pick(["No {f}? That's a deal-breaker for me.", "It has to have {f}. Without it, no deal.", "I told you I need {f}."])).replace(/\{f\}/g, newlyDenied[0]), this.pick(style.reject)], "a wanted feature is missing");
    }
    if (p.strategy === "discount" && !this.discountGiven && this.discountRefusals >= this.params.refusalLimit) {
      return this.finish(null, ["If there's no discount, I'm not buying.", this.pick(style.reject)], "no discount");
    }

    // --- answering ---
    if (this.turn === 1 || (r.greeting && !this.wantsTold)) {
      parts.push(this.opener(r));
    } else if (r.asksNeeds && !r.asksFeatures) {
      parts.push(this.fill(this.pick(["I told you, I want {car}.", "I'm looking for {car}.", "{car}, like I said."])).replace(/^a/, "A"));
      this.wantsTold = true;
    }
    if (heldToEarlier) parts.push(this.pick([`You already offered me ${formatPrice(hadOffer as number)}.`, `Earlier you said ${formatPrice(hadOffer as number)}.`]));
    if (r.rude) parts.push(this.pick(style.onRude));
    if (r.probe) parts.push(this.pick(["Nice try. You're the dealer, you tell me the price.", "I'm not telling you what I know about prices. What's your offer?", "I'm not here to play games. What's the price?"]));
    if (r.asksFeatures && !(this.turn === 1 && this.featuresTold)) this.tellFeatures(parts);
    if (r.asksBudget) this.tellBudget(parts);
    else if (r.budgetGuess !== null && r.offer === null) {
      if (r.budgetGuess > p.budget * 1.1) parts.push("That's more than I have to spend.");
      else if (r.budgetGuess < p.budget * 0.85) parts.push("I could spend a bit more than that.");
      else parts.push("That's about right.");
    }
    if (r.question && !r.asksBudget && !r.asksFeatures && !r.asksNeeds && !r.asksDecision && !r.probe && r.offer === null && r.budgetGuess === null && this.turn > 1) {
      this.smallTalk(parts, lower);
    }
    if ((r.brands.length > 0 && this.brandOk === false) || (r.types.length > 0 && this.typeOk === false)) {
      parts.push(this.fill(this.pick(["I'm not interested in that. I want {car}.", "That's not what I asked for. I want {car}."])));
    }
    // Reactions to feature and discount talk.
    if (p.strategy === "impatient") {
      if ((r.featureTalk || (r.discountTalk && !r.refusesDiscount)) && parts.length < 2) parts.push(this.pick(["I don't need the sales pitch.", "Spare me the details.", "Skip the speech, please.", "I don't care about all that."]));
      else if (r.words > 40) parts.push("You talk too much.");
    } else if (p.strategy === "specs") {
      if (newlyConfirmed.length > 0) parts.push(this.pick([`Good, I need ${joinList(newlyConfirmed)}.`, `Great, I wanted ${joinList(newlyConfirmed)}.`, `Perfect, I was hoping for ${joinList(newlyConfirmed)}.`]));
    } else if (this.discountGiven && explicitDiscount && newOffer !== null && this.rng.next() < 0.5) {
      parts.push(this.pick(["Now we're talking.", "That's more like it.", "A discount, nice."]));
    } else if (p.strategy === "discount" && vagueDiscount && newOffer === null && !this.discountGiven) {
      parts.push(this.pick(["How much of a discount?", "What kind of discount are we talking about?"]));
    }

    // --- the price ---
    const price = this.offerPrice;
    const priceMoment = newOffer !== null || r.asksDecision || r.agrees || (r.firm && price !== null);
    if (price !== null && priceMoment) {
      const w = this.willingness();
      if (price <= w && this.conditionsMet() && this.ready() && this.willAccept(price, r)) {
        return this.finish({ carBought: true, msrp: p.msrp, buyPrice: price }, [...parts.filter((x) => x !== ""), this.fill(this.pick(style.accept), price)], "accepted");
      }
      if (price > w) {
        if (r.firm) this.highHolds++;
        if (this.highHolds >= this.params.holdLimit) return this.finish(null, [...parts, "We're too far apart.", this.pick(style.reject)], "price above the buyer's limit");
        if (price > w * 1.35) {
          parts.push(this.pick(style.tooHigh));
          if (!this.budgetTold && this.rng.next() < TELL_BUDGET[p.personality]) {
            parts.push(`My budget is ${formatPrice(p.budget)}.`);
            this.budgetTold = true;
          } else this.counter(parts, price);
        } else {
          if (price > w * 1.1 && this.rng.next() < 0.5) parts.push(this.pick(style.tooHigh));
          this.counter(parts, price);
        }
      } else if (!this.conditionsMet()) {
        this.askCondition(parts);
      } else if (!this.ready()) {
        this.askConcern(parts, true);
      } else {
        this.counter(parts, price);
      }
    } else if (r.asksDecision && price === null) {
      parts.push(this.pick(["What's the price?", "How much is it?", "You haven't even told me the price."]));
    }
    return null;
  }

  /** The first answer: greeting and what the buyer wants, with a hint of its background. */
  private opener(r: SellerReading): string {
    const p = this.persona;
    this.wantsTold = true;
    const hello = r.greeting ? this.pick(["Hi.", "Hello.", "Hey.", ""]) : "";
    const want = this.fill(this.pick(["I'm looking for {car}.", "I want {car}.", "I'm interested in {car}.", "I need {car}."]));
    let cue = "";
    if (p.strategy === "discount") cue = this.pick(["And I'm hoping for a good deal.", "I'm hoping to get a good discount.", "I'm only buying if the price is right.", ""]);
    else if (p.strategy === "specs") {
      cue = this.fill(this.pick(["It has to have {features}.", "It needs {features}, no compromises.", "I have a list: {features}."]));
      this.featuresTold = true;
    } else cue = this.pick(["And make it quick, I don't have all day.", "Let's make this fast.", "I'm in a hurry.", ""]);
    return [hello, want, cue].filter((x) => x !== "").join(" ");
  }

  /** Answers a question the buyer has no rule for (use of the car, trade-in, test drive, ...). */
  private smallTalk(parts: string[], q: string): void {
    const p = this.persona;
    if (p.strategy === "impatient" && this.rng.next() < 0.6) {
      this.annoyance += 0.5;
      parts.push(this.pick(["Can we get to the price?", "Does that matter? Let's get on with it.", "Skip the small talk."]));
      return;
    }
    let options: readonly string[];
    if (/test drive|spin/.test(q)) options = ["Sure, I'd like that.", "Maybe later.", "Sure, after we talk price."];
    else if (/trade|trading/.test(q)) options = ["No trade-in.", "Maybe, I have an old car I'd like to get rid of.", "No, I'm selling my old one myself."];
    else if (/\buse\b|using|commut|for work|family|kids|for you\b|yourself/.test(q)) options = ["Mostly commuting.", "Family trips, mostly.", "Just getting around town.", "Mostly for me."];
    else if (/driv(?:e|ing) (?:right )?now|current(?:ly)?|what do you drive/.test(q)) options = ["An old car that's falling apart.", "Something old and unreliable.", "My old car died last month."];
    else if (/how soon|when|timeline/.test(q)) options = ["As soon as possible.", "In the next few weeks.", "Soon, if the price is right."];
    else if (/new or used/.test(q)) options = ["New, please.", "New."];
    else if (/name/.test(q)) options = ["Does it matter?", "You can just call me a customer."];
    else if (/colou?r/.test(q)) options = ["I'm not picky about color.", "Something dark, maybe."];
    else if (/financ|cash|loan|lease/.test(q)) options = ["I'll probably pay cash.", "I might finance it."];
    else if (/driven|before/.test(q)) options = ["A few times.", "Once or twice.", "No, never."];
    else options = ["Hm, not sure.", "I guess so.", "Maybe.", "Not really."];
    parts.push(this.pick(options));
  }

  private tellFeatures(parts: string[]): void {
    const p = this.persona;
    if (p.personality === "uncommunicative" && this.rng.next() < 0.5) {
      this.featuresTold = true;
      parts.push(`${p.features[0][0].toUpperCase()}${p.features[0].slice(1)}.`);
      return;
    }
    if (p.strategy === "impatient" && this.rng.next() < 0.5) {
      this.featuresTold = true;
      parts.push(this.fill(this.pick(["Just {features}. That's it.", "{features}. Now can we move on?"])).replace(/^./, (c) => c.toUpperCase()));
      return;
    }
    const templates = this.featuresTold ? ["Like I said, {features}.", "I told you: {features}."] : ["I'd like {features}.", "I want {features}.", "It should have {features}.", "{features} would be nice."];
    this.featuresTold = true;
    parts.push(this.fill(this.pick(templates)).replace(/^./, (c) => c.toUpperCase()));
  }

  private tellBudget(parts: string[]): void {
    const p = this.persona;
    this.budgetAsks++;
    const chance = this.budgetAsks > 1 ? 0.8 : TELL_BUDGET[p.personality];
    if (this.budgetTold || this.rng.next() < chance) {
      this.budgetTold = true;
      const k = `${p.budget / 1000}k`;
      parts.push(this.fill(this.pick(["My budget is {budget}.", "I'd like to stay under {budget}.", "About {budget}.", `Around ${k}.`, "I can spend up to {budget}."])));
    } else {
      parts.push(this.pick(["That's my business.", "Depends on the car.", "Why don't you tell me the price first?", "Not telling you that yet."]));
    }
  }

  /** True when the buyer has asked all its own questions. */
  private ready(): boolean {
    return this.concernsLeft.length === 0 && this.pendingConcern === null;
  }

  private willAccept(price: number, r: SellerReading): boolean {
    const h = this.params.haggles;
    if (this.lastCounter !== null && price <= this.lastCounter) return true;
    if (this.counters >= h) return true;
    if (r.firm && this.counters >= 1) return true;
    if ((r.asksDecision || r.agrees || r.affirms) && this.counters >= h - 1) return true;
    return false;
  }

  private counter(parts: string[], price: number): void {
    const w = this.willingness();
    const cap = floor500(Math.min(w, price));
    let c = this.lastCounter === null ? floor500(Math.min(w, price) * this.params.openingFraction) : floor500(this.lastCounter + (Math.min(w, price) - this.lastCounter) * 0.5);
    if (c > cap) c = cap;
    if (this.lastCounter !== null && c < this.lastCounter) c = this.lastCounter;
    this.lastCounter = c;
    this.counters++;
    this.counterPending = true;
    parts.push(this.pick(["Could you do {price}?", "How about {price}?", "I'd pay {price}.", "I was thinking more like {price}.", "Would you take {price}?", "{price} is what I can do."]).replace("{price}", formatPrice(c)));
  }

  private askCondition(parts: string[]): void {
    const p = this.persona;
    if (p.strategy === "discount") {
      parts.push(this.pick(["Can you give me a discount?", "Is there any discount on that?", "I won't buy without a discount.", "Any chance of a better deal?"]));
      return;
    }
    if (p.strategy === "specs") {
      if (this.brandOk === false || this.typeOk === false) {
        parts.push(this.fill("I need {car}, though."));
        return;
      }
      const missing = p.features.find((f) => !this.confirmed.has(f));
      if (missing !== undefined) {
        this.askedFeature = missing;
        parts.push(this.pick([`Does it have ${missing}?`, `What about ${missing}?`, `I need ${missing}. Does it have that?`]));
      }
    }
  }

  private askConcern(parts: string[], before: boolean): void {
    if (this.concernsLeft.length === 0) return;
    const q = this.concernsLeft.shift() as string;
    this.pendingConcern = q;
    const lead = before ? this.pick(["Before I decide, ", "One more thing: ", "Also, ", "", ""]) : "";
    parts.push(lead === "" ? q : `${lead}${q[0].toLowerCase()}${q.slice(1)}`);
  }

  /** Adds the buyer's own move when it has said little, decorates with the personality, renders the line. */
  private say(parts: string[], invalid: boolean): BuyerTurn {
    const p = this.persona;
    const style = STYLES[p.personality];
    if (!invalid) {
      const asked = parts.some((x) => x.endsWith("?"));
      if (parts.length === 0) {
        if (this.offerPrice === null && this.turn >= 3 && this.rng.next() < 0.6) parts.push(this.pick(["So what's the price?", "How much are we talking?", "What would it cost me?"]));
        else if (!this.conditionsMet() && this.rng.next() < 0.6) this.askCondition(parts);
        else if (this.concernsLeft.length > 0) this.askConcern(parts, false);
        if (parts.length === 0) parts.push(this.pick(["Go on.", "Okay.", "I'm listening.", "Alright.", "Hm, okay."]));
      } else if (!asked && parts.length < 2 && this.concernsLeft.length > 0 && this.offerPrice !== null && this.rng.next() < 0.4) {
        this.askConcern(parts, false);
      }
      if (this.turn > 1 && this.rng.next() < 0.3 && parts.length < 3) {
        const o = this.pick(style.open);
        // "Look," / "Listen, pal," lead into the next sentence.
        if (o.endsWith(",") && parts.length > 0 && !/^(?:I\b|I'|\$)/.test(parts[0])) parts[0] = parts[0][0].toLowerCase() + parts[0].slice(1);
        parts.unshift(o);
      }
      if (p.personality === "talkative" && this.rng.next() < 0.35) parts.push(this.pick(style.filler));
      if (p.personality === "uncommunicative" && parts.length > 1) parts.splice(1);
    }
    const text = parts.filter((x) => x !== "").join(" ");
    return { text: `${text}\n`, raw: text, output: null, invalid };
  }

  /** The buyer decides now: patience run out or the 50-line cap. */
  private forcedDecision(parts: string[], cap: boolean): BuyerTurn {
    const p = this.persona;
    const style = STYLES[p.personality];
    const price = this.offerPrice;
    const lead = cap ? this.pick(["We've been at this long enough.", "I've heard enough.", "Let's wrap this up."]) : this.pick(["I've spent enough time on this.", "I need to make a decision.", "Okay, I've thought about it."]);
    if (price !== null && price <= this.willingness() && this.conditionsMet()) {
      return this.finish({ carBought: true, msrp: p.msrp, buyPrice: price }, [...parts, lead, this.fill(this.pick(style.accept), price)], cap ? "cap: accepted" : "patience: accepted");
    }
    return this.finish(null, [...parts, lead, this.pick(style.reject)], cap ? "cap: rejected" : "patience: rejected");
  }

  private finish(output: ConversationOutput | null, parts: string[], reason: string): BuyerTurn {
    this.ended = true;
    const o = output ?? { carBought: false, msrp: this.persona.msrp, buyPrice: null };
    // A decision line asks nothing (questions gathered before the decision are dropped).
    const text = parts.filter((x) => x !== "" && !x.endsWith("?")).join(" ");
    return { text: `${text}\n`, raw: `${text} ${formatOutputLine(o)}`, output: o, invalid: false, reason };
  }
}
