/**
 * Text formats of Text-Nav (reference `llm_rl_scripts/text_nav/env/env.py`): TextWorld-"house"-like
 * room descriptions with templated flavour sentences chosen per episode, the exit sentence, the
 * inventory sentence, the game's replies and the observation layout
 * `<feedback>[\n<inventory>]\n\nAdmissible commands: a, b, c\n`. Everything that does not depend on
 * the game state is precomputed once.
 */
import type { Rng } from "../../core/rng";
import { CARRIED, DIRECTIONS, EXITS, FURNITURE, ITEMS, ON, ROOMS, type WorldState } from "./world";

/** The objective sentence of `make_game.py`, shown at the start of the first observation. */
export const OBJECTIVE =
  "Your objective is to put the stale food on the table in the living room into the fridge in the kitchen.";

/** Separator before the admissible-command list (the reference env appends "\nAdmissible commands: ...\n"). */
export const ADMISSIBLE_PREFIX = "\nAdmissible commands: ";

const an = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

/**
 * FO-only location sentences (TextWorld's room intros; `{a}` = indefinite article, `{r}` = room).
 * PO drops this sentence entirely, like the reference grammar's `hide_location` flag.
 */
export const INTRO_TEMPLATES = [
  "You are in {a} {r}.",
  "You've entered {a} {r}.",
  "You find yourself in {a} {r}. An ordinary one.",
  "Well, here we are in the {r}.",
  "You arrive in {a} {r}. A normal kind of place.",
] as const;

/** Room-independent flavour (shown in FO and PO); the empty string means none. */
export const AMBIENCE_TEMPLATES = [
  "",
  "",
  "The room seems oddly familiar, as though it were only superficially different from the other rooms in the building.",
  "You can barely contain your excitement.",
  "It's not a very interesting place, but it will do.",
] as const;

/** Furniture sentences. `head` names the furniture; `full`/`empty` follow when contents are visible. */
interface FurnitureTemplate {
  readonly head: (name: string, open?: boolean) => string;
  readonly full: (name: string, list: string) => string;
  readonly empty: (name: string) => string;
}

export const CONTAINER_TEMPLATES: readonly FurnitureTemplate[] = [
  {
    head: (n, o) => `You see ${o ? "an opened" : "a closed"} ${n}.`,
    full: (n, l) => ` The ${n} contains ${l}.`,
    empty: (n) => ` The ${n} is empty! This is the worst thing that could possibly happen, ever!`,
  },
  {
    head: (n) => `You can make out ${an(n)} ${n}.`,
    full: (n, l) => ` The ${n} contains ${l}!`,
    empty: () => ` Empty! What kind of nightmare TextWorld is this?`,
  },
  {
    head: (n) => `You can see ${an(n)} ${n}, so there's that.`,
    full: (n, l) => ` Inside the ${n} you can see ${l}.`,
    empty: (n) => ` The ${n} is empty, what a horrible day!`,
  },
  {
    head: (n, o) => `Look out! It's a- oh, never mind, it's just ${o ? "an opened" : "a closed"} ${n}.`,
    full: (n, l) => ` In the ${n} you make out ${l}.`,
    empty: (n) => ` But the ${n} is empty.`,
  },
];

export const SUPPORTER_TEMPLATES: readonly FurnitureTemplate[] = [
  {
    head: (n) => `You see ${an(n)} ${n}. The ${n} is standard.`,
    full: (n, l) => ` On the ${n} you can make out ${l}.`,
    empty: () => ` But the thing hasn't got anything on it.`,
  },
  {
    head: (n) => `You can make out ${an(n)} ${n}.`,
    full: (n, l) => ` On the ${n} you see ${l}.`,
    empty: (n) => ` The ${n} appears to be empty. Hm. Oh well.`,
  },
  {
    head: (n) => `Look out! It's a- oh, never mind, it's just ${an(n)} ${n}.`,
    full: (n, l) => ` On the ${n} you can see ${l}.`,
    empty: () => ` But there isn't a thing on it.`,
  },
  {
    head: (n) => `You can see ${an(n)} ${n}. I guess it's true what they say, if you're looking for ${an(n)} ${n}, go to TextWorld.`,
    full: (n, l) => ` On the ${n} you make out ${l}.`,
    empty: (n) => ` It would have been so cool if there was stuff on the ${n}! Oh well.`,
  },
];

