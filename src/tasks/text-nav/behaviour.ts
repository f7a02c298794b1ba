/**
 * Scripted Text-Nav policies: "random" (uniform over the admissible commands listed in the last
 * observation), "optimal" (the walkthrough generalised to any state; reads its env's state) and the
 * dataset behaviour policies of paper App. C.2, ICLR 2024 submission ("greedily optimal in one half
 * of the rooms, uniformly random otherwise"), in a tuned variant and in the reference code's
 * variant.
 */
import type { Rng } from "../../core/rng";
import type { PolicyFactory } from "../../core/spec";
import type { History, Policy, TextEnv } from "../../core/types";
import { TextNavEnv } from "./env";
import { parseAdmissible } from "./formats";
import {
  BACKYARD,
  BATHROOM,
  BEDROOM,
  DINING_ROOM,
  GARDEN,
  KITCHEN,
  LIVING_ROOM,
  OFFICE,
  admissibleCommands,
  optimalCommand,
} from "./world";

/** The reference's first room half: far from the kitchen (chosen with probability 0.75). */
export const FAR_ROOMS: readonly number[] = [OFFICE, BATHROOM, GARDEN, BACKYARD];
/** The other half. */
export const NEAR_ROOMS: readonly number[] = [KITCHEN, DINING_ROOM, LIVING_ROOM, BEDROOM];

function textNavEnv(env: TextEnv, policy: string): TextNavEnv {
  if (!(env instanceof TextNavEnv)) {
    throw new Error(`text-nav policy "${policy}" reads the game state and needs a TextNavEnv, got env "${env.id}"; build it with the text-nav spec's make()`);
  }
  return env;
}

/**
 * Uniform over the admissible commands listed in the last observation of the history (text only,
 * works on any Text-Nav history). Falls back to "look" when the list is missing or empty.
 */
export const randomPolicy: Policy = {
  name: "random",
  act(history: History, rng: Rng): string {
    const last = history[history.length - 1];
    const cmds = last ? parseAdmissible(last.text) : null;
    return cmds && cmds.length > 0 ? rng.choice(cmds) : "look";
  },
};

/**
 * The scripted walkthrough from the current state: shortest path to the stale food, take it,
 * shortest path to the kitchen, "open fridge", "insert stale food into fridge", "close fridge".
 * Reads the env's live state (not the history), so it is robust to any start state.
 */
export const optimalPolicy: PolicyFactory = (env) => {
  const e = textNavEnv(env, "optimal");
  return { name: "optimal", act: () => optimalCommand(e.state) };
};

/** Settings of the dataset behaviour policy. */
export interface BehaviourConfig {
  /** Probability that an episode's optimal half is {@link FAR_ROOMS} (else {@link NEAR_ROOMS}); reference 0.75. */
  readonly farRoomsProbability: number;
  /**
   * Per-step probability of acting optimally when in an optimal room (else a uniformly random
   * admissible command). The paper's "greedily optimal" is 1; the reference code uses 0.1.
   */
  readonly followProbability: number;
  /**
   * "state": act with {@link optimalCommand} (the walkthrough from the true state).
   * "reference": the reference `PartialWalkthroughAgent`: a fixed per-room command list chosen by a
   * "has taken the stale food" flag, whose remaining commands are played out on the next turns.
   */
  readonly rule: "state" | "reference";
}

/**
 * Our default: the paper's "greedily optimal" (always optimal in the optimal half) with the code's
 * 0.75 / 0.25 choice of halves. It lands on Table 1's success rate; the code's 10% rule gives ~0.3%
 * success (see README "Dataset").
 */
export const DEFAULT_BEHAVIOUR: BehaviourConfig = { farRoomsProbability: 0.75, followProbability: 1, rule: "state" };
/** The reference `collect_data.py` agent: walkthrough only when rand > 0.9, per-room command lists. */
export const REFERENCE_BEHAVIOUR: BehaviourConfig = { farRoomsProbability: 0.75, followProbability: 0.1, rule: "reference" };

/** The reference's per-room walkthrough lists: [before taking the stale food, after]. */
const REFERENCE_WALKTHROUGH: Readonly<Record<number, readonly [readonly string[], readonly string[]]>> = {
  [BEDROOM]: [["go west"], ["go west"]],
  [OFFICE]: [["go north"], ["go north"]],
  [BATHROOM]: [["go north"], ["go north"]],
  [LIVING_ROOM]: [["take stale food from table", "go west"], ["go west"]],
  [KITCHEN]: [["go east"], ["open fridge", "insert stale food into fridge", "close fridge"]],
  [DINING_ROOM]: [["go east"], ["go west"]],
  [GARDEN]: [["go south"], ["go south"]],
  [BACKYARD]: [["go east"], ["go east"]],
};

/**
 * The behaviour policy: at the start of each episode (a history of one observation) it draws its
 * optimal room half; then in an optimal room it acts optimally with probability
 * `followProbability`, otherwise uniformly at random over the admissible commands.
 */
export interface BehaviourPolicy extends Policy {
  /** The room half this episode's policy is optimal in (drawn at the episode's first action). */
  readonly optimalHalf: "far" | "near";
}

export function behaviourPolicy(config: BehaviourConfig = DEFAULT_BEHAVIOUR, name = "behaviour"): (env: TextEnv) => BehaviourPolicy {
  return (env) => {
    const e = textNavEnv(env, name);
    let optimalRooms: readonly number[] = FAR_ROOMS;
    let pending: string[] = [];
    let hasStaleFood = false;
    return {
      name,
      get optimalHalf() {
        return optimalRooms === FAR_ROOMS ? "far" : "near";
      },
      act(history: History, rng: Rng): string {
        if (history.length <= 1) {
          optimalRooms = rng.bernoulli(config.farRoomsProbability) ? FAR_ROOMS : NEAR_ROOMS;
          pending = [];
          hasStaleFood = false;
        }
        const s = e.state;
        let action: string;
        if (config.rule === "reference" && pending.length > 0) {
          action = pending.shift()!;
        } else if (optimalRooms.includes(s.room) && rng.bernoulli(config.followProbability)) {
          if (config.rule === "state") {
            action = optimalCommand(s);
          } else {
            pending = [...REFERENCE_WALKTHROUGH[s.room][hasStaleFood ? 1 : 0]];
            action = pending.shift()!;
          }
        } else {
          action = rng.choice(admissibleCommands(s));
        }
        if (action === "take stale food from table") hasStaleFood = true;
        return action;
      },
    };
  };
}

/**
 * The behaviour policy with its episode-level choice hidden: in every room it acts optimally with the
 * probability the dataset shows there (far rooms 0.75, near rooms 0.25), else uniformly at random. It
 * is the behaviour as seen by a policy that cannot tell which half an episode is optimal in — the best
 * per-room imitation of the data, what BC on a short window can at most approach (README, "Dataset").
 */
export function perRoomBehaviourPolicy(config: BehaviourConfig = DEFAULT_BEHAVIOUR): (env: TextEnv) => Policy {
  return (env) => {
    const e = textNavEnv(env, "behaviour-per-room");
    return {
      name: "behaviour-per-room",
      act(_history: History, rng: Rng): string {
        const s = e.state;
        const pHalf = FAR_ROOMS.includes(s.room) ? config.farRoomsProbability : 1 - config.farRoomsProbability;
        return rng.bernoulli(pHalf * config.followProbability) ? optimalCommand(s) : rng.choice(admissibleCommands(s));
      },
    };
  };
}
