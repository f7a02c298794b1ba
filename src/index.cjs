// The package's CommonJS entry (package.json "exports" → "require"; ESM importers get src/index.ts).
// tslab compiles notebook cells to CommonJS and loads "lmrl-gym-ts" with Node's plain require(), which
// cannot run TypeScript, so this loads the TypeScript entry through tsx (a dependency of the kit).
// - tsx's own require() is used rather than a plain require("./index.ts"): under `tsx`/`node --import
//   tsx`, a plain require of the kit's ESM sources fails on Node 20 ("request for './core/types' is not
//   in cache"); tsx's require works with and without tsx's loader active.
// - The require hook is also registered for the rest of the process on purpose: in a notebook, a later
//   cell that imports "./src/..." directly then gets these same module instances instead of failing
//   with MODULE_NOT_FOUND (tslab does not compile files it first reached through node_modules).
const tsx = require("tsx/cjs/api");
tsx.register();
module.exports = tsx.require("./index.ts", __filename);
