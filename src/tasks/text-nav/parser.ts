/**
 * Free-text command parser for Text-Nav: maps any string to a {@link Command} or to the game's
 * parser-error reply (TextWorld/Inform wording). Never throws. The exact admissible strings take a
 * Map-lookup fast path; everything else is lower-cased, whitespace-collapsed, stripped of articles
 * and trailing punctuation, then matched against a small verb grammar and the objects in scope.
 */
import { MSG } from "./formats";
import {
  COMMAND_BY_TEXT,
  FURNITURE,
  ITEMS,
  ROOM_FURNITURE,
  isAdmissible,
  itemInScope,
  resolveUniverseCommand,
  type Command,
  type WorldState,
} from "./world";

export type ParseResult = { readonly ok: true; readonly command: Command } | { readonly ok: false; readonly message: string };

const ARTICLES = new Set(["the", "a", "an", "some"]);
const DIR_WORDS = new Map<string, number>([
  ["east", 0], ["e", 0], ["north", 1], ["n", 1], ["south", 2], ["s", 2], ["west", 3], ["w", 3],
]);
const ITEM_WORDS: readonly ReadonlySet<string>[] = ITEMS.map((it) => new Set(it.name.split(" ")));
const FURNITURE_WORDS: readonly ReadonlySet<string>[] = FURNITURE.map((f) => new Set(f.name.split(" ")));
const VOCABULARY = new Set<string>([...ITEM_WORDS, ...FURNITURE_WORDS].flatMap((s) => [...s]));

type Noun = { readonly item: number; readonly furniture: number } | { readonly error: string };

/** Resolves a noun phrase to one item or piece of furniture in scope. */
function resolveNoun(words: readonly string[], s: WorldState): Noun {
  if (words.length === 0) return { error: MSG.noSuchThing };
  for (const w of words) if (!VOCABULARY.has(w)) return { error: MSG.noSuchThing };
  const matches = (set: ReadonlySet<string>) => words.every((w) => set.has(w));
  const found: { item: number; furniture: number; name: string }[] = [];
  for (let i = 0; i < ITEMS.length; i++) {
    if (matches(ITEM_WORDS[i]) && itemInScope(s, i)) found.push({ item: i, furniture: -1, name: ITEMS[i].name });
  }
  const f = ROOM_FURNITURE[s.room];
  if (f >= 0 && matches(FURNITURE_WORDS[f])) found.push({ item: -1, furniture: f, name: FURNITURE[f].name });
  if (found.length === 0) return { error: MSG.noSuchThing };
  if (found.length > 1) return { error: MSG.which(found.map((x) => x.name)) };
  return { item: found[0].item, furniture: found[0].furniture };
}

/** Splits `words` at the first of `preps`; returns [before, prep, after] or null. */
function splitAt(words: readonly string[], preps: readonly string[]): [string[], string, string[]] | null {
  for (let i = 0; i < words.length; i++) {
    if (preps.includes(words[i])) return [words.slice(0, i), words[i], words.slice(i + 1)];
  }
  return null;
}

/** Normalises free text into words: lower case, whitespace collapsed, trailing punctuation and articles dropped. */
export function normalizeCommand(raw: string): string[] {
  const t = raw.toLowerCase().replace(/\s+/g, " ").trim().replace(/[.!?]+$/, "");
  const out: string[] = [];
  for (const w of t.split(" ")) if (w !== "" && !ARTICLES.has(w)) out.push(w);
  return out;
}

const fail = (message: string): ParseResult => ({ ok: false, message });
const ok = (command: Command): ParseResult => ({ ok: true, command });

/**
 * Parses one command (with or without its trailing "\n") against the current state.
 *
 * @example
 * parseCommand("Take the stale food from the table.\n", state); // { ok: true, command: { kind: "take", item: 0, from: 1 } }
 * parseCommand("fly north", state); // { ok: false, message: "That's not a verb I recognise." }
 */
export function parseCommand(raw: string, s: WorldState): ParseResult {
  const body = raw.charCodeAt(raw.length - 1) === 10 ? raw.slice(0, -1) : raw;
  const fast = COMMAND_BY_TEXT.get(body);
  if (fast !== undefined && isAdmissible(s, fast)) {
    const c = resolveUniverseCommand(s, fast);
    if (c) return ok(c);
  }
  return parseWords(normalizeCommand(body), s);
}

