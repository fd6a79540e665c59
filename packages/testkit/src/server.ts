import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, closeSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { binaryRoot, parseMajor, type PgMajor } from "./binaries.js";

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

const serverUser = "postgres";
const password = "pgvc";
const dirPrefix = "pgvc-pg-";

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: run it as the `postgres` user, made if needed. */
function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => spawnSync("id", ["-u", serverUser], { encoding: "utf8" });
  let uid = lookup();
  if (uid.status !== 0) {
    spawnSync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", serverUser]);
    uid = lookup();
  }
  const gid = spawnSync("id", ["-g", serverUser], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`running as root, and no '${serverUser}' user could be found or created to run PostgreSQL`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A run that was killed outright (SIGKILL) cannot clean up after itself; the
 * next start removes servers whose owning process is gone.
 */
export function sweepAbandonedServers(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(dirPrefix)) continue;
    const dir = join(tmpdir(), name);
    const owner = Number(readFileSafe(join(dir, "owner.pid")));
    if (!owner || pidAlive(owner)) continue;
    const postmaster = Number(readFileSafe(join(dir, "data", "postmaster.pid")).split("\n")[0]);
    if (postmaster && pidAlive(postmaster)) {
      try {
        process.kill(postmaster, "SIGQUIT");
      } catch {
        // gone already
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function run(command: string, args: string[], runAs: RunAs, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { ...runAs, env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${command} failed (exit ${result.status}): ${result.stderr || result.stdout || result.error}`);
  }
}

async function waitForReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`PostgreSQL exited during start-up (exit ${child.exitCode}):\n${readFileSafe(logFile)}`);
    }
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s:\n${readFileSafe(logFile)}`);
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

/**
 * Start a private PostgreSQL server of the given major version on a free
 * loopback port, with password authentication, in a fresh temporary folder.
 */
export async function startServer(options: StartOptions = {}): Promise<EmbeddedServer> {
  sweepAbandonedServers();
  const major = parseMajor(options.major);
  const runAs = unprivilegedUser();
  const root = binaryRoot(major, runAs.uid !== undefined);
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  writeFileSync(join(dir, "owner.pid"), String(process.pid));
  const dataDir = join(dir, "data");
  const pwfile = join(dir, "pwfile");
  writeFileSync(pwfile, password);
  if (runAs.uid !== undefined) {
    chownSync(dir, runAs.uid, runAs.gid!);
    chownSync(pwfile, runAs.uid, runAs.gid!);
  }
  const env = { ...process.env, LD_LIBRARY_PATH: join(root, "lib"), LC_ALL: "C" };
  run(join(root, "bin", "initdb"), ["-D", dataDir, "-U", serverUser, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"], runAs, env);

  const port = await freePort();
  const logFile = join(dir, "server.log");
  const log = openSync(logFile, "a");
  if (runAs.uid !== undefined) chownSync(logFile, runAs.uid, runAs.gid!);
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
  const child = spawn(join(root, "bin", "postgres"), args, { ...runAs, env, stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  child.unref();
  const url = `postgres://${serverUser}:${password}@127.0.0.1:${port}/postgres`;
  try {
    await waitForReady(url, child, logFile);
  } catch (error) {
    child.kill("SIGQUIT");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const stop = () =>
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
  const stopNow = () => stopSynchronously(child, dir);
  return { major, host: "127.0.0.1", port, user: serverUser, password, url, dataDir, stop, stopNow };
}
