/**
 * The chess tokenizer's corpus: every character a FEN or a SAN move can hold, alone and after a space
 * (the texts are spaced character by character, `renderPosition` / `renderMove`), plus the runs of
 * spaces a FEN's own separators become. With the kit's pre-tokenizer that is every pre-token any legal
 * position or move produces, so none is ever `<|unk|>` (tested on random games).
 */
const FEN_AND_SAN = [..."pnbrqkPNBRQK", ..."abcdefgh", ..."0123456789", "w", "O", "x", "/", "-", "=", "+", "#"];

export const CHESS_TOKENIZER_TEXTS: readonly string[] = [...new Set(FEN_AND_SAN)].map((c) => `${c} ${c}   ${c}\n`);
