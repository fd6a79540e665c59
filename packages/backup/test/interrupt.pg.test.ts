import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backup, type BackupResult } from "@pgvc/backup";
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

describe("Ctrl-C during pgvc-restore", () => {
  it("stops pg_restore, drops the incomplete copy and leaves the original in place", async () => {
    const target = `${prefix} "Busy DB"`;
    const url = await createDatabase(server.url, target, { shop: true });
    await execute(url, `DELETE FROM app."Order Items" WHERE item_id > 5`);
    const before = await fingerprint(url);
    const marker = join(dir, "restoring");
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
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    removeFolder(tools);

    expect(stderr).toContain("interrupt received");
    expect(stderr).toContain(`database "${target}": untouched, in place and usable`);
    expect(stderr).toContain(`database "${copies[0]}": dropped (it was incomplete)`);
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(url)).toEqual(before);
  });
});
