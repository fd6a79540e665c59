import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError } from "@pgvc/core";
import { backup, parseTableOfContents, type Sidecar } from "@pgvc/backup";
import { spawnSync } from "node:child_process";
import {
  connectionTo,
  createDatabase,
  dropDatabasesLike,
  libpqVariables,
  pgDumpMajor,
  removeFolder,
  runBin,
  tempFolder,
  uniqueName,
  useDumpableServer,
} from "./helpers.js";

const server = useDumpableServer();
const prefix = uniqueName("pgvc_bk_backup");
const quoted = `My DB ${prefix}`;
let dir = "";

beforeAll(async () => {
  dir = tempFolder();
  await createDatabase(server.url, prefix, { shop: true });
  await createDatabase(server.url, quoted, { shop: true });
});
afterAll(async () => {
  await dropDatabasesLike(server.url, prefix);
  await dropDatabasesLike(server.url, quoted);
  removeFolder(dir);
});

describe("backup", () => {
  it("writes a verified custom-format archive and a sidecar that describes it", async () => {
    const started = new Date("2026-11-26T01:30:05Z");
    const result = await backup({ connection: connectionTo(server.url, prefix), directory: dir, now: () => started });
    expect(result.file).toBe(join(dir, `${prefix}_20261126T013005Z.dump`));
    expect(result.sidecarFile).toBe(`${result.file}.json`);
    const bytes = readFileSync(result.file);
    // Every custom-format archive starts with the magic "PGDMP".
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("PGDMP");
    const sidecar = JSON.parse(readFileSync(result.sidecarFile, "utf8")) as Sidecar;
    expect(sidecar).toEqual(result.sidecar);
    expect(sidecar.database).toBe(prefix);
    expect(sidecar.sizeBytes).toBe(bytes.length);
    expect(sidecar.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(sidecar.startedAt).toBe("2026-11-26T01:30:05.000Z");
    expect(Number(sidecar.pgDumpVersion.split(".")[0])).toBe(pgDumpMajor());
    expect(sidecar.serverVersionNum).toBeGreaterThanOrEqual(140000);
    // The sidecar counts exactly the entries pg_restore lists.
    const list = spawnSync("pg_restore", ["--list", result.file], { encoding: "utf8" });
    const toc = parseTableOfContents(list.stdout);
    expect(sidecar.tocEntries).toBe(toc.entries.length);
    expect(toc.entries.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        "SCHEMA - app pgvc_bk_owner",
        "TABLE app customer pgvc_bk_owner",
        "TABLE app Order Items pgvc_bk_owner",
        "TABLE DATA app Order Items pgvc_bk_owner",
        "VIEW app customer_total pgvc_bk_owner",
        "FUNCTION app total_of(integer, timestamp with time zone) pgvc_bk_owner",
        "INDEX app order_items_customer_idx pgvc_bk_owner",
      ]),
    );
    expect(readdirSync(dir).filter((f) => f.endsWith(".partial"))).toEqual([]);
  });

  it("never overwrites: a named file that exists is refused, a default name gets a suffix", async () => {
    const taken = join(dir, "taken.dump");
    writeFileSync(taken, "keep me");
    const error = await backup({ connection: connectionTo(server.url, prefix), file: taken }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(readFileSync(taken, "utf8")).toBe("keep me");
    const when = () => new Date("2026-01-02T03:04:05Z");
    const first = await backup({ connection: connectionTo(server.url, prefix), directory: dir, now: when });
    const second = await backup({ connection: connectionTo(server.url, prefix), directory: dir, now: when });
    expect(first.file).toBe(join(dir, `${prefix}_20260102T030405Z.dump`));
    expect(second.file).toBe(join(dir, `${prefix}_20260102T030405Z-2.dump`));
  });

  it("reports a database that does not exist as a database error, writing nothing", async () => {
    const before = readdirSync(dir).length;
    const error = await backup({ connection: connectionTo(server.url, `${prefix}_missing`), directory: dir }).catch((e: unknown) => e);
    expect((error as { exitCode: number }).exitCode).toBe(4);
    expect((error as Error).message).toMatch(/does not exist/);
    expect(readdirSync(dir).length).toBe(before);
  });
});

describe("pgvc-backup", () => {
  it("prints the archive's path on stdout and works with a name that needs quotes", () => {
    const out = join(dir, "quoted.dump");
    const result = runBin("pgvc-backup", [quoted, "-o", out], libpqVariables(server.url));
    expect(result.stderr).toContain(`backing up "${quoted}"`);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${out}\n`);
    expect(existsSync(`${out}.json`)).toBe(true);
    expect((JSON.parse(readFileSync(`${out}.json`, "utf8")) as Sidecar).database).toBe(quoted);
  });

  it("names the default file after the database, made safe for file systems, in a folder it makes", () => {
    const folder = join(dir, "new", "folder");
    const result = runBin("pgvc-backup", [quoted, "--directory", folder], libpqVariables(server.url));
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(new RegExp(`^${folder}/My_DB_${prefix}_\\d{8}T\\d{6}Z\\.dump$`));
  });
});
