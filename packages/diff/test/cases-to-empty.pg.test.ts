// Every hard case (test/cases) taken apart the way a user would: `yamltodb DB
// schema.yaml` where schema.yaml holds only the schemas of "before" (their
// owners, comments and grants) and nothing in them. The SQL, run as psql runs
// it, must drop everything in one pass, whatever the kinds and their
// dependencies (a table before its trigger's function, a column's default
// before its sequence); the database then dumps as that schema.yaml, and a
// second yamltodb prints nothing. All the cases' "before" and "after" files
// loaded into one database are taken apart the same way.
import { describe, expect, it } from "vitest";
import { dbtoyaml } from "@pgvc/introspect";
import type { Database } from "@pgvc/model";
import { createTestDatabase, execute, testServerUrl, type TestDatabase } from "@pgvc/testkit";
import { toSql, yamltodb } from "@pgvc/diff";
import { readSchemaYaml, writeSchemaYaml } from "@pgvc/yaml";
import { applyCaseSql, buildCaseDatabase, loadCases, serverMajor, type Case } from "../../../test/cases/index.js";

const major = await serverMajor(testServerUrl());
const cases = loadCases().filter((c) => !c.slow && c.expect.failsWith === undefined);

async function dump(url: string): Promise<string> {
  return (await dbtoyaml({ connection: { dbname: url } })).yaml ?? "";
}

/** The schemas of a dump with their own attributes and nothing in them, as dbtoyaml writes a file; plpgsql stays (it is never dropped). */
function schemasOnly(yaml: string): string {
  const db = readSchemaYaml(yaml, "schema.yaml");
  const schemas: Database["schemas"] = {};
  for (const [name, schema] of Object.entries(db.schemas)) {
    const { owner, description, privileges } = schema as { owner?: string; description?: string; privileges?: unknown };
    schemas[name] = JSON.parse(JSON.stringify({ owner, description, privileges })) as Database["schemas"][string];
  }
  const plpgsql = db.extensions?.plpgsql;
  return writeSchemaYaml({ schemas, ...(plpgsql ? { extensions: { plpgsql } } : {}) }, { file: true });
}

async function takeApart(db: TestDatabase): Promise<void> {
  const before = await dump(db.url);
  const target = schemasOnly(before);
  const result = await yamltodb({ connection: { dbname: db.url }, stdin: async () => target, checkShortcuts: true });
  // A trial run that fails leaves the SQL out: say why.
  const failure = result.failure && `${result.failure.statement?.sql ?? ""}: ${result.failure.message}`;
  expect(failure, toSql(result.statements)).toBeUndefined();
  const sql = result.sql;
  // A case that only creates has nothing but its schemas before.
  expect(sql === "", before).toBe(before === target);
  await execute(db.url, sql).catch((error: Error) => {
    throw new Error(`applying failed: ${error.message}\n${sql}`, { cause: error });
  });
  expect(await dump(db.url), sql).toBe(target);
  const again = (await yamltodb({ connection: { dbname: db.url }, stdin: async () => target, checkShortcuts: true })).sql;
  expect(again, `second pass after:\n${sql}`).toBe("");
}

describe.concurrent.each(cases)("$name", (kase: Case) => {
  it.skipIf(kase.minVersion > major)(
    "before.sql is dropped to its bare schemas in one pass",
    async () => {
      const db = await buildCaseDatabase(kase, "before");
      try {
        await takeApart(db);
      } finally {
        await db.drop();
      }
    },
    60_000,
  );
});

/** Files that keep to the schema `app` and hold no database-wide object, whose names would meet. */
function movable(sql: string): boolean {
  const schemas = [...sql.matchAll(/CREATE SCHEMA (\w+)/gi)].map((m) => m[1]);
  return (
    schemas.every((name) => name === "app") &&
    !/\bpublic\.|CREATE (?:EXTENSION|CAST|EVENT TRIGGER|FOREIGN DATA WRAPPER|SERVER|LANGUAGE|USER MAPPING|PUBLICATION|SUBSCRIPTION|TABLESPACE|ROLE)/i.test(
      sql,
    )
  );
}

describe("every case's files in one database", () => {
  it("is dropped to its bare schemas in one pass", async () => {
    const db = await createTestDatabase("pgvc_all_cases");
    try {
      const movableCases = cases.filter((c) => c.minVersion <= major && movable(c.before) && movable(c.after));
      expect(movableCases.length).toBeGreaterThan(40);
      for (const [i, kase] of movableCases.entries()) {
        // Each file under a schema of its own, so that the names of different files do not meet.
        const moved = {
          ...kase,
          before: kase.before.replace(/\bapp\b/g, `app_${i}_b`),
          after: kase.after.replace(/\bapp\b/g, `app_${i}_a`),
        };
        for (const side of ["before", "after"] as const) await applyCaseSql(db.url, moved, side);
      }
      await takeApart(db);
    } finally {
      await db.drop();
    }
  }, 300_000);
});
