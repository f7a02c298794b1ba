/**
 * The scripted askers' questions: a bank of natural yes/no questions in the style of the paper's
 * GPT-3.5 and FLAN-T5 guessers (LMRL-Gym paper, App. C.6: "Is it an animal?", "Is it used in the
 * kitchen?", "Is it bigger than a microwave?", ...), the final guesses ("Is it a cat?", "Is the object
 * a cat?"), wrong guesses of things that are not among the 158 objects ("Is it a giraffe?"), and the
 * asker's reading of a history: which objects are still consistent with the oracle's answers.
 *
 * Every text here is read by the oracle of oracle.ts (`interpretQuestion`); an asker predicts the
 * oracle's answer for each object with that same public reading, never with the hidden object. The
 * row's test checks that every bank question and guess is understood, and that every guess passes the
 * correct-guess rule of guess.ts for its object.
 *
 * @example
 * const table = questionTable();
 * const alive = table.mask("Is it alive?");       // objects the oracle answers "Yes." for
 * candidates(readAnswers(history)).list.length;    // objects consistent with the answers so far
 */
import { pyStrip } from "../../core/text";
import type { History } from "../../core/types";
import { TWENTY_Q_OBJECTS, type TwentyQCategory, type TwentyQObject } from "./objects";
import { interpretQuestion } from "./oracle";

/** Number of objects, and 32-bit words of an object set. */
export const N_OBJECTS = TWENTY_Q_OBJECTS.length;
const WORDS = Math.ceil(N_OBJECTS / 32);

/**
 * The question bank, grouped by theme. Several phrasings of one question ("Is it alive?", "Is it a
 * living thing?") are separate entries with the same answers, so askers vary their wording. Each
 * entry was checked against the oracle's reading (questions it reads oddly, e.g. "Do you play it with
 * a bow?" read as "string instrument", are left out).
 */
