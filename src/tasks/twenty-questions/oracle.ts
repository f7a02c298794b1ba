/**
 * A deterministic, knowledge-based Twenty Questions oracle. The reference oracle is FLAN-T5-XL
 * fine-tuned on GPT-3.5 answers (`T5Oracle`, `llm_rl_scripts/twenty_questions/env/oracle.py`,
 * github.com/abdulhaim/LMRL-Gym; LMRL-Gym paper, App. C.6); no weights exist offline, so this oracle
 * reads the question with a small phrase grammar ("Is it a/an X?", "Does it have X?", "Can you X it?",
 * "Is it used for X?", "Is it bigger than X?", "Would you find it in X?", ...), maps the words inside
 * each frame onto the attribute table in knowledge.ts through the phrase tables of lexicon.ts, and
 * answers for the hidden object. As in the reference, the reply is only ever "Yes." or "No.": a
 * question it cannot map is answered "No." (the reference turns any output not starting with yes/no
 * into "No."), and so is the sentinel "Is this a valid question?".
 *
 * @example
 * const cat = findTwentyQObject("Cat")!;
 * answerQuestion(cat, "Is it a mammal?");             // { answer: "Yes.", understood: true, attribute: "mammal" }
 * answerQuestion(cat, "Is it a dog?").answer;         // "No."
 * answerQuestion(cat, "Would you find it in a house?").answer; // "Yes."
 * answerQuestion(cat, "Tell me the object").understood;        // false (answered "No.")
 */
import { ALIASES, ALSO_IS, hasAttribute, isAttribute, sizeOf } from "./knowledge";
import {
  ADJECTIVES, BODY, CLASSES, DIET, DO_VERBS, FIT_CAP_MAP, GROW_PLACES, HAS, KIND_OF, LOOKS_LIKE, MAKERS, MATERIALS, NEEDS, OTHER_THINGS,
  PARTICIPLES, PART_OF, PLACES, PLAY_WITH, PURPOSES, SIZE_REF_MAP, TRAVEL, USED_WITH, USERS, YOU_VERBS, canon, forms, singulars, type Lexicon,
} from "./lexicon";
import { TWENTY_Q_OBJECTS, type TwentyQObject } from "./objects";

/** The only two replies, as the reference's env writes them. */
export type OracleReply = "Yes." | "No.";

/** An oracle reply, whether the question was understood, and the attribute (or guess) it was read as. */
export interface OracleAnswer {
  answer: OracleReply;
  understood: boolean;
  attribute?: string;
}

/** The reference's sentinel for an invalid question (`INVALID_QUESTION` in env/data.py), always "No.". */
export const INVALID_QUESTION = "Is this a valid question?";

/** Longer questions are not read (the reference's asker post-processing rejects questions over 40 words). */
const MAX_QUESTION_CHARS = 400;
const MAX_QUESTION_WORDS = 40;

/**
 * Answers one yes/no question about the hidden object. Never throws and never returns anything but
 * "Yes." or "No." (so it cannot leak the object); unmapped questions get `understood: false`.
 *
 * @example
 * answerQuestion(findTwentyQObject("Mango")!, "Is it a fruit?").answer; // "Yes."
 */
export function answerQuestion(object: TwentyQObject, question: string): OracleAnswer {
  try {
    const p = interpretQuestion(question);
    if (!p) return { answer: "No.", understood: false };
    return { answer: p.test(object) ? "Yes." : "No.", understood: true, attribute: p.label };
  } catch {
    return { answer: "No.", understood: false };
  }
}

/** A question read as a test on objects, with a label naming the attribute(s) it checks. */
export interface QuestionReading {
  readonly label: string;
  readonly test: (o: TwentyQObject) => boolean;
}

/**
 * The object-independent reading of a question, or undefined when it cannot be mapped.
 *
 * @example
 * interpretQuestion("Does it have wheels?")?.label; // "wheels"
 */
export function interpretQuestion(question: string): QuestionReading | undefined {
  if (typeof question !== "string") return undefined;
  const text = pickQuestion(question);
  if (text.length === 0 || text.length > MAX_QUESTION_CHARS) return undefined;
  const s = normalize(text);
  if (s.split(" ").length > MAX_QUESTION_WORDS) return undefined;
  if (s === SENTINEL) return reading("invalid-question", () => false);
  return new QuestionParser().statement(s);
}

// ───────────────────────────── readings ─────────────────────────────

type Reading = QuestionReading;

const reading = (label: string, test: (o: TwentyQObject) => boolean): Reading => ({ label, test });
const and = (a: Reading, b: Reading): Reading => reading(`${a.label}&${b.label}`, (o) => a.test(o) && b.test(o));
const or = (a: Reading, b: Reading): Reading => reading(`${a.label}|${b.label}`, (o) => a.test(o) || b.test(o));
const not = (a: Reading): Reading => reading(`!(${a.label})`, (o) => !a.test(o));

const compiled = new Map<string, Reading>();

const OBJECT_NAMES = new Set(TWENTY_Q_OBJECTS.map((o) => o.name));

/**
 * A reading from an attribute expression: "|" = or, "&" = and, "!" = not; a term is an attribute id
 * of knowledge.ts or an object name, e.g. "vegetable&green", "Desk|Table".
 */
function attr(expr: string): Reading {
  const hit = compiled.get(expr);
  if (hit) return hit;
  const alts = expr.split("|").map((conj) => conj.split("&").map((t) => termTest(t.replace(/^!/, ""), t.startsWith("!"), expr)));
  const r = reading(expr, (o) => alts.some((conj) => conj.every((test) => test(o))));
  compiled.set(expr, r);
  return r;
}

function termTest(id: string, negated: boolean, expr: string): (o: TwentyQObject) => boolean {
  if (isAttribute(id)) return (o) => hasAttribute(o, id) !== negated;
  if (OBJECT_NAMES.has(id)) return (o) => (o.name === id) !== negated;
  throw new Error(`oracle lexicon names unknown attribute or object "${id}" in "${expr}" (see knowledge.ts)`);
}

/** "Yes" exactly for the named object (and for objects that also are it, see ALSO_IS). */
function guess(name: string): Reading {
  return reading(`guess:${name}`, (o) => o.name === name || (ALSO_IS[o.name] ?? []).includes(name));
}

