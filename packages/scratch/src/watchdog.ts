// The idle watchdog of a persistent scratch cluster, started detached by
// openScratchServer: `node watchdog.js <cluster folder>`. It stops the server
// once no process has held a lease, and no client has been connected, for the
// idle time in state.json; then it exits. It also exits when the server is gone.
import { readFileSync, unlinkSync } from "node:fs";
import { dirname } from "node:path";
import { clusterPaths, postmasterPid, readState, serverUrl, stopCluster, type ClusterPaths, type ClusterState } from "./cluster.js";
import { idleFor, liveLeases, touch } from "./leases.js";
import { withLock } from "./lock.js";
import { sleep } from "./net.js";
import { connectionOf, onServer } from "./session.js";
import { pidAlive, unprivilegedUser } from "./user.js";

async function clientsConnected(state: ClusterState): Promise<number> {
  try {
    return await onServer(connectionOf(serverUrl(state), {}), async (session) => {
      const { rows } = await session.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_catalog.pg_backend_pid()",
      );
      return rows[0]?.n ?? 0;
    });
  } catch {
    return 0;
  }
}

function serverAlive(paths: ClusterPaths): boolean {
  const pid = postmasterPid(paths);
  return pid !== undefined && pidAlive(pid);
}

function stillMine(paths: ClusterPaths): boolean {
  try {
    return Number(readFileSync(paths.watchdog, "utf8")) === process.pid;
  } catch {
    return false;
  }
}

/** Under the lock (no process is starting to use it meanwhile), stop the server if it is still idle. */
async function stopIfIdle(paths: ClusterPaths, state: ClusterState): Promise<boolean> {
  return withLock(
    paths.lock,
    async () => {
      if (liveLeases(paths.leases) > 0 || idleFor(paths.lastUsed) < state.idleSeconds * 1000) return false;
      if (serverAlive(paths)) await stopCluster(paths, state.binDir, unprivilegedUser());
      return true;
    },
    { timeoutMs: 30_000 },
  );
}

/** Every second, is the server still there; every quarter of the idle time (at most 30 s), is it in use. */
async function watch(paths: ClusterPaths): Promise<void> {
  let nextLook = 0;
  while (stillMine(paths) && serverAlive(paths)) {
    const state = readState(paths);
    if (!state) return;
    const idleMs = state.idleSeconds * 1000;
    await sleep(Math.min(idleMs / 4, 1_000));
    if (Date.now() < nextLook) continue;
    nextLook = Date.now() + Math.min(Math.max(idleMs / 4, 500), 30_000);
    if (liveLeases(paths.leases) > 0 || (await clientsConnected(state)) > 0) touch(paths.lastUsed);
    else if (idleFor(paths.lastUsed) >= idleMs && (await stopIfIdle(paths, state).catch(() => false))) return;
  }
}

/**
 * Watch until the server is gone, then leave under the lock: a process that
 * started the server again meanwhile found this watchdog alive and relies on
 * it, so it watches on.
 */
async function main(paths: ClusterPaths): Promise<void> {
  for (;;) {
    await watch(paths);
    const again = await withLock(
      paths.lock,
      async () => {
        if (!stillMine(paths)) return false;
        if (serverAlive(paths)) return true;
        unlinkSync(paths.watchdog);
        return false;
      },
      { timeoutMs: 60_000 },
    );
    if (!again) return;
  }
}

const dir = process.argv[2];
// A folder removed under it (a test's cache) ends it as well; nobody reads its errors.
if (dir) await main(clusterPaths(dirname(dir), Number(/postgres-(\d+)$/.exec(dir)?.[1]))).catch(() => undefined);
