/**
 * The Text-Nav house (after the reference `llm_rl_scripts/text_nav/env/make_game.py`): 8 rooms,
 * their exits, five pieces of furniture and seven portable items, plus the game rules (which
 * commands apply in a state and what they do). Pure data and pure functions over a small mutable
 * {@link WorldState}; no text rendering beyond the short game replies (see formats.ts for
 * descriptions).
 */

/** Room names, in the order of `make_game.py`. Index = room id. */
export const ROOMS = ["bedroom", "office", "bathroom", "living room", "kitchen", "dining room", "garden", "backyard"] as const;
export type RoomName = (typeof ROOMS)[number];

export const BEDROOM = 0;
export const OFFICE = 1;
export const BATHROOM = 2;
export const LIVING_ROOM = 3;
export const KITCHEN = 4;
export const DINING_ROOM = 5;
export const GARDEN = 6;
export const BACKYARD = 7;

/**
 * Directions in alphabetical order, which is also the order TextWorld lists exits and admissible
 * commands in ("There are unblocked exits to the east, south and west.").
 */
export const DIRECTIONS = ["east", "north", "south", "west"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** EXITS[room][dir] = destination room id, or -1 (dir indexes {@link DIRECTIONS}). */
export const EXITS: readonly (readonly number[])[] = (() => {
  const e = ROOMS.map(() => [-1, -1, -1, -1]);
  const E = 0, N = 1, S = 2, W = 3;
  const connect = (a: number, da: number, b: number, db: number) => {
    e[a][da] = b;
    e[b][db] = a;
  };
  // The eight doors of make_game.py: M.connect(bedroom.west, livingroom.east), ...
  connect(BEDROOM, W, LIVING_ROOM, E);
  connect(LIVING_ROOM, W, DINING_ROOM, E);
  connect(DINING_ROOM, W, KITCHEN, E);
  connect(KITCHEN, N, GARDEN, S);
  connect(LIVING_ROOM, S, OFFICE, N);
  connect(OFFICE, E, BATHROOM, W);
  connect(BEDROOM, S, BATHROOM, N);
  connect(KITCHEN, W, BACKYARD, E);
  return e;
})();

/** DISTANCE[a][b] = shortest number of moves between rooms a and b (BFS over {@link EXITS}). */
export const DISTANCE: readonly (readonly number[])[] = ROOMS.map((_, src) => {
  const d = ROOMS.map(() => -1);
  d[src] = 0;
  const queue = [src];
  for (let q = 0; q < queue.length; q++) {
    for (const nb of EXITS[queue[q]]) {
      if (nb >= 0 && d[nb] < 0) {
        d[nb] = d[queue[q]] + 1;
        queue.push(nb);
      }
    }
  }
  return d;
});

/**
 * NEXT_DIR[a][b] = the direction index of the first move of a shortest path a → b (-1 when a = b).
 * Ties go to the first direction in alphabetical order (bathroom → living room: north, via the
 * bedroom, as in the reference walkthrough table).
 */
export const NEXT_DIR: readonly (readonly number[])[] = ROOMS.map((_, a) =>
  ROOMS.map((__, b) => {
    if (a === b) return -1;
    for (let d = 0; d < 4; d++) {
      const nb = EXITS[a][d];
      if (nb >= 0 && DISTANCE[nb][b] === DISTANCE[a][b] - 1) return d;
    }
    return -1;
  }),
);

/** Furniture (fixed in place). Index = furniture id. All three tables are called "table". */
export const FURNITURE = [
  { name: "table", kind: "supporter", room: BEDROOM },
  { name: "table", kind: "supporter", room: LIVING_ROOM },
  { name: "table", kind: "supporter", room: DINING_ROOM },
  { name: "chest", kind: "container", room: OFFICE },
  { name: "fridge", kind: "container", room: KITCHEN },
] as const;
export const BEDROOM_TABLE = 0;
export const LIVING_TABLE = 1;
export const DINING_TABLE = 2;
export const CHEST = 3;
export const FRIDGE = 4;

/** ROOM_FURNITURE[room] = the one piece of furniture in that room, or -1. */
export const ROOM_FURNITURE: readonly number[] = ROOMS.map((_, r) => FURNITURE.findIndex((f) => f.room === r));

/** Portable items. `article` is the indefinite article used in lists ("some utensils"). */
export const ITEMS = [
  { name: "stale food", article: "a", edible: true },
  { name: "fresh food", article: "a", edible: true },
  { name: "bowl", article: "a", edible: false },
  { name: "coffee cup", article: "a", edible: false },
  { name: "plate", article: "a", edible: false },
  { name: "utensils", article: "some", edible: false },
  { name: "fruit", article: "a", edible: true },
] as const;
export const ITEM_COUNT = 7;
export const STALE_FOOD = 0;
export const FRESH_FOOD = 1;
export const FRUIT = 6;

/**
 * Where an item is: 0..7 = on the floor of that room; ON + f = on/in furniture f; CARRIED; EATEN.
 */
export const ON = 8;
export const CARRIED = 13;
export const EATEN = 14;

/** Item locations at the start of every episode (make_game.py). */
export const INITIAL_LOCATIONS: readonly number[] = [
  ON + LIVING_TABLE, // stale food
  ON + LIVING_TABLE, // fresh food
  ON + BEDROOM_TABLE, // bowl
  ON + DINING_TABLE, // coffee cup
  ON + DINING_TABLE, // plate
  ON + CHEST, // utensils
  ON + FRIDGE, // fruit
];

/** The mutable game state. The env owns one; policies may read it (never write). */
export interface WorldState {
  /** Room the episode started in. */
  readonly startRoom: number;
  room: number;
  /** Location code per item (see {@link ON}, {@link CARRIED}, {@link EATEN}). */
  readonly loc: Int8Array;
  /** open[f] = 1 when container f is open (always 0 for tables). */
  readonly open: Uint8Array;
  /** Agent actions taken so far. */
  turns: number;
  won: boolean;
  lost: boolean;
}

export function newWorldState(startRoom: number): WorldState {
  return {
    startRoom,
    room: startRoom,
    loc: Int8Array.from(INITIAL_LOCATIONS),
    open: new Uint8Array(FURNITURE.length),
    turns: 0,
    won: false,
    lost: false,
  };
}

/** True when the stale food is in the fridge and the fridge is closed (the win event). */
export function isWinning(s: WorldState): boolean {
  return s.loc[STALE_FOOD] === ON + FRIDGE && s.open[FRIDGE] === 0;
}

/** Room an item is in (-1 when carried or eaten). */
export function itemRoom(s: WorldState, item: number): number {
  const l = s.loc[item];
  if (l < ON) return l;
  if (l < CARRIED) return FURNITURE[l - ON].room;
  return -1;
}

/** Whether the player can see/refer to item `i` now (carried, on the floor, on a table, in an open container here). */
export function itemInScope(s: WorldState, i: number): boolean {
  const l = s.loc[i];
  if (l === CARRIED) return true;
  if (l === EATEN) return false;
  if (l < ON) return l === s.room;
  const f = l - ON;
  return FURNITURE[f].room === s.room && (FURNITURE[f].kind === "supporter" || s.open[f] === 1);
}

/** A fully resolved game command (what both the admissible list and the free-text parser produce). */
export type Command =
  | { readonly kind: "go"; readonly dir: number }
  | { readonly kind: "open" | "close"; readonly furniture: number }
  | { readonly kind: "take"; readonly item: number; readonly from: number } // from = furniture id or -1
  | { readonly kind: "put" | "insert"; readonly item: number; readonly furniture: number }
  | { readonly kind: "drop" | "eat"; readonly item: number }
  | { readonly kind: "look" | "inventory" }
  | { readonly kind: "examine"; readonly item: number; readonly furniture: number }; // one of them is -1

/**
 * A command template of the admissible-command universe. Furniture is named by kind ("table"), not
 * id: "take bowl from table" means the table in the current room.
 */
export interface UniverseCommand {
  readonly text: string;
  readonly kind: "go" | "open" | "close" | "takeFrom" | "take" | "put" | "insert" | "drop" | "eat";
  readonly dir: number;
  readonly item: number;
  /** "table" | "chest" | "fridge" | "" */
  readonly furnitureName: string;
}

/**
 * Every command TextWorld could list as admissible in this house, sorted alphabetically (TextWorld
 * sorts its admissible commands), so filtering it keeps the order without sorting per step.
 */
export const COMMAND_UNIVERSE: readonly UniverseCommand[] = (() => {
  const out: UniverseCommand[] = [];
  const add = (text: string, kind: UniverseCommand["kind"], dir = -1, item = -1, furnitureName = "") =>
    out.push({ text, kind, dir, item, furnitureName });
  DIRECTIONS.forEach((d, i) => add(`go ${d}`, "go", i));
  for (const c of ["chest", "fridge"]) {
    add(`open ${c}`, "open", -1, -1, c);
    add(`close ${c}`, "close", -1, -1, c);
  }
  ITEMS.forEach((it, i) => {
    for (const f of ["table", "chest", "fridge"]) add(`take ${it.name} from ${f}`, "takeFrom", -1, i, f);
    add(`take ${it.name}`, "take", -1, i);
    add(`put ${it.name} on table`, "put", -1, i, "table");
    for (const c of ["chest", "fridge"]) add(`insert ${it.name} into ${c}`, "insert", -1, i, c);
    add(`drop ${it.name}`, "drop", -1, i);
    if (it.edible) add(`eat ${it.name}`, "eat", -1, i);
  });
  return out.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
})();

/** Universe commands by their exact text (the parser's fast path). */
export const COMMAND_BY_TEXT: ReadonlyMap<string, UniverseCommand> = new Map(COMMAND_UNIVERSE.map((c) => [c.text, c]));

/** Whether universe command `c` is admissible in state `s` (TextWorld's admissible-command rules). */
export function isAdmissible(s: WorldState, c: UniverseCommand): boolean {
  const f = ROOM_FURNITURE[s.room];
  switch (c.kind) {
    case "go":
      return EXITS[s.room][c.dir] >= 0;
    case "open":
      return f >= 0 && FURNITURE[f].name === c.furnitureName && s.open[f] === 0;
    case "close":
      return f >= 0 && FURNITURE[f].name === c.furnitureName && s.open[f] === 1;
    case "takeFrom":
      return f >= 0 && FURNITURE[f].name === c.furnitureName && s.loc[c.item] === ON + f &&
        (FURNITURE[f].kind === "supporter" || s.open[f] === 1);
    case "take":
      return s.loc[c.item] === s.room;
    case "put":
      return s.loc[c.item] === CARRIED && f >= 0 && FURNITURE[f].name === c.furnitureName;
    case "insert":
      return s.loc[c.item] === CARRIED && f >= 0 && FURNITURE[f].name === c.furnitureName && s.open[f] === 1;
    case "drop":
    case "eat":
      return s.loc[c.item] === CARRIED;
  }
}

/** The admissible commands of a state, alphabetically (what "Admissible commands:" lists). */
export function admissibleCommands(s: WorldState): string[] {
  const out: string[] = [];
  for (const c of COMMAND_UNIVERSE) if (isAdmissible(s, c)) out.push(c.text);
  return out;
}

/** Resolves a universe command against the current room into a {@link Command}. */
export function resolveUniverseCommand(s: WorldState, c: UniverseCommand): Command | null {
  const f = ROOM_FURNITURE[s.room];
  const here = f >= 0 && FURNITURE[f].name === c.furnitureName ? f : -1;
  switch (c.kind) {
    case "go":
      return { kind: "go", dir: c.dir };
    case "open":
    case "close":
      return here >= 0 ? { kind: c.kind, furniture: here } : null;
    case "takeFrom":
      return here >= 0 ? { kind: "take", item: c.item, from: here } : null;
    case "take":
      return { kind: "take", item: c.item, from: -1 };
    case "put":
    case "insert":
      return here >= 0 ? { kind: c.kind, item: c.item, furniture: here } : null;
    case "drop":
    case "eat":
      return { kind: c.kind, item: c.item };
  }
}

/** Next optimal command toward winning from any state (the scripted walkthrough, generalised). */
export function optimalCommand(s: WorldState): string {
  const goToward = (target: number) => `go ${DIRECTIONS[NEXT_DIR[s.room][target]]}`;
  const food = s.loc[STALE_FOOD];
  if (food === CARRIED) {
    if (s.room !== KITCHEN) return goToward(KITCHEN);
    return s.open[FRIDGE] ? "insert stale food into fridge" : "open fridge";
  }
  if (food === ON + FRIDGE) {
    if (s.room !== KITCHEN) return goToward(KITCHEN);
    return "close fridge"; // already won when closed; the episode is over then
  }
  if (food === EATEN) return "look"; // lost; the episode is over
  const target = itemRoom(s, STALE_FOOD);
  if (s.room !== target) return goToward(target);
  if (food < ON) return "take stale food";
  const f = food - ON;
  if (FURNITURE[f].kind === "container" && s.open[f] === 0) return `open ${FURNITURE[f].name}`;
  return `take stale food from ${FURNITURE[f].name}`;
}

/** Number of optimal steps to win from the start of an episode in `startRoom` (hand-checkable). */
export function optimalEpisodeLength(startRoom: number): number {
  // walk to the living room, take, walk to the kitchen, open, insert, close
  return DISTANCE[startRoom][LIVING_ROOM] + 1 + DISTANCE[LIVING_ROOM][KITCHEN] + 3;
}
