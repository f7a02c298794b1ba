/**
 * One entry point that imports every test file, so `npm test` runs the whole suite in one process
 * (stack-notes §9: ~0.5 s of start-up instead of seconds per file). Add new test files here.
 */
import "./core/rng.test";

import "./core/core.test";
import "./model/tokenizer.test";
import "./model/checkpoint.test";
import "./tasks/maze.test";
import "./tasks/text-nav.test";
import "./tasks/wordle.test";
import "./cli.test";
import "./model/ops.test";
import "./model/gpt.test";
import "./model/optim.test";
import "./model/generate.test";
import "./hygiene.test";
import "./notebooks/notebooks.test";
import "./report.test";
import "./tasks/tokenizers.test";
import "./model/resume.test";
import "./algorithms/losses.test";
import "./algorithms/tabular.test";
import "./algorithms/trainer.test";
import "./model/native.test";
