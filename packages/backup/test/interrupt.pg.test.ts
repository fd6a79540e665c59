import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup, InterruptedError, restore, type BackupResult, type Reporter } from "@pgvc/backup";
import { execute } from "@pgvc/testkit";
import {
  connectionTo,
  createDatabase,
  databasesLike,
  dropDatabasesLike,
  fingerprint,
  libpqVariables,
  ownerRole,
  removeFolder,
  spawnBin,
  tempFolder,
  toolFolderWithRestore,
  uniqueName,
  useDumpableServer,
} from "./helpers.js";

const server = useDumpableServer();
const prefix = uniqueName("pgvc_bk_int");
let dir = "";
let archive: BackupResult;

beforeAll(async () => {
  dir = tempFolder();
  await createDatabase(server.url, `${prefix}_src`, { shop: true, owner: ownerRole });
  archive = await backup({ connection: connectionTo(server.url, `${prefix}_src`), directory: dir });
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  removeFolder(dir);
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
}

describe("Ctrl-C (or SIGTERM) during pgvc-restore", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s stops pg_restore, drops the incomplete copy and leaves the original in place",
    async (signal) => {
      const target = `${prefix} "Busy DB" ${signal}`;
      const url = await createDatabase(server.url, target, { shop: true });
      await execute(url, `DELETE FROM app."Order Items" WHERE item_id > 5`);
      const before = await fingerprint(url);
      const marker = join(dir, `restoring-${signal}`);
      // Restores the tables, says so, then waits to be interrupted like a long restore.
      const tools = toolFolderWithRestore(`"$REAL" --section=pre-data "$@"\ntouch ${JSON.stringify(marker)}\nexec sleep 60`);
      const child = spawnBin("pgvc-restore", [archive.file, target, "--yes", "--safety-directory", dir], {
        ...libpqVariables(server.url),
        PGVC_PG_BIN: tools,
      });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      await until(() => existsSync(marker) || child.exitCode !== null);
      const copies = (await databasesLike(server.url, target)).filter((n) => n.includes("_restore_") && !n.includes("_before_"));
      expect(copies).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(130);
      removeFolder(tools);

      expect(stderr).toContain("interrupt received");
      expect(stderr).toContain(`database "${target}": untouched, in place and usable`);
      expect(stderr).toContain(`database "${copies[0]}": dropped (it was incomplete)`);
      expect(await databasesLike(server.url, target)).toEqual([target]);
      expect(await fingerprint(url)).toEqual(before);
    },
  );
});

describe("aborting restore() through its signal", () => {
  /** A reporter that aborts when a message starting with `at` is reported. */
  function abortAt(at: string, controller: AbortController): Reporter {
    return {
      info: (message) => {
        if (message.startsWith(at)) controller.abort();
      },
      progress: () => undefined,
    };
  }

  it("during the safety backup: pg_dump stops, no file is left, nothing was created", async () => {
    const target = `${prefix}_during_dump`;
    const url = await createDatabase(server.url, target, { shop: true });
    const before = await fingerprint(url);
    const safety = tempFolder();
    const controller = new AbortController();
    const error = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      safetyDirectory: safety,
      reporter: abortAt("backing up", controller),
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).exitCode).toBe(130);
    expect((error as InterruptedError).databases).toEqual({ [target]: "untouched, in place and usable" });
    expect(readdirSync(safety)).toEqual([]);
    removeFolder(safety);
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(url)).toEqual(before);
  });

  it("after the copy is checked, before the swap: the copy is dropped, the original stays", async () => {
    const target = `${prefix}_before_swap`;
    const url = await createDatabase(server.url, target, { shop: true });
    await execute(url, `UPDATE app.customer SET note = 'changed' WHERE customer_id = 3`);
    const before = await fingerprint(url);
    const controller = new AbortController();
    const error = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      safetyBackup: false,
      reporter: abortAt("checked", controller),
      signal: controller.signal,
      now: () => new Date("2026-11-26T02:03:04Z"),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).databases).toEqual({
      [target]: "untouched, in place and usable",
      [`${target}_restore_20261126_020304`]: "dropped (it was incomplete)",
    });
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(url)).toEqual(before);
  });
});
