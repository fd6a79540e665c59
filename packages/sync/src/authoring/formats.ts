import { posix } from "node:path";
import { UsageError } from "@pgvc/core";
import { toSql, type Statement } from "@pgvc/diff";
import { migrationSlug, nextSequence, nextTimestamp } from "./naming.js";
import { djangoMigration, nextDjangoMigration } from "./django.js";

/** The migration layouts `pgvc migration new` writes. */
export const authoringFormats = ["django", "plain", "dbmate", "golang-migrate", "flyway", "prisma"] as const;
export type AuthoringFormat = (typeof authoringFormats)[number];

export interface NewMigration {
  format: AuthoringFormat;
  /** Repository-relative folder of the source's migrations (Django: the app's `migrations` folder). */
  dir: string;
  /** Repository-relative paths of the files already below `dir`. */
  existing: readonly string[];
  name: string;
  forward: readonly Statement[];
  reverse: readonly Statement[];
  now: Date;
  /** Django's app label; defaults to the folder holding `migrations`. */
  app?: string;
  /** Set when the migration is written without verification (`--force`): the reason, said in the file. */
  unverified?: string;
}

/** One file to write, repository-relative. */
export interface PlannedFile {
  path: string;
  content: string;
}

/**
 * The files of a new migration in the layout of its tool: the next version,
 * the tool's naming, its up/down convention and its way of running a
 * statement that refuses a transaction block. Nothing is written here.
 */
export function planMigration(m: NewMigration): PlannedFile[] {
  const slug = migrationSlug(m.name);
  const names = m.existing.map((path) => posix.relative(m.dir, path));
  switch (m.format) {
    case "django":
      return [djangoFile(m, slug, names)];
    case "dbmate":
      return [dbmateFile(m, slug, names)];
    case "golang-migrate":
      return golangMigrateFiles(m, slug, names);
    case "flyway":
      return flywayFiles(m, slug, names);
    case "prisma":
      return prismaFiles(m, slug, names);
    case "plain":
      return plainFiles(m, slug, names);
  }
}

function header(m: NewMigration, comment: string): string {
  const state = m.unverified
    ? `UNVERIFIED: written with --force although ${m.unverified}. Check it by hand before applying it.`
    : "forward, reverse and forward again verified on a scratch database.";
  return `${comment} Written by pgvc migration new: ${state}\n`;
}

function needsNoTransaction(statements: readonly Statement[]): boolean {
  return statements.some((s) => s.noTransaction === true);
}

function sqlText(statements: readonly Statement[]): string {
  return statements.length === 0 ? "-- nothing to do in this direction\n" : toSql(statements);
}

function djangoFile(m: NewMigration, slug: string, names: readonly string[]): PlannedFile {
  const app = m.app ?? posix.basename(posix.dirname(m.dir));
  const next = nextDjangoMigration(names, slug);
  const content = djangoMigration({
    header: header(m, "#"),
    app,
    previous: next.previous,
    forward: m.forward.map((s) => s.sql),
    reverse: m.reverse.map((s) => s.sql),
    atomic: !needsNoTransaction(m.forward) && !needsNoTransaction(m.reverse),
  });
  return { path: posix.join(m.dir, `${next.name}.py`), content };
}

/**
 * dbmate: `<timestamp>_name.sql` holding `-- migrate:up` and `-- migrate:down`.
 * `transaction:false` only helps a section of one statement: dbmate sends a
 * section as one query, which PostgreSQL runs as one transaction.
 */
function dbmateFile(m: NewMigration, slug: string, names: readonly string[]): PlannedFile {
  refuseMixedFile(m, "dbmate");
  const version = nextTimestamp(versionsOf(names, /^(\d+)_.*\.sql$/), m.now);
  const marker = (direction: string, statements: readonly Statement[]) =>
    `-- migrate:${direction}${needsNoTransaction(statements) ? " transaction:false" : ""}\n`;
  const content = `${header(m, "--")}${marker("up", m.forward)}${sqlText(m.forward)}\n${marker("down", m.reverse)}${sqlText(m.reverse)}`;
  return { path: posix.join(m.dir, `${version}_${slug}.sql`), content };
}

/**
 * golang-migrate, Prisma and dbmate send a file (or section) as one
 * multi-statement query, which PostgreSQL runs as one implicit transaction:
 * a statement that refuses one cannot share it with others, whatever marker
 * the tool has.
 */
