import { copyFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, resolveConnection, UsageError } from "@pgvc/core";
import { backup, restore, RestoreError, type BackupResult } from "@pgvc/backup";
import { ensureRole, execute, withDatabaseName } from "@pgvc/testkit";
import {
  connectionTo,
  createDatabase,
  databasesLike,
  dropDatabasesLike,
  fingerprint,
  libpqVariables,
  ownerRole,
  readerRole,
  removeFolder,
  runBin,
  tempFolder,
  toolFolderWithRestore,
  uniqueName,
  useDumpableServer,
  type Fingerprint,
} from "./helpers.js";

const server = useDumpableServer();
const prefix = uniqueName("pgvc_bk_rs");
let dir = "";
let source = "";
let original: Fingerprint;
let archive: BackupResult;

beforeAll(async () => {
  dir = tempFolder();
  source = `${prefix}_src`;
  const url = await createDatabase(server.url, source, { shop: true, owner: ownerRole });
  original = await fingerprint(url);
  archive = await backup({ connection: connectionTo(server.url, source), directory: dir });
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  removeFolder(dir);
});

/** A database to restore over: the shop, then damaged the way a bad migration would. */
async function damagedCopy(name: string): Promise<string> {
  const url = await createDatabase(server.url, name, { shop: true, owner: ownerRole });
  await execute(
    url,
    `DELETE FROM app."Order Items" WHERE item_id > 10; DROP VIEW app.customer_total; ALTER TABLE app.customer DROP COLUMN note`,
  );
  return url;
}