export const QUESTION_BANK: readonly string[] = Object.freeze([
  // Openers and broad classes
  "Is it alive?", "Is it a living thing?", "Is it an animal?", "Is it a type of animal?", "Is it a plant?",
  "Is it man-made?", "Is it made by humans?", "Is it found in nature?", "Is it an inanimate object?",
  "Is it something you can eat?", "Is it food?", "Is it edible?", "Is it electronic?", "Does it use electricity?",
  "Is it found in a house?", "Is it found in most homes?", "Is it used outdoors?", "Is it used indoors?", "Is it found indoors?",
  "Is it found in the kitchen?", "Is it used in the kitchen?", "Is it used for entertainment?", "Is it used for fun?",
  "Is it heavy?", "Is it expensive?", "Is it portable?", "Is it hard?", "Is it soft?", "Does it make sound?",
  "Does it have wheels?", "Can it move on its own?", "Can you buy it at a grocery store?",
  // Size
  "Is it bigger than a breadbox?", "Is it bigger than a microwave?", "Is it bigger than a car?", "Is it bigger than a person?",
  "Is it smaller than a shoebox?", "Is it bigger than a basketball?", "Is it bigger than a loaf of bread?",
  "Is it bigger than a refrigerator?", "Is it bigger than a house?", "Is it smaller than a golf ball?", "Is it bigger than a dog?",
  "Is it bigger than a cat?", "Is it smaller than a person?", "Can you hold it in your hand?", "Can it fit in your pocket?",
  // Categories
  "Is it a tool?", "Is it a type of tool?", "Is it a vehicle?", "Is it used for transportation?", "Is it a piece of clothing?",
  "Is it a type of clothing?", "Is it something you wear?", "Is it worn on the body?", "Is it a musical instrument?",
  "Is it used in music?", "Is it a piece of furniture?", "Is it a type of furniture?", "Is it a fruit?", "Is it a kind of fruit?",
  "Is it a vegetable?", "Is it a type of vegetable?", "Is it used in sports?", "Is it sports equipment?", "Is it a toy?",
  "Is it used by children?", "Is it jewelry?", "Is it an accessory?", "Is it an office supply?", "Is it used in an office?",
  "Is it used in school?", "Is it used for writing?", "Is it used for art?", "Is it used in the garden?", "Is it used for gardening?",
  "Is it a kitchen utensil?", "Is it an appliance?", "Is it a body of water?", "Is it a natural formation?", "Is it found in a garage?",
  "Is it found in a restaurant?", "Is it used for construction?", "Is it a container?",
  // Materials
  "Is it made of metal?", "Is it made of wood?", "Is it made of plastic?", "Is it made of fabric?", "Is it made of leather?",
  "Is it made of paper?", "Is it made of ceramic?", "Is it made of stone?",
  // Animals
  "Is it a mammal?", "Is it a pet?", "Can you keep it as a pet?", "Is it a wild animal?", "Is it a domesticated animal?",
  "Is it a farm animal?", "Is it found on a farm?", "Does it live in Africa?", "Does it live in Asia?", "Does it live in the jungle?",
  "Is it a carnivore?", "Does it eat meat?", "Is it a herbivore?", "Is it a predator?", "Does it have stripes?", "Does it have a mane?",
  "Does it have hooves?", "Does it have fur?", "Can you ride it?", "Does it produce milk?", "Is it known for its wool?", "Does it hop?",
  "Is it a member of the cat family?", "Is it a feline?", "Is it a big cat?", "Does it bark?", "Does it roar?", "Does it hibernate?",
  "Is it endangered?", "Is it found in a zoo?", "Does it have a trunk?", "Does it have legs?", "Does it have teeth?",
  // Fruits and vegetables
  "Is it red?", "Is it green?", "Is it yellow?", "Is it orange in color?", "Is it purple?", "Is it brown?", "Is it white?",
  "Is it sweet?", "Is it juicy?", "Is it crunchy?", "Is it a citrus fruit?", "Is it a tropical fruit?", "Does it grow on trees?",
  "Does it grow on a vine?", "Does it have a pit?", "Does it have seeds?", "Do you peel it before eating it?", "Does it have a peel?",
  "Does it have a rind?", "Is it a berry?", "Is it a melon?", "Does it grow underground?", "Is it a root vegetable?",
  "Is it a leafy green?", "Is it a legume?", "Is it a grain?", "Do you cook it before eating it?", "Can you eat it raw?",
  "Does it make you cry when you cut it?", "Is it fuzzy?", "Is it oval?", "Is it round?", "Is it a sphere?",
  // Vehicles
  "Can it fly?", "Does it travel on water?", "Does it float?", "Does it travel on roads?", "Does it travel on tracks?",
  "Is it used for public transportation?", "Does it have two wheels?", "Does it have four wheels?", "Does it have an engine?",
  "Does it have a motor?", "Does it have wings?", "Does it have a steering wheel?", "Does it have windows?", "Does it have doors?",
  "Is it found at an airport?", "Does it have handlebars?", "Can you drive it?",
  // Clothes and wearables
  "Is it worn on the feet?", "Is it worn on the head?", "Is it worn on the upper body?", "Is it worn on the legs?",
  "Is it worn around the neck?", "Is it worn around the waist?", "Does it come in pairs?", "Is it worn in cold weather?",
  "Does it have sleeves?", "Does it have laces?", "Does it have pockets?", "Does it have a zipper?", "Does it have a brim?",
  "Is it a type of footwear?", "Is it worn on the hands?", "Is it worn on the fingers?", "Is it worn on the wrist?",
  "Is it worn on the ears?", "Is it worn in the hair?",
  // Electronics
  "Does it have a screen?", "Is it used for communication?", "Can you make calls with it?", "Does it take pictures?",
  "Does it have a lens?", "Is it used to listen to music?", "Does it have speakers?", "Does it have keys?", "Does it have buttons?",
  "Is it used with a computer?", "Is it a computer part?", "Does it connect to the internet?", "Is it used for typing?",
  "Does it light up?", "Does it have a remote?", "Does it need batteries?", "Does it keep food cold?", "Does it heat food?",
  "Is it used for making smoothies?", "Does it have numbers?",
  // Kitchen
  "Is it used for cooking?", "Is it used in cooking?", "Is it used for mixing?", "Is it used to stir?", "Is it used for eating?",
  "Is it used for drinking?", "Do you drink from it?", "Can you eat with it?", "Can you eat from it?", "Does it hold liquid?",
  "Is it a utensil?", "Is it dishware?", "Is it cookware?", "Does it have a handle?", "Is it used to cut food?", "Does it have a lid?",
  // Musical instruments
  "Is it a string instrument?", "Is it a wind instrument?", "Is it a brass instrument?", "Is it a woodwind instrument?",
  "Is it a percussion instrument?", "Is it a keyboard instrument?", "Does it have strings?", "Do you blow into it?",
  "Is it played with sticks?", "Do you hit it?",
  // Furniture
  "Is it used for sleeping?", "Can you sit on it?", "Can you lie on it?", "Does it have drawers?", "Does it have shelves?",
  "Is it found in the bedroom?", "Is it found in the living room?", "Is it used for storage?", "Does it have cushions?",
  "Does it have a backrest?",
  // Office, school and bathroom
  "Does it use ink?", "Is it used for erasing?", "Does it have pages?", "Can it be sharpened?", "Does it have a cap?",
  "Is it used for drawing?", "Is it used for hygiene?", "Does it have bristles?", "Is it found in the bathroom?",
  "Is it used to cut paper?", "Is it private?", "Is it used for calculations?", "Is it used for math?", "Is it used for printing?",
  "Is it used to open locks?", "Is it used to keep track of dates?", "Is it used to fasten things together?",
  "Is it a source of power?", "Is it used with paper?", "Is it long and thin?", "Is it thin?", "Is it flat?", "Is it rectangular?",
  "Is it sticky?", "Is it smelly?",
  // Sports
  "Is it a ball?", "Does it bounce?", "Is it used in a team sport?", "Is it used in tennis?", "Is it used in baseball?",
  "Is it used in golf?", "Do you kick it?", "Do you throw it?", "Is it used for protection?", "Is it black and white?",
  // Nature
  "Does it have leaves?", "Does it contain salt water?", "Is it fresh water?", "Does it flow?", "Does it have waves?",
  "Does it come from space?", "Does it have thorns?", "Is it found in the desert?", "Does it have a peak?", "Can you climb it?",
  "Does it have branches?", "Does it have roots?", "Does it have bark?", "Is it blue?", "Is it gray?", "Is it a landform?",
  // Toys and jewelry
  "Does it have many pieces?", "Is it a game?", "Does it need wind?", "Is it colorful?", "Does it have a chain?",
  "Can it be opened?", "Is it pinned to clothing?", "Does it hold a picture?", "Is it used to tell time?",
  // Garden and tools
  "Is it used for digging?", "Is it used for watering plants?", "Is it used for raking leaves?", "Is it used to cut grass?",
  "Is it a power tool?", "Does it have a long handle?", "Is it used to hammer nails?", "Is it used with screws?",
  "Is it used to drill holes?", "Is it used to grip things?", "Is it used to tighten bolts?", "Is it used to cut wood?",
  "Is it a hand tool?", "Is it used for cutting?", "Is it sharp?", "Does it have a blade?",
  // Art
  "Is it used for painting?", "Do you paint on it?", "Is it a work of art?", "Is it hung on a wall?", "Is it found in a museum?",
]);