/** Size comparison against a reference size in cm, with a 10% margin so equal sizes answer No. */
function sizeCompare(bigger: boolean, refCm: number): Reading {
  return bigger
    ? reading(`size>${refCm}`, (o) => sizeOf(o) > refCm * 1.1)
    : reading(`size<${refCm}`, (o) => sizeOf(o) < refCm / 1.1);
}

// ───────────────────────────── text normalisation ─────────────────────────────

const SENTINEL = "is this a valid question";

/** The last "?"-terminated sentence of the input (else its last sentence), e.g. "Great! Is it red?" → "Is it red". */
function pickQuestion(raw: string): string {
  const s = raw.slice(0, 4 * MAX_QUESTION_CHARS).replace(/\b(?:etc|e\.g|i\.e)\./gi, " ");
  let last = "";
  let lastAsked = "";
  for (const m of s.matchAll(/([^.!?]*)([.!?]+|$)/g)) {
    const body = m[1].trim();
    if (!body) continue;
    last = body;
    if (m[2].includes("?")) lastAsked = body;
  }
  return (lastAsked || last).trim();
}

const INTERJECTION = /^(?:yes|no|ok|okay|so|well|hmm+|hm|alright|great|cool|interesting|thanks|thank you|i see|right|oh|ah|and|but|then|next|now|also|question|q|alright then|got it|understood|let me see|lets see|next question|my next question is|my question is|please)(?:\s*,\s*|\s+)/;

