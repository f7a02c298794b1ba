// Run by `npm ci` (package.json "install"): links node_modules/lmrl-gym-ts → .. in a checkout of the kit,
// so notebooks can `import … from "lmrl-gym-ts"` — tslab's compiler (TypeScript's node10 resolution,
// fixed by tslab) finds packages only in node_modules and never through package.json "exports".
// Skipped when the kit is itself installed as a dependency (it is then already in node_modules).
import { symlinkSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
if (basename(dirname(root)) !== "node_modules") {
  const link = join(root, "node_modules", "lmrl-gym-ts");
  try {
    symlinkSync("..", link, "dir");
  } catch (e) {
    // EEXIST: the link (or an installed copy) is already there
    if (e.code !== "EEXIST") console.error(`lmrl: could not link ${link} -> .. (${e.message}); notebooks can still import ./src/index`);
  }
}