function refuseMixedFile(m: NewMigration, tool: string): void {
  for (const statements of [m.forward, m.reverse]) {
    const refusing = statements.find((s) => s.noTransaction);
    if (refusing && statements.length > 1) {
      throw new UsageError(
        `${tool} sends a migration file (or section) as one query, which PostgreSQL runs as one transaction, and "${refusing.sql.split("\n")[0]}" cannot run inside one`,
        {
          hints: ["make that change alone in its own migration (change schema.yaml in two steps), or drop CONCURRENTLY"],
        },
      );
    }
  }
}

/** golang-migrate: `<version>_name.up.sql` and `.down.sql`, sequential or timestamp versions as the folder already uses. */
function golangMigrateFiles(m: NewMigration, slug: string, names: readonly string[]): PlannedFile[] {
  refuseMixedFile(m, "golang-migrate");
  const versions = versionsOf(names, /^(\d+)_.*\.(?:up|down)\.sql$/);
  const sequential = versions.length > 0 && versions.every((v) => v.length < 14);
  const version = sequential ? nextSequence(versions, 6) : nextTimestamp(versions, m.now);
  const base = posix.join(m.dir, `${version}_${slug}`);
  return [
    { path: `${base}.up.sql`, content: `${header(m, "--")}${sqlText(m.forward)}` },
    { path: `${base}.down.sql`, content: `${header(m, "--")}${sqlText(m.reverse)}` },
  ];
}

/**
 * Flyway: `V<n>__name.sql` and the undo file `U<n>__name.sql`; a script that
 * must not run in a transaction gets a `.sql.conf` beside it saying so.
 */
function flywayFiles(m: NewMigration, slug: string, names: readonly string[]): PlannedFile[] {
  const majors = names.map((n) => /^[VU](\d+)(?:[._]\d+)*__/.exec(posix.basename(n))?.[1]).filter((v): v is string => v !== undefined);
  const version = majors.length === 0 ? "1" : (majors.map(BigInt).reduce((a, b) => (a > b ? a : b)) + 1n).toString();
  const files: PlannedFile[] = [];
  const add = (prefix: string, statements: readonly Statement[]) => {
    const path = posix.join(m.dir, `${prefix}${version}__${slug}.sql`);
    files.push({ path, content: `${header(m, "--")}${sqlText(statements)}` });
    if (needsNoTransaction(statements)) files.push({ path: `${path}.conf`, content: "executeInTransaction=false\n" });
  };
  add("V", m.forward);
  add("U", m.reverse);
  return files;
}

/** Prisma: `<timestamp>_name/migration.sql`, and the reverse as `down.sql` beside it, as Prisma's docs suggest. */
function prismaFiles(m: NewMigration, slug: string, names: readonly string[]): PlannedFile[] {
  refuseMixedFile(m, "Prisma");
  const version = nextTimestamp(versionsOf(names, /^(\d+)_[^/]*\/migration\.sql$/), m.now);
  const folder = posix.join(m.dir, `${version}_${slug}`);
  return [
    { path: posix.join(folder, "migration.sql"), content: `${header(m, "--")}${sqlText(m.forward)}` },
    { path: posix.join(folder, "down.sql"), content: `${header(m, "--")}${sqlText(m.reverse)}` },
  ];
}

/** Plain SQL files: the next number in the folder's own width, and the reverse in `down/` with the same name. */
function plainFiles(m: NewMigration, slug: string, names: readonly string[]): PlannedFile[] {
  refuseMixedFile(m, "a plain SQL migration");
  const top = names.filter((n) => !n.includes("/"));
  const versions = versionsOf(top, /^(\d+)[_-].*\.sql$/);
  const width = versions[0]?.length ?? 4;
  const name = `${nextSequence(versions, width)}_${slug}.sql`;
  return [
    { path: posix.join(m.dir, name), content: `${header(m, "--")}${sqlText(m.forward)}` },
    { path: posix.join(m.dir, "down", name), content: `${header(m, "--")}${sqlText(m.reverse)}` },
  ];
}

function versionsOf(names: readonly string[], pattern: RegExp): string[] {
  return names.map((n) => pattern.exec(n)?.[1]).filter((v): v is string => v !== undefined);
}
