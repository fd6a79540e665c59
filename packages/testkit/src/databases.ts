import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent, quoteLiteral, resolveConnection, type ResolvedConnection } from "@pgvc/core";
import { copyStrategy, withDatabaseName } from "@pgvc/scratch";

/** The variable that names a server to use instead of starting one. */
export const externalServerVariable = "PGVC_TEST_DATABASE_URL";
/** Set by the global setup for the test workers: the run's server. */
export const runServerVariable = "PGVC_TEST_SERVER_URL";

/** The URI of the server this test run uses (its maintenance database). */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[runServerVariable] ?? env[externalServerVariable];
  if (!url) {
    throw new Error(`no test server: run the tests through vitest (its global setup starts one) or set ${externalServerVariable}`);
  }
  return url;
}

export { withDatabaseName } from "@pgvc/scratch";

/** Run SQL (several statements allowed) on a URI with a short-lived client. */
export async function execute(url: string, sql: string): Promise<pg.QueryResult[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const result = (await client.query(sql)) as pg.QueryResult | pg.QueryResult[];
    return Array.isArray(result) ? result : [result];
  } finally {
    await client.end();
  }
}

export async function runSqlFile(url: string, file: string): Promise<void> {
  await execute(url, await readFile(file, "utf8"));
}

/** Create a role unless it exists; safe to call from parallel test files. */
export async function ensureRole(url: string, name: string, options: { login?: boolean; password?: string } = {}): Promise<void> {
  const attributes = [options.login ? "LOGIN" : "NOLOGIN", options.password ? `PASSWORD ${quoteLiteral(options.password)}` : ""].join(" ");
  const create = `CREATE ROLE ${quoteIdent(name)} ${attributes}`;
  await execute(url, `DO $$ BEGIN EXECUTE ${quoteLiteral(create)}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
}

export interface TestDatabase {
  name: string;
  url: string;
  connection: ResolvedConnection;
  drop(): Promise<void>;
}

/**
 * How this run copies a template: by file on its own embedded server (no
 * fsync, so the checkpoints are cheap and the copy is several times faster),
 * the server's default on one named by PGVC_TEST_DATABASE_URL.
 */
function strategyFor(serverUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const major = Number(env.PGVC_TEST_SERVER_MAJOR);
  const own = env[runServerVariable] === serverUrl && env[externalServerVariable] === undefined;
  return own && Number.isInteger(major) ? copyStrategy(major * 10000) : "";
}

/** A new database on the test server, named uniquely: empty, or a copy of `template`. */
export async function createTestDatabase(prefix = "pgvc_test", serverUrl = testServerUrl(), template = "template0"): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`.toLowerCase();
  await execute(serverUrl, `CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}${strategyFor(serverUrl)}`);
  const url = withDatabaseName(serverUrl, name);
  return {
    name,
    url,
    connection: resolveConnection({ dbname: url }, {}),
    drop: () => dropDatabase(serverUrl, name),
  };
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await execute(serverUrl, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const [result] = await execute(serverUrl, `SELECT 1 FROM pg_catalog.pg_database WHERE datname = ${quoteLiteral(name)}`);
  return (result?.rowCount ?? 0) > 0;
}
