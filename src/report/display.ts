/**
 * What notebooks show: tables as HTML with readable numbers, and plotly figures as a MIME bundle that
 * survives saving — `application/vnd.plotly.v1+json` (JupyterLab with its plotly renderer) and a small
 * `text/html` that shows a PNG rendered by headless Chromium when installed (`npm run setup:chromium`;
 * what untrusted notebooks, GitHub and nbconvert show: they pick HTML before images) and turns it into
 * the interactive plot when plotly.js is on the page. The PNG is not repeated as an `image/png` output:
 * every renderer that would choose it renders the HTML first, and the copy doubled a saved figure.
 * Without Chromium, the first figure of a kernel session carries plotly.js once (~4.8 MB) so the others
 * stay small.
 *
 * @example
 * showTable(rows, { notes: { "diff %": "ours vs the paper, relative" } });
 * await showFigure({ title: "Scores", data: [{ type: "bar", x: ["a"], y: [1] }] });
 */
import { canDisplay, escapeHtml as esc, sendDisplay, type MimeBundle } from "../core/display";
import { figureScriptData, findChromium, fullLayout, plotlyBundle, renderImages, type FigureSpec } from "./figure";
import { formatTable } from "./table";

type Cell = string | number | boolean | null | undefined;
/** Row objects, or an arquero table (anything with `objects()`). */
type Rows = readonly Record<string, Cell>[] | { objects(): object[] };

const rowsOf = (t: Rows): readonly Record<string, Cell>[] => ("objects" in t && typeof t.objects === "function" ? (t.objects() as Record<string, Cell>[]) : (t as readonly Record<string, Cell>[]));

export interface TableOptions {
  /** Decimals per column (default: integer columns none, with thousands separators; others by magnitude). */
  readonly digits?: Readonly<Record<string, number>>;
  /** A sentence per column, printed under the table (what "diff %" means, the units, …). */
  readonly notes?: Readonly<Record<string, string>>;
  readonly caption?: string;
}

/** Decimals for a column: 0 for integers, else 1 from 100 up, 2 from 1 up, 3 below. */
function columnDigits(values: readonly number[]): number {
  if (values.every((v) => Number.isInteger(v))) return 0;
  const m = Math.max(...values.map((v) => Math.abs(v)).filter(Number.isFinite), 0);
  return m >= 100 ? 1 : m >= 1 ? 2 : 3;
}

/** A number as a person reads it: thousands separators, fixed decimals, "−" for minus. */
export function formatNumber(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/^-/, "−");
}

/** The rows as an HTML table: numbers right-aligned and formatted per column, notes underneath. */
export function tableHtml(table: Rows, o: TableOptions = {}): string {
  const rows = rowsOf(table);
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const digits = cols.map((c) => o.digits?.[c] ?? columnDigits(rows.map((r) => r[c]).filter((v): v is number => typeof v === "number")));
  const numeric = cols.map((c) => rows.some((r) => typeof r[c] === "number") && rows.every((r) => typeof r[c] === "number" || r[c] === null || r[c] === undefined));
  const cell = (v: Cell, j: number) => (typeof v === "number" ? formatNumber(v, digits[j]) : v === null || v === undefined ? "" : String(v));
  const align = (j: number) => (numeric[j] ? ' style="text-align:right"' : ' style="text-align:left"');
  const head = `<tr>${cols.map((c, j) => `<th${align(j)}>${esc(c)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${cols.map((c, j) => `<td${align(j)}>${esc(cell(r[c], j))}</td>`).join("")}</tr>`).join("");
  const notes = Object.entries(o.notes ?? {}).map(([c, t]) => `<b>${esc(c)}</b>: ${esc(t)}`).join("; ");
  return `<table>${o.caption ? `<caption>${esc(o.caption)}</caption>` : ""}<thead>${head}</thead><tbody>${body}</tbody></table>${notes ? `<p style="font-size:smaller">${notes}</p>` : ""}`;
}

/** Shows the table in a notebook (HTML, with the plain-text table beside it); prints the text elsewhere. */
export function showTable(table: Rows, o: TableOptions = {}): void {
  const rows = rowsOf(table);
  const notes = Object.entries(o.notes ?? {}).map(([c, t]) => `${c}: ${t}`).join("\n");
  const text = `${o.caption ? o.caption + "\n" : ""}${formatTable(rows, 2)}${notes ? "\n" + notes : ""}`;
  if (!sendDisplay({ "text/plain": text, "text/html": tableHtml(rows, o) })) console.log(text);
}

let plotlyOnPage = false;

/**
 * The figure's MIME bundle (see the module comment). `image: false` skips the Chromium rendering.
 */
export async function figureBundle(f: FigureSpec, o: { image?: boolean } = {}): Promise<MimeBundle> {
  const layout = fullLayout(f);
  const chromium = o.image === false ? null : findChromium();
  let png: string | undefined;
  if (chromium) {
    try {
      png = (await renderImages(f, chromium)).png.toString("base64");
    } catch (e) {
      console.error(`figure: PNG rendering with ${chromium} failed (${(e as Error).message.split("\n")[0]}); showing the interactive figure only`);
    }
  }
  const { payload, id } = figureScriptData(f);
  const still = png
    ? `<img src="data:image/png;base64,${png}" alt="${esc(f.title)}" style="max-width:100%">`
    : `<div style="color:#888">${esc(f.title)} (interactive plotly figure: it draws when the notebook is trusted; \`npm run setup:chromium\` adds a static image)</div>`;
  const loader = !png && !plotlyOnPage ? `<script>if (typeof Plotly === "undefined") { ${plotlyBundle()} }</script>` : "";
  if (loader) plotlyOnPage = true;
  const html = `<div id="${id}">${still}</div>${loader}<script>(function () { if (typeof Plotly === "undefined") return; const el = document.getElementById("${id}"); const fig = ${payload}; el.innerHTML = ""; Plotly.newPlot(el, fig.data, fig.layout); })();</script>`;
  return { "application/vnd.plotly.v1+json": { data: f.data, layout }, "text/html": html, "text/plain": `[figure] ${f.title}` };
}

/** Shows the figure in a notebook; elsewhere prints a line (use writeFigure to save files). */
export async function showFigure(f: FigureSpec, o: { image?: boolean } = {}): Promise<void> {
  if (!canDisplay() || !sendDisplay(await figureBundle(f, o))) console.log(`[figure] ${f.title} (not in a notebook: writeFigure() saves it as HTML/PNG/SVG)`);
}
