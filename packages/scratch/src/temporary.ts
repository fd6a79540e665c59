import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError } from "@pgvc/core";
import { binaryEnvironment, binaryRoot, executable, parseMajor, type PgMajor } from "./binaries.js";
import { freePort, readFileSafe, waitForReady } from "./net.js";
import { pidAlive, serverUser, unprivilegedUser, type RunAs } from "./user.js";

/** A running throwaway server; `stop` shuts it down and deletes its files. */
export interface EmbeddedServer {
  major: PgMajor;
  host: string;
  port: number;
  user: string;
  password: string;
  /** Connection URI of the server's `postgres` database. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /**
   * Stop and clean up without yielding to the event loop: for exit and
   * signal handlers, where a test runner may end the process right after.
   */
  stopNow(): void;
}

export interface StartOptions {
  major?: PgMajor | number | string;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
}

const password = "pgvc";
const dirPrefix = "pgvc-pg-";

/**
 * A run that was killed outright (SIGKILL) cannot clean up after itself; the
 * next start removes temporary servers whose owning process is gone.
 */
export function sweepAbandonedServers(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(dirPrefix)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(readFileSafe(join(dir, "owner.pid")));
    if (!owner || pidAlive(owner)) continue;
    const postmaster = Number(readFileSafe(join(dir, "data", "postmaster.pid")).split("\n")[0]);
    if (pidAlive(postmaster)) {
      try {
        process.kill(postmaster, "SIGQUIT");
      } catch {
        // gone already
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run a program to its end; a failure is a ToolError with its output. */
export function runTool(command: string, args: string[], runAs: RunAs, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { ...runAs, env, encoding: "utf8" });
  if (result.status !== 0) {
    const output = (result.stderr || result.stdout || String(result.error ?? "")).trim();
    throw new ToolError(`${command} failed (exit ${result.status})`, { hints: output.split("\n").slice(-15), cause: result.error });
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function stopSynchronously(child: ChildProcess, dir: string): void {
  const pid = child.pid;
  if (pid !== undefined && pidAlive(pid)) {
    try {
      process.kill(pid, "SIGINT");
    } catch {
      // exited meanwhile
    }
    for (let waited = 0; waited < 10_000 && pidAlive(pid); waited += 50) sleepSync(50);
    if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
}

function prepareFolder(runAs: RunAs): { dir: string; pwfile: string; logFile: string } {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  writeFileSync(join(dir, "owner.pid"), String(process.pid));
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, password);
  const logFile = join(dir, "server.log");
  writeFileSync(logFile, "");
  if (runAs.uid !== undefined) {
    for (const path of [dir, pwfile, logFile]) chownSync(path, runAs.uid, runAs.gid!);
  }
  return { dir, pwfile, logFile };
}

function stopper(child: ChildProcess, dir: string): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () =>
    (stopped ??= new Promise<void>((resolve) => {
      const finish = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return finish();
      child.once("exit", finish);
      // The child was unref'd so that it never holds the process open; while
      // stopping, it must, or the process could end before the clean-up.
      child.ref();
      // SIGINT is PostgreSQL's fast shutdown: roll back sessions and stop.
      child.kill("SIGINT");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    }));
}

/**
 * Start a private PostgreSQL server of the given major version on a free
 * loopback port, with password authentication, in a fresh temporary folder
 * that `stop` removes. For tests, the demo and benchmarks; checks use the
 * persistent server of `openScratchServer`.
 */
export async function startTemporaryServer(options: StartOptions = {}): Promise<EmbeddedServer> {
  sweepAbandonedServers();
  const major = parseMajor(options.major);
  const runAs = unprivilegedUser();
  const root = binaryRoot(major, { mustBeWorldReadable: runAs.uid !== undefined });
  const { dir, pwfile, logFile } = prepareFolder(runAs);
  const dataDir = join(dir, "data");
  const env = binaryEnvironment(root);
  const initdbArgs = ["-D", dataDir, "-U", serverUser, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"];
  try {
    runTool(executable(root, "initdb"), initdbArgs, runAs, env);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: dir,
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "100",
    ...options.settings,
  };
  const args = ["-D", dataDir, "-p", String(port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const log = openSync(logFile, "a");
  const child = spawn(executable(root, "postgres"), args, { ...runAs, env, stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  child.unref();
  const url = `postgres://${serverUser}:${password}@127.0.0.1:${port}/postgres`;
  try {
    await waitForReady(url, () => child.exitCode, logFile);
  } catch (error) {
    child.kill("SIGQUIT");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stopNow = () => stopSynchronously(child, dir);
  return { major, host: "127.0.0.1", port, user: serverUser, password, url, dataDir, stop: stopper(child, dir), stopNow };
}
