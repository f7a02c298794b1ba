/**
 * The Text-Nav environment: a hand-written, deterministic replacement for the reference TextWorld
 * game (`llm_rl_scripts/text_nav/env/env.py`). Win = stale food in the kitchen fridge with the
 * fridge closed (reward 1, terminated, success); eating the stale food = loss (reward 0,
 * terminated); 15-turn cap (truncated). Unparseable or impossible commands get the game's reply, no
 * penalty, and use a turn.
 */
import { Rng } from "../../core/rng";
import { lastAction, obs } from "../../core/text";
import type { History, ResetArgs, StepResult, TextEnv } from "../../core/types";
import {
  ITEM_WITH_ARTICLE,
  MSG,
  OBJECTIVE,
  drawFlavour,
  inventorySentence,
  joinList,
  observationText,
  roomDescription,
  type Flavour,
} from "./formats";
import { parseCommand } from "./parser";
import {
  CARRIED,
  EATEN,
  EXITS,
  FURNITURE,
  ITEMS,
  ITEM_COUNT,
  ON,
  ROOMS,
  STALE_FOOD,
  admissibleCommands,
  isWinning,
  newWorldState,
  type Command,
  type RoomName,
  type WorldState,
} from "./world";

/**
 * The reference data collection and notebook both cap episodes at 15 turns (`max_nb_steps=15` in
 * `llm_rl_scripts/text_nav/dataset/collect_data.py`; "You have 15 turns" in `notebooks/play_game.ipynb`).
 */
export const TEXT_NAV_MAX_TURNS = 15;

export interface TextNavResetOptions {
  /** Start room (name or index into ROOMS); default uniformly random from the reset seed. */
  readonly startRoom?: RoomName | number;
  /**
   * Seed of the flavour-sentence draw. Default: drawn from the reset seed, so descriptions vary per
   * episode. The reference code compiled every game with grammar seed 1234, i.e. identical flavour
   * in every episode: pass a fixed `grammarSeed` to get that behaviour.
   */
  readonly grammarSeed?: number;
}

export interface TextNavConfig {
  /** FO shows the location sentence and appends the inventory after every step; PO shows neither. */
  readonly fullyObserved: boolean;
  readonly id?: string;
  readonly maxTurns?: number;
}

/** Resolves a start-room option; throws naming the valid rooms. */
export function roomIndex(room: RoomName | number | string): number {
  const i = typeof room === "number" ? room : ROOMS.indexOf(room.toLowerCase() as RoomName);
  if (!(Number.isInteger(i) && i >= 0 && i < ROOMS.length)) {
    throw new Error(`text-nav: unknown startRoom ${JSON.stringify(room)}; use one of ${ROOMS.map((r) => `"${r}"`).join(", ")} or an index 0..7`);
  }
  return i;
}

/**
 * @example
 * const env = new TextNavEnv({ fullyObserved: true });
 * let h = env.reset({ seed: 0, options: { startRoom: "kitchen" } });
 * const r = env.step([...h, act("go east\n")]);
 */
export class TextNavEnv implements TextEnv<TextNavResetOptions> {
  readonly id: string;
  readonly maxTurns: number;
  readonly fullyObserved: boolean;
  private rng = new Rng(0);
  private s: WorldState = newWorldState(0);
  private flavour: Flavour = drawFlavour(new Rng(0));
  private finalInfo = { terminated: false, truncated: false };

  constructor(config: TextNavConfig) {
    this.fullyObserved = config.fullyObserved;
    this.id = config.id ?? (config.fullyObserved ? "text-nav-fo" : "text-nav-po");
    this.maxTurns = config.maxTurns ?? TEXT_NAV_MAX_TURNS;
  }

  /** The live game state (read-only view for oracle policies and tests). */
  get state(): Readonly<WorldState> {
    return this.s;
  }

  /** The admissible commands of the current state, alphabetically. */
  admissibleCommands(): string[] {
    return admissibleCommands(this.s);
  }

  reset(args: ResetArgs<TextNavResetOptions> = {}): History {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    const drawn = this.rng.int(ROOMS.length); // always drawn, so the flavour stream does not depend on options
    const o = args.options ?? {};
    const start = o.startRoom !== undefined ? roomIndex(o.startRoom) : drawn;
    this.flavour = drawFlavour(o.grammarSeed !== undefined ? new Rng(o.grammarSeed) : this.rng);
    this.s = newWorldState(start);
    this.finalInfo = { terminated: false, truncated: false };
    const first = OBJECTIVE + "\n" + roomDescription(this.s, this.flavour, this.fullyObserved);
    return [obs(observationText(first, null, admissibleCommands(this.s)))];
  }

