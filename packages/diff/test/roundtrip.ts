// The round trip every differ test runs: build "before" and "after" in two
// fresh databases, diff their introspections, apply the statements to
// "before" in one transaction, and require that it then reads back as
// "after" and that a second diff is empty.
import { expect } from "vitest";
import { connect, resolveConnection } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { createTestDatabase, execute, testServerUrl } from "@pgvc/testkit";
import { diffSchemas, runStatements, toSql, type DiffOptions, type Statement } from "@pgvc/diff";

export interface RoundTrip {
  statements: Statement[];
  /** The statements' SQL, leaving out ALTER ... OWNER TO (every create has one, naming the test server's user). */
  sql: string[];
  from: Database;
  to: Database;
}

export interface RoundTripOptions {
  diff?: DiffOptions;
  /** Change (a copy of) the target model before diffing: a rename's `oldname`, say. */
  editTarget?: (to: Database) => void;
}

/** The model without what the diff does not migrate (pg_depend's record, the names of a partition's copies). */
export function comparable(db: Database): Database {
  const { dependencies: _deps, partitionCopies: _copies, ...rest } = normalizeDatabase(db);
  return rest;
}

async function read(url: string): Promise<Database> {
  const session = await connect(resolveConnection({ dbname: url }));
  try {
    return await introspect(session);
  } finally {
    await session.close();
  }
}

export async function roundTrip(before: string, after: string, options: RoundTripOptions = {}): Promise<RoundTrip> {
  const server = testServerUrl();
  const [a, b] = await Promise.all([createTestDatabase("pgvc_rt", server), createTestDatabase("pgvc_rt", server)]);
  try {
    await execute(a.url, before);
    await execute(b.url, after);
    const [from, to] = await Promise.all([read(a.url), read(b.url)]);
    // The edited copy is what the diff is given; the database must still read back as `to`.
    const target = structuredClone(to);
    options.editTarget?.(target);
    const statements = diffSchemas(from, target, options.diff);
    const text = toSql(statements);
    const session = await connect(resolveConnection({ dbname: a.url }));
    try {
      await session.query("BEGIN");
      await runStatements(session, statements);
      await session.query("COMMIT");
    } catch (error) {
      await session.query("ROLLBACK").catch(() => undefined);
      throw new Error(`applying the migration failed:\n${text}`, { cause: error });
    } finally {
      await session.close();
    }
    const result = await read(a.url);
    expect(comparable(result), text).toEqual(comparable(to));
    expect(toSql(diffSchemas(result, target, options.diff)), `second diff after:\n${text}`).toBe("");
    return { statements, sql: statements.filter((s) => s.kind !== "owner").map((s) => s.sql), from, to };
  } finally {
    await Promise.all([a.drop(), b.drop()]);
  }
}
