import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ToolError, UsageError } from "@pgvc/core";
import { binaryRoot, parseMajor, type PgMajor } from "./binaries.js";
import { clusterBase } from "./cache.js";
import { scriptPath } from "./cleanup.js";
import {
  clusterPaths,
  initialise,
  isInitialised,
  postmasterPid,
  readState,
  serverUrl,
  startCluster,
  stopCluster,
  writeState,
  type ClusterPaths,
  type ClusterState,
} from "./cluster.js";
import { sweepAbandonedDatabases } from "./databases.js";
import { addLease, removeLease, touch } from "./leases.js";
import { withLock } from "./lock.js";
import { answers, freePort, readFileSafe, sleep } from "./net.js";
import { registerServer, type OpenOptions, type ScratchServer, type ServerState } from "./server.js";
import { connectionOf, onServer } from "./session.js";
import { closer } from "./url.js";
import { pidAlive, unprivilegedUser, type RunAs } from "./user.js";

export const defaultIdleSeconds = 600;

export interface EmbeddedConfig {
  kind?: "embedded";
  major: PgMajor;
  idleSeconds?: number;
  cacheDir?: string;
}

interface Context {
  paths: ClusterPaths;
  major: PgMajor;
  runAs: RunAs;
  binDir: string;
  idleSeconds: number;
  say: (message: string) => void;
}

/**
 * After a reboot, postmaster.pid may name a process that is not PostgreSQL at
 * all; on Linux /proc tells. Elsewhere a live pid is taken for the server.
 */
function isPostgres(pid: number): boolean {
  if (process.platform !== "linux") return true;
  const name = readFileSafe(`/proc/${pid}/comm`);
  return name === "" || name.startsWith("postgres");
}

/** Is the cluster running, as state.json describes it? A postmaster that is starting or stopping gets a few seconds. */
async function running(ctx: Context, state: ClusterState): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    const pid = postmasterPid(ctx.paths);
    if (pid === undefined || !pidAlive(pid)) return false;
    if (!isPostgres(pid)) {
      // PostgreSQL would refuse to start while its lock file names a live process.
      rmSync(join(ctx.paths.data, "postmaster.pid"), { force: true });
      return false;
    }
    if (state.port !== undefined && (await answers(serverUrl(state)))) return true;
    await sleep(200);
  }
  throw new ToolError(`a PostgreSQL process (pid ${postmasterPid(ctx.paths)}) holds ${ctx.paths.data} but does not answer`, {
    hints: ["stop it (pg_ctl stop -D that folder) or, if it is not PostgreSQL, remove its postmaster.pid"],
  });
}

async function bringUp(ctx: Context): Promise<ClusterState> {
  let state = readState(ctx.paths);
  if (isInitialised(ctx.paths) && state && (await running(ctx, state))) return { ...state, idleSeconds: ctx.idleSeconds };
  if (!isInitialised(ctx.paths) || !state) {
    ctx.say(`initialising PostgreSQL ${ctx.major} in ${ctx.paths.dir} (first run)`);
    const password = await initialise(ctx.paths, ctx.binDir, ctx.runAs);
    state = { major: ctx.major, binDir: ctx.binDir, password, idleSeconds: ctx.idleSeconds };
    writeState(ctx.paths, state);
  }
  ctx.say(`starting PostgreSQL ${ctx.major}`);
  const port = await freePort();
  await startCluster(ctx.paths, ctx.binDir, ctx.runAs, port);
  return { ...state, binDir: ctx.binDir, port, idleSeconds: ctx.idleSeconds };
}

/** One watchdog per running cluster stops it once idle; start one unless it runs. */
function ensureWatchdog(paths: ClusterPaths): void {
  const pid = Number(readFileSafe(paths.watchdog));
  if (pidAlive(pid)) return;
  const child = spawn(process.execPath, [scriptPath("watchdog"), paths.dir], {
    detached: true,
    // Not the caller's folder, which it may want to remove (Windows would refuse while a process sits in it).
    cwd: tmpdir(),
    stdio: "ignore",
    windowsHide: true,
  });
  child.unref();
  if (child.pid === undefined) throw new ToolError("could not start the idle watchdog of the scratch server");
  writeWatchdogPid(paths, child.pid);
}

function writeWatchdogPid(paths: ClusterPaths, pid: number): void {
  touch(paths.lastUsed);
  writeFileSync(paths.watchdog, String(pid));
}

export async function openEmbeddedServer(config: EmbeddedConfig, options: OpenOptions = {}): Promise<ScratchServer> {
  const major = parseMajor(config.major);
  const idleSeconds = config.idleSeconds ?? defaultIdleSeconds;
  if (!(Number.isFinite(idleSeconds) && idleSeconds > 0)) {
    throw new UsageError(`invalid idle time ${JSON.stringify(idleSeconds)} for the scratch server`, {
      hints: ["expected a number of seconds greater than 0, e.g. 600"],
    });
  }
  const runAs = unprivilegedUser();
  const asOtherUser = runAs.uid !== undefined;
  const base = clusterBase({ cacheDir: config.cacheDir, env: options.env, asOtherUser });
  const paths = clusterPaths(base, major);
  mkdirSync(paths.dir, { recursive: true, mode: asOtherUser ? 0o755 : 0o700 });
  const binDir = binaryRoot(major, { mustBeWorldReadable: asOtherUser, copyDirectory: join(base, "binaries") });
  const say = options.progress ?? (() => undefined);
  const ctx: Context = { paths, major, runAs, binDir, idleSeconds, say };
  const onWait = () => say(`waiting for another pgvc process starting PostgreSQL ${major}`);
  const { state, lease } = await withLock(
    paths.lock,
    async () => {
      options.signal?.throwIfAborted();
      const state = await bringUp(ctx);
      writeState(paths, state);
      const lease = addLease(paths.leases);
      ensureWatchdog(paths);
      return { state, lease };
    },
    { signal: options.signal, onWait },
  );
  return serverFor(paths, state, lease);
}

async function serverFor(paths: ClusterPaths, state: ClusterState, lease: string): Promise<ScratchServer> {
  const url = serverUrl(state);
  const connection = connectionOf(url, {});
  const release = async () => {
    touch(paths.lastUsed);
    removeLease(lease);
  };
  try {
    const serverVersionNum = await onServer(connection, async (session) => {
      await sweepAbandonedDatabases(session);
      return session.serverVersionNum;
    });
    const internal: ServerState = { connection, databases: new Set() };
    const server: ScratchServer = { kind: "embedded", url, major: state.major, serverVersionNum, close: closer(internal, release) };
    return registerServer(server, internal);
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Stop the persistent server of a major version now, whoever uses it (their
 * sessions are rolled back). For tests and for a user who wants it gone;
 * nothing needs it, as the idle watchdog stops it anyway.
 */
export async function stopEmbeddedServer(config: EmbeddedConfig, options: Pick<OpenOptions, "env"> = {}): Promise<boolean> {
  const major = parseMajor(config.major);
  const runAs = unprivilegedUser();
  const base = clusterBase({ cacheDir: config.cacheDir, env: options.env, asOtherUser: runAs.uid !== undefined });
  const paths = clusterPaths(base, major);
  const state = readState(paths);
  if (!state) return false;
  return withLock(paths.lock, async () => {
    const pid = postmasterPid(paths);
    if (pid === undefined || !pidAlive(pid)) return false;
    await stopCluster(paths, state.binDir, runAs);
    return true;
  });
}
