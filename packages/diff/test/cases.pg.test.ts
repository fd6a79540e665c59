// Every hard case (test/cases): build "before" and "after", diff their
// introspections, apply the statements to "before" in one transaction, and
// require that the result reads back as "after" (model and catalog
// fingerprint) and that a second diff is empty.
import { describe, expect, it } from "vitest";
import { connect, resolveConnection, type Session } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { normalizeDatabase, type Database } from "@pgvc/model";
import { testServerUrl } from "@pgvc/testkit";
import { diffSchemas, parsedExpressions, parseRenameHint, runStatements, toSql } from "@pgvc/diff";
import { buildCaseDatabase, catalogFingerprint, checkExpectations, loadCases, serverMajor } from "../../../test/cases/index.js";

const major = await serverMajor(testServerUrl());
const expressions = await parsedExpressions();
const cases = loadCases().filter((c) => !c.slow);

async function read(session: Session): Promise<Database> {
  return introspect(session);
}

/**
 * The model without recorded dependencies or the names PostgreSQL gave a
 * partition's copies of its parent's indexes (a copy made by ATTACH is named
 * apart from one made with the partition), columns by name: column order is
 * not migrated.
 */
function comparable(db: Database): Database {
  const { dependencies: _deps, partitionCopies: _copies, ...rest } = normalizeDatabase(db);
  for (const schema of Object.values(rest.schemas)) {
    for (const table of Object.values(schema.tables ?? {})) table.columns?.sort((a, b) => a.name.localeCompare(b.name));
  }
  return rest;
}

const expressionKeys = new Set(["definition", "default", "expression", "predicate", "using", "with_check", "generated", "condition"]);

/**
 * Expressions in their semantic form: PostgreSQL does not always print back
 * what it was given in the form it prints (an IN list over varchar gains
 * casts the first time round), so equal meaning is what is compared.
 */
function semantic(value: unknown, key?: string): unknown {
  if (typeof value === "string") return key !== undefined && expressionKeys.has(key) ? expressions.canonical(value) : value;
  if (Array.isArray(value)) return value.map((v) => semantic(v));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, semantic(v, k)]));
}

describe.concurrent.each(cases)("$name", (kase) => {
  it.skipIf(kase.minVersion > major)(
    kase.title,
    async () => {
      const before = await buildCaseDatabase(kase, "before");
      const after = await buildCaseDatabase(kase, "after");
      const session = await connect(resolveConnection({ dbname: before.url }));
      const target = await connect(resolveConnection({ dbname: after.url }));
      try {
        const [from, to] = [await read(session), await read(target)];
        const options = { renames: kase.renames.map(parseRenameHint), expressions };
        const statements = diffSchemas(from, to, options);
        const sql = toSql(statements);
        expect(
          checkExpectations(
            sql,
            kase.expect,
            statements.flatMap((s) => s.hazards),
          ),
          sql,
        ).toEqual([]);
        await session.query("BEGIN");
        if (kase.expect.failsWith !== undefined) {
          await expect(runStatements(session, statements)).rejects.toThrow(kase.expect.failsWith);
          await session.query("ROLLBACK");
          return;
        }
        await runStatements(session, statements);
        await session.query("COMMIT");
        const result = await read(session);
        const [got, want] = [comparable(result), comparable(to)];
        expect(semantic(got), sql).toEqual(semantic(want));
        expect(toSql(diffSchemas(result, to, { expressions })), sql).toBe("");
        // The catalogs themselves, read without pgvc, when the texts came back verbatim.
        if (JSON.stringify(got) === JSON.stringify(want)) {
          // PostgreSQL 18 names NOT NULL constraints and keeps the old name when a table or
          // column is renamed; schema.yaml has no place for those names, so they are not compared.
          const unnamedNotNull = (lines: string[]) => lines.filter((line) => !/^constraint \S+ NOT NULL /.test(line));
          expect(unnamedNotNull(await catalogFingerprint(before.url))).toEqual(unnamedNotNull(await catalogFingerprint(after.url)));
        }
        if (kase.afterData) {
          // Compared as text: the driver returns bigint and numeric as strings.
          const asText = (rows: Record<string, unknown>[]) =>
            rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])));
          const rows = await session.query<Record<string, unknown>>(kase.afterData);
          expect(asText(rows.rows)).toEqual(asText(kase.expectedRows ?? []));
        }
      } finally {
        await session.close();
        await target.close();
        await before.drop();
        await after.drop();
      }
    },
    60_000,
  );
});
