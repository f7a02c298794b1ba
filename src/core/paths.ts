/**
 * Where the project's shipped files live. Code under `src/` must work both as ESM (tsx, the CLI) and
 * compiled to CommonJS by tslab in notebooks, so it cannot use `import.meta`; instead the root is
 * `LMRL_ROOT` (set by the `lmrl` launcher), the nearest folder above the working directory whose
 * package.json is this kit's, or — in a project that installed the kit as a dependency —
 * `node_modules/lmrl-gym-ts` as Node resolves it from the working directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const PACKAGE_NAME = "lmrl-gym-ts";
let cached: string | undefined;

function isKitRoot(dir: string): boolean {
  const p = join(dir, "package.json");
  if (!existsSync(p)) return false;
  try {
    return (JSON.parse(readFileSync(p, "utf8")) as { name?: string }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

/** Absolute path of the kit's root folder (the one holding package.json, src, data). */
export function projectRoot(): string {
  if (cached) return cached;
  const env = process.env.LMRL_ROOT;
  if (env) {
    if (!isKitRoot(env)) throw new Error(`LMRL_ROOT=${env} is not the lmrl-gym-ts folder (no package.json named ${PACKAGE_NAME}); unset it or point it at the kit`);
    return (cached = resolve(env));
  }
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    if (isKitRoot(dir)) return (cached = dir);
    if (dirname(dir) === dir) break;
  }
  // A project that installed the kit as a dependency: node_modules/lmrl-gym-ts, found the way Node finds it.
  try {
    const pkg = createRequire(join(process.cwd(), "noop.js")).resolve(`${PACKAGE_NAME}/package.json`);
    if (isKitRoot(dirname(pkg))) return (cached = dirname(pkg));
  } catch {
    // not installed here either
  }
  throw new Error(`Cannot find the lmrl-gym-ts folder above ${process.cwd()}; run from inside the kit or set LMRL_ROOT=/path/to/lmrl-gym-ts`);
}

/** A path inside the kit, e.g. `projectPath("data", "wordle", "wordle_official_400.txt")`. */
export function projectPath(...parts: string[]): string {
  return join(projectRoot(), ...parts);
}