describe("restore", () => {
  it("brings back data, owners and grants, and keeps the replaced database", async () => {
    const target = `${prefix}_roundtrip`;
    const url = await damagedCopy(target);
    const damaged = await fingerprint(url);
    // Database-level properties are not in the archive: the replacement takes them from the database it replaces.
    await execute(
      server.url,
      `ALTER DATABASE ${target} SET search_path = app, public;
       ALTER ROLE ${readerRole} IN DATABASE ${target} SET work_mem = '8MB';
       REVOKE ALL ON DATABASE ${target} FROM PUBLIC;
       GRANT CONNECT ON DATABASE ${target} TO ${readerRole};
       COMMENT ON DATABASE ${target} IS 'the shop';
       ALTER DATABASE ${target} CONNECTION LIMIT 50`,
    );
    const result = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      now: () => new Date("2026-11-26T02:03:04Z"),
    });

    const restored = await fingerprint(url);
    expect(restored).toEqual(original);
    // Written out from the fixture: what the round trip must show.
    expect(restored.tables['app."Order Items"']!.rows).toBe(500);
    expect(restored.tables["app.customer"]!.rows).toBe(3);
    expect(restored.objects).toContain(
      `v app.customer_total owner=${ownerRole} acl={${ownerRole}=arwdDxt/${ownerRole},${readerRole}=r/${ownerRole}}`,
    );
    expect(restored.objects).toContain(
      `r app.Order Items owner=${ownerRole} acl={${ownerRole}=arwdDxt/${ownerRole},${readerRole}=ar/${ownerRole}}`,
    );
    expect(restored.objects).toContain(
      `function app.total_of owner=${ownerRole} acl={${ownerRole}=X/${ownerRole},${readerRole}=X/${ownerRole}}`,
    );
    expect(restored.objects).toContain(`schema app owner=${ownerRole} acl={${ownerRole}=UC/${ownerRole},${readerRole}=U/${ownerRole}}`);

    const [props] = await execute(
      server.url,
      `SELECT d.datacl::text AS acl, d.datconnlimit AS connlimit, pg_catalog.shobj_description(d.oid, 'pg_database') AS comment,
              (SELECT pg_catalog.array_agg(coalesce(pg_catalog.pg_get_userbyid(NULLIF(s.setrole, 0)), '-') || ' ' || s.setconfig::text ORDER BY s.setrole)
                 FROM pg_catalog.pg_db_role_setting s WHERE s.setdatabase = d.oid) AS settings
         FROM pg_catalog.pg_database d WHERE d.datname = '${target}'`,
    );
    expect(props!.rows[0]).toEqual({
      acl: `{${ownerRole}=CTc/${ownerRole},${readerRole}=c/${ownerRole}}`,
      connlimit: 50,
      comment: "the shop",
      settings: ['- {"search_path=app, public"}', `${readerRole} {work_mem=8MB}`],
    });

    expect(result.previous).toBe(`${target}_before_restore_20261126_020304`);
    expect(await fingerprint(withDatabaseName(server.url, result.previous!))).toEqual(damaged);
    expect(await databasesLike(server.url, target)).toEqual([target, `${target}_before_restore_20261126_020304`]);
    const [owner] = await execute(
      server.url,
      `SELECT pg_catalog.pg_get_userbyid(datdba) AS o FROM pg_catalog.pg_database WHERE datname = '${target}'`,
    );
    expect(owner!.rows[0].o).toBe(ownerRole);
    // The safety backup holds the damaged state, next to the archive.
    expect(result.safetyBackup?.file).toBe(join(dir, `${target}_before_restore_20261126T020304Z.dump`));
    expect(existsSync(`${result.safetyBackup!.file}.json`)).toBe(true);
    // 2 tables, 1 view, 1 function, 2 sequences (identity, bigserial), 1 index; constraints are not counted.
    expect(result.checkedObjects).toBe(7);
  });

  it("drops the replaced database with dropOld, gives the new one the owner asked for, restores with parallel jobs", async () => {
    const target = `${prefix}_dropold`;
    await damagedCopy(target);
    const result = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      dropOld: true,
      owner: readerRole,
      safetyBackup: false,
      jobs: 2,
    });
    expect(result.previous).toBeUndefined();
    expect(result.safetyBackup).toBeUndefined();
    expect(await databasesLike(server.url, target)).toEqual([target]);
    const [owner] = await execute(
      server.url,
      `SELECT pg_catalog.pg_get_userbyid(datdba) AS o FROM pg_catalog.pg_database WHERE datname = '${target}'`,
    );
    expect(owner!.rows[0].o).toBe(readerRole);
    expect(await fingerprint(withDatabaseName(server.url, target))).toEqual(original);
  });

  it("creates the database when it does not exist", async () => {
    const target = `${prefix}_new`;
    const result = await restore({ file: archive.file, connection: connectionTo(server.url, target) });
    expect(result.previous).toBeUndefined();
    expect(result.plan.current).toBeUndefined();
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(withDatabaseName(server.url, target))).toEqual(original);
  });

  it("ends open connections to the database and swaps", async () => {
    const target = `${prefix}_busy`;
    const url = await damagedCopy(target);
    const idle = new pg.Client({ connectionString: url });
    const inTransaction = new pg.Client({ connectionString: url });
    const errors: Error[] = [];
    for (const client of [idle, inTransaction]) {
      client.on("error", (e) => errors.push(e));
      await client.connect();
    }
    await inTransaction.query(`BEGIN; LOCK TABLE app.customer IN ACCESS EXCLUSIVE MODE`);
    const result = await restore({ file: archive.file, connection: connectionTo(server.url, target), safetyBackup: false });
    expect(result.terminatedConnections).toBe(2);
    await expect(idle.query("SELECT 1")).rejects.toThrow();
    await idle.end().catch(() => undefined);
    await inTransaction.end().catch(() => undefined);
    expect(await fingerprint(url)).toEqual(original);
  });

  it("works with database names that need quotes", async () => {
    const target = `${prefix} "My DB"`;
    await createDatabase(server.url, target, { shop: true });
    await execute(withDatabaseName(server.url, target), `TRUNCATE app."Order Items"`);
    const result = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      now: () => new Date("2026-11-26T02:03:04Z"),
    });
    expect(result.previous).toBe(`${target}_before_restore_20261126_020304`);
    expect(await fingerprint(withDatabaseName(server.url, target))).toEqual(original);
    expect(await databasesLike(server.url, target)).toEqual([target, `${target}_before_restore_20261126_020304`]);
  });
});

