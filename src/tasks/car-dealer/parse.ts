/**
 * Reading free dialogue text for the rule-based Car Dealer partner: amounts of money ("$32,500",
 * "32k", "$32.5k", "32500 dollars", "32 thousand"), percentages, discounts, the eight features (with
 * negation), brands, body types, questions, rudeness and gibberish. The reference buyer is a GPT-2 XL
 * model that reads the seller's text (`llm_rl_scripts/car_dealer/env/buyer.py`); no weights exist
 * offline, so the buyer of buyer.ts reads the seller's line with these rules.
 *
 * Every function is linear in its input and never throws; a line is read up to {@link READ_LIMIT}
 * characters (the rest is ignored), control characters count as spaces.
 *
 * @example
 * readSellerLine("I can give you $2,000 off, so $32,500 for the Honda with heated seats.").offer; // 32500
 * findMoney("about 32k")[0].value;                                                               // 32000
 */
import { BRANDS, type Brand, type CarType, type Feature } from "./formats";

/** Characters of a line that are read; a longer seller line is read up to here. */
export const READ_LIMIT = 4000;

/** Prices below this are not car prices (a discount amount, a fee, a typo). */
export const MIN_CAR_PRICE = 500;

/** One amount found in a text. */
export interface Money {
  readonly value: number;
  /** Offset of the match in the cleaned text. */
  readonly index: number;
  readonly end: number;
  /** "percent" for "10%"/"10 percent"; "money" otherwise. */
  readonly unit: "money" | "percent";
  /** The amount is a reduction ("$2,000 off", "a discount of 5%"). */
  readonly isDiscount: boolean;
  /** The sentence it is in asks about or states a budget ("Is $30k your budget?"). */
  readonly isBudget: boolean;
  /** The sentence it is in is a question. */
  readonly inQuestion: boolean;
}

/** Lower-cased, control characters replaced by spaces, at most {@link READ_LIMIT} characters. */
export function cleanText(text: string): string {
  const s = text.length > READ_LIMIT ? text.slice(0, READ_LIMIT) : text;
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, " ").replace(/[\u2018\u2019]/g, "'").toLowerCase();
}

