import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { pidAlive } from "./user.js";

/**
 * A process that uses the shared server holds a lease: a file naming its pid,
 * removed when it closes the server. A lease whose process died (on this
 * host) no longer counts. While any lease lives, the server is not idle.
 */
export function addLease(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${process.pid}-${randomBytes(4).toString("hex")}`);
  writeFileSync(path, JSON.stringify({ pid: process.pid, host: hostname() }));
  return path;
}

export function removeLease(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // removed already
  }
}

/** How many leases belong to live processes on this host; the rest are removed. */
export function liveLeases(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let live = 0;
  for (const name of names) {
    const path = join(dir, name);
    let lease: { pid?: number; host?: string } = {};
    try {
      lease = JSON.parse(readFileSync(path, "utf8")) as typeof lease;
    } catch {
      continue; // being written, or removed meanwhile
    }
    if (lease.host !== hostname()) continue;
    if (pidAlive(Number(lease.pid))) live += 1;
    else removeLease(path);
  }
  return live;
}

/** Record that the server was used now. */
export function touch(path: string): void {
  writeFileSync(path, new Date().toISOString());
}

/** Milliseconds since the server was last used (Infinity when never recorded). */
export function idleFor(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
