import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { applyMigrationPart } from "../../src/sources/apply.js";
import { workingTreeFiles } from "../../src/sources/files.js";
import { listSqlMigrations } from "../../src/sources/layouts/list.js";
import type { SqlLayout, SqlMigrations } from "../../src/sources/types.js";

export async function tempRepo(files: Record<string, string>): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "pgvc-sources-"));
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, ...path.split("/"));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** List a directory of a temporary repository and apply every migration's up part in order. */
export async function replay(url: string, files: Record<string, string>, dir: string, layout?: SqlLayout): Promise<SqlMigrations> {
  const repo = await tempRepo(files);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const listed = await listSqlMigrations(dir, layout, workingTreeFiles(repo.root));
    for (const m of listed.migrations) await applyMigrationPart(client, m.up);
    return listed;
  } finally {
    await client.end();
    await repo.cleanup();
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to fail");
}

export async function rows<R extends object>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}
