/**
 * `lmrl kernel install`: registers a Jupyter kernel "TypeScript (lmrl-gym-ts)" that runs tslab with the
 * kit's root as its working folder. tslab compiles local .ts files only under its working folder, so
 * notebooks import the kit relative to the root. Jupyter starts a kernel in the notebook's own folder;
 * the launcher walks up from there to the nearest lmrl-gym-ts checkout and runs that checkout's tslab,
 * so every clone's notebooks use their own code. Only a notebook outside any checkout falls back to the
 * checkout that installed the kernel.
 */
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
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

/** What `npm run notebooks` needs, or the first missing piece with the command that installs it. */
export function notebookPreflight(has: { jupyter: boolean; kernel: boolean; chromium: boolean }): string | null {
  if (!has.jupyter) return "jupyter is not installed: run `npm run setup:jupyter` (Debian's Jupyter and this kit's kernel)";
  if (!has.kernel) return `the "${KERNEL_NAME}" kernel is not installed: run \`npx lmrl kernel install\``;
  if (!has.chromium) return "Chromium is not installed: run `npm run setup:chromium` — saved notebooks show figures as PNG (without it each notebook would carry plotly.js, 4.8 MB)";
  return null;
}

/**
 * Numbers the code cells 1, 2, … in order, as a Python kernel's notebook shows them: nbconvert executes
 * every cell in order, but tslab sends no execution counts, so nbclient leaves them null.
 */
function numberCells(path: string): void {
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; execution_count?: number | null; outputs?: { execution_count?: number | null }[] }[] };
  let n = 0;
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    c.execution_count = ++n;
    for (const o of c.outputs ?? []) if ("execution_count" in o) o.execution_count = n;
  }
  writeFileSync(path, JSON.stringify(nb, null, 1) + "\n");
}

/** Size budget of an executed notebook in the repository. */
export const NOTEBOOK_BUDGET_BYTES = 2_000_000;

/**
 * Executes each notebook with Jupyter (nbconvert, this kit's kernel) in `mode` and replaces it with the
 * executed version (outputs and execution counts) atomically: a failed or interrupted run leaves the
 * notebook as it was. Returns each executed notebook's path, size and wall time.
 */
export function executeNotebooks(paths: readonly string[], mode: "quick" | "lesson" | "full", run: (cmd: string, args: string[], env: NodeJS.ProcessEnv) => number): { path: string; bytes: number; seconds: number }[] {
  const done: { path: string; bytes: number; seconds: number }[] = [];
  for (const path of paths) {
    const dir = dirname(path);
    const tmpName = `.${basename(path, ".ipynb")}.tmp-exec`;
    const t0 = Date.now();
    console.log(`executing ${path} (${mode})…`);
    const code = run("jupyter", ["nbconvert", "--to", "notebook", "--execute", `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`, "--ExecutePreprocessor.timeout=3600", "--output-dir", dir, "--output", tmpName, path], { ...process.env, LMRL_NOTEBOOK_MODE: mode });
    const tmp = join(dir, `${tmpName}.ipynb`);
    if (code !== 0) {
      rmSync(tmp, { force: true });
      throw new Error(`jupyter nbconvert failed on ${path} (exit ${code}); the notebook is unchanged`);
    }
    numberCells(tmp);
    renameSync(tmp, path);
    done.push({ path, bytes: statSync(path).size, seconds: (Date.now() - t0) / 1000 });
  }
  return done;
}