/** The per-episode choice of flavour templates (TextWorld draws them when it compiles a game). */
export interface Flavour {
  readonly intro: Uint8Array; // per room
  readonly ambience: Uint8Array; // per room
  readonly furniture: Uint8Array; // per furniture
}

/** Draws a {@link Flavour} from `rng` (always the same number of draws, so streams stay aligned). */
export function drawFlavour(rng: Rng): Flavour {
  const intro = new Uint8Array(ROOMS.length);
  const ambience = new Uint8Array(ROOMS.length);
  const furniture = new Uint8Array(FURNITURE.length);
  for (let r = 0; r < ROOMS.length; r++) {
    intro[r] = rng.int(INTRO_TEMPLATES.length);
    ambience[r] = rng.int(AMBIENCE_TEMPLATES.length);
  }
  for (let f = 0; f < FURNITURE.length; f++) {
    furniture[f] = rng.int(FURNITURE[f].kind === "container" ? CONTAINER_TEMPLATES.length : SUPPORTER_TEMPLATES.length);
  }
  return { intro, ambience, furniture };
}

/** INTRO_TEXT[room][template] = the FO location sentence. */
export const INTRO_TEXT: readonly (readonly string[])[] = ROOMS.map((r) =>
  INTRO_TEMPLATES.map((t) => t.replace("{a}", an(r)).replace("{r}", r)),
);

/** EXIT_TEXT[room] = "There is an unblocked exit to the south." / "There are unblocked exits to the east, south and west." */
export const EXIT_TEXT: readonly string[] = ROOMS.map((_, r) => {
  const dirs = DIRECTIONS.filter((_d, i) => EXITS[r][i] >= 0);
  return dirs.length === 1
    ? `There is an unblocked exit to the ${dirs[0]}.`
    : `There are unblocked exits to the ${joinList(dirs)}.`;
});

/** "a", "a and b", "a, b and c" (TextWorld/Inform list style, no serial comma). */
export function joinList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1];
}

/** "a stale food", "some utensils". */
export const ITEM_WITH_ARTICLE: readonly string[] = ITEMS.map((it) => `${it.article} ${it.name}`);

function itemsAt(s: WorldState, code: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < ITEMS.length; i++) if (s.loc[i] === code) out.push(ITEM_WITH_ARTICLE[i]);
  return out;
}

/** The sentence(s) describing furniture `f` in its current state with flavour template `tpl`. */
export function furnitureSentence(s: WorldState, f: number, tpl: number): string {
  const fu = FURNITURE[f];
  const open = s.open[f] === 1;
  if (fu.kind === "container") {
    const t = CONTAINER_TEMPLATES[tpl];
    let out = t.head(fu.name, open);
    if (open) {
      const items = itemsAt(s, ON + f);
      out += items.length ? t.full(fu.name, joinList(items)) : t.empty(fu.name);
    }
    return out;
  }
  const t = SUPPORTER_TEMPLATES[tpl];
  const items = itemsAt(s, ON + f);
  return t.head(fu.name) + (items.length ? t.full(fu.name, joinList(items)) : t.empty(fu.name));
}

/**
 * The room description of the player's room: [FO: location sentence] [ambience] [furniture]
 * [floor items] exits — one paragraph, sentences separated by single spaces.
 */
export function roomDescription(s: WorldState, flavour: Flavour, fullyObserved: boolean): string {
  const r = s.room;
  let out = fullyObserved ? INTRO_TEXT[r][flavour.intro[r]] : "";
  const amb = AMBIENCE_TEMPLATES[flavour.ambience[r]];
  if (amb) out += (out ? " " : "") + amb;
  const f = FURNITURE.findIndex((x) => x.room === r);
  if (f >= 0) out += (out ? " " : "") + furnitureSentence(s, f, flavour.furniture[f]);
  const floor = itemsAt(s, r);
  if (floor.length) out += (out ? " " : "") + `There is ${joinList(floor)} on the floor.`;
  return out + (out ? " " : "") + EXIT_TEXT[r];
}

