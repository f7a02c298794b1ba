/**
 * `lmrl kernel install`: registers a Jupyter kernel "TypeScript (lmrl-gym-ts)" that runs tslab with the
 * kit's root as its working folder. tslab compiles local .ts files only under its working folder, so
 * notebooks import the kit relative to the root. Jupyter starts a kernel in the notebook's own folder;
 * the launcher walks up from there to the nearest lmrl-gym-ts checkout and runs that checkout's tslab,
 * so every clone's notebooks use their own code. Only a notebook outside any checkout falls back to the
 * checkout that installed the kernel.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./core/atomic";
import { projectRoot } from "./core/paths";

export const KERNEL_NAME = "lmrl-tslab";

/**
 * The launcher (POSIX sh; $0 = the fallback root, $1 = the connection file): the nearest folder at or
 * above the working folder whose package.json is named "lmrl-gym-ts", else $0.
 */
const LAUNCHER = [
  'd="$PWD"',
  'while [ "$d" != "/" ] && ! grep -qs \'"name": *"lmrl-gym-ts"\' "$d/package.json"; do d=$(dirname "$d"); done',
  '[ "$d" = "/" ] && d="$0"',
  'cd "$d" && LMRL_ROOT="$d" exec node node_modules/tslab/bin/tslab kernel --config-path "$1"',
].join("; ");

/** The kernel.json; `fallbackRoot` serves notebooks that live outside any checkout. */
export function kernelSpec(fallbackRoot = projectRoot()): Record<string, unknown> {
  return {
    argv: ["/bin/sh", "-c", LAUNCHER, fallbackRoot, "{connection_file}"],
    display_name: "TypeScript (lmrl-gym-ts)",
    language: "typescript",
  };
}

/** Writes the kernelspec into `<dataDir>/kernels/lmrl-tslab/` (default: the user's Jupyter data dir). */
export function installKernel(dataDir = process.env.JUPYTER_DATA_DIR ?? join(homedir(), ".local", "share", "jupyter")): string {
  const dir = join(dataDir, "kernels", KERNEL_NAME);
  writeFileAtomic(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n"); // creates dir
  return dir;
}
