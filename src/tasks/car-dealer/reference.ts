/**
 * Reader for the original benchmark's Car Dealer files (`car-dealer/train.json`, `eval.json`; LMRL-Gym
 * paper App. C.8): one JSON object keyed by personality, each a list of conversations
 *
 *     {"polite": [{"buyer_info": {"personality": "polite", "preferred_brands": "a Honda",
 *                                 "preferred_type": "SUV", "preferred_features": ["sunroof"], "budget": 30000},
 *                  "lines": [{"role": "Seller", "text": "Hi!"}, {"role": "Buyer", "text": "Hello."}, ...],
 *                  "output": {"car_bought": true, "msrp": 32000, "buy_price": 30500}}, ...], ...}
 *
 * converted as the reference's `create_trajectory_from_conversation(conversation, Role.SELLER)`
 * (`llm_rl_scripts/car_dealer/env/data.py`): "Start\n", then each line + "\n" (Seller lines are actions,
 * Buyer lines observations), consecutive Seller lines joined with a space; the fancy reward of
 * `compute_reward` on the seller's last line; a conversation without "output" is not done (no reward).
 * The role "Dealer" (the name the reference's earlier `data.py` gave the seller) is read as "Seller".
 * Errors name `file: field: problem`, e.g. `train.json: polite[3].lines[2].role: ...`.
 *
 * @example
 * for await (const t of readReferenceCarDealer("car-dealer/train.json")) console.log(t.meta?.success);
 */
import { readFile } from "node:fs/promises";
import { checkReadableFile, DatasetFileError } from "../../core/dataset";
import { act, obs } from "../../core/text";
import type { Text, Trajectory } from "../../core/types";
import { CAR_DEALER_ENV_ID } from "./env";
import { computeReward, START_TEXT, type ConversationOutput, type RewardMode } from "./formats";

/**
 * Converts one reference conversation; throws a {@link DatasetFileError} naming `file: field`.
 * `where` is the record's position (`polite[3]`).
 */
export function referenceConversationToTrajectory(value: unknown, file: string, where: string, mode: RewardMode = "fancy"): Trajectory {
  const fail = (field: string, problem: string): never => {
    throw new DatasetFileError(file, `${where}${field}: ${problem}`);
  };
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  if (!isObj(value)) fail("", "expected a conversation object with buyer_info, lines and output");
  const v = value as Record<string, unknown>;
  if (!isObj(v.buyer_info)) fail(".buyer_info", "expected an object");
  const info = v.buyer_info as Record<string, unknown>;
  const budget = info.budget;
  if (typeof budget !== "number" || !Number.isFinite(budget)) fail(".buyer_info.budget", `expected a number of dollars, got ${JSON.stringify(budget)}`);
  if (!Array.isArray(v.lines)) fail(".lines", "expected an array of {role, text}");
  const texts: Text[] = [obs(START_TEXT)];
  (v.lines as unknown[]).forEach((line, i) => {
    if (!isObj(line)) return fail(`.lines[${i}]`, "expected {role, text}");
    const role = line.role;
    if (role !== "Seller" && role !== "Buyer" && role !== "Dealer") fail(`.lines[${i}].role`, `expected "Seller" or "Buyer", got ${JSON.stringify(role)}`);
    if (typeof line.text !== "string") fail(`.lines[${i}].text`, `expected a string, got ${JSON.stringify(line.text)}`);
    const text = line.text as string;
    const isAction = role !== "Buyer";
    const prev = texts[texts.length - 1];
    // `line["text"] + "\n"`; the reference's join_consecutive_actions strips the trailing newlines of
    // consecutive seller lines and joins them with a space.
    if (isAction && prev.isAction) texts[texts.length - 1] = act(`${prev.text.replace(/\n+$/, "")} ${text.replace(/\n+$/, "")}\n`);
    else texts.push(isAction ? act(`${text}\n`) : obs(`${text}\n`));
  });
  const rewards = texts.map(() => 0);
  let output: ConversationOutput | null = null;
  if (v.output !== undefined) {
    if (!isObj(v.output)) fail(".output", "expected {car_bought, msrp, buy_price}");
    const o = v.output as Record<string, unknown>;
    if (typeof o.car_bought !== "boolean") fail(".output.car_bought", `expected true or false, got ${JSON.stringify(o.car_bought)}`);
    if (typeof o.msrp !== "number" || !Number.isFinite(o.msrp)) fail(".output.msrp", `expected a number, got ${JSON.stringify(o.msrp)}`);
    if (o.buy_price !== null && o.buy_price !== undefined && (typeof o.buy_price !== "number" || !Number.isFinite(o.buy_price))) {
      fail(".output.buy_price", `expected a number or null, got ${JSON.stringify(o.buy_price)}`);
    }
    output = { carBought: o.car_bought as boolean, msrp: o.msrp as number, buyPrice: (o.buy_price as number | null | undefined) ?? null };
    const r = computeReward(budget as number, output, mode);
    for (let i = texts.length - 1; i >= 0; i--) {
      if (texts[i].isAction) {
        rewards[i] = r;
        break;
      }
    }
  }
  return {
    task: CAR_DEALER_ENV_ID,
    texts,
    rewards,
    done: output !== null,
    meta: {
      success: output?.carBought ?? false,
      source: "reference",
      personality: info.personality ?? null,
      buyerInfo: info,
      price: output?.carBought ? output.buyPrice : null,
      msrp: output?.msrp ?? null,
    },
  };
}

/**
 * Streams the trajectories of a reference Car Dealer file (the whole JSON object is parsed at once: the
 * released train split is ~4,400 conversations).
 *
 * @example
 * let n = 0; for await (const t of readReferenceCarDealer("eval.json")) n++;
 */
export async function* readReferenceCarDealer(path: string, mode: RewardMode = "fancy"): AsyncGenerator<Trajectory> {
  checkReadableFile(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(path));
  } catch {
    throw new DatasetFileError(path, "is not valid UTF-8; the file is corrupted or not a Car Dealer JSON file");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DatasetFileError(path, `(json): ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new DatasetFileError(path, "(file): expected a JSON object keyed by personality, each a list of conversations");
  }
  for (const [key, list] of Object.entries(data as Record<string, unknown>)) {
    if (!Array.isArray(list)) throw new DatasetFileError(path, `${key}: expected a list of conversations, got ${JSON.stringify(list)?.slice(0, 60)}`);
    for (let i = 0; i < list.length; i++) yield referenceConversationToTrajectory(list[i], path, `${key}[${i}]`, mode);
  }
}
