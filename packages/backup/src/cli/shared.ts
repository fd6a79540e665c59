import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { UsageError } from "@pgvc/core";
import type { Reporter } from "../reporter.js";

export const version = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const stopSignals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * The first Ctrl-C asks the running step to finish or undo itself (the
 * library watches the signal); a second one exits at once. SIGTERM and
 * SIGHUP (a closed SSH session) are treated as a Ctrl-C, so they too leave
 * no half-made database behind.
 */
export function abortOnInterrupt(reporter: Reporter): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let first = 0;
  const onSigint = () => {
    // One Ctrl-C can arrive twice: from the terminal and forwarded by the `pgvc` umbrella.
    if (controller.signal.aborted && Date.now() - first < 1000) return;
    if (controller.signal.aborted) {
      reporter.info("interrupted again: exiting now");
      process.exit(130);
    }
    reporter.info("interrupt received: stopping the current step (Ctrl-C again to quit at once)");
    first = Date.now();
    controller.abort();
  };
  // After a hang-up stderr may be gone: losing messages must not stop the clean-up.
  const ignore = () => undefined;
  process.stderr.on("error", ignore);
  for (const s of stopSignals) process.on(s, onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of stopSignals) process.off(s, onSigint);
      process.stderr.off("error", ignore);
    },
  };
}

/** Ask a yes/no question on the terminal; anything but y/yes is no. */
export async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await new Promise<string>((resolve) => {
      // Ctrl-C or Ctrl-D at the prompt is a no.
      rl.once("SIGINT", () => resolve(""));
      rl.once("close", () => resolve(""));
      rl.question(`${question} [y/N] `, resolve);
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Restoring replaces a database: on a terminal ask, elsewhere demand --yes. */
export function requireConsent(yes: boolean | undefined): void {
  if (yes || process.stdin.isTTY) return;
  throw new UsageError("restore replaces a database: confirm with --yes when not running on a terminal", {
    hints: ["example: pgvc restore shop.dump shop --yes"],
  });
}

export function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs ${value}: expected a whole number of 1 or more`);
  return jobs;
}