  step(history: History): StepResult {
    const action = lastAction(history, this.id);
    const s = this.s;
    if (this.finalInfo.terminated || this.finalInfo.truncated) {
      return {
        history: [...history, obs(observationText(MSG.gameOver, null, []))],
        reward: 0,
        ...this.finalInfo,
        info: { success: s.won, invalidAction: true, room: ROOMS[s.room], turns: s.turns, lost: s.lost },
      };
    }
    const parsed = parseCommand(action, s);
    let feedback: string;
    let valid: boolean;
    // `"command" in parsed` rather than `parsed.ok`: boolean discriminants do not narrow without
    // strictNullChecks, and notebooks compile src/ with tslab's non-strict settings.
    if ("command" in parsed) [feedback, valid] = this.execute(parsed.command);
    else [feedback, valid] = [parsed.message, false];
    s.turns++;
    let reward = 0;
    if (!s.won && isWinning(s)) {
      s.won = true;
      reward = 1;
      feedback += "\n" + MSG.won(s.turns);
    } else if (s.lost) {
      feedback += "\n" + MSG.lost(s.turns);
    }
    const terminated = s.won || s.lost;
    const truncated = !terminated && s.turns >= this.maxTurns;
    this.finalInfo = { terminated, truncated };
    const text = observationText(feedback, this.fullyObserved ? inventorySentence(s) : null, admissibleCommands(s));
    return {
      history: [...history, obs(text)],
      reward,
      terminated,
      truncated,
      info: { success: s.won, invalidAction: !valid, room: ROOMS[s.room], turns: s.turns, lost: s.lost },
    };
  }

  /** Applies a parsed command; returns [game reply, whether the command did something]. */
  private execute(c: Command): [string, boolean] {
    const s = this.s;
    switch (c.kind) {
      case "go": {
        const dest = EXITS[s.room][c.dir];
        if (dest < 0) return [MSG.cantGo, false];
        s.room = dest;
        return [roomDescription(s, this.flavour, this.fullyObserved), true];
      }
      case "look":
        return [roomDescription(s, this.flavour, this.fullyObserved), true];
      case "inventory":
        return [inventorySentence(s), true];
      case "examine":
        if (c.item >= 0) return [MSG.examineItem(ITEMS[c.item].name), true];
        return [MSG.examineFurniture(FURNITURE[c.furniture].name, FURNITURE[c.furniture].kind, s.open[c.furniture] === 1), true];
      case "take": {
        const loc = s.loc[c.item];
        const name = ITEMS[c.item].name;
        if (loc === CARRIED) return [MSG.alreadyHave, false];
        if (c.from >= 0 && loc !== ON + c.from) return [MSG.notThere(name), false];
        s.loc[c.item] = CARRIED;
        return [loc < ON ? MSG.pickUp(name) : MSG.takeFrom(name, FURNITURE[loc - ON].name), true];
      }
      case "put":
      case "insert": {
        const name = ITEMS[c.item].name;
        const f = FURNITURE[c.furniture];
        if (s.loc[c.item] !== CARRIED) return [MSG.needTake(name), false];
        if (c.kind === "put" && f.kind !== "supporter") return [MSG.noSurface, false];
        if (c.kind === "insert" && f.kind !== "container") return [MSG.cantContain, false];
        if (c.kind === "insert" && s.open[c.furniture] === 0) return [MSG.isClosed(f.name), false];
        s.loc[c.item] = ON + c.furniture;
        return [c.kind === "put" ? MSG.put(name, f.name) : MSG.insert(name, f.name), true];
      }
      case "open": {
        if (s.open[c.furniture] === 1) return [MSG.alreadyOpen, false];
        s.open[c.furniture] = 1;
        const inside: string[] = [];
        for (let i = 0; i < ITEM_COUNT; i++) if (s.loc[i] === ON + c.furniture) inside.push(ITEM_WITH_ARTICLE[i]);
        return [MSG.open(FURNITURE[c.furniture].name, joinList(inside)), true];
      }
      case "close":
        if (s.open[c.furniture] === 0) return [MSG.alreadyClosed, false];
        s.open[c.furniture] = 0;
        return [MSG.close(FURNITURE[c.furniture].name), true];
      case "drop": {
        if (s.loc[c.item] !== CARRIED) return [MSG.haventGot, false];
        s.loc[c.item] = s.room;
        return [MSG.drop(ITEMS[c.item].name), true];
      }
      case "eat": {
        const it = ITEMS[c.item];
        if (!it.edible) return [MSG.inedible, false];
        if (s.loc[c.item] !== CARRIED) return [MSG.needTake(it.name), false];
        s.loc[c.item] = EATEN;
        if (c.item === STALE_FOOD) s.lost = true;
        return [MSG.eat(it.name), true];
      }
    }
  }
}
