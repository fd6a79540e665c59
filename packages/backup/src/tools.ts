import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { ToolError } from "@pgvc/core";

/** The variable naming the folder of pg_dump and pg_restore, before PATH. */
export const pgBinVariable = "PGVC_PG_BIN";

export type ToolName = "pg_dump" | "pg_restore";

/** A client program found on disk, with the version it reports. */
export interface Tool {
  name: ToolName;
  path: string;
  /** `15.18` */
  version: string;
  major: number;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → 15.18, major 15 (9.6 for old ones). */
export function parseToolVersion(text: string): { version: string; major: number } | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  const first = Number(match[1]);
  const second = match[2] === undefined ? undefined : Number(match[2]);
  const version = second === undefined ? String(first) : `${first}.${second}`;
  return { version, major: first >= 10 || second === undefined ? first : first + second / 10 };
}

/** Find a client program: in PGVC_PG_BIN when set, else on PATH; ask it its version. */
export function findTool(name: ToolName, env: NodeJS.ProcessEnv = process.env): Tool {
  const binDir = env[pgBinVariable];
  const candidates = binDir
    ? [join(binDir, name)]
    : (env.PATH ?? "")
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  const path = candidates.find(executable);
  if (!path) {
    const where = binDir ? `in ${pgBinVariable}=${binDir}` : "on PATH";
    throw new ToolError(`${name} was not found ${where}`, {
      hints: [
        "install the PostgreSQL client programs (Debian/Ubuntu: apt-get install postgresql-client)",
        `or set ${pgBinVariable} to the folder that holds ${name}, e.g. ${pgBinVariable}=/usr/lib/postgresql/16/bin`,
      ],
    });
  }
  const probe = spawnSync(path, ["--version"], { encoding: "utf8", env });
  const parsed = parseToolVersion(probe.stdout ?? "");
  if (probe.status !== 0 || !parsed) {
    throw new ToolError(`${path} --version did not report a PostgreSQL version`, {
      hints: [`it printed: ${(probe.stdout || probe.stderr || String(probe.error)).trim()}`],
    });
  }
  return { name, path, ...parsed };
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
  /** Called with each line the program writes on stderr. */
  onLine?: (line: string) => void;
  /** Collect stdout (for `pg_restore --list`). */
  captureStdout?: boolean;
}

export interface RunOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** The diagnostic lines (errors, warnings, details), at most the last 40. */
  diagnostics: string[];
  /**
   * True when our AbortSignal stopped it. A Ctrl-C on the terminal also
   * reaches the program itself (same process group): then `signal` is SIGINT.
   */
  aborted: boolean;
}

const diagnostic = /^(?:[\w.-]+: )?(?:error|warning|fatal|detail|hint)\b|^Command was:|^(?:DETAIL|HINT|LINE \d+):/i;

/** Run a client program; stop it with SIGTERM when `signal` aborts. */
export function runTool(tool: Tool, args: string[], options: RunOptions): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, {
      env: options.env,
      stdio: ["ignore", options.captureStdout ? "pipe" : "ignore", "pipe"],
    });
    const stdout: Buffer[] = [];
    const diagnostics: string[] = [];
    let pending = "";
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      child.kill("SIGTERM");
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const takeLine = (line: string) => {
      if (line === "") return;
      if (diagnostic.test(line.replace(new RegExp(`^${tool.name}: `), ""))) {
        diagnostics.push(line);
        if (diagnostics.length > 40) diagnostics.shift();
      }
      options.onLine?.(line);
    };
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(takeLine);
    });
    child.on("error", (error) => {
      options.signal?.removeEventListener("abort", onAbort);
      reject(new ToolError(`could not run ${tool.path}: ${error.message}`, { cause: error }));
    });
    child.on("close", (exitCode, signal) => {
      options.signal?.removeEventListener("abort", onAbort);
      takeLine(pending);
      resolve({ exitCode, signal, stdout: Buffer.concat(stdout).toString("utf8"), diagnostics, aborted });
    });
  });
}

/** "exit status 1" or "killed by SIGKILL", for messages. */
export function describeExit(outcome: RunOutcome): string {
  return outcome.signal ? `killed by ${outcome.signal}` : `exit status ${outcome.exitCode}`;
}

/** A libpq connection string that names just the database, quoted for any name. */
export function conninfoDatabase(name: string): string {
  return `dbname='${name.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}
