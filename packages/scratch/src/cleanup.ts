import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { quoteIdent, type ResolvedConnection } from "@pgvc/core";
import { onServer } from "./session.js";

/**
 * Scratch databases this process created and has not dropped yet, so that
 * they are dropped when it ends: on exit (synchronously, through a short
 * child process, as an exit handler cannot wait), on SIGINT and SIGTERM.
 */
const pending = new Map<string, ResolvedConnection>();
const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
let installed = false;

export async function dropDatabase(conn: ResolvedConnection, name: string): Promise<void> {
  await onServer(conn, (session) => session.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Where a script of this package is: next to this module, or found through the package when bundled elsewhere. */
export function scriptPath(name: string): string {
  try {
    return createRequire(import.meta.url).resolve(`@pgvc/scratch/${name}`);
  } catch {
    return fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  }
}

function dropAllNow(): void {
  if (pending.size === 0) return;
  const input = JSON.stringify([...pending].map(([name, connection]) => ({ name, connection })));
  pending.clear();
  spawnSync(process.execPath, [scriptPath("drop-now")], { input, stdio: ["pipe", "ignore", "inherit"], timeout: 20_000 });
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  // Decided when the signal comes: a command that handles it (exit 130 once its
  // work is aborted) may have stopped listening by the time the drops are done.
  const alone = process.listenerCount(signal) <= 1;
  const drops = [...pending].map(([name, conn]) => dropDatabase(conn, name).then(() => pending.delete(name)));
  await Promise.allSettled(drops);
  uninstall();
  // Were we the only ones listening, the signal ends the process as it would have without us.
  if (alone) process.kill(process.pid, signal);
}

const handlers = new Map(signals.map((signal) => [signal, () => void onSignal(signal)] as const));

function install(): void {
  if (installed) return;
  installed = true;
  process.on("exit", dropAllNow);
  for (const [signal, handler] of handlers) process.on(signal, handler);
}

function uninstall(): void {
  if (!installed) return;
  installed = false;
  process.off("exit", dropAllNow);
  for (const [signal, handler] of handlers) process.off(signal, handler);
}

export function track(name: string, conn: ResolvedConnection): void {
  pending.set(name, conn);
  install();
}

export function untrack(name: string): void {
  pending.delete(name);
  if (pending.size === 0) uninstall();
}
