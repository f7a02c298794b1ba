#!/usr/bin/env node
/**
 * Builds the kit's native kernels (lmrl.c, N-API) into src/model/native/build/ with the system C compiler,
 * offline: no node-gyp, no header download. Runs as the package's "install" script, so `npm ci` builds it
 * when a compiler is present; it NEVER fails the install (exit code is always 0; what happened is printed
 * and written to build/status.json, which backend.ts reads to explain a missing library).
 *
 * Variants: lmrl-builtin.node (built-in SIMD sgemm, always tried) and lmrl-openblas.node (only when
 * OpenBLAS's headers and library are found; `npm run setup:blas` installs Debian's libopenblas-dev).
 * Flags: -O3 -march=native -pthread -fopenmp-simd (the `omp simd` hints only; threads come from the kit's
 * own pool in lmrl.c; falls back to no simd hints if the compiler lacks the flag).
 * Environment: CC (compiler, default cc), LMRL_NATIVE_SKIP=1 (build nothing), LMRL_NATIVE_NO_BLAS=1
 * (builtin only).
 *
 * @example
 * node src/model/native/build.mjs      # rebuild by hand after installing a compiler or OpenBLAS
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "build");
const src = join(here, "lmrl.c");
const cc = process.env.CC || "cc";

function log(msg) {
  console.log(`[lmrl native] ${msg}`);
}

/** N-API headers: official Node builds ship them at <prefix>/include/node; Debian's nodejs at /usr/include/node. */
function findHeaders() {
  const candidates = [join(dirname(process.execPath), "..", "include", "node"), "/usr/include/node", "/usr/local/include/node"];
  if (process.env.npm_config_nodedir) candidates.unshift(join(process.env.npm_config_nodedir, "include", "node"));
  return candidates.find((d) => existsSync(join(d, "node_api.h")));
}

/** Directory holding cblas.h for OpenBLAS, or undefined. */
function findCblas() {
  const dirs = ["/usr/include/x86_64-linux-gnu", "/usr/include/aarch64-linux-gnu", "/usr/include/openblas", "/usr/include", "/usr/local/include", "/opt/homebrew/opt/openblas/include", "/usr/local/opt/openblas/include"];
  return dirs.find((d) => existsSync(join(d, "cblas.h")));
}

function compile(name, extra) {
  const target = join(out, name);
  const tmp = `${target}.tmp-${process.pid}`;
  const base = ["-shared", "-fPIC", "-O3", "-march=native", "-std=gnu11", "-I", headers, src, "-o", tmp];
  const tries = [[...base, "-pthread", "-fopenmp-simd", ...extra, "-lm"], [...base, "-pthread", ...extra, "-lm"]];
  if (process.platform === "darwin") tries.forEach((t) => t.push("-undefined", "dynamic_lookup"));
  let lastErr = "";
  for (const args of tries) {
    try {
      execFileSync(cc, args, { stdio: ["ignore", "pipe", "pipe"] });
      rmSync(target, { force: true });
      execFileSync("mv", [tmp, target]);
      return { ok: true, simdHints: args.includes("-fopenmp-simd") };
    } catch (e) {
      lastErr = String(e.stderr || e.message).split("\n").slice(0, 6).join("\n");
      rmSync(tmp, { force: true });
    }
  }
  return { ok: false, error: lastErr };
}

const status = { builtAt: new Date().toISOString(), compiler: cc, variants: {}, problems: [] };
let headers;
try {
  mkdirSync(out, { recursive: true });
  if (process.env.LMRL_NATIVE_SKIP === "1") {
    status.problems.push("LMRL_NATIVE_SKIP=1: native build skipped");
  } else {
    headers = findHeaders();
    let hasCc = true;
    try {
      execFileSync(cc, ["--version"], { stdio: "ignore" });
    } catch {
      hasCc = false;
      status.problems.push(`no C compiler ("${cc}" not found): apt-get install -y gcc (or build-essential), then npm rebuild`);
    }
    if (!headers) status.problems.push("Node's N-API headers (node_api.h) not found: install nodejs headers (Debian: libnode-dev) or use an official Node build");
    if (hasCc && headers) {
      const t0 = Date.now();
      const b = compile("lmrl-builtin.node", []);
      status.variants.builtin = b;
      log(b.ok ? `built lmrl-builtin.node (${b.simdHints ? "pool + simd hints" : "pool, no simd hints"}) in ${Date.now() - t0} ms` : `builtin variant failed:\n${b.error}`);
      if (!b.ok) status.problems.push(`compiling lmrl.c failed: ${b.error.split("\n")[0]}`);
      const cblas = process.env.LMRL_NATIVE_NO_BLAS === "1" ? undefined : findCblas();
      if (cblas) {
        const t1 = Date.now();
        const o = compile("lmrl-openblas.node", ["-DLMRL_OPENBLAS", "-I", cblas, "-lopenblas"]);
        status.variants.openblas = o;
        log(o.ok ? `built lmrl-openblas.node in ${Date.now() - t1} ms` : `openblas variant failed (builtin still usable):\n${o.error}`);
      } else {
        rmSync(join(out, "lmrl-openblas.node"), { force: true });
        status.variants.openblas = { ok: false, error: "OpenBLAS headers (cblas.h) not found; run `npm run setup:blas` for the faster variant" };
        log("OpenBLAS not found: built-in sgemm only (npm run setup:blas adds the OpenBLAS variant)");
      }
    }
  }
} catch (e) {
  status.problems.push(`build script error: ${e.message}`);
}
for (const p of status.problems) log(p);
try {
  writeFileSync(join(out, "status.json"), JSON.stringify(status, null, 2) + "\n");
} catch {
  /* never fail the install */
}
process.exit(0);
