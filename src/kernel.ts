/**
 * `lmrl kernel install`: registers a Jupyter kernel "TypeScript (lmrl-gym-ts)" that runs tslab with
 * the project root as its working folder. tslab compiles local .ts files only under its working
 * folder, so notebooks in notebooks/ import the kit as `./src/...` and run from the root.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "./core/atomic";
import { projectRoot } from "./core/paths";

export const KERNEL_NAME = "lmrl-tslab";

/** The kernel.json for this checkout. */
export function kernelSpec(root = projectRoot()): Record<string, unknown> {
  return {
    argv: ["/bin/sh", "-c", 'cd "$0" && exec node node_modules/tslab/bin/tslab kernel --config-path "$1"', root, "{connection_file}"],
    display_name: "TypeScript (lmrl-gym-ts)",
    language: "typescript",
    env: { LMRL_ROOT: root },
  };
}

/** Writes the kernelspec into `<dataDir>/kernels/lmrl-tslab/` (default: the user's Jupyter data dir). */
export function installKernel(dataDir = process.env.JUPYTER_DATA_DIR ?? join(homedir(), ".local", "share", "jupyter")): string {
  const dir = join(dataDir, "kernels", KERNEL_NAME);
  writeFileAtomic(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2) + "\n"); // creates dir
  return dir;
}
