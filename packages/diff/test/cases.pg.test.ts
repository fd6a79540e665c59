// Every hard case (test/cases): build "before" and "after", diff their
// introspections, apply the statements to "before" in one transaction, and
// require that the result reads back as "after" (model and catalog
// fingerprint) and that a second diff is empty.
import { describe, expect, it } from "vitest";
import { connect, resolveConnection, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { testServerUrl } from "@pgvc/testkit";
import { diffSchemas, parseRenameHint, runStatements, toSql } from "@pgvc/diff";
import { buildCaseDatabase, catalogFingerprint, checkExpectations, loadCases, serverMajor } from "../../../test/cases/index.js";

const major = await serverMajor(testServerUrl());
const cases = loadCases().filter((c) => !c.slow);

async function read(session: Session): Promise<Database> {
  return introspect(session);
}

/** The model without recorded dependencies, columns by name: column order is not migrated. */
function comparable(db: Database): Database {
  const { dependencies: _deps, ...rest } = normalizeDatabase(db);
  for (const schema of Object.values(rest.schemas)) {
    for (const table of Object.values(schema.tables ?? {})) table.columns?.sort((a, b) => a.name.localeCompare(b.name));
  }
  return rest as Database;
}

describe.each(cases)("$name", (kase) => {
  it.skipIf(kase.minVersion > major)(kase.title, async () => {
    const before = await buildCaseDatabase(kase, "before");
    const after = await buildCaseDatabase(kase, "after");
    const session = await connect(resolveConnection({ dbname: before.url }));
    const target = await connect(resolveConnection({ dbname: after.url }));
    try {
      const [from, to] = [await read(session), await read(target)];
      const options = { renames: kase.renames.map(parseRenameHint) };
      const statements = diffSchemas(from, to, options);
      const sql = toSql(statements);
      expect(checkExpectations(sql, kase.expect, statements.flatMap((s) => s.hazards)), sql).toEqual([]);
      await session.query("BEGIN");
      if (kase.expect.failsWith !== undefined) {
        await expect(runStatements(session, statements)).rejects.toThrow(kase.expect.failsWith);
        await session.query("ROLLBACK");
        return;
      }
      await runStatements(session, statements);
      await session.query("COMMIT");
      const result = await read(session);
      expect(comparable(result), sql).toEqual(comparable(to));
      expect(toSql(diffSchemas(result, to)), sql).toBe("");
      expect(await catalogFingerprint(before.url)).toEqual(await catalogFingerprint(after.url));
      if (kase.afterData) {
        // Compared as text: the driver returns bigint and numeric as strings.
        const asText = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])));
        const rows = await session.query<Record<string, unknown>>(kase.afterData);
        expect(asText(rows.rows)).toEqual(asText(kase.expectedRows ?? []));
      }
    } finally {
      await session.close();
      await target.close();
      await before.drop();
      await after.drop();
    }
  }, 60_000);
});
