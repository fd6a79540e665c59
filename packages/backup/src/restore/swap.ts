import { DatabaseError, quoteIdent, type Session } from "@pgvc/core";

/** End every other session on `database` (pg_stat_activity.pid: PostgreSQL 9.2 and later). */
export async function terminateConnections(session: Session, database: string): Promise<number> {
  // In the select list, so it runs only for the rows the WHERE clause keeps.
  const { rows } = await session.query<{ ok: boolean }>(
    `SELECT pg_catalog.pg_terminate_backend(a.pid) AS ok FROM pg_catalog.pg_stat_activity a
      WHERE a.datname = $1 AND a.pid <> pg_catalog.pg_backend_pid()
      ORDER BY a.pid`,
    [database],
  );
  return rows.filter((r) => r.ok).length;
}

export interface SwapNames {
  /** The database being replaced, when it exists. */
  target: string;
  targetExists: boolean;
  /** The restored copy that takes its name. */
  copy: string;
  /** What the replaced database is renamed to. */
  previous: string;
}

const inUse = "55006";

/**
 * Rename the target away and the copy into its place in one transaction:
 * both renames happen or neither does, so no interruption can leave the
 * name missing. A session that reconnects in between is ended and the swap
 * tried again (the server itself waits up to 5 s for ended sessions to go).
 */
export async function swapDatabases(session: Session, names: SwapNames, beforeCommit: () => void): Promise<number> {
  const statements = [
    ...(names.targetExists ? [`ALTER DATABASE ${quoteIdent(names.target)} RENAME TO ${quoteIdent(names.previous)}`] : []),
    `ALTER DATABASE ${quoteIdent(names.copy)} RENAME TO ${quoteIdent(names.target)}`,
  ];
  let terminated = 0;
  for (let attempt = 1; ; attempt += 1) {
    if (names.targetExists) terminated += await terminateConnections(session, names.target);
    terminated += await terminateConnections(session, names.copy);
    await session.query("BEGIN");
    try {
      for (const statement of statements) await session.query(statement);
      beforeCommit();
      await session.query("COMMIT");
      return terminated;
    } catch (error) {
      await session.query("ROLLBACK").catch(() => undefined);
      if (!(error instanceof DatabaseError) || error.sqlstate !== inUse || attempt >= 5) throw error;
    }
  }
}
