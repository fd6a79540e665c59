import { join, posix } from "node:path";
import pg from "pg";
import { resolveConnection, toDatabaseError, UsageError } from "@pgvc/core";
import type { CommandSourceConfig, SqlSourceConfig } from "../config/types.js";
import { applyMigrationPart, listSqlMigrations, runCommandMigrations, type FileSource, type MigrationPart } from "../sources/index.js";
import type { PlannedFile } from "./formats.js";
import type { DirectionRunner } from "./verify.js";

/** The repository's files with the planned ones laid over them, as the tool will see them once written. */
export function overlay(files: FileSource, planned: readonly PlannedFile[]): FileSource {
  const added = new Map(planned.map((f) => [f.path, f.content]));
  return {
    async list(dir) {
      const listed = new Set(await files.list(dir));
      for (const path of added.keys()) if (dir === "" || dir === "." || path.startsWith(`${dir}/`)) listed.add(path);
      return [...listed].sort();
    },
    read: async (path) => added.get(path) ?? files.read(path),
  };
}

/**
 * Run the new SQL migration's parts exactly as the check will read and run
 * them once the files are written: listed with the others in the source's
 * layout, split and applied by the same code. Prisma and plain folders keep
 * no down part; the reverse file written beside them is run as psql would.
 */
export async function sqlRunner(
  source: SqlSourceConfig,
  files: FileSource,
  planned: readonly PlannedFile[],
  dbUrl: string,
): Promise<DirectionRunner> {
  const { migrations } = await listSqlMigrations(source.dir, source.layout, overlay(files, planned));
  const paths = new Set(planned.map((f) => f.path));
  const migration = migrations.find((m) => paths.has(m.up.file));
  if (!migration) throw new UsageError(`the new migration's files are not read as a migration of ${source.dir}: ${[...paths].join(", ")}`);
  const reverseFile = planned.find((f) => f.path !== migration.up.file && !f.path.endsWith(".conf") && f.path !== migration.down?.file);
  const down: MigrationPart | undefined =
    migration.down ??
    (reverseFile ? { file: reverseFile.path, sql: reverseFile.content, startLine: 1, transaction: source.layout === "prisma" } : undefined);
  return async (direction) => {
    const part = direction === "up" ? migration.up : down;
    if (!part) throw new UsageError(`the ${source.dir} layout keeps no reverse migration`);
    const client = new pg.Client({ connectionString: dbUrl });
    client.on("error", () => undefined);
    await client.connect().catch((error: unknown) => {
      throw toDatabaseError(error, undefined, "cannot connect to the scratch database");
    });
    try {
      await applyMigrationPart(client, part);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}

/**
 * Django runs its own migrations: `manage.py migrate APP NAME` forward to
 * the new one, and back to the one before it (`zero` for an app's first).
 */
export function djangoRunner(
  source: CommandSourceConfig,
  root: string,
  app: string,
  name: string,
  previous: string | undefined,
  dbUrl: string,
): DirectionRunner {
  const match = /^(.*\bmanage\.py\s+migrate)\b/.exec(source.command);
  if (!match) {
    throw new UsageError(`cannot tell how to migrate one Django app with \`${source.command}\``, {
      hints: ["the command source should run `python3 manage.py migrate ...`"],
    });
  }
  const c = resolveConnection({ dbname: dbUrl });
  const target = { host: c.host, port: c.port, user: c.user, password: c.password ?? "", database: c.database };
  const cwd = join(root, ...source.cwd.split("/"));
  return async (direction) => {
    const to = direction === "up" ? name : (previous ?? "zero");
    await runCommandMigrations({ run: `${match[1]} ${app} ${to} --noinput`, cwd, watch: [] }, target);
  };
}

/** The Django app of a command source: the configured one, or the only app folder with migrations. */
export async function djangoApp(
  source: CommandSourceConfig,
  files: FileSource,
  given: string | undefined,
): Promise<{ app: string; dir: string }> {
  const listed = await files.list(source.cwd === "." ? "" : source.cwd);
  const dirs = [
    ...new Set(
      listed
        .map((p) => /^(.*\/)?([^/]+)\/migrations\/[^/]+\.py$/.exec(p))
        .filter((m) => m !== null)
        .map((m) => posix.dirname(m[0])),
    ),
  ];
  const app = given ?? source.app;
  if (app !== undefined) {
    const dir =
      dirs.find((d) => posix.basename(posix.dirname(d)) === app) ?? posix.join(source.cwd === "." ? "" : source.cwd, app, "migrations");
    return { app, dir };
  }
  if (dirs.length === 1) return { app: posix.basename(posix.dirname(dirs[0] as string)), dir: dirs[0] as string };
  throw new UsageError(
    dirs.length === 0 ? "no Django app with a migrations folder was found" : "several Django apps have migrations: say which with --app",
    {
      hints: dirs.length > 0 ? [`apps: ${dirs.map((d) => posix.basename(posix.dirname(d))).join(", ")}`] : [],
    },
  );
}