/** Lower-case ASCII words: apostrophes dropped ("it's" → "its"), other punctuation to spaces (commas kept as " , "). */
function words(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019`']/g, "").replace(/[,;:]/g, " , ").replace(/[^a-z0-9, ]+/g, " ").replace(/\s+/g, " ").trim();
}

/** A question as words: leading interjections ("Ok, so ...") dropped, comma lists turned into or/and. */
function normalize(text: string): string {
  let s = words(text);
  for (let i = 0; i < 6; i++) {
    const t = s.replace(INTERJECTION, "").trim();
    if (t === s || t.length === 0) break;
    s = t;
  }
  if (/ , /.test(s) || s.endsWith(" ,")) {
    if (/\bor\b/.test(s)) s = s.replace(/ , (?:or )?/g, " or ");
    else if (/\band\b/.test(s)) s = s.replace(/ , (?:and )?/g, " and ");
    s = s.replace(/ ?,/g, " ");
  }
  return s.replace(/^please /, "").replace(/ please$/, "").replace(/\s+/g, " ").trim();
}

/** Base-verb candidates of a word: "flies" → fly, "cutting" → cut, "writing" → write. */
function verbForms(w: string): string[] {
  const out = [w];
  if (VERB_IRREGULAR[w]) out.push(VERB_IRREGULAR[w]);
  if (w.length > 4 && w.endsWith("ing")) {
    const stem = w.slice(0, -3);
    out.push(stem, `${stem}e`);
    if (/([bdgmnprt])\1$/.test(stem)) out.push(stem.slice(0, -1));
  }
  for (const s of singulars(w).slice(1)) out.push(s);
  return out;
}

const VERB_IRREGULAR: Readonly<Record<string, string>> = { has: "have", does: "do", goes: "go", is: "be", flies: "fly", carries: "carry" };

/** The phrase with its first word replaced by the first base form the lexicon knows (or unchanged). */
function baseFirst(phrase: string, known: (p: string) => boolean): string {
  const [w, ...rest] = phrase.split(" ");
  for (const v of verbForms(w)) {
    const cand = [v, ...rest].join(" ");
    if (known(cand)) return cand;
  }
  return phrase;
}

// ───────────────────────────── lexicon lookups ─────────────────────────────

/** Exact lookup of a phrase (canonical, last word singular or not). */
function lookupExact(lex: Lexicon, phrase: string): Reading | undefined {
  const c = canon(phrase);
  if (!c) return undefined;
  for (const f of forms(c)) {
    const e = lex.get(f);
    if (e !== undefined) return attr(e);
  }
  return undefined;
}

const CONJUNCTIONS = new Set(["or", "and", "but", "nor", "not", "than"]);

/**
 * Longest-prefix lookup, first word tried as a base verb ("cutting wood" → "cut wood" → "cut"): the
 * unmatched tail (at most 4 words, no conjunction) is ignored, e.g. "used for cutting paper into strips".
 */
function lookupPrefix(lex: Lexicon, phrase: string): Reading | undefined {
  const words = canon(phrase).split(" ").filter(Boolean);
  if (words.length === 0) return undefined;
  for (const first of verbForms(words[0])) {
    const ws = [first, ...words.slice(1)];
    for (let n = ws.length; n >= 1; n--) {
      const tail = ws.slice(n);
      if (tail.length > 4 || tail.some((w) => CONJUNCTIONS.has(w))) continue;
      const r = lookupExact(lex, ws.slice(0, n).join(" "));
      if (r) return r;
    }
  }
  return undefined;
}

// ───────────────────────────── question frames ─────────────────────────────

/** Words that, after a noun, start a clause about it ("an animal that ...", "a tool used for ..."). */
const CLAUSE_START = new Set([
  "that", "which", "who", "used", "found", "worn", "made", "kept", "eaten", "played", "seen", "grown", "located", "with", "without", "you", "people",
  "in", "on", "at", "for", "from", "typically", "usually", "commonly", "often", "normally", "generally", "primarily", "mostly", "mainly", "designed",
  "meant", "intended", "associated", "related", "able", "capable", "we", "one", "someone", "kids", "children", "humans", "inside", "near",
]);

/** Heads that add nothing to a clause ("something you can eat" = "you can eat"). */
const GENERIC_HEADS = new Set([
  "something", "anything", "thing", "object", "item", "one", "stuff", "product", "kind of thing", "type of thing", "sort of thing", "type of object",
  "kind of object", "type of item", "kind of item", "some thing", "physical object", "everyday object", "everyday item", "common object", "common item",
]);

const YOU_SUBJECTS =
  "(?:you|u|people|we|one|someone|somebody|anyone|anybody|humans|a person|most people|i|children|kids|adults|ya|everyone|the average person|persons|others|a human|humans typically|people typically|people usually|you typically|you usually|an adult|a child|a kid|(?:several|multiple|two|many|a few|most|more than one) people)";

const SUBJ =
  "(?:(?:the|this|that|your|our)(?: secret| hidden| mystery| mysterious| chosen| selected)? (?:object|item|thing|word|answer)s?(?: (?:you are|youre) thinking (?:of|about))?|it|this|that|they|these|those)";

const RE = {
  wrapper: /^(?:do you think|would you say|would you consider|would you call|would you describe|do you consider|do you know if|can you tell me if|can you tell me whether|could you tell me if|tell me if|tell me whether|i wonder if|i wonder whether|i want to know if|is it true that|is it the case that|im wondering if|i think|i guess|my guess is|my guess is that|is it possible that|could it be that|might it be that|would it be fair to say) (.+)$/,
  statementBe: new RegExp(`^${SUBJ} (?:is|are|was|s|would be|could be|might be|may be|will be|can be|should be|to be|be|as|must be)\\s+(.+)$`),
  statementBare: new RegExp(`^${SUBJ} (.+)$`),
  statementDo: new RegExp(`^${SUBJ} (can|could|does|do|will|would|might|may|should|has|have|must) (.+)$`),
  be: new RegExp(`^(?:is|are|was|were|isnt|arent|wasnt|werent) ${SUBJ} (.+)$`),
  modalBe: new RegExp(`^(?:could|can|might|may|would|will|should|must|couldnt|cant|wouldnt|wont) ${SUBJ} (?:possibly |perhaps |maybe |also |ever |still |really |actually |even )?be (.+)$`),
  doSubj: new RegExp(`^(does|do|did|can|could|will|would|might|may|should|must|doesnt|dont|didnt|cant|couldnt|wouldnt|wont|has|have|hasnt|havent) ${SUBJ} (.+)$`),
  you: new RegExp(`^(?:can|could|do|does|would|will|did|might|may|should|must|are|is|cant|dont|wouldnt|couldnt|doesnt|have) ${YOU_SUBJECTS} (.+)$`),
  its: /^(?:its|it is|this is|that is|thats|they are|theyre|it s|these are|those are|this would be|it would be|it could be|it might be|it must be|it may be) (.+)$/,
  itDo: /^(?:it|this|they|that) (can|could|does|do|will|would|might|may|has|have|must|should) (.+)$/,
  youClause: new RegExp(`^${YOU_SUBJECTS} (.+)$`),
};

const LEAD_FILLER =
  /^(?:typically|usually|generally|commonly|often|normally|mostly|mainly|primarily|always|actually|really|also|still|perhaps|possibly|probably|maybe|likely|definitely|more|very|quite|pretty|rather|fairly|relatively|extremely|super|particularly|especially|somewhat|considered(?: to be| as)?|classified as|categorized as|categorised as|regarded as|thought of as|known as|described as|best described as|seen as|viewed as|counted as|at least|by any chance|in any way|most commonly|most often|most likely|frequently|sometimes|ever|just|simply|basically|essentially|technically|necessarily|an example of|one of the|one of|some sort of|some kind of|some type of|some form of|sort of|kind of|any kind of|any type of|any sort of|colou?red|the colou?r|a shade of|predominantly|bright|dark|deep|pale|light colored|naturally|traditionally|originally|either|exactly|truly|in fact|strictly|officially|known to be|considered a type of|a specific|specifically|also known as)\s+/;

const TRAIL_FILLER =
  /\s+(?:at all|in general|generally|usually|typically|normally|commonly|often|mostly|or not|right|as well|too|etc|in real life|in everyday life|in daily life|every day|daily|in most cases|most of the time|for the most part|by (?:most )?people|by humans|by someone|by a person|by many people|in any way|in some way|by nature|regularly|frequently|nowadays|today|these days|anymore|in the world|on earth|somehow|though|then|exactly|precisely|specifically|primarily|mainly|necessarily|always|sometimes|currently|now|still|yet|really|actually|in colou?r|colou?red|in appearance|in shape|shaped|in size|sized|on (?:the )?outside|on (?:the )?inside|when ripe|when used|in your opinion|do you think|would you say|or something|or anything|or something like that|of some sort|of some kind|of any kind|in particular|by default|on average|overall|in some form|as a rule|at times|either|or what|perhaps|maybe|possibly|probably|for sure|for example|for instance|also|again|here|there|by itself|on its own|alone|yes or no)$/;

const DET_START = /^(?:a|an|the|some|any|one of the|one of|another|such a|just a|kind of a|sort of a)\s/;

const YOU_LEAD =
  /^(?:can|could|would|will|might|may|should|must|usually|typically|normally|generally|often|commonly|ever|actually|really|also|easily|safely|sometimes|always|regularly|still|even|find it possible to|be able to|able to|need to|have to|want to|like to|tend to|mostly|mainly|primarily|frequently|probably|possibly|just|only|still|typically|usually|ordinarily|normally|realistically|practically|comfortably|physically|get to)\s+/;

// ───────────────────────────── the parser ─────────────────────────────

/** Reads one normalised question; every method returns a Reading or undefined. Bounded work per question. */
class QuestionParser {
  private budget = 250;
  private readonly memo = new Map<string, Reading | undefined>();

  /** `parse(core)` once per (kind, core) within this question: or/and splits and clause splits revisit sub-phrases. */
  private cached(kind: string, core: string, parse: () => Reading | undefined): Reading | undefined {
    const key = `${kind}:${core}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const r = parse();
    this.memo.set(key, r);
    return r;
  }

  /** The whole question: picks the frame (be / do / you / statement) and reads its core. */
  statement(s: string): Reading | undefined {
    let m: RegExpExecArray | null;
    if ((m = RE.wrapper.exec(s))) return this.statementCore(m[1]) ?? this.statement(m[1]);
    if ((m = RE.be.exec(s))) return this.be(m[1]);
    if ((m = RE.modalBe.exec(s))) return this.be(m[1]);
    if ((m = RE.you.exec(s))) return this.you(m[1]);
    if ((m = RE.doSubj.exec(s))) return this.doVerb(withHave(m[1], m[2]));
    if ((m = RE.its.exec(s))) return this.be(m[1]);
    if ((m = RE.itDo.exec(s))) return this.doVerb(withHave(m[1], m[2]));
    const name = objectNamed(s); // a bare guess without a frame ("Cat?", "A pair of shoes?"); nothing else
    return name ? guess(name) : undefined;
  }

  /** "it is X" / "it can X" / "it X-s" after "do you think", "would you say", ... */
  private statementCore(s: string): Reading | undefined {
    let m: RegExpExecArray | null;
    if ((m = RE.statementDo.exec(s))) return this.doVerb(withHave(m[1], m[2]));
    if ((m = RE.statementBe.exec(s))) return this.be(m[1]);
    if ((m = RE.statementBare.exec(s))) return this.be(m[1]) ?? this.doVerb(m[1]);
    return undefined;
  }

  private spend(): boolean {
    return --this.budget > 0;
  }

  /** Tries `parse` on the whole core, then on its or/and parts ("a fruit or a vegetable", "red and round"). */
  private withParts(core: string, parse: (s: string) => Reading | undefined): Reading | undefined {
    const direct = parse(core);
    if (direct) return direct;
    for (const [sep, combine] of [[" or ", or], [" and ", and]] as const) {
      const parts = core.split(sep);
      if (parts.length < 2 || parts.length > 12) continue;
      const first = parse(parts[0]);
      if (!first) continue;
      const prefix = parts[0].split(" ").slice(0, -1).join(" ");
      let acc: Reading | undefined = first;
      for (const part of parts.slice(1)) {
        const p = parse(part) ?? (prefix ? parse(`${prefix} ${part}`) : undefined);
        acc = p && acc ? combine(acc, p) : undefined;
        if (!acc) break;
      }
      if (acc) return acc;
    }
    return undefined;
  }

  /** "Is it X?": adjectives, classes, objects, and the "made of / bigger than / used for / found in" patterns. */
  be(core0: string): Reading | undefined {
    return this.cached("be", core0, () => this.beUncached(core0));
  }

  private beUncached(core0: string): Reading | undefined {
    if (!this.spend()) return undefined;
    // "orange on the inside", "red in color": the qualifier never changes the reading, and must go before
    // "orange" could be read as a noun (the fruit)
    const core = stripLead(core0.trim().replace(/ (?:(?:on|from) the (?:inside|outside)|in colou?r|colou?red)$/, ""));
    if (!core) return undefined;
    const neg = /^not (.+)$/.exec(core);
    if (neg) {
      const p = this.be(neg[1]);
      return p && not(p);
    }
    return this.withParts(core, (s) => {
      const c = stripLead(s);
      const trimmed = stripTrail(c);
      return this.beDirect(c) ?? (trimmed !== c && trimmed ? this.beDirect(trimmed) : undefined);
    });
  }

  private beDirect(core: string): Reading | undefined {
    if (DET_START.test(core)) {
      const p = this.np(core);
      if (p) return p;
    }
    return lookupExact(ADJECTIVES, core) ?? this.bePattern(core) ?? this.np(core) ?? this.npWithClause(core);
  }

  /** The "Is it ..." patterns, in order. */
  private bePattern(core: string): Reading | undefined {
    for (const [re, read] of BE_RULES) {
      const m = re.exec(core);
      if (!m) continue;
      const r = read(this, m);
      if (r) return r;
    }
    const [first, ...rest] = core.split(" ");
    const base = PARTICIPLES[first];
    if (base) return this.you([base, ...rest].join(" "));
    return undefined;
  }

  /** A noun phrase: an object (a guess), a class, another thing, "a type of X", "X item", or modifiers + head. */
  np(phrase: string): Reading | undefined {
    return this.cached("np", phrase, () => this.npUncached(phrase));
  }

  private npUncached(phrase: string): Reading | undefined {
    if (!this.spend()) return undefined;
    const p = stripDeterminers(stripTrail(phrase));
    if (!p) return undefined;
    return this.nounHead(p) ?? this.classifier(p) ?? this.genericHead(p) ?? this.modified(p);
  }

  private nounHead(p: string): Reading | undefined {
    const name = objectNamed(p);
    if (name) return guess(name);
    return lookupExact(CLASSES, p) ?? (isOtherThing(p) ? reading("guess:other", () => false) : undefined);
  }

  /** "type of X", "kind of X", "member of the X family", "piece of X", "part of X". */
  private classifier(p: string): Reading | undefined {
    const m = /^(?:type|types|kind|kinds|sort|form|variety|species|breed|member|example|category|class|subset|subtype|piece|item|article|unit|instance|version|variant|style|brand|model|group|family) of (.+)$/.exec(p);
    if (m) return lookupExact(KIND_OF, stripDeterminers(m[1])) ?? this.np(m[1]);
    const part = /^(?:a )?part of (.+)$/.exec(p);
    if (part) return lookupExact(PART_OF, part[1]);
    return undefined;
  }

  /** "kitchen item", "electronic device", "metal object": the modifier carries the meaning. */
  private genericHead(p: string): Reading | undefined {
    const m = /^(.+) (?:item|object|thing|product|stuff|good|goods|article|supply|supplies|equipment|gear|material|piece|tool|device|accessory|appliance|utensil|implement|gadget)s?$/.exec(p);
    if (!m) return undefined;
    const head = p.slice(m[1].length + 1);
    const mod = this.modifier(m[1].split(" "));
    if (!mod) return undefined;
    const headClass = lookupExact(CLASSES, head);
    return headClass && !/^(?:item|object|thing|product|stuff|goods?|articles?|supply|supplies|equipment|gear|material|piece)s?$/.test(head) ? and(mod, headClass) : mod;
  }

  /** Modifiers + a head noun: "red fruit", "house cat", "football helmet", "small red fruit". */
  private modified(p: string): Reading | undefined {
    const words = p.split(" ");
    for (let k = 1; k < words.length; k++) {
      const head = words.slice(k).join(" ");
      const name = objectNamed(head);
      const headReading = name ? guess(name) : lookupExact(CLASSES, head);
      if (!headReading) continue;
      const rel = !name && k === 1 ? relativeSize(words[0], headReading) : undefined;
      if (rel) return and(rel, headReading);
      const mod = this.modifier(words.slice(0, k));
      if (mod) return and(mod, headReading);
    }
    return undefined;
  }

  private modifier(words: string[]): Reading | undefined {
    const one = (s: string) =>
      lookupExact(ADJECTIVES, s) ?? lookupExact(PLACES, s) ?? lookupExact(CLASSES, s) ?? lookupPrefixExact(PURPOSES, s);
    const whole = one(words.join(" "));
    if (whole || words.length === 1) return whole;
    let acc: Reading | undefined;
    for (const w of words) {
      const r = one(w);
      if (!r) return undefined;
      acc = acc ? and(acc, r) : r;
    }
    return acc;
  }

  /** "an animal that lives on a farm", "something you can eat", "a tool used for cutting". */
  private npWithClause(core: string): Reading | undefined {
    const words = core.split(" ");
    for (let i = 1; i < words.length; i++) {
      if (!CLAUSE_START.has(words[i])) continue;
      const head = stripDeterminers(words.slice(0, i).join(" "));
      const c = this.clause(words.slice(i).join(" "));
      if (!c) continue;
      if (GENERIC_HEADS.has(head) || GENERIC_HEADS.has(canon(head))) return c;
      const h = this.np(head);
      if (h) return and(h, c);
    }
    return undefined;
  }

  /** A relative clause: "that is round", "you can eat", "that can fly", "used for cooking", "with wheels". */
  private clause(s: string): Reading | undefined {
    if (!this.spend()) return undefined;
    const t = stripLead(s.replace(/^(?:that|which|who|whom)\s+/, ""));
    let m: RegExpExecArray | null;
    if ((m = /^(?:is|are|was|were|gets|get|be|becomes)\s+(.+)$/.exec(t))) return this.be(m[1]);
    if ((m = /^(?:can|could|will|would|might|may|should|must) be (.+)$/.exec(t))) return this.be(m[1]);
    if ((m = RE.youClause.exec(t))) return this.you(m[1]);
    if ((m = /^(can|could|does|do|will|would|might|may|should|must|has|have)\s+(.+)$/.exec(t))) return this.doVerb(withHave(m[1], m[2]));
    if (PARTICIPLES[t.split(" ")[0]] || /^(?:with|without|in|on|at|for|from|inside|near|under|made|able|capable|bigger|smaller|larger)\b/.test(t)) return this.be(t);
    return this.doVerb(t) ?? this.be(t);
  }

  /** "Does it X?": has, lives in, grows on, needs, travels on, fits in, weighs, eats, plus the verb lexicons. */
  doVerb(core0: string): Reading | undefined {
    return this.cached("do", core0, () => this.doUncached(core0));
  }

  private doUncached(core0: string): Reading | undefined {
    if (!this.spend()) return undefined;
    const core = stripLead(core0.trim());
    if (!core) return undefined;
    const neg = /^(?:not|never) (.+)$/.exec(core);
    if (neg) {
      const p = this.doVerb(neg[1]);
      return p && not(p);
    }
    return this.withParts(core, (s) => {
      const c = stripLead(s);
      const trimmed = stripTrail(c);
      return this.doDirect(c) ?? (trimmed !== c && trimmed ? this.doDirect(trimmed) : undefined);
    });
  }

  private doDirect(core0: string): Reading | undefined {
    const core = baseFirst(core0, (p) => lookupExact(DO_VERBS, p) !== undefined || DO_RULES.some(([re]) => re.test(p)));
    const known = lookupExact(DO_VERBS, core);
    if (known) return known;
    for (const [re, read] of DO_RULES) {
      const m = re.exec(core);
      if (!m) continue;
      const r = read(this, m);
      if (r) return r;
    }
    return lookupPrefix(PURPOSES, core);
  }

  /** "Does it have X?" */
  has(x0: string): Reading | undefined {
    const x = stripDeterminers(
      x0.replace(/\s+(?:in it|on it|inside|inside it|on the outside|attached|on them|in them|of its own|with it)$/, "").replace(/^(?:a lot of|lots of|many|any|some|plenty of|several)\s+/, ""),
    );
    const direct = lookupExact(HAS, x) ?? lookupExact(MATERIALS, x);
    if (direct) return direct;
    const ws = x.split(" ");
    for (let i = 1; i < ws.length && i < 4; i++) {
      const part = lookupExact(HAS, ws.slice(i).join(" "));
      if (!part) continue;
      // "fuzzy skin" → fuzzy & skin; an unknown adjective is ignored ("thick peel" → peel)
      const adj = lookupExact(ADJECTIVES, ws.slice(0, i).join(" "));
      return adj ? and(adj, part) : part;
    }
    return undefined;
  }

  /** "Can you X it?" / "Do people X it?": the pronoun is dropped and the verb phrase looked up. */
  you(core0: string): Reading | undefined {
    return this.cached("you", core0, () => this.youUncached(core0));
  }

  private youUncached(core0: string): Reading | undefined {
    if (!this.spend()) return undefined;
    let core = core0.trim();
    for (let i = 0; i < 6; i++) {
      const t = core.replace(YOU_LEAD, "");
      if (t === core) break;
      core = t;
    }
    const neg = /^(?:not|never) (.+)$/.exec(core);
    if (neg) {
      const p = this.you(neg[1]);
      return p && not(p);
    }
    core = dropPronoun(core);
    const [first, ...rest] = core.split(" ");
    if (PARTICIPLES[first]) core = [PARTICIPLES[first], ...rest].join(" ");
    if (!core) return undefined;
    return this.withParts(core, (s) => {
      const c = dropPronoun(s.trim());
      const trimmed = stripTrail(c);
      return this.youDirect(c) ?? (trimmed !== c && trimmed ? this.youDirect(trimmed) : undefined);
    });
  }

  private youDirect(core: string): Reading | undefined {
    const known = lookupExact(YOU_VERBS, core);
    if (known) return known;
    for (const [re, read] of YOU_RULES) {
      const m = re.exec(core);
      if (!m) continue;
      const r = read(this, m);
      if (r) return r;
    }
    return undefined;
  }

  /** "fit in a pocket / your hand / a car". */
  fit(x: string): Reading | undefined {
    const c = canon(stripDeterminers(x));
    if (/^(?:pocket|pockets|purse|wallet|pencil case|jeans pocket|pants pocket|shirt pocket)$/.test(c)) return attr("fitsInPocket");
    const name = objectNamed(c);
    const cap = FIT_CAP_MAP.get(c) ?? (name ? sizeOfNamed(name) * 0.8 : undefined); // fits inside = clearly smaller
    return cap === undefined ? undefined : reading(`size<${cap}`, (o) => sizeOf(o) < cap);
  }

  /** "bigger than X" / "smaller than X". */
  sizeVs(word: string, ref: string): Reading | undefined {
    const cm = sizeRef(ref);
    if (cm === undefined) return undefined;
    return sizeCompare(/^(?:bigger|larger|greater|taller|longer|wider|heavier|huger|more)$/.test(word), cm);
  }

  /** "about the size of X". */
  sizeAbout(ref: string): Reading | undefined {
    const cm = sizeRef(ref);
    if (cm === undefined) return undefined;
    return reading(`size~${cm}`, (o) => sizeOf(o) >= cm / 1.6 && sizeOf(o) <= cm * 1.6);
  }

  /** A place ("in the kitchen") or a body part ("on the wrist"). */
  place(x: string): Reading | undefined {
    return lookupPrefix(PLACES, x) ?? lookupExact(BODY, x);
  }

  /** A purpose or topic ("for cooking", "to cut things", "related to sports"); one leading adjective may be skipped. */
  purpose(x: string): Reading | undefined {
    const r = lookupPrefix(PURPOSES, x) ?? lookupExact(USERS, x);
    if (r) return r;
    const rest = canon(x).split(" ").slice(1).join(" ");
    return rest ? lookupPrefix(PURPOSES, rest) : undefined; // "personal hygiene" is listed; "everyday cooking" → cooking
  }

  /** "related to X" / "associated with X": a purpose, a place, or a class. */
  topic(x: string): Reading | undefined {
    return this.purpose(x) ?? this.place(x) ?? lookupExact(MATERIALS, x) ?? this.np(x);
  }
}

