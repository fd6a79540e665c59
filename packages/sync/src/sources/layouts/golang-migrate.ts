import type { FileSource, Migration, MigrationPart, SqlMigrations } from "../types.js";
import { dirPrefix, directFiles, duplicateVersion, sentAsOneQuery } from "./common.js";
import { compareDigits } from "./order.js";

/** golang-migrate's names: `<version>_<title>.up.sql` and `.down.sql`, the version a whole number. */
export const GOLANG_MIGRATE_FILE = /^(\d+)_(.*)\.(up|down)\.sql$/;

interface Pair {
  version: string;
  name: string;
  up?: string;
  down?: string;
}

function pairs(names: readonly string[], prefix: string): Pair[] {
  const byVersion = new Map<bigint, Pair>();
  for (const fileName of names) {
    const [, version = "", name = "", direction = "up"] = GOLANG_MIGRATE_FILE.exec(fileName) ?? [];
    const key = BigInt(version);
    const pair = byVersion.get(key) ?? { version, name };
    const earlier = direction === "up" ? pair.up : pair.down;
    if (earlier) throw duplicateVersion(version, prefix + earlier, prefix + fileName, "golang-migrate");
    pair[direction as "up" | "down"] = fileName;
    byVersion.set(key, pair);
  }
  return [...byVersion.values()].sort((a, b) => compareDigits(a.version, b.version));
}

async function part(file: string, files: FileSource): Promise<MigrationPart> {
  const sql = await files.read(file);
  return { file, sql, startLine: 1, transaction: sentAsOneQuery(sql, file), layout: "golang-migrate" };
}

/**
 * golang-migrate: `N_title.up.sql` / `N_title.down.sql` directly in the
 * directory, in the order of N as a number. Its PostgreSQL driver sends a
 * file as one query, so PostgreSQL runs a file of several statements as one
 * transaction and a file of one statement on its own.
 */
export async function listGolangMigrate(dir: string, paths: readonly string[], files: FileSource): Promise<SqlMigrations> {
  const { direct, nested } = directFiles(dir, paths);
  const prefix = dirPrefix(dir);
  const matching = direct.filter((f) => GOLANG_MIGRATE_FILE.test(f));
  const migrations: Migration[] = [];
  const ignored: string[] = [];
  for (const pair of pairs(matching, prefix)) {
    if (!pair.up) {
      ignored.push(prefix + (pair.down ?? ""));
      continue;
    }
    const migration: Migration = {
      file: prefix + pair.up,
      version: pair.version,
      name: pair.name,
      up: await part(prefix + pair.up, files),
    };
    if (pair.down) migration.down = await part(prefix + pair.down, files);
    migrations.push(migration);
  }
  ignored.push(...[...direct.filter((f) => !GOLANG_MIGRATE_FILE.test(f)), ...nested].map((f) => prefix + f));
  return { layout: "golang-migrate", migrations, ignored };
}