/** The questions the paper's GPT-3.5-style askers open with (broad classes and size). */
export const OPENING_QUESTIONS: readonly string[] = Object.freeze([
  "Is it alive?", "Is it a living thing?", "Is it an animal?", "Is it man-made?", "Is it an inanimate object?",
  "Is it something you can eat?", "Is it bigger than a breadbox?", "Is it found in a house?", "Is it electronic?",
  "Is it found in nature?",
]);

/** A plural variant guessed without an article ("Is it peas?"). */
const PLURAL_VARIANTS = new Set(["Peas"]);
/** Mass nouns, guessed without an article ("Is it toothpaste?"). */
const MASS_VARIANTS = new Set(["Toothpaste", "Glue", "Spinach", "Broccoli", "Corn", "Celery", "Lego"]);
/**
 * Variants no asker says ("a pant"), bare plurals that have a "pair of" variant ("pants": askers say
 * "a pair of pants") or a singular one ("drums": "a drum"), and "paper", which the oracle reads as
 * "made of paper" ("a piece of paper" is the guess).
 */
const SKIPPED_VARIANTS = new Set([
  "Pant", "plier", "Pea", "Paper", "Pants", "Shoes", "Boots", "Socks", "Headphones", "Drums", "Chopsticks", "Earrings", "Gloves", "Scissors", "Pliers",
]);
/** Words kept capitalised inside a question. */
const PROPER = new Set(["TV", "Lego", "Sharpie"]);

