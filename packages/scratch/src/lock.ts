import { readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { ToolError } from "@pgvc/core";
import { sleep } from "./net.js";
import { pidAlive } from "./user.js";

interface Holder {
  pid: number;
  host: string;
}

function tryCreate(path: string): boolean {
  try {
    writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname() }), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new ToolError(`cannot create the lock file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function readHolder(path: string): { text: string; holder?: Holder; ageMs: number } | undefined {
  try {
    const text = readFileSync(path, "utf8");
    const ageMs = Date.now() - statSync(path).mtimeMs;
    try {
      return { text, holder: JSON.parse(text) as Holder, ageMs };
    } catch {
      return { text, ageMs };
    }
  } catch {
    return undefined;
  }
}

/** A holder that died on this host, or a lock never written within 10 s, is stale. */
function stale(entry: { holder?: Holder; ageMs: number }): boolean {
  if (!entry.holder) return entry.ageMs > 10_000;
  return entry.holder.host === hostname() && !pidAlive(entry.holder.pid);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // gone already
  }
}

/**
 * Remove a stale lock. Two waiters may both find it stale: only the one that
 * holds `<lock>.break` removes it, and only if it is still the stale one, so a
 * lock that a third process took meanwhile is never removed.
 */
function breakStale(path: string, seen: string): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    const entry = readHolder(breaker);
    if (entry && entry.ageMs > 10_000) unlinkQuietly(breaker);
    return;
  }
  try {
    if (readHolder(path)?.text === seen) unlinkQuietly(path);
  } finally {
    unlinkQuietly(breaker);
  }
}

export interface LockOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called once when the lock is held by another process for more than a second. */
  onWait?: (holder: Holder | undefined) => void;
}

/** Run `work` holding the lock file `path`, against other processes on this machine. */
export async function withLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const started = Date.now();
  let told = false;
  while (!tryCreate(path)) {
    options.signal?.throwIfAborted();
    const entry = readHolder(path);
    if (entry && stale(entry)) {
      breakStale(path, entry.text);
      continue;
    }
    const waited = Date.now() - started;
    if (!told && waited > 1_000) {
      told = true;
      options.onWait?.(entry?.holder);
    }
    if (waited > (options.timeoutMs ?? 180_000)) {
      throw new ToolError(
        `timed out waiting for the lock ${path}, held by process ${entry?.holder?.pid ?? "?"} on ${entry?.holder?.host ?? "?"}`,
        {
          hints: ["if no pgvc process is running, remove that file"],
        },
      );
    }
    await sleep(50);
  }
  try {
    return await work();
  } finally {
    unlinkQuietly(path);
  }
}
