import type { ResolvedConnection } from "./connection.js";
import { connect, type Session } from "./db.js";
import { DatabaseError, UsageError } from "./errors.js";

/**
 * Waiting on locks: a change to a table waits for every transaction that
 * holds a lock on it. Without a limit the wait is silent and endless, and
 * a waiting ALTER blocks every later reader of the table. So the session
 * sets lock_timeout, says who holds the lock while it waits, and its
 * statement is cancelled on the server when the user interrupts.
 */

export const defaultLockTimeout = "5s";

/** Another session holding a lock this one waits for. */
export interface Blocker {
  pid: number;
  application: string;
  state: string;
  query: string;
}

export function describeBlocker(b: Blocker): string {
  const query = b.query.replace(/\s+/g, " ").trim();
  return `pid ${b.pid}${b.application ? ` (${b.application})` : ""}, ${b.state}: ${query.length > 120 ? `${query.slice(0, 119)}…` : query}`;
}

/** `lock_timeout` for the session; "0" waits forever. The value is checked by the server. */
export async function setLockTimeout(session: Session, value: string): Promise<void> {
  try {
    await session.query("SELECT pg_catalog.set_config('lock_timeout', $1, false)", [value]);
  } catch (error) {
    throw new UsageError(`--lock-timeout ${value}: not a valid duration (e.g. 5s, 500ms, 1min; 0 waits forever)`, { cause: error });
  }
}

const blockersQuery = `SELECT a.pid, a.application_name AS application, a.state, a.query
  FROM pg_catalog.pg_stat_activity a
 WHERE a.pid = ANY (pg_catalog.pg_blocking_pids($1))
 ORDER BY a.pid`;

/** Polls, over a second connection, who blocks `pid`; tells `onWait` when that changes. */
export function watchBlockers(
  connection: ResolvedConnection,
  pid: number,
  onWait: (blockers: Blocker[]) => void,
  everyMs = 1000,
): { stop(): Promise<void>; last(): Blocker[] } {
  let watcher: Promise<Session> | undefined;
  let last: Blocker[] = [];
  let shown = "";
  const poll = async () => {
    watcher ??= connect(connection);
    const { rows } = await (await watcher).query<Blocker>(blockersQuery, [pid]);
    last = rows.length > 0 ? rows : last;
    const key = rows.map((r) => r.pid).join(",");
    if (key !== shown && rows.length > 0) onWait(rows);
    shown = key;
  };
  const timer = setInterval(() => void poll().catch(() => undefined), everyMs);
  return {
    last: () => last,
    async stop() {
      clearInterval(timer);
      if (watcher) await (await watcher.catch(() => undefined))?.close();
    },
  };
}

/** Hints for a lock_timeout error: who held the lock (unless `blockers` were not watched) and what the command did not do. */
export function lockTimeoutHints(error: unknown, blockers: readonly Blocker[] | undefined, undone = "nothing was changed"): string[] {
  if (!(error instanceof DatabaseError) || error.sqlstate !== "55P03") return [];
  const held =
    blockers === undefined
      ? []
      : blockers.length > 0
        ? blockers.map((b) => `held by ${describeBlocker(b)}`)
        : ["the holder had gone by the time it was asked for"];
  return [...held, `${undone}; try again when that transaction has ended, or wait longer with --lock-timeout (0 waits forever)`];
}

const exclusiveHoldersQuery = `SELECT DISTINCT a.pid, a.application_name AS application, a.state, a.query
  FROM pg_catalog.pg_locks l
  JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
 WHERE l.granted AND l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
   AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
   AND l.pid <> pg_catalog.pg_backend_pid()
 ORDER BY a.pid`;

/**
 * The sessions holding an ACCESS EXCLUSIVE lock on a relation of the
 * database, asked over a new connection: after a reader of the catalog
 * timed out, these are the only locks it can have waited for (a read takes
 * ACCESS SHARE, which conflicts with nothing else). Empty when the question
 * itself fails: the answer only adds to an error already on its way.
 */
export async function exclusiveLockHolders(connection: ResolvedConnection): Promise<Blocker[]> {
  try {
    const asker = await connect(connection);
    try {
      return (await asker.query<Blocker>(exclusiveHoldersQuery)).rows;
    } finally {
      await asker.close();
    }
  } catch {
    return [];
  }
}

/** Cancel `pid`'s running statement through a new connection (Ctrl-C must not leave it queued for its lock). */
export async function cancelBackend(connection: ResolvedConnection, pid: number): Promise<void> {
  const canceller = await connect(connection);
  try {
    await canceller.query("SELECT pg_catalog.pg_cancel_backend($1)", [pid]);
  } finally {
    await canceller.close();
  }
}