/**
 * The noun phrases an asker guesses an object with, one per variant: "a cat", "an airplane", "a plane",
 * "a pair of shoes", "toothpaste", "a TV".
 *
 * @example
 * guessPhrases(findTwentyQObject("Shoes")!); // ["a shoe", "a pair of shoes"]
 */
export function guessPhrases(o: TwentyQObject): readonly string[] {
  const out: string[] = [];
  for (const v of o.variants) {
    if (SKIPPED_VARIANTS.has(v)) continue;
    const w = v.split(" ").map((x) => (PROPER.has(x) ? x : x.toLowerCase())).join(" ");
    if (PLURAL_VARIANTS.has(v) || MASS_VARIANTS.has(v)) out.push(w);
    else out.push(`${/^[aeiou]/i.test(v) ? "an" : "a"} ${w}`);
  }
  return out;
}

/**
 * Every guess question of an object: "Is it <phrase>?" and, as the paper's GPT-3.5 guesser prompt asks
 * for its final question, "Is the object <phrase>?".
 *
 * @example
 * guessQuestions(findTwentyQObject("Cat")!); // ["Is it a cat?", "Is the object a cat?"]
 */
export function guessQuestions(o: TwentyQObject): readonly string[] {
  const phrases = guessPhrases(o);
  return [...phrases.map((p) => `Is it ${p}?`), ...phrases.map((p) => `Is the object ${p}?`)];
}

/**
 * Things that are not among the 158 objects, by the category an asker believes the object is in:
 * the wrong guesses a weak asker makes ("Is it a giraffe?"). The oracle knows each as a wrong guess
 * (OTHER_THINGS in lexicon.ts) and answers "No.".
 */
export const OFF_LIST_GUESSES: Readonly<Record<TwentyQCategory, readonly string[]>> = Object.freeze({
  Sports: ["a hockey stick", "a bowling ball", "a frisbee", "a puck"],
  Animals: ["a giraffe", "a zebra", "a monkey", "a pig", "a goat", "a deer", "a wolf", "a kangaroo", "a fox"],
  Fruits: ["a lemon", "a cherry", "a pear", "a kiwi", "a plum", "a blueberry", "a coconut"],
  Vehicles: ["a bicycle", "a taxi", "a tractor", "a van", "a submarine", "a rocket"],
  Clothes: ["a sweater", "a coat", "a tie", "a pair of shorts", "a pair of sandals", "a hoodie"],
  Electronics: ["a laptop", "a tablet", "a radio", "a toaster", "an oven", "a game console"],
  "Musical Instruments": ["a cello", "a ukulele", "a tuba", "a harmonica", "an accordion"],
  Furniture: ["a bench", "a stool", "a shelf", "a cabinet"],
  "Office Supplies": ["a notebook", "a ruler", "a paper clip", "an envelope", "a folder", "a stamp"],
  Vegetables: ["lettuce", "a cabbage", "a pepper", "garlic", "a pumpkin", "a mushroom"],
  Art: ["a crayon"],
  "Kitchen Tools": ["a spatula", "a ladle", "a kettle", "a teapot"],
  Nature: ["a volcano", "a hill", "an island", "a waterfall", "a flower", "a cave"],
  Toys: ["a puppet", "an action figure", "a yo yo", "a robot", "a marble"],
  Jewelry: ["a crown", "a tiara"],
  "Garden Supplies": ["a hose", "a wheelbarrow"],
  Tools: ["an axe", "a ladder", "a nail", "a tape measure"],
});