const MONEY_RE = /(\$\s?)?(\d{1,3}(?:,\d{3})+|\d{1,9})(?:\.(\d{1,3}))?(\s?(?:k|grand|thousand)\b)?(\s?(?:dollars|bucks|usd)\b)?(\s?(?:%|percent\b))?/g;
const UNIT_AFTER = /^\s?(?:miles|mile|mi|km|kilometers|mpg|hp|horsepower|lbs|pounds|cc|years?|months?|days?|hours?|minutes?|seats?|doors?|cylinders?|inch|inches|speakers?|people|passengers|owners?|cars?|models?)\b/;
const DISCOUNT_AFTER = /^\s?(?:off|discount|rebate|less|cheaper|savings|reduction|markdown|cash back)\b/;
const DISCOUNT_BEFORE = /(?:discount|rebate|save|saving|savings|knock|knocking|take|taking|cut|cutting|shave|reduce|reduced|lower|lowered|drop|dropped|markdown|extra|another|additional)(?:\s+(?:it|the price|that|you|off|by|of|an|a|up to|about|around))*\s*$/;
const BUDGET_WORDS = /\b(?:budget|afford|spend|spending|range|willing to pay|looking to pay|want to pay|can pay|could pay|max|maximum|tops|ceiling|limit)\b/;
const OFFER_WORDS = /\b(?:i can do|i could do|i can offer|i'll offer|i will offer|offer you|for you|price is|priced at|it's|it is|sell|selling|yours for|let it go|deal at|comes to|come to|bring it|get it for|i'll do|i will do|how about|what about)\b/;

/**
 * Every amount of money or percentage in `text` (cleaned with {@link cleanText}), in order. A bare
 * number counts as money when it has a `$`, a `k`/`grand`/`thousand` or a `dollars`/`bucks` suffix,
 * thousands commas, or at least four digits and is not a year (1900–2099) or followed by a unit
 * ("35000 miles").
 *
 * @example
 * findMoney("from $40,000 down to 37.5k, that's 6% off").map((m) => m.value); // [40000, 37500, 6]
 */
export function findMoney(text: string): Money[] {
  const s = cleanText(text);
  const out: Money[] = [];
  // Sentence spans, to tell budget questions from offers.
  const sentences: { start: number; end: number; text: string }[] = [];
  {
    const re = /[^.!?]*(?:[.!?]+|$)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length === 0) {
        if (re.lastIndex >= s.length) break;
        re.lastIndex++;
        continue;
      }
      sentences.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  const sentenceAt = (i: number) => {
    for (const sp of sentences) if (i >= sp.start && i < sp.end) return sp;
    return { start: 0, end: s.length, text: s };
  };
  MONEY_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONEY_RE.exec(s)) !== null) {
    if (m[0].length === 0) {
      MONEY_RE.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    const numStart = start + (m[1] ? m[1].length : 0);
    // Not a whole number (part of a longer digit run, a version "1.2.3", a word like "v8").
    if ((numStart > 0 && /[\d.,a-z]/.test(s[numStart - 1]) && !m[1]) || (end < s.length && /\d/.test(s[end]))) continue;
    const digits = m[2].replace(/,/g, "");
    let value = Number(digits + (m[3] ? `.${m[3]}` : ""));
    if (!Number.isFinite(value)) continue;
    const percent = !!m[6];
    const thousand = !!m[4];
    if (percent) {
      if (m[1] || thousand) continue;
      const sent = sentenceAt(start);
      out.push({ value, index: start, end, unit: "percent", isDiscount: true, isBudget: false, inQuestion: sent.text.includes("?") });
      continue;
    }
    const dollar = !!m[1] || !!m[5];
    const commas = m[2].includes(",");
    if (!(dollar || thousand || commas)) {
      if (digits.length < 4) continue;
      if (value >= 1900 && value <= 2099 && !m[3]) continue;
      if (UNIT_AFTER.test(s.slice(end, end + 14))) continue;
    }
    if (thousand) value *= 1000;
    value = Math.round(value);
    const sent = sentenceAt(start);
    const before = s.slice(Math.max(sent.start, start - 40), start);
    const isDiscount = DISCOUNT_AFTER.test(s.slice(end, end + 14)) || DISCOUNT_BEFORE.test(before);
    const isBudget = !isDiscount && BUDGET_WORDS.test(sent.text) && !OFFER_WORDS.test(sent.text);
    out.push({ value, index: start, end, unit: "money", isDiscount, isBudget, inQuestion: sent.text.includes("?") });
  }
  return out;
}

interface FeaturePattern {
  readonly feature: Feature;
  readonly re: RegExp;
}

/** Phrases naming each feature (the reference's eight and the data generator's spellings). */
export const FEATURE_PATTERNS: readonly FeaturePattern[] = [
  { feature: "backup camera", re: /\b(?:back-?up cam(?:era)?s?|rear[- ]?view cam(?:era)?s?|rear cam(?:era)?s?|reverse cam(?:era)?s?|reversing cam(?:era)?s?)\b/g },
  { feature: "navigation system", re: /\b(?:navigation|nav system|built-in nav|gps|sat-?nav)\b/g },
  { feature: "heated seats", re: /\b(?:heated (?:front |rear |leather )?seats?|seat heaters?|heated seating)\b/g },
  { feature: "leather seats", re: /\b(?:leather(?: seats?| seating| interior| upholstery)?)\b/g },
  { feature: "third-row seating", re: /\b(?:third[- ]row(?: seating| seats?)?|3rd[- ]row(?: seating| seats?)?|seven[- ]seat(?:er|s)?|7[- ]seat(?:er|s)?|eight[- ]seat(?:er|s)?)\b/g },
  { feature: "blind spot monitoring", re: /\b(?:blind[- ]?spot(?: monitoring| monitors?| detection| warning| assist)?)\b/g },
  { feature: "sunroof", re: /\b(?:sun ?roofs?|moon ?roofs?|panoramic (?:glass )?roof|sunroof\/moonroof)\b/g },
  { feature: "Apple CarPlay", re: /\b(?:apple car ?play|car ?play|android auto)\b/g },
];

