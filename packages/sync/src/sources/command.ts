import { spawn, type ChildProcess } from "node:child_process";
import { MigrationFailure } from "./failure.js";
import { globBase, globToRegExp } from "./glob.js";
import { commandEnvironment, type CommandTarget } from "./command-env.js";
import type { FileSource } from "./types.js";

/** A command that migrates a database (`python3 manage.py migrate --noinput`), and the files it reads. */
export interface CommandSource {
  run: string;
  /** The folder it runs in (absolute, or relative to the process's). */
  cwd: string;
  /** Repository-relative globs of the files it reads. */
  watch: string[];
}

const TAIL_LINES = 40;

/** The last lines a process wrote, without keeping all it wrote. */
class Tail {
  private lines: string[] = [];
  private partial = "";

  constructor(private readonly size = TAIL_LINES) {}

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString("utf8")).split("\n");
    this.partial = parts.pop() ?? "";
    this.lines.push(...parts);
    if (this.lines.length > this.size * 2) this.lines = this.lines.slice(-this.size);
  }

  text(): string {
    return this.last().join("\n");
  }

  last(): string[] {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-this.size).filter((l) => l.trim() !== "");
  }
}

/**
 * The last lines of both streams as they came, led by the last lines of
 * stdout when a long error on stderr pushed them out: a tool's progress
 * ("Applying shop.0005_bad...") says which step failed, its traceback why.
 */
function failureOutput(both: Tail, stdout: Tail): string {
  const shown = both.text();
  const missing = stdout.last().filter((line) => !shown.includes(line));
  return missing.length > 0 ? [...missing, "…", shown].join("\n") : shown;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    if (process.platform === "win32") spawn("taskkill", ["/pid", String(child.pid), "/T", "/F"], { stdio: "ignore" });
    else process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function failed(source: CommandSource, what: string, tail: string, cause?: unknown): MigrationFailure {
  return new MigrationFailure({
    file: source.run,
    line: 0,
    statement: source.run,
    message: what,
    output: tail,
    outcome: "command",
    hints: [
      `the command ran in ${source.cwd} with PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and DATABASE_URL set to the scratch database`,
    ],
    cause,
  });
}

/**
 * Run a command source against the target database: through the shell in
 * its folder, stdout and stderr captured (the last lines go in the failure
 * when it exits with an error). On abort, its whole process group is
 * stopped (SIGTERM, then SIGKILL) and the promise rejects with the reason.
 */
export function runCommandMigrations(
  source: CommandSource,
  target: CommandTarget,
  options: { signal?: AbortSignal; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    const child = spawn(source.run, {
      shell: true,
      cwd: source.cwd,
      env: commandEnvironment(target, options.env),
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so an abort reaches what it started too.
      detached: process.platform !== "win32",
    });
    const tail = new Tail();
    const stdoutTail = new Tail(3);
    child.stdout?.on("data", (c: Buffer) => {
      tail.push(c);
      stdoutTail.push(c);
    });
    child.stderr?.on("data", (c: Buffer) => tail.push(c));
    const stopOnAbort = watchAbort(child, signal, reject);
    child.on("error", (error) => {
      stopOnAbort();
      reject(failed(source, `could not run it: ${error.message}`, "", error));
    });
    child.on("close", (code, killedBy) => {
      stopOnAbort();
      if (signal?.aborted) return;
      if (code === 0) resolve();
      else
        reject(
          failed(source, killedBy ? `it was stopped by ${killedBy}` : `it exited with status ${code}`, failureOutput(tail, stdoutTail)),
        );
    });
  });
}

/** On abort: SIGTERM to the command's process group, SIGKILL 3 s later, and reject. Returns the clean-up. */
function watchAbort(child: ChildProcess, signal: AbortSignal | undefined, reject: (reason: unknown) => void): () => void {
  let hardKill: NodeJS.Timeout | undefined;
  const onAbort = () => {
    killGroup(child, "SIGTERM");
    hardKill = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
    reject(signal?.reason);
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  return () => {
    signal?.removeEventListener("abort", onAbort);
    if (hardKill) clearTimeout(hardKill);
  };
}

/** The files a command source reads: those matching its watch globs, sorted. */
export async function watchedFiles(source: CommandSource, files: FileSource): Promise<string[]> {
  const found = new Set<string>();
  for (const glob of source.watch) {
    const pattern = globToRegExp(glob);
    for (const path of await files.list(globBase(glob))) if (pattern.test(path)) found.add(path);
  }
  return [...found].sort();
}
