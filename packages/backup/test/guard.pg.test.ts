import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseError, resolveConnection, withSession } from "@pgvc/core";
import { introspect } from "@pgvc/introspect";
import { writeSchemaYaml } from "@pgvc/yaml";
import type { ResolvedConnection } from "@pgvc/core";
import { guard } from "@pgvc/backup";
import { execute, withDatabaseName } from "@pgvc/testkit";
import {
  connectionTo,
  createDatabase,
  databasesLike,
  dropDatabasesLike,
  fingerprint,
  libpqVariables,
  removeFolder,
  runBin,
  tempFolder,
  uniqueName,
  useDumpableServer,
} from "./helpers.js";

const server = useDumpableServer();
const prefix = uniqueName("pgvc_bk_guard");
let dir = "";

beforeAll(() => {
  dir = tempFolder();
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  removeFolder(dir);
});

/** A migration that changes data, then fails: psql reaches the database through the PG* variables guard sets. */
const failingMigration = [
  "sh",
  "-c",
  `psql -qX -v ON_ERROR_STOP=1 -c 'DELETE FROM app."Order Items"' -c 'ALTER TABLE app.nope ADD x int' >/dev/null 2>&1`,
];
const goodMigration = ["psql", "-qX", "-v", "ON_ERROR_STOP=1", "-c", "ALTER TABLE app.customer ADD COLUMN email text"];

/** The schema of a database as dbtoyaml writes it. */
async function schemaYaml(url: string): Promise<string> {
  return withSession(resolveConnection({ dbname: url }, {}), async (session) => writeSchemaYaml(await introspect(session, {})));
}

async function countItems(url: string): Promise<number> {
  const [r] = await execute(url, `SELECT count(*)::int AS n FROM app."Order Items"`);
  return r!.rows[0].n;
}

describe("guard", () => {
  it("restores the backup after a failing command", async () => {
    const name = `${prefix}_fail`;
    const url = await createDatabase(server.url, name, { shop: true });
    const before = await fingerprint(url);
    const result = await guard({
      connection: connectionTo(server.url, name),
      command: failingMigration,
      restoreOnFailure: true,
      directory: dir,
    });
    expect(result.command.exitCode).toBe(1);
    expect(result.failure).toBe("the command exited with status 1");
    expect(await fingerprint(url)).toEqual(before);
    // The failed state is kept: the DELETE did run before the error.
    expect(await countItems(withDatabaseName(server.url, result.restored!.previous!))).toBe(0);
  });

  it("leaves the database as the command left it without restoreOnFailure", async () => {
    const name = `${prefix}_keep`;
    const url = await createDatabase(server.url, name, { shop: true });
    const result = await guard({ connection: connectionTo(server.url, name), command: failingMigration, directory: dir });
    expect(result.failure).toBe("the command exited with status 1");
    expect(result.restored).toBeUndefined();
    expect(await countItems(url)).toBe(0);
    expect(await databasesLike(server.url, name)).toEqual([name]);
  });

  it("checks the database with the expect checker after a successful command, and restores on a mismatch", async () => {
    const name = `${prefix}_expect`;
    const url = await createDatabase(server.url, name, { shop: true });
    const seen: ResolvedConnection[] = [];
    const result = await guard({
      connection: connectionTo(server.url, name),
      command: goodMigration,
      restoreOnFailure: true,
      directory: dir,
      expect: async (connection) => {
        seen.push(connection);
        const [r] = await execute(
          withDatabaseName(server.url, connection.database),
          `SELECT count(*)::int AS n FROM pg_catalog.pg_attribute WHERE attrelid = 'app.customer'::regclass AND attname = 'phone'`,
        );
        return r!.rows[0].n === 1
          ? { matches: true, report: "" }
          : { matches: false, report: "table app.customer: column phone is missing" };
      },
    });
    expect(seen.map((c) => c.database)).toEqual([name]);
    expect(result.command.exitCode).toBe(0);
    expect(result.expectation).toEqual({ matches: false, report: "table app.customer: column phone is missing" });
    expect(result.failure).toContain("column phone is missing");
    const [cols] = await execute(
      url,
      `SELECT count(*)::int AS n FROM pg_catalog.pg_attribute WHERE attrelid = 'app.customer'::regclass AND attname = 'email'`,
    );
    expect(cols!.rows[0].n).toBe(0);
  });

  it("succeeds when the command succeeds and the database matches", async () => {
    const name = `${prefix}_ok`;
    await createDatabase(server.url, name, { shop: true });
    const result = await guard({
      connection: connectionTo(server.url, name),
      command: goodMigration,
      directory: dir,
      expect: async () => ({ matches: true, report: "" }),
    });
    expect(result.failure).toBeUndefined();
    expect(result.restored).toBeUndefined();
    expect(result.backup.sidecar.database).toBe(name);
  });

  it("restores when the check after the command cannot be made (an error counts as a failure once the command ran)", async () => {
    const name = `${prefix}_expect_error`;
    const url = await createDatabase(server.url, name, { shop: true });
    const result = await guard({
      connection: connectionTo(server.url, name),
      command: goodMigration,
      restoreOnFailure: true,
      directory: dir,
      expect: async () => {
        throw new DatabaseError("the server went away");
      },
    });
    expect(result.failure).toContain("the check could not be made: the server went away");
    expect(result.restored).toBeDefined();
    const [cols] = await execute(
      url,
      `SELECT count(*)::int AS n FROM pg_catalog.pg_attribute WHERE attrelid = 'app.customer'::regclass AND attname = 'email'`,
    );
    expect(cols!.rows[0].n).toBe(0);
  });
});

