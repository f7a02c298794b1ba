/**
 * The task list: every registered evaluation row, one line per task. A new task is one folder in
 * src/tasks/ and one line here.
 */
import { createRegistry, type EnvSpec } from "../core/spec";
import type { Trajectory } from "../core/types";
import { mazeSpecs, readReferenceFoMaze, readReferencePoMaze } from "./maze/index";
import { readReferenceTextNav, textNavSpecs } from "./text-nav/index";
import { readReferenceWordle, wordleSpec } from "./wordle/index";

export const ENV_SPECS: readonly EnvSpec[] = [
  ...mazeSpecs, // maze-fo, maze-po (spec §2.1)
  ...textNavSpecs, // text-nav-fo, text-nav-po (spec §2.2)
  wordleSpec, // wordle (spec §2.3)
];

/** Lookups by id: `registry.makeEnv("maze-fo")`, `registry.getEnvSpec("wordle")`. */
export const registry = createRegistry(ENV_SPECS);
export const { makeEnv, getEnvSpec } = registry;

/** Readers of the original benchmark's files, by `--format` name (for `lmrl data stats`). */
export const REFERENCE_READERS: Readonly<Record<string, { env: string; read(path: string): AsyncIterable<Trajectory> }>> = {
  "maze-fo": { env: "maze-fo", read: readReferenceFoMaze },
  "maze-po": { env: "maze-po", read: readReferencePoMaze },
  "text-nav-fo": { env: "text-nav-fo", read: (p) => readReferenceTextNav(p, { task: "text-nav-fo" }) },
  "text-nav-po": { env: "text-nav-po", read: (p) => readReferenceTextNav(p, { task: "text-nav-po" }) },
  wordle: { env: "wordle", read: readReferenceWordle },
};
