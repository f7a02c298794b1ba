/**
 * Rich output inside a Jupyter kernel (tslab): one MIME bundle per display, optionally updated in place
 * (Jupyter's `update_display_data`, keyed by a display id). Outside a kernel nothing is sent and the
 * callers print text instead. Layers above (src/report, the trainer's live display) build the bundles.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { projectRoot } from "./paths";

/** A Jupyter MIME bundle: "text/plain", "text/html", "image/png" (base64), JSON types as objects, … */
export type MimeBundle = Readonly<Record<string, unknown>>;

interface TslabJupyter {
  lastWriteDisplayData: ((d: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } }, update: boolean) => void) | null;
}

/** tslab's module that holds the current cell's display writer (the same instance the kernel uses). */
function tslabJupyter(): TslabJupyter | undefined {
  try {
    return createRequire(join(projectRoot(), "package.json"))("tslab/dist/jupyter") as TslabJupyter;
  } catch {
    return undefined;
  }
}

/** True when a kernel cell is running and can take rich output. */
export function canDisplay(): boolean {
  return typeof tslabJupyter()?.lastWriteDisplayData === "function";
}

/** Text made safe inside HTML or SVG elements and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

let nextId = 0;

/** A display id for {@link sendDisplay} updates (unique in this process). */
export function newDisplayId(prefix = "lmrl"): string {
  return `${prefix}-${process.pid}-${++nextId}`;
}

/**
 * Sends `bundle` to the notebook; with `id`, a later call with the same id and `update: true` replaces
 * it in place. Returns false (and sends nothing) outside a kernel.
 */
export function sendDisplay(bundle: MimeBundle, o: { id?: string; update?: boolean } = {}): boolean {
  const writer = tslabJupyter()?.lastWriteDisplayData;
  if (typeof writer !== "function") return false;
  writer({ data: bundle, metadata: {}, transient: o.id ? { display_id: o.id } : {} }, Boolean(o.update));
  return true;
}