type Rule = readonly [RegExp, (p: QuestionParser, m: RegExpExecArray) => Reading | undefined];

/** Patterns of "Is it ..." (tried in order after the adjective lexicon). */
const BE_RULES: readonly Rule[] = [
  [/^(?:made|constructed|built|composed|crafted|manufactured|created|formed|produced|fashioned)(?: (?:mostly|mainly|primarily|entirely|partly|completely|usually|typically))? (?:of|from|out of|with|using|in) (.+)$/,
    (_, m) => lookupExact(MATERIALS, m[1])],
  [/^(?:made|created|manufactured|built|produced|invented|designed|crafted|painted|drawn|sculpted|carved|formed|shaped) by (.+)$/, (_, m) => lookupExact(MAKERS, m[1])],
  [/^(?:powered|run|operated|driven|fueled|fuelled|charged) (?:by|with|on|using) (.+)$/, (_, m) => lookupPrefix(NEEDS, m[1])],
  [/^(?:much |a lot |slightly |significantly |way |far |any |a little |a bit )?(bigger|larger|greater|taller|longer|wider|heavier|huger|smaller|tinier|shorter|lighter|littler|less|more)(?: in size| in length| in height)? than (.+)$/,
    (p, m) => p.sizeVs(m[1], m[2])],
  [/^(?:about |around |roughly |approximately |close to |nearly )?(?:the )?(?:same )?size (?:of|as) (.+)$/, (p, m) => p.sizeAbout(m[1])],
  [/^(?:similar|comparable|close) in size to (.+)$/, (p, m) => p.sizeAbout(m[1])],
  [/^as (?:big|large) as (.+)$/, (p, m) => p.sizeAbout(m[1])],
  [/^(?:worn|wearable|put|placed|kept|used|held|attached) (on|around|over|in|at|through|across|by|onto|to|below|under|beneath|above) (.+)$/,
    (_, m) => lookupExact(BODY, /^(?:below|under|beneath)$/.test(m[1]) ? `below ${m[2]}` : m[2])],
  [/^(?:made|turned|processed|cooked|used|transformed) (?:into|to make) (.+)$/, (p, m) => p.purpose(m[1])],
  [/^(?:small|light|little|tiny|thin|compact|short) enough (?:to|for|that you can|that) (.+)$/, (p, m) => {
    const r = p.you(m[1]) ?? p.doVerb(m[1]);
    return r?.label === "handheld" ? attr("small") : r; // "small enough to hold in one hand" asks about size
  }],
  [/^(?:big|large|strong|heavy|tall|long|sturdy) enough (?:to|for|that you can|that) (.+)$/, (p, m) => p.you(m[1]) ?? p.doVerb(m[1])],
  [/^(?:able|capable) (?:to|of) (.+)$/, (p, m) => p.doVerb(m[1])],
  [/^(?:possible|easy|safe|common|normal|usual|okay|ok|customary|typical) (?:for (?:you|people|someone|a person|humans) )?to (.+)$/, (p, m) => p.you(m[1])],
  [/^(?:hard|difficult|impossible|unsafe) (?:for (?:you|people|someone|a person|humans) )?to (.+)$/, (p, m) => {
    const r = p.you(m[1]);
    return r && not(r);
  }],
  [/^(?:known|famous|popular|valued|prized|kept|raised|bred|farmed|noted|recognized|loved|liked) (?:for|because of) (?:its |their |the )?(.+)$/,
    (p, m) => p.has(m[1]) ?? p.purpose(m[1]) ?? lookupExact(ADJECTIVES, m[1])],
  [/^(?:a |an )?(?:good |great |main |major |common |rich |natural |important |primary |excellent )?(?:source|provider|producer) of (.+)$/, (p, m) => p.has(m[1])],
  [/^(?:high|rich|full|loaded|packed) (?:in|with) (.+)$/, (p, m) => p.has(m[1])],
  [/^(?:in|on|at|inside|near|from|within|under|around|outside of|among|into|native to|indigenous to|common in|popular in|typical of|typical in|local to|originally from|usually in|often in|something in|located in|located on|found in|found on|found at)\s(.+)$/,
    (p, m) => p.place(m[1])],
  [/^(?:useful|good|meant|designed|intended|needed|necessary|helpful|important|essential|required|made|great|ideal|suitable|suited|popular|handy|built|created|specifically|mainly|mostly|primarily|there|bought|primarily used|mainly used|mostly used|commonly used|typically used|usually used|often used) (?:for|to|in) (.+)$/,
    (p, m) => p.purpose(m[1])],
  [/^for (?:use (?:in|with|by) )?(.+)$/, (p, m) => p.purpose(m[1]) ?? p.place(m[1])],
  [/^(?:related|associated|connected|linked|involved|relevant|tied|affiliated|linked up|correlated)(?: (?:to|with|in))? (.+)$/, (p, m) => p.topic(m[1])],
  [/^(?:a )?part of (.+)$/, (_, m) => lookupExact(PART_OF, m[1])],
  [/^(?:with|having|containing) (.+)$/, (p, m) => p.has(m[1])],
  [/^without (.+)$/, (p, m) => {
    const r = p.has(m[1]);
    return r && not(r);
  }],
];

