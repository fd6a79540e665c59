// A backup behind a lock gives up after its lock wait timeout instead of waiting silently.
import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup } from "@pgvc/backup";
import { ToolError, UsageError } from "@pgvc/core";
import { withDatabaseName } from "@pgvc/testkit";
import {
  connectionTo,
  createDatabase,
  dropDatabasesLike,
  libpqVariables,
  removeFolder,
  runBin,
  tempFolder,
  uniqueName,
  useDumpableServer,
} from "./helpers.js";

const server = useDumpableServer();
const prefix = uniqueName("pgvc_bk_locks");
let dir = "";

beforeAll(() => {
  dir = tempFolder();
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  removeFolder(dir);
});

describe("backup behind a lock", () => {
  it("gives up after --lock-wait-timeout, leaving no file", async () => {
    const name = `${prefix}_held`;
    await createDatabase(server.url, name, { shop: true });
    const holder = new pg.Client({ connectionString: withDatabaseName(server.url, name) });
    await holder.connect();
    try {
      await holder.query("BEGIN; LOCK TABLE app.customer IN ACCESS EXCLUSIVE MODE");
      const attempt = backup({ connection: connectionTo(server.url, name), directory: dir, lockWaitTimeout: "1s" });
      await expect(attempt).rejects.toThrow(ToolError);
      await expect(attempt).rejects.toThrow(/pg_dump failed/);
      expect(readdirSync(dir)).toEqual([]);
      // The same through the command, whose flag is pg_dump's.
      const cli = runBin("pgvc-backup", [name, "--directory", dir, "--lock-wait-timeout", "1s"], libpqVariables(server.url));
      expect(cli.status).toBe(4);
      expect(cli.stderr).toMatch(/app\.customer|lock/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await holder.query("ROLLBACK").catch(() => undefined);
      await holder.end();
    }
  });

  it("refuses a --lock-wait-timeout that is not a duration before starting pg_dump (exit 2)", async () => {
    const name = `${prefix}_held`;
    await expect(backup({ connection: connectionTo(server.url, name), directory: dir, lockWaitTimeout: "soon" })).rejects.toThrow(
      UsageError,
    );
    const cli = runBin("pgvc-backup", [name, "--directory", dir, "--lock-wait-timeout", "10 seconds"], libpqVariables(server.url));
    expect(cli.status).toBe(2);
    expect(cli.stderr).toContain("--lock-wait-timeout 10 seconds: not a duration");
    expect(readdirSync(dir)).toEqual([]);
  });
});
