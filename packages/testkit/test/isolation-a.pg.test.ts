import { expect, it } from "vitest";
import { databaseExists, execute, testServerUrl } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";

// isolation-b.pg.test.ts creates the same table: were the files to share a
// database, one of the two CREATE TABLEs would fail.
const db = useTestDatabase();

it("gets a fresh, empty database of its own", async () => {
  expect(await databaseExists(testServerUrl(), db.name)).toBe(true);
  const [tables] = await execute(db.url, "SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname = 'public'");
  expect(tables!.rows).toEqual([{ n: 0 }]);
  await execute(db.url, "CREATE TABLE isolation_probe (id int); INSERT INTO isolation_probe VALUES (1)");
  const [rows] = await execute(db.url, "SELECT count(*)::int AS n FROM isolation_probe");
  expect(rows!.rows).toEqual([{ n: 1 }]);
});