const NEGATION_BEFORE = /\b(?:no|not|doesn't|does not|don't|do not|didn't|without|lacks?|lacking|isn't|is not|aren't|are not|won't|unfortunately|missing|neither|nor|never|can't|cannot)\b[^.!?;]*$/;
const NEGATION_AFTER = /^[^.!?;]{0,20}\b(?:isn't|is not|aren't|are not|not included|not available|unavailable|is missing|are missing)\b/;

/**
 * The features `text` names, split into those said to be there and those said to be missing ("no
 * sunroof", "it doesn't have heated seats", "the sunroof isn't available").
 *
 * @example
 * findFeatures("It has heated seats but no sunroof."); // { present: ["heated seats"], absent: ["sunroof"] }
 */
export function findFeatures(text: string): { present: Feature[]; absent: Feature[] } {
  const s = cleanText(text);
  const present: Feature[] = [];
  const absent: Feature[] = [];
  for (const { feature, re } of FEATURE_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const before = s.slice(Math.max(0, m.index - 40), m.index);
      // Only the clause right before the feature counts ("It has heated seats, but no sunroof").
      const clause = before.split(/,|\bbut\b|\band\b|\bwith\b|\bplus\b/).pop() ?? "";
      const neg = NEGATION_BEFORE.test(clause) || NEGATION_AFTER.test(s.slice(m.index + m[0].length, m.index + m[0].length + 30));
      const list = neg ? absent : present;
      if (!list.includes(feature)) list.push(feature);
      if (re.lastIndex === m.index) re.lastIndex++;
    }
  }
  // A feature both affirmed and denied in one line counts as denied.
  return { present: present.filter((f) => !absent.includes(f)), absent };
}

const BRAND_PATTERNS: readonly { brand: Brand; re: RegExp }[] = [
  { brand: "a Volkswagen", re: /\b(?:volkswagen|vw)\b/ },
  { brand: "a Lexus", re: /\blexus\b/ },
  { brand: "a Ford", re: /\bford\b/ },
  { brand: "a Mazda", re: /\bmazda\b/ },
  { brand: "a Hyundai", re: /\bhyundai\b/ },
  { brand: "a Toyota", re: /\btoyota\b/ },
  { brand: "a Mercedes-Benz", re: /\b(?:mercedes(?:-benz)?|benz)\b/ },
  { brand: "a BMW", re: /\bbmw\b/ },
  { brand: "an Audi", re: /\baudi\b/ },
  { brand: "a Subaru", re: /\bsubaru\b/ },
  { brand: "a Honda", re: /\bhonda\b/ },
  { brand: "a Porsche", re: /\bporsche\b/ },
  { brand: "a Tesla", re: /\btesla\b/ },
];
if (BRAND_PATTERNS.length !== BRANDS.length) throw new Error("car-dealer parse: a brand lacks a pattern");

/** The brands `text` names, in the env's spelling ("a BMW"). */
export function findBrands(text: string): Brand[] {
  const s = cleanText(text);
  return BRAND_PATTERNS.filter((b) => b.re.test(s)).map((b) => b.brand);
}

const TYPE_PATTERNS: readonly { type: CarType; re: RegExp }[] = [
  { type: "luxury", re: /\bluxury\b/ },
  { type: "sedan", re: /\bsedans?\b/ },
  { type: "convertible", re: /\bconvertibles?\b|\bcabrio(?:let)?\b/ },
  { type: "truck", re: /\b(?:trucks?|pickups?|pick-ups?)\b/ },
  { type: "electric", re: /\b(?:electric|evs?)\b/ },
  { type: "SUV", re: /\b(?:suvs?|crossovers?)\b/ },
];

/** The body types `text` names. */
export function findTypes(text: string): CarType[] {
  const s = cleanText(text);
  return TYPE_PATTERNS.filter((t) => t.re.test(s)).map((t) => t.type);
}

