import { existsSync, readdirSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { UsageError } from "@pgvc/core";
import type { SourceConfig } from "../config/types.js";

/**
 * What `pgvc init` looks for in a repository, in the order it prefers:
 * the schema file or multiple-files tree, then the migrations.
 */

export const schemaCandidates = ["schema.yaml", "pyrseas/schema.yaml"] as const;
/** Folders that may hold a multiple-files tree (`DIR/metadata/database.DBNAME.yaml`). */
export const treeCandidates = [".", "pyrseas", "schema", "db"] as const;
export const sqlCandidates = ["db/migrations", "migrations", "prisma/migrations"] as const;
export const djangoCommand = "python3 manage.py migrate --noinput";

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();
const list = (dir: string) => (isDir(dir) ? readdirSync(dir) : []);

/** The schema (repository-relative), or undefined when none of the usual places holds one. */
export function findSchema(root: string): string | undefined {
  for (const file of schemaCandidates) if (existsSync(join(root, file))) return file;
  for (const dir of treeCandidates) {
    if (list(join(root, dir, "metadata")).some((n) => /^database\..+\.yaml$/.test(n))) return dir;
  }
  return undefined;
}

/** Does `dir` (absolute) hold an SQL file, directly or one level down (Prisma's folders)? */
function holdsSql(dir: string): boolean {
  return list(dir).some((name) => name.endsWith(".sql") || list(join(dir, name)).some((n) => n.endsWith(".sql")));
}

/** The Django apps at the top of the repository: folders with migrations/0001_*.py or similar. */
export function findDjangoApps(root: string): string[] {
  if (!existsSync(join(root, "manage.py"))) return [];
  return list(root)
    .filter((name) => !name.startsWith(".") && name !== "node_modules")
    .filter((name) => list(join(root, name, "migrations")).some((n) => /^\d{4}_.*\.py$/.test(n)))
    .sort();
}

/** The migration sources found: SQL directories, then one command source for Django. */
export function findSources(root: string): SourceConfig[] {
  const sources: SourceConfig[] = [];
  for (const dir of sqlCandidates) {
    if (holdsSql(join(root, dir)))
      sources.push({ kind: "sql", dir, ...(dir === "prisma/migrations" ? { layout: "prisma" as const } : {}) });
  }
  const apps = findDjangoApps(root);
  if (apps.length > 0) sources.push(djangoSource(apps));
  return sources;
}

function djangoSource(apps: string[]): SourceConfig {
  return {
    kind: "command",
    command: djangoCommand,
    watch: ["*/migrations/*.py"],
    cwd: ".",
    name: "django",
    ...(apps.length === 1 ? { app: apps[0] } : {}),
  };
}

export function noSchemaFound(root: string): UsageError {
  const looked = [...schemaCandidates, ...treeCandidates.map((d) => posix.join(d, "metadata/database.DBNAME.yaml"))];
  return new UsageError(`no schema file found in ${root}`, {
    hints: [
      `looked for: ${looked.join(", ")}`,
      "name it with --schema PATH, or write one first: dbtoyaml --no-owner --no-privileges DBNAME -o schema.yaml",
    ],
  });
}

export function noMigrationsFound(root: string): UsageError {
  return new UsageError(`no migrations found in ${root}`, {
    hints: [
      `looked for SQL files in ${sqlCandidates.join(", ")} and for Django apps (manage.py and APP/migrations/*.py)`,
      "name them with --sql DIR [--layout L], or --command CMD --watch GLOB for a tool that migrates the database itself",
    ],
  });
}
