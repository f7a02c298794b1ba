/** The Wordle BC analysis (bench/wordle-bc.ts): the behaviour policy's entropy per guess, by hand. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { behaviourEntropy } from "../bench/wordle-bc";

describe("wordle-bc bench", () => {
  it("behaviour entropy: uniform when every word is consistent; by hand when one is", () => {
    assert.ok(Math.abs(behaviourEntropy(431) - Math.log(431)) < 1e-9, "all consistent: the mixture is uniform over 431 words");
    // one consistent word: it gets 0.34 + 0.66/431, each of the other 430 gets 0.66/431
    const pIn = 0.34 + 0.66 / 431, pOut = 0.66 / 431;
    const want = -(pIn * Math.log(pIn) + 430 * pOut * Math.log(pOut));
    assert.ok(Math.abs(behaviourEntropy(1) - want) < 1e-9);
    assert.ok(behaviourEntropy(1) < behaviourEntropy(10) && behaviourEntropy(10) < Math.log(431), "more consistent words, more entropy");
    // with 4 words and pc 0.5, two consistent: 0.25 + 0.125 each, 0.125 each for the rest
    const small = -(2 * 0.375 * Math.log(0.375) + 2 * 0.125 * Math.log(0.125));
    assert.ok(Math.abs(behaviourEntropy(2, 4, 0.5) - small) < 1e-12);
  });
});
