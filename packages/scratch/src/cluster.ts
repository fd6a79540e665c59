import { spawn } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { ToolError } from "@pgvc/core";
import { binaryEnvironment, executable } from "./binaries.js";
import { logTail, readFileSafe, sleep } from "./net.js";
import { pidAlive, serverUser, type RunAs } from "./user.js";

/** The files of one persistent cluster, `<base>/postgres-<major>/`. */
export interface ClusterPaths {
  dir: string;
  data: string;
  state: string;
  log: string;
  lock: string;
  leases: string;
  lastUsed: string;
  watchdog: string;
}

export function clusterPaths(base: string, major: number): ClusterPaths {
  const dir = join(base, `postgres-${major}`);
  const file = (name: string) => join(dir, name);
  return {
    dir,
    data: file("data"),
    state: file("state.json"),
    log: file("server.log"),
    lock: file("lock"),
    leases: file("leases"),
    lastUsed: file("last-used"),
    watchdog: file("watchdog.pid"),
  };
}

/** What later runs need to reach the cluster: kept in state.json, readable by its owner only. */
export interface ClusterState {
  major: number;
  binDir: string;
  password: string;
  port?: number;
  idleSeconds: number;
}

export function readState(paths: ClusterPaths): ClusterState | undefined {
  const text = readFileSafe(paths.state);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as ClusterState;
  } catch {
    return undefined;
  }
}

export function writeState(paths: ClusterPaths, state: ClusterState): void {
  const aside = `${paths.state}.${process.pid}`;
  writeFileSync(aside, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(aside, paths.state);
}

export function serverUrl(state: ClusterState): string {
  return `postgres://${serverUser}:${state.password}@127.0.0.1:${state.port}/postgres`;
}

export function isInitialised(paths: ClusterPaths): boolean {
  return existsSync(join(paths.data, "PG_VERSION"));
}

/** The postmaster's pid from postmaster.pid, if the file is there. */
export function postmasterPid(paths: ClusterPaths): number | undefined {
  const pid = Number(readFileSafe(join(paths.data, "postmaster.pid")).split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Run a program and wait for it; a failure is a ToolError with its output and the server log. */
export function runProgram(command: string, args: string[], runAs: RunAs, env: NodeJS.ProcessEnv, log?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, env, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", (error) => reject(new ToolError(`cannot run ${command}: ${error.message}`, { cause: error })));
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const hints = [...output.trim().split("\n").slice(-10), ...(log ? logTail(log) : [])].filter(Boolean);
      reject(new ToolError(`${command} ${args[0]} failed (exit ${code})`, { hints }));
    });
  });
}

function ownBy(runAs: RunAs, ...paths: string[]): void {
  if (runAs.uid === undefined) return;
  for (const path of paths) chownSync(path, runAs.uid, runAs.gid!);
}

const settings = [
  "listen_addresses = '127.0.0.1'",
  "unix_socket_directories = ''",
  "fsync = off",
  "synchronous_commit = off",
  "full_page_writes = off",
  "max_connections = 100",
];

/** initdb a new cluster with a random password; the settings suit a throwaway server on loopback. */
export async function initialise(paths: ClusterPaths, binDir: string, runAs: RunAs): Promise<string> {
  rmSync(paths.data, { recursive: true, force: true });
  mkdirSync(paths.data, { recursive: true, mode: 0o700 });
  const password = randomBytes(16).toString("hex");
  const pwfile = join(paths.dir, "pwfile");
  writeFileSync(pwfile, password, { mode: 0o600 });
  ownBy(runAs, paths.data, pwfile);
  const args = ["-D", paths.data, "-U", serverUser, "--pwfile", pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"];
  try {
    await runProgram(executable(binDir, "initdb"), args, runAs, binaryEnvironment(binDir));
  } finally {
    rmSync(pwfile, { force: true });
  }
  appendFileSync(join(paths.data, "postgresql.conf"), `\n# set by pgvc's scratch server\n${settings.join("\n")}\n`);
  return password;
}

export async function startCluster(paths: ClusterPaths, binDir: string, runAs: RunAs, port: number): Promise<void> {
  if (!existsSync(paths.log)) writeFileSync(paths.log, "");
  ownBy(runAs, paths.log);
  const args = ["start", "-D", paths.data, "-l", paths.log, "-w", "-t", "60", "-s", "-o", `-p ${port}`];
  await runProgram(executable(binDir, "pg_ctl"), args, runAs, binaryEnvironment(binDir), paths.log).catch((error: unknown) => {
    if (error instanceof ToolError)
      error.hints.push(`the cluster in ${paths.dir} is a cache: if it is damaged, remove that folder and the next run makes it anew`);
    throw error;
  });
}

/** Fast shutdown: sessions are rolled back and the server stops. */
export async function stopCluster(paths: ClusterPaths, binDir: string, runAs: RunAs): Promise<void> {
  const pid = postmasterPid(paths);
  await runProgram(
    executable(binDir, "pg_ctl"),
    ["stop", "-D", paths.data, "-m", "fast", "-w", "-t", "60", "-s"],
    runAs,
    binaryEnvironment(binDir),
  );
  // pg_ctl returns once postmaster.pid is gone, a moment before the process itself.
  for (let waited = 0; pid !== undefined && pidAlive(pid) && waited < 10_000; waited += 50) await sleep(50);
}