/** Patterns of "Does it ..." (tried after the DO_VERBS lexicon). */
const DO_RULES: readonly Rule[] = [
  [/^(?:be|get|become|seem|appear) (.+)$/, (p, m) => p.be(m[1])],
  [/^(?:have|got|possess|contain|feature|include|come with|have got|sport|bear) (.+)$/, (p, m) => p.has(m[1])],
  [/^(?:live|exist|reside|dwell|stay|hang out|survive|thrive|roam|inhabit|be found|sleep|live mostly|live mainly|mainly live|usually live) (?:in|on|at|near|inside|around|under|among|with|throughout) (.+)$/,
    (p, m) => {
      const where = p.place(m[1]);
      return where && and(attr("alive"), where);
    }],
  [/^grow (?:on|in|under|from|near|inside|at|as) (.+)$/, (p, m) => {
    const g = lookupPrefix(GROW_PLACES, m[1]);
    if (g) return g;
    const where = p.place(m[1]);
    return where && and(attr("grows"), where);
  }],
  [/^(?:use|need|require|run on|operate on|work on|work with|depend on|rely on|consume|burn|take|run with|operate with|run off|need to be|have to be|require to be|must be|get|run using|work using|use up|need some|require some|need any|use any|function on|function with)\s(.+)$/,
    (p, m) => lookupPrefix(NEEDS, m[1]) ?? (/^(?:use|need|require|contain)/.test(m[0]) ? p.has(m[1]) : undefined)],
  [/^(?:perform|do|carry out|conduct|handle|make|create|produce|generate)\s(.+)$/, (p, m) => lookupPrefix(PURPOSES, m[0]) ?? p.purpose(m[1])],
  [/^(?:show|display|tell|indicate|give|provide|offer|keep track of|track|record|measure|keep|store|hold)\s(.+)$/, (p, m) => lookupPrefix(PURPOSES, m[0]) ?? p.purpose(m[1])],
  [/^look (?:like|similar to) (.+)$/, (_, m) => lookupExact(LOOKS_LIKE, m[1])],
  [/^(?:go|travel|drive|move|run|ride|operate|sail|float|fly|roll|get around|be used|work|glide|cruise|go mostly|travel mostly|move mostly) (?:mainly |mostly |only |usually |primarily )?(?:on|in|through|over|across|along|under|by|via|upon) (.+)$/,
    (_, m) => lookupPrefix(TRAVEL, m[1])],
  [/^fit (?:in|into|inside|on|in to|within) (.+)$/, (p, m) => p.fit(m[1])],
  [/^weigh (more|less) than (.+)$/, (p, m) => p.sizeVs(m[1] === "more" ? "heavier" : "lighter", m[2])],
  [/^belong (?:to|in|with) (.+)$/, (p, m) => p.place(m[1]) ?? p.np(m[1])],
  [/^(?:taste|smell|feel|look|sound|seem) (.+)$/, (_, m) => lookupExact(ADJECTIVES, m[1])],
  [/^eat (?:mostly |mainly |only |primarily )?(.+)$/, (_, m) => lookupPrefix(DIET, m[1])],
  [/^(?:help|allow|let|enable)(?: you| people| us| one| someone| humans)?(?: to| with| in)? (.+)$/, (p, m) => p.purpose(m[1])],
  [/^(?:serve|be used|function|work|act) as (.+)$/, (p, m) => p.np(m[1])],
  [/^(?:come|originate|be made) (?:from|out of) (.+)$/, (p, m) => p.place(m[1]) ?? lookupExact(MATERIALS, m[1])],
];

