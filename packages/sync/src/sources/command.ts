import { spawn, type ChildProcess } from "node:child_process";
import { MigrationFailure } from "./failure.js";
import { globBase, globToRegExp } from "./glob.js";
import type { FileSource } from "./types.js";

/** A command that migrates a database (`python3 manage.py migrate --noinput`), and the files it reads. */
export interface CommandSource {
  run: string;
  /** The folder it runs in (absolute, or relative to the process's). */
  cwd: string;
  /** Repository-relative globs of the files it reads. */
  watch: string[];
}

export interface CommandTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** libpq's sslmode for the target, when it needs one (a scratch server reached over the network). */
  sslmode?: string;
}

const TAIL_LINES = 40;

/** DATABASE_URL for the target; a host that is a socket folder goes in `?host=`. */
export function databaseUrl(t: CommandTarget): string {
  const auth = `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}`;
  const db = encodeURIComponent(t.database);
  const ssl = t.sslmode ? `sslmode=${encodeURIComponent(t.sslmode)}` : "";
  if (t.host.startsWith("/")) return `postgresql://${auth}@:${t.port}/${db}?host=${encodeURIComponent(t.host)}${ssl ? `&${ssl}` : ""}`;
  const host = t.host.includes(":") ? `[${t.host}]` : t.host;
  return `postgresql://${auth}@${host}:${t.port}/${db}${ssl ? `?${ssl}` : ""}`;
}

/**
 * The command's environment: the caller's, without any libpq variable (PG*:
 * PGSERVICE, PGSSLMODE, PGOPTIONS and the rest would point it elsewhere or
 * change its session), plus the target's PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE and DATABASE_URL.
 */
export function commandEnvironment(target: CommandTarget, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) if (!/^PG/i.test(key)) env[key] = value;
  Object.assign(env, {
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGUSER: target.user,
    PGPASSWORD: target.password,
    PGDATABASE: target.database,
    DATABASE_URL: databaseUrl(target),
  });
  if (target.sslmode) env.PGSSLMODE = target.sslmode;
  return env;
}

/** The last lines a process wrote, without keeping all it wrote. */
class Tail {
  private lines: string[] = [];
  private partial = "";

  push(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString("utf8")).split("\n");
    this.partial = parts.pop() ?? "";
    this.lines.push(...parts);
    if (this.lines.length > TAIL_LINES * 2) this.lines = this.lines.slice(-TAIL_LINES);
  }

  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].slice(-TAIL_LINES).join("\n");
  }
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
    hints: [`the command ran in ${source.cwd} with PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE and DATABASE_URL set to the scratch database`],
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
      detached: process.platform !== "win32",
    });
    const tail = new Tail();
    child.stdout?.on("data", (c: Buffer) => tail.push(c));
    child.stderr?.on("data", (c: Buffer) => tail.push(c));
    let hardKill: NodeJS.Timeout | undefined;
    const onAbort = () => {
      killGroup(child, "SIGTERM");
      hardKill = setTimeout(() => killGroup(child, "SIGKILL"), 3000);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = (error?: MigrationFailure) => {
      signal?.removeEventListener("abort", onAbort);
      if (hardKill) clearTimeout(hardKill);
      if (error) reject(error);
      else resolve();
    };
    child.on("error", (error) => settle(failed(source, `could not run it: ${error.message}`, "", error)));
    child.on("close", (code, killed) => {
      if (signal?.aborted) return settle();
      if (code === 0) return settle();
      settle(failed(source, killed ? `it was stopped by ${killed}` : `it exited with status ${code}`, tail.text()));
    });
  });
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
