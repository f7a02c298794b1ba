/**
 * Progress reporting for long work: a redrawn bar on a TTY, one display updated in place inside a
 * Jupyter kernel (notebook), plain periodic lines otherwise (CI logs), nothing when disabled. Writes
 * to stderr so `--json` output on stdout stays clean.
 *
 * @example
 * const bar = new Progress("generate maze-fo", 1240);
 * for (let i = 1; i <= 1240; i++) bar.update(i);
 * bar.done();
 */
import { canDisplay, escapeHtml as esc, newDisplayId, sendDisplay } from "./display";

export interface ProgressOptions {
  /** Force the mode; default: bar on a TTY, lines otherwise. */
  readonly mode?: ProgressMode;
  /** Seconds between plain lines (lines mode). */
  readonly every?: number;
  readonly stream?: NodeJS.WriteStream;
  /** Units already done before this bar started (a resumed run): rate and ETA count only the new ones. */
  readonly startAt?: number;
}

export type ProgressMode = "bar" | "notebook" | "lines" | "off";

/** The default mode: off by LMRL_PROGRESS=off, a bar on a TTY, a notebook display in a kernel, else lines. */
export function defaultProgressMode(stream: NodeJS.WriteStream = process.stderr): ProgressMode {
  return process.env.LMRL_PROGRESS === "off" ? "off" : stream.isTTY ? "bar" : canDisplay() ? "notebook" : "lines";
}

export class Progress {
  private readonly start = Date.now();
  private last = 0;
  readonly mode: ProgressMode;
  private readonly displayId = newDisplayId("progress");
  private shown = false;
  /** Extra HTML under the line in notebook mode (e.g. the trainer's live curves). */
  html = "";
  private readonly stream: NodeJS.WriteStream;
  private readonly every: number;
  private current = 0;
  private readonly startAt: number;

  constructor(
    private readonly label: string,
    private readonly total: number,
    opts: ProgressOptions = {},
  ) {
    this.stream = opts.stream ?? process.stderr;
    this.mode = opts.mode ?? defaultProgressMode(this.stream);
    this.every = (opts.every ?? 10) * 1000;
    this.startAt = opts.startAt ?? 0;
    this.current = this.startAt;
  }

  /** Set the number of finished units; `extra` is appended (e.g. "loss 0.31"). */
  update(current: number, extra = ""): void {
    this.current = current;
    if (this.mode === "off") return;
    const now = Date.now();
    const interval = this.mode === "bar" ? 100 : this.mode === "notebook" ? 500 : this.every;
    if (now - this.last < interval && current < this.total) return;
    this.last = now;
    this.render(extra);
  }

  private render(extra: string): void {
    const elapsed = (Date.now() - this.start) / 1000;
    const frac = this.total > 0 ? Math.min(1, this.current / this.total) : 0;
    const rate = (this.current - this.startAt) / Math.max(elapsed, 1e-9);
    const eta = rate > 0 ? (this.total - this.current) / rate : Infinity;
    const stats = `${this.current}/${this.total} ${fmtRate(rate)}/s ${fmtTime(elapsed)}<${fmtTime(eta)}${extra ? " " + extra : ""}`;
    if (this.mode === "notebook") {
      const text = `${this.label}: ${(frac * 100).toFixed(0)}% ${stats}`;
      const html = `<div style="font-family:monospace">${esc(this.label)} <progress value="${frac.toFixed(4)}" max="1" style="width:16em;vertical-align:middle"></progress> ${(frac * 100).toFixed(0)}% ${esc(stats)}</div>${this.html}`;
      // Outside a cell (no display writer) fall back to a plain line.
      if (!sendDisplay({ "text/plain": text, "text/html": html }, { id: this.displayId, update: this.shown })) this.stream.write(text + "\n");
      this.shown = true;
    } else if (this.mode === "bar") {
      const width = 24;
      const filled = Math.round(frac * width);
      this.stream.write(`\r${this.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${stats}\x1b[K`);
    } else {
      this.stream.write(`${this.label}: ${(frac * 100).toFixed(0)}% ${stats}\n`);
    }
  }

  /** Final redraw and newline. */
  done(extra = ""): void {
    if (this.mode === "off") return;
    this.render(extra);
    if (this.mode === "bar") this.stream.write("\n");
  }
}

function fmtRate(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(1)}M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)}k` : r.toFixed(1);
}

function fmtTime(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${s.toFixed(1)}s`;
}