describe("restore as the application's roles", () => {
  it("runs pg_restore with --role and owns the new database by --owner", async () => {
    const target = `${prefix}_withrole`;
    await damagedCopy(target);
    await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      role: ownerRole,
      owner: ownerRole,
      safetyBackup: false,
    });
    expect(await fingerprint(withDatabaseName(server.url, target))).toEqual(original);
  });

  it("works for a role that is no superuser: CREATEDB and a member of the owner role", async () => {
    const deployer = "pgvc_bk_deployer";
    await ensureRole(server.url, deployer, { login: true, password: "deploy-pw" });
    await execute(server.url, `ALTER ROLE ${deployer} CREATEDB NOSUPERUSER; GRANT ${ownerRole} TO ${deployer}`);
    const target = `${prefix}_deploy`;
    const url = await damagedCopy(target);
    const asDeployer = new URL(withDatabaseName(server.url, target));
    asDeployer.username = deployer;
    asDeployer.password = "deploy-pw";
    const idle = new pg.Client({ connectionString: url.replace(/\/\/[^@]*@/, `//${deployer}:deploy-pw@`) });
    idle.on("error", () => undefined);
    await idle.connect();
    const result = await restore({
      file: archive.file,
      connection: resolveConnection({ dbname: asDeployer.toString() }, {}),
      role: ownerRole,
    });
    await idle.end().catch(() => undefined);
    expect(result.terminatedConnections).toBe(1);
    expect(result.safetyBackup?.sidecar.user).toBe(deployer);
    expect(await fingerprint(url)).toEqual(original);
  });
});

describe("restore refuses a bad archive before it creates or drops anything", () => {
  async function expectRefused(file: string, pattern: RegExp): Promise<void> {
    const target = `${prefix}_bad_${Math.random().toString(16).slice(2, 8)}`;
    const url = await damagedCopy(target);
    const before = await fingerprint(url);
    const safety = tempFolder();
    const error = await restore({ file, connection: connectionTo(server.url, target), safetyDirectory: safety })
      .catch((e: unknown) => e)
      .finally(() => removeFolder(safety));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(3);
    expect(`${(error as Error).message}\n${(error as InputError).hints.join("\n")}`).toMatch(pattern);
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(url)).toEqual(before);
  }

  function copyOf(name: string, withSidecar: boolean): string {
    const file = join(dir, name);
    copyFileSync(archive.file, file);
    if (withSidecar) copyFileSync(archive.sidecarFile, `${file}.json`);
    return file;
  }

  it("a truncated archive with its sidecar: the checksum differs", async () => {
    const file = copyOf("truncated.dump", true);
    truncateSync(file, Math.floor(statSync(file).size * 0.8));
    await expectRefused(file, /does not match its description/);
  });

  it("a truncated archive without a sidecar: pg_restore cannot read it to its end", async () => {
    const file = copyOf("truncated-bare.dump", false);
    truncateSync(file, Math.floor(statSync(file).size * 0.9));
    // The table of contents at the start is intact: only reading to the end finds the cut.
    await expectRefused(file, /cannot be read to its end/);
  });

  it("a corrupt archive with its sidecar: the checksum differs", async () => {
    const file = copyOf("corrupt.dump", true);
    const bytes = readFileSync(file);
    bytes.fill(0xff, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
    writeFileSync(file, bytes);
    await expectRefused(file, /does not match its description/);
  });

  it("a file that is not an archive at all", async () => {
    const file = join(dir, "not-an-archive.dump");
    writeFileSync(file, "CREATE TABLE t (a int);\n");
    await expectRefused(file, /pg_restore cannot read the archive/);
  });

  it("a missing file, and a missing role, are refused as usage and input errors", async () => {
    const missing = await restore({ file: join(dir, "nope.dump"), connection: connectionTo(server.url, `${prefix}_x`) }).catch(
      (e: unknown) => e,
    );
    expect(missing).toBeInstanceOf(InputError);
    const target = `${prefix}_badowner`;
    await damagedCopy(target);
    const badRole = await restore({ file: archive.file, connection: connectionTo(server.url, target), owner: "pgvc_no_such_role" }).catch(
      (e: unknown) => e,
    );
    expect(badRole).toBeInstanceOf(UsageError);
    expect(await databasesLike(server.url, target)).toEqual([target]);
  });
});

