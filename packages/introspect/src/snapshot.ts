import { connect, quoteLiteral, type ResolvedConnection, type Session } from "@pgvc/core";
import type { Database } from "@pgvc/model";
import { introspect, type IntrospectionOptions } from "./introspect.js";

/**
 * Read the database at `connection` in one read-only snapshot, over two
 * connections of its own when the server allows a second: the first
 * exports its snapshot, the second imports it, and the catalog queries
 * are spread over both. Both are closed before it returns.
 */
export async function introspectSnapshot(connection: ResolvedConnection, options: IntrospectionOptions = {}): Promise<Database> {
  const sessions = await openTwo(connection);
  try {
    const [primary, helper] = sessions as [Session, Session | undefined];
    await primary.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const lanes: Session[] = [primary];
    if (helper) {
      const { rows } = await primary.query<{ id: string }>("SELECT pg_catalog.pg_export_snapshot() AS id");
      if (await joinSnapshot(helper, rows[0]?.id ?? "")) lanes.push(helper);
    }
    return await introspect(lanes, options);
  } finally {
    for (const session of sessions) await session.close();
  }
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
  const reason = (opened[0] as PromiseRejectedResult).reason as { sqlstate?: string };
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