/** Patterns of "Can you ... it?" (tried after the YOU_VERBS lexicon). */
const YOU_RULES: readonly Rule[] = [
  [/^(?:use|wear|keep|serve|have|own|get|adopt|raise|buy|give|treat|think of|see|know) as (.+)$/, (p, m) => p.np(m[1])],
  [/^(?:wear|use|play|drive|ride|eat|own|carry|read|love|prefer) (?:mostly |mainly |usually )?by (.+)$/, (_, m) => lookupExact(USERS, m[1])],
  [/^play (?:with|using|by|on) (.+)$/, (_, m) => lookupPrefix(PLAY_WITH, m[1])],
  [/^(?:wear|put|place) (on|around|over|in|at|through|across|onto|below|under|beneath|above) (.+)$/,
    (_, m) => lookupExact(BODY, /^(?:below|under|beneath)$/.test(m[1]) ? `below ${m[2]}` : m[2])],
  [/^(?:carry|fit|hold) (?:in|into|inside) (.+)$/, (p, m) => p.fit(m[1]) ?? p.place(m[1])],
  [/^use (?:in|at|on|inside|around) (.+)$/, (p, m) => p.place(m[1]) ?? p.purpose(m[1])],
  [/^(?:find|see|spot|encounter|locate|buy|purchase|get|keep|store|put|place|have|own|notice|come across|discover|leave|meet|observe|hang|carry|look for|search for|expect to find|expect to see|typically find|usually find|commonly find|normally find|often find|grow|plant|wear|play|use|take)\s(?:in|on|at|inside|near|around|from|within|under|into|outside|in middle of|by)\s(.+)$/,
    (p, m) => p.place(m[1]) ?? p.fit(m[1])],
  [/^(?:\w+ )?(outdoors|outside|indoors|inside|underground|underwater|in nature|in wild)$/, (p, m) => lookupExact(ADJECTIVES, m[1]) ?? p.place(m[1])],
  [/^(?:use|need|require|utilize|wear|have|buy|keep|own|get|make|carry|bring|hold|play|employ) (?:for|to|in order to|so as to|during|when|while|as part of) (.+)$/, (p, m) => p.purpose(m[1])],
  [/^use like (.+)$/, (_, m) => lookupExact(USERS, m[1])],
  [/^(?:use|pair|combine|go|come|work|wear) (?:together )?with (.+)$/, (_, m) => lookupExact(USED_WITH, m[1])],
  [/^(\w+(?: \w+)?) (?:to|in order to|so as to) (.+)$/, (p, m) => lookupExact(YOU_VERBS, m[1]) ?? p.purpose(m[2])],
  [/^(.+?) (?:with|using|on|in|from|off|out of|into|through)$/, (p, m) => p.purpose(m[1])],
];