describe("a restore that fails midway", () => {
  it("leaves the original untouched and the half-restored copy clearly named when pg_restore is killed", async () => {
    const target = `${prefix}_killed`;
    const url = await damagedCopy(target);
    const before = await fingerprint(url);
    // Creates the tables (pre-data), then dies as a killed process would.
    const tools = toolFolderWithRestore('"$REAL" --section=pre-data "$@"\nkill -KILL $$');
    const error = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      env: { ...process.env, PGVC_PG_BIN: tools },
      safetyBackup: false,
      now: () => new Date("2026-11-26T02:03:04Z"),
    }).catch((e: unknown) => e);
    removeFolder(tools);
    expect(error).toBeInstanceOf(RestoreError);
    const copy = `${target}_restore_20261126_020304`;
    expect((error as Error).message).toMatch(/pg_restore into .* failed \(killed by SIGKILL\)/);
    expect((error as RestoreError).databases).toEqual({
      [target]: "untouched, in place and usable",
      [copy]: `partly restored copy, kept for inspection; drop it with DROP DATABASE ${copy};`,
    });
    expect(await databasesLike(server.url, target)).toEqual([target, copy]);
    expect(await fingerprint(url)).toEqual(before);
    // The copy got its tables but no rows: clearly not a finished restore.
    const [rows] = await execute(withDatabaseName(server.url, copy), `SELECT count(*)::int AS n FROM app."Order Items"`);
    expect(rows!.rows[0].n).toBe(0);
  });

  it("refuses to swap in a copy that lacks objects of the archive", async () => {
    const target = `${prefix}_short`;
    const url = await damagedCopy(target);
    const before = await fingerprint(url);
    // pg_restore "succeeds" but the view never arrives.
    const tools = toolFolderWithRestore(
      '"$REAL" "$@" || exit $?\npsql -qc "DROP VIEW app.customer_total" "$(echo "$@" | sed -n "s/.*--dbname=\\([^ ]*\\).*/\\1/p")" >/dev/null 2>&1 || exit 9',
    );
    const error = await restore({
      file: archive.file,
      connection: connectionTo(server.url, target),
      env: { ...process.env, PGVC_PG_BIN: tools },
      safetyBackup: false,
    }).catch((e: unknown) => e);
    removeFolder(tools);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as Error).message).toMatch(/lacks 1 of the archive's 7/);
    expect((error as RestoreError).hints).toContain(`missing: VIEW app customer_total ${ownerRole}`);
    expect(await fingerprint(url)).toEqual(before);
  });
});

describe("pgvc-restore", () => {
  it("refuses to run off a terminal without --yes, changing nothing", async () => {
    const target = `${prefix}_cli_noyes`;
    const url = await damagedCopy(target);
    const before = await fingerprint(url);
    const result = runBin("pgvc-restore", [archive.file, target], libpqVariables(server.url));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("confirm with --yes when not running on a terminal");
    expect(await databasesLike(server.url, target)).toEqual([target]);
    expect(await fingerprint(url)).toEqual(before);
  });

  it("exits 3 on a damaged archive", () => {
    const file = join(dir, "cli-damaged.dump");
    copyFileSync(archive.file, file);
    copyFileSync(archive.sidecarFile, `${file}.json`);
    truncateSync(file, 100);
    const result = runBin("pgvc-restore", [file, `${prefix}_cli_damaged`, "--yes"], libpqVariables(server.url));
    expect(result.status).toBe(3);
    expect(result.stderr).toContain("does not match its description");
  });

  it("restores into the database the archive was made from when no DBNAME is given", async () => {
    const source = `${prefix}_cli_src`;
    const url = await createDatabase(server.url, source, { shop: true });
    const folder = tempFolder();
    const saved = await backup({ connection: connectionTo(server.url, source), directory: folder });
    await execute(url, `TRUNCATE app."Order Items"`);
    const env = { ...libpqVariables(server.url), PGDATABASE: "" };
    const result = runBin("pgvc-restore", [saved.file, "--yes", "--drop-old"], env);
    removeFolder(folder);
    expect(result.stderr).toContain(`swapped: "${source}" is now the restored database`);
    expect(result.status).toBe(0);
    expect(await databasesLike(server.url, source)).toEqual([source]);
    expect(await fingerprint(url)).toEqual(original);
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
