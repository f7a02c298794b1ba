#!/usr/bin/env node
// The `lmrl` command: registers tsx so the TypeScript sources run directly, records where the kit
// lives (src/core/paths.ts reads LMRL_ROOT), then hands over to src/cli.ts.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

process.env.LMRL_ROOT ??= resolve(dirname(fileURLToPath(import.meta.url)), "..");
register();
const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
