/**
 * Why BC on Wordle scores at the random-word level: the evidence, rerunnable.
 *
 *   npm run bench -- wordle-bc                                      # the floor only
 *   WORDLE_CHECKPOINTS=runs/wordle/bc6000/checkpoints/latest npm run bench -- wordle-bc
 *
 * 1. The loss floor: the behaviour policy's conditional entropy per guess over the states of EPISODES
 *    (default 4,000) dataset episodes. With prob. 0.34 it draws a word consistent with the feedback, else
 *    any of the 431 words, so H = −Σ p log p with p = 0.34/|C| + 0.66/431 on the |C| consistent words and
 *    0.66/431 on the rest. A guess is 6 tokens ("c", " r", " a", " n", " e", "\n"), so BC's per-token loss
 *    can reach H / 6; a model that ignores the feedback stops at log 431 / 6.
 * 2. Each checkpoint in WORDLE_CHECKPOINTS (comma-separated), decoded with its own config on 128 episodes
 *    (seeds 5000…): of its guesses after the first, the share that are valid words and the share that are
 *    consistent with the feedback so far, beside what a uniformly random valid word (|C|/431) and the
 *    behaviour policy (0.34 + 0.66·|C|/431) would give in the same states.
 */
import { learnerFromCheckpoint, learnerPolicy } from "../src/algorithms/trainer";
import { splitTrajectories, syncIterable } from "../src/core/generate";
import { rollout } from "../src/core/rollout";
import type { History } from "../src/core/types";
import { getEnvSpec } from "../src/tasks/index";
import { benchmarkVocabulary } from "../src/tasks/wordle/env";
import { deformatAction, parseHistory } from "../src/tasks/wordle/formats";
import { BEHAVIOUR_PROB_CONSISTENT } from "../src/tasks/wordle/behaviour";

const vocab = benchmarkVocabulary();

/** |C|: the words consistent with the feedback in a history. */
function consistentCount(history: History): number {
  return vocab.count(parseHistory(history, vocab).knowledge.consistentSet(vocab));
}

/** The behaviour policy's entropy (nats) over its next guess when |C| words are consistent. */
export function behaviourEntropy(consistent: number, words = vocab.size, pc = BEHAVIOUR_PROB_CONSISTENT): number {
  const pIn = pc / consistent + (1 - pc) / words;
  const pOut = (1 - pc) / words;
  return -(consistent * pIn * Math.log(pIn) + (words - consistent) * (pOut > 0 ? pOut * Math.log(pOut) : 0));
}

export async function benchWordleBc(): Promise<void> {
  const episodes = Number(process.env.EPISODES ?? 4000);
  if (!(Number.isInteger(episodes) && episodes >= 1)) throw new Error(`EPISODES must be an integer >= 1, got "${process.env.EPISODES}"`);
  let states = 0, entropy = 0;
  for (const t of syncIterable(splitTrajectories(getEnvSpec("wordle"), "train", episodes, 0), "wordle")) {
    t.texts.forEach((x, i) => {
      if (!x.isAction) return;
      states++;
      entropy += behaviourEntropy(consistentCount(t.texts.slice(0, i)));
    });
  }
  const uniform = Math.log(vocab.size);
  const floor = { bench: "wordle-bc", part: "floor", episodes, states, nats_per_guess: +(entropy / states).toFixed(3), per_token: +(entropy / states / 6).toFixed(3), uniform_per_guess: +uniform.toFixed(3), uniform_per_token: +(uniform / 6).toFixed(3) };
  console.log(JSON.stringify(floor));
  for (const dir of (process.env.WORDLE_CHECKPOINTS ?? "").split(",").filter(Boolean)) {
    const { learner, config, spec } = await learnerFromCheckpoint(dir, getEnvSpec);
    try {
      const policy = learnerPolicy(learner, spec, config);
      let later = 0, valid = 0, consistent = 0, chance = 0;
      for (let s = 0; s < 128; s++) {
        const ep = await rollout(spec.make(), policy, { seed: 5000 + s });
        const texts = ep.trajectory.texts;
        texts.forEach((t, i) => {
          if (!t.isAction) return;
          const game = parseHistory(texts.slice(0, i), vocab);
          if (game.guesses.length === 0) return; // the first guess has nothing to be consistent with
          later++;
          const g = deformatAction(t.text);
          chance += vocab.count(game.knowledge.consistentSet(vocab)) / vocab.size;
          if (vocab.has(g)) {
            valid++;
            if (game.knowledge.satisfies(g)) consistent++;
          }
        });
      }
      const r = (x: number) => +(x / later).toFixed(3);
      console.log(JSON.stringify({ bench: "wordle-bc", part: "checkpoint", dir, laterGuesses: later, valid: r(valid), consistent: r(consistent), randomValidWord: r(chance), behaviour: +(BEHAVIOUR_PROB_CONSISTENT + (1 - BEHAVIOUR_PROB_CONSISTENT) * (chance / later)).toFixed(3) }));
    } finally {
      learner.dispose();
    }
  }
}
