/**
 * The task list: every registered evaluation row, one line per task. A new task is one folder in
 * src/tasks/ and one line here (CONTRIBUTING.md).
 */
import { createRegistry, type EnvSpec } from "../core/spec";
import { carDealerSpec } from "./car-dealer/index";
import { chessSpecs } from "./chess/index";
import { guessMyCitySpec } from "./guess-my-city/index";
import { mazeSpecs } from "./maze/index";
import { textNavSpecs } from "./text-nav/index";
import { twentyQuestionsSpec } from "./twenty-questions/index";
import { wordleSpec } from "./wordle/index";

export const ENV_SPECS: readonly EnvSpec[] = [
  ...mazeSpecs, // maze-fo, maze-po
  ...textNavSpecs, // text-nav-fo, text-nav-po
  wordleSpec, // wordle
  ...chessSpecs, // chess, endgames
  twentyQuestionsSpec, // twenty-questions
  guessMyCitySpec, // guess-my-city
  carDealerSpec, // car-dealer
];

/** Lookups by id: `registry.makeEnv("maze-fo")`, `registry.getEnvSpec("wordle")`. */
export const registry = createRegistry(ENV_SPECS);
export const { makeEnv, getEnvSpec } = registry;
