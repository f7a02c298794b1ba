/** Runs the `lmrl` CLI in-process (no child process start-up) and captures what it printed. */
import { Readable } from "node:stream";
import { main } from "../../src/cli";

export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return runCliWithInput(undefined, ...argv);
}

/** As {@link runCli}, with `stdin` as the lines `lmrl play` reads (undefined: the process's stdin). */
export async function runCliWithInput(stdin: string | undefined, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log, error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.join(" "));
  console.error = (...a: unknown[]) => void err.push(a.join(" "));
  const prev = process.env.LMRL_PROGRESS;
  process.env.LMRL_PROGRESS = "off";
  try {
    const code = await main(argv, stdin === undefined ? {} : { input: Readable.from([stdin]) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
    if (prev === undefined) delete process.env.LMRL_PROGRESS; else process.env.LMRL_PROGRESS = prev;
  }
}
