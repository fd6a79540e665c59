import {
  connect,
  DatabaseError,
  describeBlocker,
  exclusiveLockHolders,
  quoteLiteral,
  setLockTimeout,
  type ResolvedConnection,
  type Session,
} from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { introspect, readDependencies, type IntrospectionOptions } from "./introspect.js";

/**
 * Read the database at `connection` in one read-only snapshot, over two
 * connections of its own when the server allows a second: the first
 * exports its snapshot, the second imports it, and the catalog queries
 * are spread over both; the dependencies (unless `dependencies: false`)
 * are read last, on the first. Both are closed before it returns.
 */
export async function introspectSnapshot(connection: ResolvedConnection, options: IntrospectionOptions = {}): Promise<Database> {
  return readSnapshot(connection, options).complete;
}

/** Start the snapshot on the first session and share it with the second: the sessions that see it. */
async function snapshotLanes(sessions: Session[]): Promise<Session[]> {
  const [primary, helper] = sessions as [Session, Session | undefined];
  await primary.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const lanes: Session[] = [primary];
  if (helper) {
    const { rows } = await primary.query<{ id: string }>("SELECT pg_catalog.pg_export_snapshot() AS id");
    if (await joinSnapshot(helper, rows[0]?.id ?? "")) lanes.push(helper);
  }
  return lanes;
}

/** A snapshot read whose dependencies come after the rest (see `readSnapshot`). */
export interface SnapshotRead {
  /** The model without `dependencies`, as soon as every kind is read. */
  model: Promise<Database>;
  /** The same model with `dependencies` (unless the options say not to read them); the connections are then closed. */
  complete: Promise<Database>;
  /** Drop the connections now, abandoning the dependencies (`complete` then fails). */
  abandon(): void;
}

/**
 * The snapshot read behind `introspectSnapshot`, with the model handed
 * over before its dependencies (pg_depend, the costliest query), which are
 * read next in the same snapshot: a caller that finds it does not need
 * them (yamltodb with nothing to do) abandons the read instead of waiting.
 */
export function readSnapshot(connection: ResolvedConnection, options: IntrospectionOptions = {}): SnapshotRead {
  let sessions: Session[] = [];
  let abandoned = false;
  const model = (async () => {
    sessions = await openTwo(connection);
    if (abandoned) for (const session of sessions) session.abort();
    if (options.lockTimeout !== undefined) for (const session of sessions) await setLockTimeout(session, options.lockTimeout);
    return introspect(await snapshotLanes(sessions), { ...options, dependencies: false });
  })().catch((error: unknown) => nameLockHolders(connection, error));
  const complete = (async () => {
    try {
      const db = await model;
      if (options.dependencies !== false) await readDependencies(sessions[0] as Session, db);
      return db;
    } finally {
      for (const session of sessions) await session.close();
    }
  })();
  // A caller that stops at `model` (it failed, or was enough) leaves `complete` unawaited.
  complete.catch(() => undefined);
  return {
    model,
    complete,
    abandon() {
      abandoned = true;
      for (const session of sessions) session.abort();
    },
  };
}

/** A read that timed out behind a lock says who held it: a catalog read waits only for ACCESS EXCLUSIVE. */
async function nameLockHolders(connection: ResolvedConnection, error: unknown): Promise<never> {
  if (error instanceof DatabaseError && error.sqlstate === "55P03") {
    const holders = await exclusiveLockHolders(connection);
    error.hints.push(...holders.map((h) => `held by ${describeBlocker(h)}`));
  }
  throw error;
}

/**
 * Two sessions if the server allows, else one. Both are asked for at once;
 * at a connection limit (SQLSTATE 53300) PostgreSQL may refuse either, or
 * both when each counts the other, and one is then asked for alone.
 */
async function openTwo(connection: ResolvedConnection): Promise<Session[]> {
  const opened = await Promise.allSettled([connect(connection), connect(connection)]);
  const sessions = opened.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
  if (sessions.length > 0) return sessions;
  const reason = (opened[0] as PromiseRejectedResult).reason as Error & { sqlstate?: string };
  if (reason.sqlstate !== "53300") throw reason;
  return [await connect(connection)];
}

/** Start a read-only transaction on `session` that sees the exported snapshot `id`. */
async function joinSnapshot(session: Session, id: string): Promise<boolean> {
  try {
    await session.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // SET TRANSACTION SNAPSHOT takes no parameters; the id comes from the server.
    await session.query(`SET TRANSACTION SNAPSHOT ${quoteLiteral(id)}`);
    return true;
  } catch {
    return false;
  }
}