// ───────────────────────────── helpers ─────────────────────────────

/**
 * "small X" / "large X" relative to the class X: small = at most 3× the class's smallest size, large =
 * at least the class's median size ("a small vehicle" is a scooter, not a 20 cm thing).
 */
function relativeSize(word: string, cls: Reading): Reading | undefined {
  const small = /^(?:small|little|tiny|smaller|mini|miniature)$/.test(word);
  const large = /^(?:large|big|huge|giant|larger|bigger|massive|enormous)$/.test(word);
  if (!small && !large) return undefined;
  const sizes = TWENTY_Q_OBJECTS.filter((o) => cls.test(o)).map(sizeOf).sort((a, b) => a - b);
  if (sizes.length < 2) return undefined;
  const cut = small ? sizes[0] * 3 : sizes[Math.floor((sizes.length - 1) / 2)];
  return small ? reading(`size<=${cut}`, (o) => sizeOf(o) <= cut) : reading(`size>=${cut}`, (o) => sizeOf(o) >= cut);
}

function withHave(aux: string, rest: string): string {
  return /^(?:has|have|hasnt|havent)$/.test(aux) && !/^(?:got|been)\b/.test(rest) ? `have ${rest}` : rest;
}

function stripLead(s: string): string {
  let t = s.trim();
  for (let i = 0; i < 6; i++) {
    const u = t.replace(LEAD_FILLER, "");
    if (u === t || !u) break;
    t = u;
  }
  return t;
}

