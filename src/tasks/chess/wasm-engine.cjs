// A UCI process around the npm stockfish.wasm build (GPL-3, so it runs as its own process and speaks
// UCI on stdin/stdout like a native Stockfish). Started by engine.ts when no native engine is found.
"use strict";
const fs = require("node:fs");
const readline = require("node:readline");
const Stockfish = require("stockfish.wasm");
Stockfish({ wasmBinary: fs.readFileSync(require.resolve("stockfish.wasm/stockfish.wasm")) }).then((sf) => {
  sf.addMessageListener((line) => process.stdout.write(line + "\n"));
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    if (line.trim() === "quit") process.exit(0);
    sf.postMessage(line);
  });
  rl.on("close", () => process.exit(0));
});