/** Common English and car-sale words: a line with none of them (and no number) is not understood. */
const KNOWN_WORDS = new Set(
  (
    "a able about above absolutely across actually add after again against ago agree ahead alright all almost alone along " +
    "already also although always am amazing among an and another answer any anyone anything anyway anywhere are area around " +
    "as ask asked asking at available away awesome back bad be beautiful because become been before behind being believe " +
    "below best better between beyond big bit both bottom brand brands bring brought budget build business but buy buyer " +
    "buying by call came can can't cannot car care cars case cash certainly chance change cheap check choice choose clean " +
    "clear close color colors colour come comes coming comfortable company condition consider cost costs could couldn't " +
    "course credit customer day days deal dealer dealership deals decide decision definitely did didn't different discount " +
    "discounts do does doesn't doing don't done down drive driven driver driving drop during each early easy else end enough " +
    "especially even ever every everyone everything exactly example excellent except exciting expect expensive extra fact " +
    "fair family fantastic far fast favorite feature features feel few final finally finance financing find fine first fit " +
    "for forget free friend from front full fun further get gets getting give given giving glad go goes going gone good got " +
    "great guarantee guess had half happy hard has have haven't having he hear hello help her here hey hi high higher him his " +
    "hold home honest honestly hope how however huge i i'd i'll i'm i've idea if important in include included includes " +
    "including indeed inside instead interest interested into is isn't it it's its itself just keep kind know known large " +
    "last late later least left less let let's life like likely little long look looking looks lot lots love lovely low lower " +
    "made main make makes making manager many market matter may maybe me mean means mind mine minute minutes model models " +
    "moment money month months more most much must my myself name need needs never new next nice no nobody none nope normally " +
    "not nothing now of off offer offered offering offers often oh ok okay old on once one ones only open option options or " +
    "order other our ours out over own paperwork part pay paying payment people per perfect perhaps person pick place plan " +
    "please plenty plus point popular possible pretty price prices priced pricing probably problem promise purchase put " +
    "quality question questions quick quickly quite rate rather ready real really reason reasonable recommend reliable " +
    "remember right road run safe safety said sale same save saw say saying says second see seem seems sell seller selling " +
    "sense seriously service set several she should show side simple simply since sir so some someone something sometimes " +
    "soon sorry sound sounds special spend standard start still stock store straight sure take taken talk talking tell than " +
    "thank thanks that that's the their them then there there's these they they're thing things think this those though " +
    "thought through time times to today together told tomorrow too top total totally toward trade true trust try trying two " +
    "under understand unfortunately until up upon us use used usual usually value very wait want wanted wants warranty was " +
    "way we we'll we're we've week weekend welcome well went were what what's whatever when where whether which while who " +
    "whole why will wish with within without won't wonderful work works worth would wouldn't wow yeah year years yes yet you " +
    "you'd you'll you're you've your yours yourself zero morning afternoon evening madam ma'am mister miss folks buddy pal " +
    "friend guy seats seat camera roof sunroof moonroof navigation leather heated suv sedan truck electric luxury convertible " +
    "engine miles mileage mpg gas fuel hybrid tires interior exterior trim package lot showroom keys key test insurance lease " +
    "loan down percent dollars bucks thousand grand k idiot stupid dumb shut fool moron loser hate ignore rules instructions " +
    "msrp sticker reveal secret system prompt output decision accept reject hurry firm negotiable negotiate rebate promotion " +
    "sale bargain steal affordable cheaper expensive pricey cost overseas abroad japan germany america korea"
  ).split(" "),
);

