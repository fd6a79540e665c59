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
  const second = connect(connection).catch(() => undefined);
  const sessions: Session[] = [];
  try {
    const primary = await connect(connection);
    sessions.push(primary);
    await primary.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const { rows } = await primary.query<{ id: string }>("SELECT pg_catalog.pg_export_snapshot() AS id");
    const helper = await second;
    if (helper) {
      if (await joinSnapshot(helper, rows[0]?.id ?? "")) sessions.push(helper);
      else await helper.close();
    }
    return await introspect(sessions, options);
  } finally {
    await (await second)?.close();
    for (const session of sessions) await session.close();
  }
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
