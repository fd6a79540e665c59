import type { FileSource, Migration, SqlMigrations } from "../types.js";
import { dirPrefix, relativeTo, sentAsOneQuery } from "./common.js";
import { codeUnitCompare } from "./order.js";

/** `20240101120000_add_orders/migration.sql`: one folder per migration. */
export const PRISMA_FILE = /^([^/]+)\/migration\.sql$/;

/**
 * Prisma Migrate: `<timestamp>_<name>/migration.sql` under prisma/migrations,
 * in the order of the folder names. Prisma sends a migration.sql as one
 * script, which PostgreSQL runs as one implicit transaction when it has more
 * than one statement. migration_lock.toml is Prisma's own and is skipped;
 * Prisma keeps no down migrations in these folders.
 */
export async function listPrisma(dir: string, paths: readonly string[], files: FileSource): Promise<SqlMigrations> {
  const prefix = dirPrefix(dir);
  const rel = relativeTo(dir, paths).filter((p) => p !== "migration_lock.toml");
  const folders = rel.flatMap((p) => PRISMA_FILE.exec(p)?.[1] ?? []).sort(codeUnitCompare);
  const migrations: Migration[] = [];
  for (const folder of folders) {
    const file = `${prefix}${folder}/migration.sql`;
    const sql = await files.read(file);
    const [, version = "", name = folder] = /^(\d+)_?(.*)$/.exec(folder) ?? [];
    migrations.push({ file, version, name, up: { file, sql, startLine: 1, transaction: sentAsOneQuery(sql, file), layout: "prisma" } });
  }
  const ignored = rel.filter((p) => !PRISMA_FILE.test(p)).map((p) => prefix + p);
  return { layout: "prisma", migrations, ignored };
}
