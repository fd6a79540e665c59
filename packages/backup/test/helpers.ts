import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { quoteIdent, quoteLiteral, resolveConnection, type ResolvedConnection } from "@pgvc/core";
import { findTool } from "@pgvc/backup";
import { ensureRole, execute, runSqlFile, startServer, testServerUrl, withDatabaseName, type EmbeddedServer } from "@pgvc/testkit";

export const ownerRole = "pgvc_bk_owner";
export const readerRole = "pgvc_bk_reader";
const shopSql = fileURLToPath(new URL("./fixtures/shop.sql", import.meta.url));
export const binDir = fileURLToPath(new URL("../bin/", import.meta.url));

/** The major version of the pg_dump these tests run. */
export function pgDumpMajor(): number {
  return findTool("pg_dump").major;
}

export async function serverMajorOf(url: string): Promise<number> {
  const [result] = await execute(url, "SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major");
  return Number(result!.rows[0].major);
}

/**
 * A server that the installed pg_dump can back up: the run's server, or,
 * when the version matrix runs a newer one than pg_dump (16 to 18 against
 * pg_dump 15), a server of pg_dump's own version started for this file.
 * The newer server is then covered by the client-version test instead.
 */
export function useDumpableServer(): { readonly url: string; readonly runServerIsNewer: boolean } {
  let own: EmbeddedServer | undefined;
  let url = "";
  let newer = false;
  beforeAll(async () => {
    const runUrl = testServerUrl();
    newer = (await serverMajorOf(runUrl)) > pgDumpMajor();
    if (newer) own = await startServer({ major: pgDumpMajor() });
    url = own?.url ?? runUrl;
    await ensureRole(url, ownerRole);
    await ensureRole(url, readerRole);
  });
  afterAll(async () => {
    await own?.stop();
  });
  return {
    get url() {
      return url;
    },
    get runServerIsNewer() {
      return newer;
    },
  };
}

/** A uniquely named database, created empty (or filled with the shop fixture). */
export async function createDatabase(serverUrl: string, name: string, options: { shop?: boolean; owner?: string } = {}): Promise<string> {
  await execute(
    serverUrl,
    `CREATE DATABASE ${quoteIdent(name)} TEMPLATE template0${options.owner ? ` OWNER ${quoteIdent(options.owner)}` : ""}`,
  );
  const url = withDatabaseName(serverUrl, name);
  if (options.shop) await runSqlFile(url, shopSql);
  return url;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Math.random().toString(16).slice(2, 10)}`;
}

/** Every database whose name starts with `prefix`: the original, its copies, the kept ones. */
export async function databasesLike(serverUrl: string, prefix: string): Promise<string[]> {
  const [result] = await execute(
    serverUrl,
    `SELECT datname FROM pg_catalog.pg_database WHERE pg_catalog.starts_with(datname, ${quoteLiteral(prefix)}) ORDER BY datname`,
  );
  return result!.rows.map((r: { datname: string }) => r.datname);
}

export async function dropDatabasesLike(serverUrl: string, prefix: string): Promise<void> {
  for (const name of await databasesLike(serverUrl, prefix)) {
    await execute(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  }
}

export function connectionTo(serverUrl: string, database: string): ResolvedConnection {
  return resolveConnection({ dbname: withDatabaseName(serverUrl, database) }, {});
}

export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), "pgvc-backup-test-"));
}

export function removeFolder(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** What a restore must bring back: per table its row count and a checksum of its rows; owners and grants of everything. */
export interface Fingerprint {
  tables: Record<string, { rows: number; md5: string }>;
  objects: string[];
}

export async function fingerprint(url: string): Promise<Fingerprint> {
  const [tables] = await execute(
    url,
    `SELECT n.nspname, c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const result: Fingerprint = { tables: {}, objects: [] };
  for (const { nspname, relname } of tables!.rows as { nspname: string; relname: string }[]) {
    const name = `${quoteIdent(nspname)}.${quoteIdent(relname)}`;
    const [row] = await execute(
      url,
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${name} t`,
    );
    result.tables[name] = { rows: row!.rows[0].n, md5: row!.rows[0].md5 };
  }
  const [objects] = await execute(
    url,
    `SELECT format('%s %s.%s owner=%s acl=%s', c.relkind, n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner), c.relacl) AS o
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
     UNION ALL
     SELECT format('function %s.%s owner=%s acl=%s', n.nspname, p.proname, pg_catalog.pg_get_userbyid(p.proowner), p.proacl)
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
     UNION ALL
     SELECT format('schema %s owner=%s acl=%s', n.nspname, pg_catalog.pg_get_userbyid(n.nspowner), n.nspacl)
       FROM pg_catalog.pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 1`,
  );
  result.objects = objects!.rows.map((r: { o: string }) => r.o);
  return result;
}

export interface BinResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The libpq variables of a server URI, for the commands. */
export function libpqVariables(serverUrl: string): NodeJS.ProcessEnv {
  const url = new URL(serverUrl);
  return {
    PGHOST: url.hostname,
    PGPORT: url.port,
    PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password),
    PGPASSFILE: "/nonexistent",
  };
}

export function runBin(name: string, args: string[], env: NodeJS.ProcessEnv): BinResult {
  const result = spawnSync(process.execPath, [join(binDir, `${name}.js`), ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function spawnBin(name: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [join(binDir, `${name}.js`), ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * A PGVC_PG_BIN folder whose pg_dump is the real one and whose pg_restore
 * passes archive checks (`--list`, the full read) to the real one but, when
 * restoring, runs `restoreScript` instead: shell code that has the real
 * program as $REAL and its arguments as "$@".
 */
export function toolFolderWithRestore(restoreScript: string): string {
  const folder = tempFolder();
  const real = findTool("pg_restore").path;
  const script = [
    "#!/bin/sh",
    `REAL=${JSON.stringify(real)}`,
    'for a in "$@"; do case "$a" in --list|--file=/dev/null|--version) exec "$REAL" "$@";; esac; done',
    restoreScript,
    "",
  ].join("\n");
  writeFileSync(join(folder, "pg_restore"), script, { mode: 0o755 });
  symlinkSync(findTool("pg_dump").path, join(folder, "pg_dump"));
  return folder;
}
