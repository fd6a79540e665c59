import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ToolError } from "@pgvc/core";
import { backup, restore, type BackupResult } from "@pgvc/backup";
import { startServer, supportedVersions, testServerUrl } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import {
  connectionTo,
  createDatabase,
  databasesLike,
  dropDatabasesLike,
  libpqVariables,
  pgDumpMajor,
  removeFolder,
  runBin,
  serverMajorOf,
  tempFolder,
  uniqueName,
  useDumpableServer,
} from "./helpers.js";

const server = useDumpableServer();
const runDb = useTestDatabase("pgvc_bk_version");
const prefix = uniqueName("pgvc_bk_version");
let dir = "";
let archive: BackupResult;

beforeAll(async () => {
  dir = tempFolder();
  await createDatabase(server.url, `${prefix}_src`, { shop: true });
  archive = await backup({ connection: connectionTo(server.url, `${prefix}_src`), directory: dir });
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  removeFolder(dir);
});

function expectClearError(error: unknown, serverMajor: number): void {
  expect(error).toBeInstanceOf(ToolError);
  const e = error as ToolError;
  expect(e.exitCode).toBe(4);
  expect(e.message).toMatch(
    new RegExp(
      `^pg_dump ${pgDumpMajor()}\\.\\d+ \\(.+\\) cannot back up the PostgreSQL ${serverMajor} server at 127\\.0\\.0\\.1:\\d+: pg_dump ${serverMajor} or newer is needed$`,
    ),
  );
  expect(e.hints.join("\n")).toContain(`apt-get install postgresql-client-${serverMajor}`);
  expect(e.hints.join("\n")).toContain(`PGVC_PG_BIN=/usr/lib/postgresql/${serverMajor}/bin`);
}

const newerMajor = supportedVersions.find((v) => v > pgDumpMajor());

describe("a pg_dump older than the server", () => {
  it.runIf(newerMajor !== undefined)("is refused with the version needed, before anything is written or created", async () => {
    const newer = await startServer({ major: newerMajor });
    try {
      const name = `${prefix}_newer`;
      await createDatabase(newer.url, name);
      const files = readdirSync(dir).length;
      expectClearError(await backup({ connection: connectionTo(newer.url, name), directory: dir }).catch((e: unknown) => e), newerMajor!);
      expect(readdirSync(dir).length).toBe(files);

      const cli = runBin("pgvc-backup", [name, "--directory", dir], libpqVariables(newer.url));
      expect(cli.status).toBe(4);
      expect(cli.stdout).toBe("");
      expect(cli.stderr).toContain(`cannot back up the PostgreSQL ${newerMajor} server`);

      // restore needs the same pg_dump for its safety backup: refused before the copy exists
      const refused = await restore({ file: archive.file, connection: connectionTo(newer.url, name) }).catch((e: unknown) => e);
      expect((refused as Error).message).toContain(`cannot back up the PostgreSQL ${newerMajor} server`);
      expect(await databasesLike(newer.url, name)).toEqual([name]);
    } finally {
      await newer.stop();
    }
  });

  it("the run's own server: backed up when pg_dump can, else refused clearly", async () => {
    const major = await serverMajorOf(testServerUrl());
    const attempt = backup({ connection: runDb.connection, directory: dir });
    if (major > pgDumpMajor()) {
      expectClearError(await attempt.catch((e: unknown) => e), major);
    } else {
      expect((await attempt).sidecar.database).toBe(runDb.name);
    }
  });
});