function parseWords(words: string[], s: WorldState): ParseResult {
  if (words.length === 0) return fail(MSG.pardon);
  let verb = words[0];
  let rest = words.slice(1);
  if (verb === "pick" && rest[0] === "up") {
    verb = "take";
    rest = rest.slice(1);
  }
  const dir = DIR_WORDS.get(verb);
  if (dir !== undefined && rest.length === 0) return ok({ kind: "go", dir });
  switch (verb) {
    case "go":
    case "walk":
    case "run": {
      if (rest.length === 0) return fail("You'll have to say which compass direction to go in.");
      const d = rest.length === 1 ? DIR_WORDS.get(rest[0]) : undefined;
      return d === undefined ? fail(MSG.noSuchThing) : ok({ kind: "go", dir: d });
    }
    case "look":
    case "l":
      if (rest.length === 0) return ok({ kind: "look" });
      if (rest[0] === "at") return examine(rest.slice(1), s);
      return fail(MSG.noSuchThing);
    case "inventory":
    case "inv":
    case "i":
      return rest.length === 0 ? ok({ kind: "inventory" }) : fail(MSG.noSuchThing);
    case "examine":
    case "x":
      return examine(rest, s);
    case "take":
    case "get":
    case "grab": {
      if (rest.length === 0) return fail(MSG.whatVerb("take"));
      const split = splitAt(rest, ["from", "off"]);
      const noun = resolveNoun(split ? split[0] : rest, s);
      if ("error" in noun) return fail(noun.error);
      if (noun.furniture >= 0) return fail(MSG.fixed);
      if (!split) return ok({ kind: "take", item: noun.item, from: -1 });
      const from = resolveNoun(split[2], s);
      if ("error" in from) return fail(from.error);
      if (from.furniture < 0) return fail(MSG.notThere(ITEMS[noun.item].name));
      return ok({ kind: "take", item: noun.item, from: from.furniture });
    }
    case "put":
    case "place":
    case "insert": {
      if (rest.length === 0) return fail(MSG.whatVerb(verb));
      const preps = verb === "insert" ? ["in", "into", "inside"] : ["on", "onto", "in", "into", "inside"];
      const split = splitAt(rest, preps);
      const noun = resolveNoun(split ? split[0] : rest, s);
      if ("error" in noun) return fail(noun.error);
      if (noun.furniture >= 0) return fail(MSG.fixed);
      if (!split || split[2].length === 0) {
        return fail(MSG.whatSecond(verb, ITEMS[noun.item].name, verb === "insert" ? "in" : "on"));
      }
      const target = resolveNoun(split[2], s);
      if ("error" in target) return fail(target.error);
      const into = split[1] !== "on" && split[1] !== "onto";
      if (target.furniture < 0) return fail(into ? MSG.cantContain : MSG.noSurface);
      return ok({ kind: into ? "insert" : "put", item: noun.item, furniture: target.furniture });
    }
    case "open":
    case "close":
    case "shut": {
      const kind = verb === "open" ? "open" : "close";
      if (rest.length === 0) return fail(MSG.whatVerb(kind));
      const noun = resolveNoun(rest, s);
      if ("error" in noun) return fail(noun.error);
      if (noun.furniture < 0 || FURNITURE[noun.furniture].kind !== "container") {
        return fail(kind === "open" ? MSG.notOpenable : MSG.notClosable);
      }
      return ok({ kind, furniture: noun.furniture });
    }
    case "drop":
    case "eat": {
      if (rest.length === 0) return fail(MSG.whatVerb(verb));
      const noun = resolveNoun(rest, s);
      if ("error" in noun) return fail(noun.error);
      if (noun.furniture >= 0) return fail(verb === "eat" ? MSG.inedible : MSG.haventGot);
      return ok({ kind: verb, item: noun.item });
    }
    default:
      return fail(DIR_WORDS.has(verb) ? MSG.noSuchThing : MSG.notVerb);
  }
}

function examine(rest: readonly string[], s: WorldState): ParseResult {
  if (rest.length === 0) return fail(MSG.whatVerb("examine"));
  const noun = resolveNoun(rest, s);
  if ("error" in noun) return fail(noun.error);
  return ok({ kind: "examine", item: noun.item, furniture: noun.furniture });
}
