/**
 * Ctrl-C for long work: the first SIGINT aborts an AbortController (training then stops at the next step
 * boundary with its checkpoint saved) instead of killing the process. Used by `lmrl train`, and by
 * train() inside a Jupyter kernel, where Kernel → Interrupt sends SIGINT to the kernel process.
 */

/** True inside a Jupyter kernel (tslab): Kernel → Interrupt arrives as SIGINT. */
export function inJupyterKernel(): boolean {
  return process.env.JPY_PARENT_PID !== undefined || /tslab/.test(process.argv[1] ?? "");
}

/**
 * Aborts `stop` on the first SIGINT. With `exitOnSecond` (a terminal) a second SIGINT exits at once
 * with code 130; in a kernel it never exits (that would kill the kernel). Returns the function that
 * removes the handler.
 */
export function stopOnSigint(stop: AbortController, o: { exitOnSecond: boolean; what?: string; hint?: string } = { exitOnSecond: true }): () => void {
  const what = o.what ?? "the current step (or evaluation)";
  const onSigint = () => {
    if (stop.signal.aborted) {
      if (!o.exitOnSecond) return;
      console.error("\nlmrl: second Ctrl-C, quitting now (resume starts from the last saved checkpoint)");
      process.exit(130);
    }
    // In a kernel this is the last line the interrupted cell shows (tslab ends the cell at once), so it says how to continue.
    console.error(`\nlmrl: interrupt: stopping after ${what} and saving its checkpoint${o.hint ? `; ${o.hint}` : ""}${o.exitOnSecond ? "; Ctrl-C again to quit now" : ""}`);
    stop.abort();
  };
  process.on("SIGINT", onSigint);
  return () => process.off("SIGINT", onSigint);
}
