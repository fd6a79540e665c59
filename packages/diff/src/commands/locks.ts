import { DatabaseError, type Session } from "@pgvc/core";

/** One `yamltodb -u` at a time on a database: a session-level advisory lock, released when the session ends. */
const applyLockKey = "pgvc yamltodb --update";

export async function takeApplyLock(session: Session, onWait: (message: string) => void): Promise<void> {
  const { rows } = await session.query<{ got: boolean }>("SELECT pg_catalog.pg_try_advisory_lock(pg_catalog.hashtext($1)) AS got", [
    applyLockKey,
  ]);
  if (rows[0]?.got) return;
  onWait("another yamltodb -u is applying a change to this database; waiting for it to finish (up to the lock timeout)");
  try {
    await session.query("SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext($1))", [applyLockKey]);
  } catch (error) {
    if (error instanceof DatabaseError && error.sqlstate === "55P03") {
      throw new DatabaseError("another yamltodb -u is still applying a change to this database", {
        cause: error,
        hints: ["run again once it has finished, or wait longer with --lock-timeout (0 waits forever)"],
      });
    }
    throw error;
  }
}
