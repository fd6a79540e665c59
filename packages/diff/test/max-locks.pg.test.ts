// The hard case "a migration of thousands of objects in one transaction can
// exceed max_locks_per_transaction": on a server whose lock table holds only
// 10 locks per connection slot (a few hundred in all), creating 3000 tables with -u must fail with a message that
// names the setting, and leave the database exactly as it was.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { execute, parseMajor, startServer, withDatabaseName, type EmbeddedServer } from "@pgvc/testkit";

const yamltodbBin = fileURLToPath(new URL("../bin/yamltodb.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "pgvc-locks-"));
let server: EmbeddedServer;

beforeAll(async () => {
  server = await startServer({
    major: parseMajor(process.env.PGVC_TEST_PG),
    settings: {
      max_locks_per_transaction: "10",
      max_connections: "20",
      max_worker_processes: "2",
      max_wal_senders: "0",
      autovacuum_max_workers: "1",
    },
  });
  await execute(server.url, "CREATE DATABASE locks");
});

afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

function manyTables(count: number): string {
  const tables = Array.from({ length: count }, (_, i) => `  table t${i}:\n    columns:\n    - id:\n        type: integer\n`);
  return `schema app:\n${tables.join("")}`;
}

it("stops with the setting to raise, and applies nothing", async () => {
  const spec = join(work, "schema.yaml");
  writeFileSync(spec, manyTables(3000));
  const url = withDatabaseName(server.url, "locks");
  const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(process.execPath, [yamltodbBin, "-u", url, spec], { env: { PATH: process.env.PATH } }, (error, _stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
  expect(result.code).toBe(4);
  expect(result.stderr).toContain("SQLSTATE 53200");
  expect(result.stderr).toContain("raise max_locks_per_transaction");
  const [tables] = await execute(
    url,
    "SELECT count(*)::int AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'app'",
  );
  expect(tables!.rows).toEqual([{ n: 0 }]);
  const [schemas] = await execute(url, "SELECT count(*)::int AS n FROM pg_catalog.pg_namespace WHERE nspname = 'app'");
  expect(schemas!.rows).toEqual([{ n: 0 }]);
});
