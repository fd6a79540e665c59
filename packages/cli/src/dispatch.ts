import { spawn } from "node:child_process";
import { accessSync, constants, readdirSync, realpathSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "@pgvc/core";

const prefix = "pgvc-";

/**
 * Folders searched for `pgvc-SUB`: the one holding this `pgvc` (npm links
 * every workspace and dependency bin side by side in node_modules/.bin),
 * then PATH.
 */
export function searchPath(argv1: string | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = argv1 ? [dirname(argv1)] : [];
  return [...dirs, ...installedBinDirs(), ...(env.PATH ?? "").split(delimiter).filter(Boolean)];
}

/** The node_modules/.bin folders above this package: where npm links the other pgvc bins. */
function installedBinDirs(): string[] {
  const dirs: string[] = [];
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    dirs.push(join(dir, "node_modules", ".bin"));
    dir = dirname(dir);
  }
  return dirs;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findSubcommand(name: string, dirs: readonly string[]): string | undefined {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) return undefined;
  for (const dir of dirs) {
    const candidate = join(dir, `${prefix}${name}`);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Every `pgvc-*` command found, by name, sorted. */
export function listSubcommands(dirs: readonly string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.startsWith(prefix) && isExecutable(join(dir, entry))) names.add(entry.slice(prefix.length));
    }
  }
  return [...names].sort();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function unknownSubcommand(name: string, known: readonly string[]): UsageError {
  const close = known.filter((k) => distance(name, k) <= 2);
  const hints = close.length > 0 ? [`did you mean ${close.map((c) => `'pgvc ${c}'`).join(" or ")}?`] : [];
  hints.push(`commands: ${known.join(", ") || "none found"} (pgvc --help)`);
  return new UsageError(`unknown command '${name}'`, { hints });
}

/** Run the sub-command with the terminal and signals passed through; resolve its exit code. */
export function runSubcommand(path: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(realpathSync(path), args, { stdio: "inherit" });
    // Ctrl-C reaches the whole foreground process group, the sub-command
    // included: pgvc only survives it and waits (as git does). Signals sent
    // to pgvc alone (kill, a closed terminal) are passed on.
    const ignore = () => undefined;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const forwarded: NodeJS.Signals[] = ["SIGTERM", "SIGHUP"];
    process.on("SIGINT", ignore);
    for (const s of forwarded) process.on(s, forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", ignore);
      for (const s of forwarded) process.off(s, forward);
      resolve(code ?? (signal === "SIGINT" ? 130 : 1));
    });
  });
}
