import { connect, resolveConnection, withDatabase, type ResolvedConnection, type Session } from "@pgvc/core";

/** A resolved connection to a URL, psql style (the URL, then PG* variables, then ~/.pgpass). */
export function connectionOf(url: string, env: NodeJS.ProcessEnv = process.env): ResolvedConnection {
  return resolveConnection({ dbname: url }, env);
}

/** Run `work` on a short-lived session to `conn`, closed afterwards whatever happens. */
export async function onServer<T>(conn: ResolvedConnection, work: (session: Session) => Promise<T>, database?: string): Promise<T> {
  const session = await connect(database ? withDatabase(conn, database) : conn);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** The same URL naming another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Disconnect every other session from a database (CREATE DATABASE ... TEMPLATE and renames need it alone). */
export async function terminateSessions(session: Session, database: string): Promise<void> {
  await session.query(
    "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid() ORDER BY pid",
    [database],
  );
}

/**
 * How CREATE DATABASE copies its template, by server version: from 15 on the
 * default (WAL_LOG) writes every page to the WAL; a file copy is faster for
 * the small databases of a check, and the checkpoint it needs is cheap on a
 * server without fsync.
 */
const copyStrategies: { from: number; clause: string }[] = [
  { from: 150000, clause: " STRATEGY = FILE_COPY" },
  { from: 0, clause: "" },
];

export function copyStrategy(serverVersionNum: number): string {
  return copyStrategies.find((entry) => serverVersionNum >= entry.from)!.clause;
}