/** TextWorld's inventory reply: "You are carrying nothing." / "You are carrying: a stale food and a fruit." */
export function inventorySentence(s: WorldState): string {
  const items = itemsAt(s, CARRIED);
  return items.length ? `You are carrying: ${joinList(items)}.` : "You are carrying nothing.";
}

/**
 * Assembles one observation. `inventory` is null in PO and at reset (the reference env only appends
 * the inventory after steps).
 */
export function observationText(feedback: string, inventory: string | null, admissible: readonly string[]): string {
  return feedback + "\n" + (inventory === null ? "" : inventory + "\n") + ADMISSIBLE_PREFIX + admissible.join(", ") + "\n";
}

/**
 * The admissible commands listed in an observation (the random policy reads them from text), or
 * null when the text has no list.
 *
 * @example
 * parseAdmissible("...\n\nAdmissible commands: go east, open fridge\n"); // ["go east", "open fridge"]
 */
export function parseAdmissible(observation: string): string[] | null {
  const i = observation.lastIndexOf(ADMISSIBLE_PREFIX);
  if (i < 0) return null;
  let end = observation.length;
  if (observation.charCodeAt(end - 1) === 10) end--;
  const body = observation.slice(i + ADMISSIBLE_PREFIX.length, end);
  return body === "" ? [] : body.split(", ");
}

/** Game replies (TextWorld/Inform 7 wording). */
export const MSG = {
  notVerb: "That's not a verb I recognise.",
  noSuchThing: "You can't see any such thing.",
  pardon: "I beg your pardon?",
  cantGo: "You can't go that way.",
  alreadyHave: "You already have that.",
  fixed: "That's fixed in place.",
  haventGot: "You haven't got that.",
  inedible: "That's plainly inedible.",
  notOpenable: "That's not something you can open.",
  notClosable: "That's not something you can close.",
  alreadyOpen: "That's already open.",
  alreadyClosed: "That's already closed.",
  cantContain: "That can't contain things.",
  noSurface: "Putting things on that would achieve nothing.",
  gameOver: "The game is over.",
  needTake: (item: string) => `You need to take the ${item} first.`,
  notThere: (item: string) => `But the ${item} isn't there now.`,
  isClosed: (f: string) => `The ${f} is closed.`,
  takeFrom: (item: string, f: string) => `You take the ${item} from the ${f}.`,
  pickUp: (item: string) => `You pick up the ${item} from the ground.`,
  drop: (item: string) => `You drop the ${item} on the ground.`,
  put: (item: string, f: string) => `You put the ${item} on the ${f}.`,
  insert: (item: string, f: string) => `You put the ${item} into the ${f}.`,
  open: (f: string, contents: string) => (contents ? `You open the ${f}, revealing ${contents}.` : `You open the ${f}.`),
  close: (f: string) => `You close the ${f}.`,
  eat: (item: string) => `You eat the ${item}. Not bad.`,
  whatVerb: (verb: string) => `What do you want to ${verb}?`,
  whatSecond: (verb: string, item: string, prep: string) => `What do you want to ${verb} the ${item} ${prep}?`,
  which: (names: readonly string[]) => {
    const the = names.map((n) => `the ${n}`);
    return `Which do you mean, ${the.slice(0, -1).join(", ")} or ${the[the.length - 1]}?`;
  },
  won: (turns: number) =>
    `Your score has just gone up by one point.\n*** The End ***\nYou scored 1 out of a possible 1, in ${turns} turn${turns === 1 ? "" : "s"}.`,
  lost: (turns: number) => `*** You lost! ***\nYou scored 0 out of a possible 1, in ${turns} turn${turns === 1 ? "" : "s"}.`,
  examineItem: (item: string) => `The ${item} is unremarkable.`,
  examineFurniture: (f: string, kind: string, open: boolean) =>
    kind === "container" ? `The ${f} looks strong, and impossible to break. It is ${open ? "open" : "closed"}.` : `The ${f} is reliable.`,
} as const;
