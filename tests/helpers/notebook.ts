/**
 * Runs a tslab notebook in-process with tslab's own compiler and executor: code
 * cells execute in order in one scope with tslab's type checking, no Jupyter or Python needed. The
 * kernel's root is the project folder, so notebooks import `./src/...` (see notebooks/README.md).
 * Display output (`tslab.display.*`) is captured instead of sent to a frontend.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export interface NotebookRun {
  /** Index of the first failing code cell, or -1. */
  readonly failedCell: number;
  readonly failedSource?: string;
  /** Everything the cells printed (console.log/error) and the first error text. */
  readonly log: string[];
  /** MIME bundles passed to tslab.display.* */
  readonly displays: Record<string, string>[];
  readonly cells: number;
}

interface Executor { execute(src: string): Promise<boolean>; close(): void }

/** Executes every code cell of `path` with the project root as the kernel's working folder. */
export async function runNotebook(path: string, root: string, env: Record<string, string> = {}): Promise<NotebookRun> {
  const req = createRequire(join(root, "package.json"));
  const { createExecutor } = req("tslab/dist/executor") as { createExecutor: (root: string, c: unknown, con: unknown) => Executor };
  const { createConverter } = req("tslab/dist/converter") as { createConverter: (o?: unknown) => { close(): void } };
  const jupyter = req("tslab/dist/jupyter") as { lastWriteDisplayData?: (d: { data: Record<string, string> }) => void };
  const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  const log: string[] = [];
  const displays: Record<string, string>[] = [];
  const node = createConverter();
  const browser = createConverter({ isBrowser: true });
  const convs = { node, browser, close: () => (node.close(), browser.close()) };
  const fmt = (a: unknown[]) => a.map((x) => (typeof x === "string" ? x : String(x))).join(" ");
  const ex = createExecutor(root, convs, { log: (...a: unknown[]) => log.push(fmt(a)), error: (...a: unknown[]) => log.push(fmt(a)) });
  const prevHook = jupyter.lastWriteDisplayData;
  jupyter.lastWriteDisplayData = (d) => displays.push(d.data);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) (saved[k] = process.env[k]), (process.env[k] = v);
  // cells print through the global console; keep what they print
  const consoleLog = console.log;
  console.log = (...a: unknown[]) => void log.push(fmt(a));
  const code = nb.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
  try {
    for (let i = 0; i < code.length; i++) {
      const t0 = Date.now();
      const ok = await ex.execute(code[i]);
      if (process.env.LMRL_NOTEBOOK_TIMING) process.stderr.write(`cell ${i}: ${Date.now() - t0} ms\n`);
      if (!ok) return { failedCell: i, failedSource: code[i], log, displays, cells: code.length };
    }
    return { failedCell: -1, log, displays, cells: code.length };
  } finally {
    console.log = consoleLog;
    jupyter.lastWriteDisplayData = prevHook;
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    ex.close();
    convs.close();
  }
}

/** The rows of an HTML table (arquero's `toHTML`): header cells as keys, cell text as values. */
export function htmlTableRows(html: string): Record<string, string>[] {
  const strip = (s: string) => s.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").trim();
  const header = [...(html.match(/<thead>[\s\S]*?<\/thead>/)?.[0] ?? "").matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => strip(m[1]));
  const body = html.match(/<tbody>[\s\S]*?<\/tbody>/)?.[0] ?? "";
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells = [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => strip(m[1]));
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}
