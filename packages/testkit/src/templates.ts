import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent } from "@pgvc/core";
import { withDatabaseName } from "@pgvc/scratch";
import { createTestDatabase, dropDatabase, testServerUrl, type TestDatabase } from "./databases.js";

/** Databases built once per run and copied for each use are named with this prefix, then the run's id. */
export const templatePrefix = "pgvc_tpl_";

/** Set by the global setup: the run's id, so that a run (a nested one on the same server, say) drops only its own templates. */
export const runIdVariable = "PGVC_TEST_RUN";

/** The prefix of this run's templates: the run's id, or this process's when no global setup gave one. */
export function runTemplatePrefix(env: NodeJS.ProcessEnv = process.env): string {
  return `${templatePrefix}${(env[runIdVariable] ??= randomBytes(3).toString("hex"))}_`;
}

/** The templates this process has made or found, by name. */
const known = new Map<string, Promise<void>>();

/**
 * A new database holding what `build` makes in an empty one. The first caller
 * on the server (whichever test process) builds it once, as a template named
 * after `key`; every caller, that one included, gets its own copy. Suites that
 * build the same fixture many times (the hard cases: five suites, each side
 * of each case) then pay for the SQL once. `key` must change whenever what
 * `build` does changes.
 */
export async function createFromTemplate(
  key: string,
  build: (url: string) => Promise<void>,
  prefix = "pgvc_test",
  serverUrl = testServerUrl(),
): Promise<TestDatabase> {
  const name = runTemplatePrefix() + createHash("sha256").update(key).digest("hex").slice(0, 24);
  let ready = known.get(name);
  if (ready === undefined) {
    ready = ensureTemplate(name, build, serverUrl);
    known.set(name, ready);
  }
  await ready;
  return createTestDatabase(prefix, serverUrl, name);
}

/** Build the template unless it exists, under an advisory lock so that only one process builds it. */
async function ensureTemplate(name: string, build: (url: string) => Promise<void>, serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    await client.query("SELECT pg_catalog.pg_advisory_lock(pg_catalog.hashtext($1))", [name]);
    const found = await client.query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await buildAndPublish(client, name, build, serverUrl);
  } finally {
    await client.end();
  }
}

/**
 * Build under a private name, then rename: a template never exists half-made,
 * and one left by a killed run is never mistaken for a finished one.
 */
async function buildAndPublish(client: pg.Client, name: string, build: (url: string) => Promise<void>, serverUrl: string): Promise<void> {
  const building = `${name}_${randomBytes(3).toString("hex")}`;
  await client.query(`CREATE DATABASE ${quoteIdent(building)} TEMPLATE template0`);
  try {
    await build(withDatabaseName(serverUrl, building));
    await renameWhenAlone(client, building, name);
  } catch (error) {
    await dropDatabase(serverUrl, building);
    throw error;
  }
}

/** Rename a database once the builder's sessions, which may still be closing on the server's side, are gone. */
async function renameWhenAlone(client: pg.Client, from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.query("SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1", [from]);
    try {
      await client.query(`ALTER DATABASE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`);
      return;
    } catch (error) {
      // 55006: object_in_use, another session is still connected.
      if ((error as { code?: string }).code !== "55006" || attempt >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Drop the templates a run made on a server (one the tests did not start); other runs' stay. */
export async function dropTemplates(serverUrl: string, prefix = runTemplatePrefix()): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_catalog.pg_database WHERE starts_with(datname, $1) ORDER BY datname",
      [prefix],
    );
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(row.datname)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