function stripTrail(s: string): string {
  let t = s.trim();
  for (let i = 0; i < 4; i++) {
    const u = t.replace(TRAIL_FILLER, "");
    if (u === t || !u) break;
    t = u;
  }
  return t;
}

function stripDeterminers(s: string): string {
  let t = s.trim();
  for (let i = 0; i < 4; i++) {
    const u = t.replace(/^(?:a|an|the|some|any|one of the|one of|another|such a|just a|kind of a|sort of a|type of a|this|that|your|my|single|real|actual|specific|particular)\s+/, "");
    if (u === t) break;
    t = u;
  }
  return t;
}

const PRONOUN = /\b(?:it|them)\b/;
const OTHER_PRONOUN = /\b(?:this object|the object|this thing|the thing|the item|this item|this|that|one|these|those)\b/;

/** "eat it raw" → "eat raw": the first object pronoun is removed. */
function dropPronoun(s: string): string {
  const re = PRONOUN.test(s) ? PRONOUN : OTHER_PRONOUN;
  return s.replace(re, "").replace(/\s+/g, " ").trim();
}

/** Lookup like lookupPrefix but requiring the whole phrase to match (for modifiers such as "cooking"). */
function lookupPrefixExact(lex: Lexicon, phrase: string): Reading | undefined {
  const words = canon(phrase).split(" ").filter(Boolean);
  if (words.length === 0) return undefined;
  for (const first of verbForms(words[0])) {
    const r = lookupExact(lex, [first, ...words.slice(1)].join(" "));
    if (r) return r;
  }
  return undefined;
}

/** Every surface name of every object (variants, aliases), normalised like questions are. */
const SURFACE: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const add = (surface: string, name: string) => {
    const key = words(surface).replace(/ ,/g, "");
    const prev = m.get(key);
    if (prev !== undefined && prev !== name) throw new Error(`"${surface}" names both ${prev} and ${name}`);
    m.set(key, name);
  };
  for (const o of TWENTY_Q_OBJECTS) for (const v of o.variants) add(v, o.name);
  for (const [alias, name] of Object.entries(ALIASES)) add(alias, name);
  return m;
})();

const CONTAINER_OF = /^(?:pair|pairs|set|sets|pack|packs|piece|pieces|bottle|bottles|box|bag|bunch|head|ear|stalk|sheet|slice|stick|bar|tube|couple|handful|basket|jar|can) of (.+)$/;

/** The object a noun phrase names (variants, aliases, plurals, "a pair of X"), or undefined. */
function objectNamed(phrase: string): string | undefined {
  const p = stripDeterminers(phrase);
  for (const f of forms(p)) {
    const hit = SURFACE.get(f);
    if (hit) return hit;
  }
  const m = CONTAINER_OF.exec(p);
  return m ? objectNamed(m[1]) : undefined;
}

function sizeOfNamed(name: string): number {
  const o = TWENTY_Q_OBJECTS.find((x) => x.name === name);
  return o ? sizeOf(o) : NaN;
}

/** A size reference in cm: a listed reference ("a breadbox", "a person") or an object. */
function sizeRef(phrase: string): number | undefined {
  const p = stripDeterminers(stripTrail(phrase.replace(/\b(?:an?|the)\b/g, " ").replace(/\s+/g, " ").trim()));
  const c = canon(p);
  for (const f of forms(c)) {
    const cm = SIZE_REF_MAP.get(f);
    if (cm !== undefined) return cm;
  }
  const name = objectNamed(p);
  return name ? sizeOfNamed(name) : undefined;
}

function isOtherThing(p: string): boolean {
  if (forms(p).some((f) => OTHER_THINGS.has(f))) return true;
  const m = CONTAINER_OF.exec(p);
  return m !== null && isOtherThing(m[1]);
}

/** Every lexicon expression must name real attributes: checked once at load so a typo fails loudly. */
for (const lex of [KIND_OF, CLASSES, ADJECTIVES, PLACES, BODY, MATERIALS, HAS, NEEDS, TRAVEL, DIET, GROW_PLACES, PURPOSES, USERS, MAKERS, USED_WITH, PLAY_WITH, LOOKS_LIKE, YOU_VERBS, DO_VERBS, PART_OF]) {
  for (const e of lex.values()) attr(e);
}