describe("pgvc-guard", () => {
  it("exits 1 and restores a database whose name needs quotes", async () => {
    const name = `${prefix} "My DB"`;
    const url = await createDatabase(server.url, name, { shop: true });
    const before = await fingerprint(url);
    const result = runBin(
      "pgvc-guard",
      [name, "--directory", dir, "--restore-on-failure", "--", ...failingMigration],
      libpqVariables(server.url),
    );
    expect(result.stderr).toContain("failed: the command exited with status 1");
    expect(result.stderr).toContain(`"${name}" was restored from`);
    expect(result.status).toBe(1);
    expect(await fingerprint(url)).toEqual(before);
  });

  it("exits 0 after a successful command", async () => {
    const name = `${prefix}_cli_ok`;
    await createDatabase(server.url, name, { shop: true });
    const result = runBin("pgvc-guard", [name, "--directory", dir, "--", "psql", "-qX", "-c", "SELECT 1"], libpqVariables(server.url));
    expect(result.status).toBe(0);
    expect(result.stderr).toContain("done: the command succeeded");
  });

  it("needs a command after --", () => {
    const result = runBin("pgvc-guard", ["somedb"], libpqVariables(server.url));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no command to guard: put it after --");
  });

  it("--expect: exits 0 when the migrated database matches the schema file, 1 and restores when it does not", async () => {
    const name = `${prefix}_expect_cli`;
    const url = await createDatabase(server.url, name, { shop: true });
    const before = await fingerprint(url);
    // The schema as it is now, and as the migration should leave it (built in a scratch database).
    const scratch = `${prefix}_expect_scratch`;
    const scratchUrl = await createDatabase(server.url, scratch, { shop: true });
    const current = join(dir, "current.yaml");
    const migrated = join(dir, "migrated.yaml");
    writeFileSync(current, await schemaYaml(scratchUrl));
    await execute(scratchUrl, "ALTER TABLE app.customer ADD COLUMN email text");
    writeFileSync(migrated, await schemaYaml(scratchUrl));

    const ok = runBin("pgvc-guard", [name, "--directory", dir, "--expect", migrated, "--", ...goodMigration], libpqVariables(server.url));
    expect(ok.stderr).toContain("done: the command succeeded");
    expect(ok.status).toBe(0);

    // Undo by hand, then run the same migration expecting the unmigrated schema: a mismatch.
    await execute(url, "ALTER TABLE app.customer DROP COLUMN email");
    expect(await fingerprint(url)).toEqual(before);
    const bad = runBin(
      "pgvc-guard",
      [name, "--directory", dir, "--expect", current, "--restore-on-failure", "--", ...goodMigration],
      libpqVariables(server.url),
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/ALTER TABLE app\.customer DROP COLUMN email/);
    expect(bad.stderr).toContain(`"${name}" was restored from`);
    expect(await fingerprint(url)).toEqual(before);
  });

  it("--expect with a missing schema file exits 3 before anything runs", () => {
    const result = runBin(
      "pgvc-guard",
      [`${prefix}_none`, "--expect", join(dir, "missing.yaml"), "--", "true"],
      libpqVariables(server.url),
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("missing.yaml: no such schema file");
  });

  it("--expect with an invalid schema file exits 3 before the backup and the command", async () => {
    const name = `${prefix}_expect_bad`;
    const url = await createDatabase(server.url, name, { shop: true });
    const folder = join(dir, "bad-expect");
    mkdirSync(folder);
    const invalid = join(folder, "invalid.yaml");
    writeFileSync(invalid, "schema app:\n  tabel customer: {}\n");
    const before = await fingerprint(url);
    const result = runBin(
      "pgvc-guard",
      [name, "--directory", folder, "--expect", invalid, "--restore-on-failure", "--", ...goodMigration],
      libpqVariables(server.url),
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("invalid.yaml:2:3");
    expect(readdirSync(folder)).toEqual(["invalid.yaml"]);
    expect(await fingerprint(url)).toEqual(before);
  });

  it("--expect with an empty schema file exits 3 before anything runs", () => {
    const empty = join(dir, "empty-expect.yaml");
    writeFileSync(empty, "");
    const result = runBin("pgvc-guard", [`${prefix}_none`, "--expect", empty, "--", "true"], libpqVariables(server.url));
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("no schema in this document");
  });
});
