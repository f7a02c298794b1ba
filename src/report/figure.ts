/**
 * Figures with plotly.js. Every figure is written as a self-contained HTML file (plotly inlined, opens
 * offline in any browser); when a Chromium is installed (`npm run setup:chromium`) the same figure is
 * also rendered headlessly to PNG and SVG with playwright-core driving the system's Chromium (`npm run setup:chromium`).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { writeFileAtomic } from "../core/atomic";

export interface FigureSpec {
  readonly title: string;
  readonly data: readonly Record<string, unknown>[];
  readonly layout?: Record<string, unknown>;
  readonly width?: number;
  readonly height?: number;
}

const requireHere = createRequire(join(process.cwd(), "noop.js"));

/** plotly.js itself (~4.8 MB of JavaScript), read from the kit's node_modules. */
export function plotlyBundle(): string {
  let path: string;
  try {
    path = requireHere.resolve("plotly.js-dist-min");
  } catch {
    path = createRequire(join(process.env.LMRL_ROOT ?? process.cwd(), "noop.js")).resolve("plotly.js-dist-min");
  }
  return readFileSync(path, "utf8");
}

/** The layout plotly draws with: title, size, then the figure's own layout keys. */
export function fullLayout(f: FigureSpec): Record<string, unknown> {
  return { title: { text: f.title }, width: f.width ?? 900, height: f.height ?? 500, ...(f.layout ?? {}) };
}

/**
 * The figure's data and full layout as JSON that is safe inside a `<script>`, and a DOM id derived
 * from that JSON (stable across runs, distinct for different figures).
 */
export function figureScriptData(f: FigureSpec): { payload: string; id: string } {
  const payload = JSON.stringify({ data: f.data, layout: fullLayout(f) }).replace(/</g, "\\u003c");
  let h = 0;
  for (let i = 0; i < payload.length; i++) h = (Math.imul(h, 31) + payload.charCodeAt(i)) | 0;
  return { payload, id: `lmrl-plot-${(h >>> 0).toString(36)}` };
}

/** The figure as a standalone HTML page. */
export function figureHtml(f: FigureSpec): string {
  const { payload } = figureScriptData(f);
  return `<!doctype html><html><head><meta charset="utf-8"><title>${f.title.replace(/</g, "&lt;")}</title>
<script>${plotlyBundle()}</script></head><body><div id="plot"></div>
<script>const fig = ${payload}; Plotly.newPlot("plot", fig.data, fig.layout);</script></body></html>\n`;
}

/** A Chromium binary for headless rendering, or null. `LMRL_CHROMIUM` overrides the search. */
export function findChromium(): string | null {
  for (const p of [process.env.LMRL_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]) {
    if (p && existsSync(p)) return p;
  }
  return null;
}

/** The figure rendered by plotly.js in headless Chromium: PNG bytes and SVG text. */
export async function renderImages(f: FigureSpec, chromium: string): Promise<{ png: Buffer; svg: string }> {
  const { chromium: launcher } = await import("playwright-core");
  const browser = await launcher.launch({
    executablePath: chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<div id="plot"></div>');
    await page.addScriptTag({ content: plotlyBundle() });
    const layout = fullLayout(f);
    const images = (await page.evaluate(
      async ({ data, layout }) => {
        const P = (globalThis as unknown as { Plotly: { newPlot: Function; toImage: Function } }).Plotly;
        const el = await P.newPlot("plot", data, layout);
        return { png: await P.toImage(el, { format: "png" }), svg: await P.toImage(el, { format: "svg" }) };
      },
      { data: f.data, layout },
    )) as { png: string; svg: string };
    const svg = decodeURIComponent(images.svg.replace(/^data:image\/svg\+xml,/, ""));
    return { png: Buffer.from(images.png.split(",")[1], "base64"), svg: stableSvgIds(svg, figureScriptData(f).id.replace(/^lmrl-plot-/, "")) };
  } finally {
    await browser.close();
  }
}

/**
 * plotly names an SVG's clip paths and legend (`clip<uid>xy`, `legend<uid>`, `defs-<uid>`) after a random
 * per-plot uid, and each trace's group class (`class="trace scatter trace<uid>"`) after a random per-trace
 * one, so the same figure rendered twice differed in every id and a committed SVG churned on each
 * regeneration. This swaps the plot's uid, in ids and `url(#…)` references only, for `stable` (derived
 * from the figure's content, so two SVGs inlined in one page still do not collide), and each trace's for
 * `stable` and the trace's order of appearance.
 */
export function stableSvgIds(svg: string, stable: string): string {
  const uid = /\bid="defs-([0-9A-Za-z]+)"/.exec(svg)?.[1];
  if (!uid) return svg;
  const traces = new Map<string, string>();
  return svg
    .replace(new RegExp(`((?:id="|url\\(#)[A-Za-z]+-?)${uid}(?=[A-Za-z0-9]*[")])`, "g"), `$1${stable}`)
    .replace(/(class="trace [a-z]+ trace)([0-9a-f]+)"/g, (_, head: string, t: string) => {
      if (!traces.has(t)) traces.set(t, `${stable}t${traces.size}`);
      return `${head}${traces.get(t)}"`;
    });
}

/**
 * Writes `<basePath>.html`, plus `.png`/`.svg` when Chromium is available. Returns the paths written.
 *
 * @example
 * await writeFigure("figures/scores", { title: "Scores", data: [{ type: "bar", x: ["a"], y: [1] }] });
 */
export async function writeFigure(basePath: string, f: FigureSpec): Promise<string[]> {
  writeFileAtomic(`${basePath}.html`, figureHtml(f));
  const written = [`${basePath}.html`];
  const chromium = findChromium();
  if (chromium) {
    try {
      const { png, svg } = await renderImages(f, chromium);
      writeFileAtomic(`${basePath}.png`, png);
      writeFileAtomic(`${basePath}.svg`, svg);
      written.push(`${basePath}.png`, `${basePath}.svg`);
    } catch (e) {
      console.error(`figure: PNG/SVG rendering with ${chromium} failed (${(e as Error).message.split("\n")[0]}); the HTML figure was written`);
    }
  }
  return written;
}

/**
 * The figure as an HTML fragment for a notebook output (`tslab.display.html(figureFragment(f))`):
 * a div plus a script carrying plotly, so it renders offline.
 */
export function figureFragment(f: FigureSpec): string {
  const { payload, id } = figureScriptData(f);
  return `<div id="${id}"></div><script>if (typeof Plotly === "undefined") { ${plotlyBundle()} }
(function () { const fig = ${payload}; Plotly.newPlot("${id}", fig.data, fig.layout); })();</script>`;
}