/** A set of objects as 32-bit words (bit i = TWENTY_Q_OBJECTS[i]). */
export type ObjectMask = Uint32Array;

/** The set of objects for which `test` holds. */
function maskOf(test: (o: TwentyQObject) => boolean): ObjectMask {
  const m = new Uint32Array(WORDS);
  TWENTY_Q_OBJECTS.forEach((o, i) => {
    if (test(o)) m[i >>> 5] |= 1 << (i & 31);
  });
  return m;
}

/** Number of set bits of `a & b` (of `a` alone when `b` is omitted). */
export function countAnd(a: ObjectMask, b?: ObjectMask): number {
  let n = 0;
  for (let w = 0; w < a.length; w++) {
    let x = b ? a[w] & b[w] : a[w];
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    n += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return n;
}

/** True when object `i` is in the set. */
export function hasObject(m: ObjectMask, i: number): boolean {
  return (m[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** The oracle's reading of one question as the askers use it. */
export interface QuestionInfo {
  /** Objects the oracle answers "Yes." for. */
  readonly yes: ObjectMask;
  /** The object index a single-object guess names ("Is it a cat?"), else -1. */
  readonly guessOf: number;
}

/** Foreign questions (not in the bank) are cached up to this many, then the cache starts over. */
const FOREIGN_CACHE_LIMIT = 20_000;

const OBJECT_INDEX = new Map(TWENTY_Q_OBJECTS.map((o, i) => [o.name, i]));

/**
 * The oracle's answers to every bank question and guess, computed once from `interpretQuestion`
 * (about 30 ms), plus a bounded cache for other questions met in a history.
 */
export class QuestionTable {
  /** Bank questions, in bank order. */
  readonly bank: readonly string[] = QUESTION_BANK;
  /** Answers of the bank questions (index-aligned with `bank`). */
  readonly bankInfo: readonly QuestionInfo[];
  /** Guess questions per object index. */
  readonly guesses: readonly (readonly string[])[];
  private readonly known = new Map<string, QuestionInfo | null>();
  private foreign = new Map<string, QuestionInfo | null>();

  constructor() {
    this.bankInfo = this.bank.map((q) => this.compute(q)!);
    this.guesses = TWENTY_Q_OBJECTS.map((o) => guessQuestions(o));
    this.bank.forEach((q, i) => this.known.set(q, this.bankInfo[i]));
    for (const gs of this.guesses) for (const g of gs) this.known.set(g, this.compute(g));
    for (const gs of Object.values(OFF_LIST_GUESSES)) for (const p of gs) for (const g of [`Is it ${p}?`, `Is the object ${p}?`]) this.known.set(g, this.compute(g));
  }

  /** The oracle's reading of `question` (surrounding whitespace ignored), or null when it does not understand it. */
  info(question: string): QuestionInfo | null {
    const q = pyStrip(question);
    const hit = this.known.get(q) ?? this.foreign.get(q);
    if (hit !== undefined) return hit;
    const r = this.compute(q);
    if (this.foreign.size >= FOREIGN_CACHE_LIMIT) this.foreign = new Map();
    this.foreign.set(q, r);
    return r;
  }

  /** Objects the oracle answers "Yes." for (undefined when it does not understand the question). */
  mask(question: string): ObjectMask | undefined {
    return this.info(question)?.yes;
  }

  private compute(q: string): QuestionInfo | null {
    const r = interpretQuestion(q);
    if (!r) return null;
    const m = /^guess:([^|&!()]+)$/.exec(r.label);
    return { yes: maskOf(r.test), guessOf: m ? OBJECT_INDEX.get(m[1]) ?? -1 : -1 };
  }
}

let shared: QuestionTable | undefined;

/** The one shared table (built on first use). */
export function questionTable(): QuestionTable {
  return (shared ??= new QuestionTable());
}

/** One asked question and the oracle's reply, as read from a history. */
export interface AnsweredQuestion {
  readonly question: string;
  readonly yes: boolean;
}

/**
 * The question/answer pairs of a Twenty Questions history ("Questions:\n", question, "Yes.\n"/"No.\n",
 * ...). An action without a reply after it (the last text) is left out; a reply other than "Yes."
 * counts as "No." (the env only writes those two).
 *
 * @example
 * readAnswers([obs("Questions:\n"), act("Is it alive?\n"), obs("No.\n")]); // [{ question: "Is it alive?", yes: false }]
 */
export function readAnswers(history: History): AnsweredQuestion[] {
  const out: AnsweredQuestion[] = [];
  for (let i = 0; i + 1 < history.length; i++) {
    if (history[i].isAction && !history[i + 1].isAction) out.push({ question: pyStrip(history[i].text), yes: pyStrip(history[i + 1].text) === "Yes." });
  }
  return out;
}

/**
 * Per-object count of answers that contradict the object being the hidden one: a "Yes." to a question
 * the oracle would answer "No." for it (or the reverse), and +1 for an object guessed with a reply of
 * "Yes." that did not end the game (the guess was not the object). `flipped[k]` makes the asker read
 * answer k the other way round (the behaviour policy's misreadings). Unreadable questions count for
 * nothing.
 */
export function mismatchCounts(answers: readonly AnsweredQuestion[], flipped?: readonly boolean[], table = questionTable()): Int32Array {
  const counts = new Int32Array(N_OBJECTS);
  answers.forEach((a, k) => {
    const info = table.info(a.question);
    if (!info) return;
    const yes = flipped?.[k] ? !a.yes : a.yes;
    for (let i = 0; i < N_OBJECTS; i++) if (hasObject(info.yes, i) !== yes) counts[i]++;
    if (yes && info.guessOf >= 0) counts[info.guessOf]++;
  });
  return counts;
}

/**
 * The objects with the fewest contradictions (all consistent ones when some object has none), as a
 * mask and a list of indices.
 *
 * @example
 * candidates(readAnswers(history)).list.map((i) => TWENTY_Q_OBJECTS[i].name);
 */
export function candidates(answers: readonly AnsweredQuestion[], flipped?: readonly boolean[], table = questionTable()): { mask: ObjectMask; list: number[] } {
  const counts = mismatchCounts(answers, flipped, table);
  let best = Infinity;
  for (let i = 0; i < N_OBJECTS; i++) best = Math.min(best, counts[i]);
  const mask = new Uint32Array(WORDS);
  const list: number[] = [];
  for (let i = 0; i < N_OBJECTS; i++) {
    if (counts[i] === best) {
      mask[i >>> 5] |= 1 << (i & 31);
      list.push(i);
    }
  }
  return { mask, list };
}

/** Binary entropy (bits) of a yes/no split of `n` candidates with `yes` answering "Yes.". */
export function splitEntropy(yes: number, n: number): number {
  if (yes <= 0 || yes >= n) return 0;
  const p = yes / n;
  return -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
}
