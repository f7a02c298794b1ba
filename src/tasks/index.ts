/**
 * The task list: every registered evaluation row, one line per task. A new task is one folder in
 * src/tasks/ and one line here.
 */
import { createRegistry, type EnvSpec } from "../core/spec";
import type { Trajectory } from "../core/types";

export const ENV_SPECS: readonly EnvSpec[] = [
];

/** Lookups by id: `registry.makeEnv("maze-fo")`, `registry.getEnvSpec("wordle")`. */
export const registry = createRegistry(ENV_SPECS);
export const { makeEnv, getEnvSpec } = registry;

/** Readers of the original benchmark's files, by `--format` name (for `lmrl data stats`). */
export const REFERENCE_READERS: Readonly<Record<string, { env: string; read(path: string): AsyncIterable<Trajectory> }>> = {
};