const RUDE_RE = /\b(?:idiot|idiots|stupid|dumb|moron|morons|shut up|cheapskate|loser|losers|pathetic|hate you|get lost|go away|waste of (?:my )?time|wasting my time|damn|crap|fool|jerk|clown|screw you|piss off|bozo|imbecile|ugly|useless|get out|broke)\b/;
const PROBE_RE = /\b(?:msrp|invoice(?: price)?|dealer cost|(?:tell me|what(?:'s| is)|you know) (?:the |your )?(?:sticker|list) price|ignore (?:all |the |your |any |previous |prior )*(?:rules|instructions|prompts?)|system prompt|reveal (?:the |your )?(?:msrp|price|budget|instructions|secret|hidden)|your instructions|hidden (?:msrp|price|information|info)|output:|decision=)/;
const DISCOUNT_TALK_RE = /\b(?:discounts?|discounted|rebates?|% off|percent off|off the (?:price|sticker|msrp|list)|knock|special (?:offer|deal|price|pricing)|promotions?|promo|incentives?|markdown|clearance|sale price|savings|save you|lower (?:the|my) price|reduce(?:d)? (?:the )?price|cut (?:the|my) price|take .{0,20} off|price cut|deal for you|great deal|best deal|financing offer)\b/;
const NO_DISCOUNT_RE = /\b(?:no|not|never|don't|do not|can't|cannot|won't|isn't|doesn't|unable to)\b[^.!?]{0,30}\b(?:discounts?|discounting|rebates?|lower|reduce|negotiat\w*|go down|come down|budge|move on (?:the )?price)|\b(?:price|it) is (?:firm|final|fixed|set)\b|\bnon-?negotiable\b|\bfirm (?:price|on (?:the )?price)\b|\btake it or leave it\b/;
const FIRM_RE = /\b(?:best (?:price|i can do|offer|deal i can)|final (?:price|offer)|firm|non-?negotiable|can't go (?:any )?lower|cannot go (?:any )?lower|won't go (?:any )?lower|take it or leave it|bottom line|lowest i can go|that's the price)\b/;
const FEATURE_TALK_RE = /\b(?:features?|equipped|comes with|loaded|technology|tech package|safety|horsepower|engine|mpg|fuel economy|fuel efficiency|infotainment|sound system|speakers|cruise control|lane assist|all-wheel|awd|trim|package|interior|upholstery|cargo|towing|range of)\b/;
const ASK_BUDGET_RE = /\b(?:budget|price range|how much (?:are|do|would|were|can|could) you|afford|looking to (?:spend|pay)|willing to (?:spend|pay)|want to spend|hoping to spend|plan(?:ning)? to spend|what (?:can|could) you pay)\b/;
const ASK_FEATURES_RE = /\b(?:what features|which features|features (?:are|do|would|that)|any features|must[- ]haves?|anything (?:specific|special|in particular)|looking for in (?:a|your|the) (?:car|vehicle)|important to you|what (?:do|would) you (?:need|want|like)|what are you looking for in|preferences?|requirements?)\b/;
const ASK_NEEDS_RE = /\b(?:what (?:kind|type|sort|brand|make|model|car|vehicle)|which (?:brand|make|model|car|type)|what are you looking for|what brings you|how (?:can|may) i help|what can i (?:do|help)|looking for today|in the market for|shopping for|interested in)\b/;
const ASK_DECISION_RE = /\b(?:do we have a deal|deal\?|ready to (?:buy|sign|move forward|purchase|make|go|do this|drive)|shall we|would you like to (?:buy|purchase|take|proceed|go ahead|move forward)|want to (?:buy|take|purchase|go ahead)|(?:sign|do) the paperwork|start the paperwork|take it\?|how does that sound|what do you (?:say|think)|interested\?|sound good\?|works for you\?|can we make a deal|close the deal|are you in)\b/;
const AGREE_RE = /\b(?:(?:it's a |you've got a |you got a |we have a |then it's a )?deal[.!]|agreed|i can do that|i could do that|i can make that work|you got it|you've got it|it's yours|i accept|accepted|let's do it|that works for me|i'll take it|i will take it|sold)\b/;
const GREETING_RE = /^\W*(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|welcome|greetings|howdy)\b/;
const THANKS_RE = /\b(?:thank you|thanks|appreciate)\b/;
const QUESTION_START_RE = /(?:^|[.!?]\s+)(?:what|how|which|when|where|why|who|do|does|did|are|is|would|could|can|will|shall|may|have|has)\b/;

/** What the buyer understands of one seller line. */
export interface SellerReading {
  /** Nothing but whitespace. */
  readonly empty: boolean;
  /** No known word, amount, feature, brand or type: the buyer understands nothing. */
  readonly gibberish: boolean;
  /** The price the seller proposes for the car (the last amount that is not a discount or a budget guess). */
  readonly offer: number | null;
  /** Budget guesses ("Is $30k your budget?"). */
  readonly budgetGuess: number | null;
  /** Dollars off ("$2,000 off"). */
  readonly discountAmount: number | null;
  /** Percent off ("5% off"). */
  readonly discountPercent: number | null;
  /** Talks about discounts, promotions, lowering the price. */
  readonly discountTalk: boolean;
  /** Says there is no discount / the price is firm. */
  readonly refusesDiscount: boolean;
  readonly firm: boolean;
  readonly featuresPresent: readonly Feature[];
  readonly featuresAbsent: readonly Feature[];
  /** Talks about features (named ones or in general). */
  readonly featureTalk: boolean;
  readonly brands: readonly Brand[];
  readonly types: readonly CarType[];
  readonly question: boolean;
  readonly asksBudget: boolean;
  readonly asksFeatures: boolean;
  readonly asksNeeds: boolean;
  readonly asksDecision: boolean;
  /** Agrees to the buyer's proposal ("Deal.", "I can do that.") */
  readonly agrees: boolean;
  readonly greeting: boolean;
  readonly thanks: boolean;
  readonly rude: boolean;
  /** Asks for the MSRP, the buyer's instructions, or writes the Output marker (prompt injection). */
  readonly probe: boolean;
  /** Starts with a yes ("Yes.", "It does.", "Of course."). */
  readonly affirms: boolean;
  /** Starts with a no ("No.", "It doesn't."). */
  readonly denies: boolean;
  /** Words in the line (the impatient buyer dislikes long speeches). */
  readonly words: number;
}

const AFFIRM_RE = /^\W*(?:yes|yeah|yep|yup|sure|of course|absolutely|definitely|certainly|it does|it has|correct|indeed)\b/;
const DENY_RE = /^\W*(?:no|nope|it doesn't|it does not|unfortunately not|not really|sadly no)\b/;

/**
 * Reads one seller line.
 *
 * @example
 * const r = readSellerLine("How about $28,000? That's 10% off!");
 * r.offer;           // 28000
 * r.discountPercent; // 10
 */
export function readSellerLine(text: string): SellerReading {
  const hit = readingCache.get(text);
  if (hit !== undefined) return hit;
  const r = Object.freeze(computeReading(text));
  if (text.length <= 2000) {
    if (readingCache.size >= 4096) readingCache.clear();
    readingCache.set(text, r);
  }
  return r;
}

/** Readings of recent lines (a seller line is read by the buyer and again by the scripted sellers). */
const readingCache = new Map<string, SellerReading>();

function computeReading(text: string): SellerReading {
  const s = cleanText(text);
  const trimmed = s.trim();
  const money = findMoney(text);
  let offer: number | null = null;
  let budgetGuess: number | null = null;
  let discountAmount: number | null = null;
  let discountPercent: number | null = null;
  for (const m of money) {
    if (m.unit === "percent") {
      if (m.value > 0 && m.value < 100) discountPercent = m.value;
    } else if (m.isDiscount) {
      if (m.value > 0) discountAmount = m.value;
    } else if (m.isBudget) {
      if (m.value >= MIN_CAR_PRICE) budgetGuess = m.value;
    } else if (m.value >= MIN_CAR_PRICE) offer = m.value;
  }
  const feats = findFeatures(text);
  const brands = findBrands(text);
  const types = findTypes(text);
  const words = trimmed === "" ? [] : trimmed.split(/\s+/);
  let known = 0;
  for (const w of trimmed.matchAll(/[a-z']+/g)) if (KNOWN_WORDS.has(w[0])) known++;
  const understood = known > 0 || money.length > 0 || feats.present.length + feats.absent.length > 0 || brands.length > 0 || types.length > 0;
  const refusesDiscount = NO_DISCOUNT_RE.test(s);
  const discountTalk = DISCOUNT_TALK_RE.test(s) || discountAmount !== null || discountPercent !== null;
  const question = s.includes("?") || QUESTION_START_RE.test(trimmed);
  return {
    empty: trimmed === "",
    gibberish: trimmed !== "" && !understood,
    offer,
    budgetGuess,
    discountAmount,
    discountPercent,
    discountTalk,
    refusesDiscount,
    firm: FIRM_RE.test(s) || refusesDiscount,
    featuresPresent: feats.present,
    featuresAbsent: feats.absent,
    featureTalk: feats.present.length + feats.absent.length > 0 || FEATURE_TALK_RE.test(s),
    brands,
    types,
    question,
    asksBudget: ASK_BUDGET_RE.test(s) && question,
    asksFeatures: ASK_FEATURES_RE.test(s) && question,
    asksNeeds: ASK_NEEDS_RE.test(s) && question,
    asksDecision: ASK_DECISION_RE.test(s) && !/test drive|for a spin/.test(s),
    agrees: AGREE_RE.test(s) && !ASK_DECISION_RE.test(s),
    greeting: GREETING_RE.test(trimmed),
    thanks: THANKS_RE.test(s),
    rude: RUDE_RE.test(s),
    probe: PROBE_RE.test(s),
    affirms: AFFIRM_RE.test(trimmed),
    denies: DENY_RE.test(trimmed),
    words: words.length,
  };
}
