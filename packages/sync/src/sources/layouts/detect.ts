import type { FileSource, SqlLayout } from "../types.js";
import { baseName, relativeTo } from "./common.js";
import { FLYWAY_REPEATABLE, FLYWAY_VERSIONED } from "./flyway.js";
import { GOLANG_MIGRATE_FILE } from "./golang-migrate.js";

const isPrisma = (path: string): boolean => /(^|\/)[^/]+\/migration\.sql$/.test(path) || baseName(path) === "migration_lock.toml";
const isFlyway = (name: string): boolean => FLYWAY_VERSIONED.test(name) || FLYWAY_REPEATABLE.test(name);

/**
 * The layout a directory's file names say, or undefined when they say
 * nothing (no .sql file) or more than one thing (Flyway names next to
 * golang-migrate names). dbmate and plain files have the same names: this
 * says "plain" for both; detectSqlLayout reads the files to tell them apart.
 */
export function detectLayout(paths: readonly string[]): SqlLayout | undefined {
  const sql = paths.filter((p) => p.endsWith(".sql"));
  if (sql.length === 0) return undefined;
  const found = new Set<SqlLayout>();
  for (const path of sql) {
    const name = baseName(path);
    if (isPrisma(path) && name === "migration.sql") found.add("prisma");
    else if (isFlyway(name)) found.add("flyway");
    else if (GOLANG_MIGRATE_FILE.test(name)) found.add("golang-migrate");
  }
  if (found.size > 1) return undefined;
  return [...found][0] ?? "plain";
}

/** dbmate's marker line, which plain SQL files do not have. */
const DBMATE_MARKER = /^--\s*migrate:up(\s|$)/m;

/** detectLayout on the files below `dir`, telling dbmate from plain by dbmate's `-- migrate:up` lines. */
export async function detectSqlLayout(dir: string, files: FileSource): Promise<SqlLayout | undefined> {
  const paths = await files.list(dir);
  const layout = detectLayout(relativeTo(dir, paths));
  if (layout !== "plain") return layout;
  for (const path of paths.filter((p) => p.endsWith(".sql"))) {
    if (DBMATE_MARKER.test(await files.read(path))) return "dbmate";
  }
  return "plain";
}
