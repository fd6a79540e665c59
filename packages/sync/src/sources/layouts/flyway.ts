import { InputError } from "@pgvc/core";
import { flywayNonTransactional } from "../sql/classify.js";
import { splitSql } from "../sql/split.js";
import type { FileSource, Migration, MigrationPart, SqlMigrations } from "../types.js";
import { baseName, dirPrefix, duplicateVersion, relativeTo } from "./common.js";
import { codeUnitCompare, flywayVersionCompare } from "./order.js";

/** Flyway's default names: V (versioned), U (undo) with a version of digits and `.`/`_`, R (repeatable); `__` before the description. */
export const FLYWAY_VERSIONED = /^([VU])(\d+(?:[._]\d+)*)__(.*)\.sql$/;
export const FLYWAY_REPEATABLE = /^R__(.+)\.sql$/;

interface Found {
  file: string;
  version: string;
  name: string;
}

/** A script's own configuration file (`V1__x.sql.conf`) may set executeInTransaction. */
async function configuredTransaction(file: string, all: ReadonlySet<string>, files: FileSource): Promise<boolean | undefined> {
  if (!all.has(`${file}.conf`)) return undefined;
  const setting = /^\s*executeInTransaction\s*=\s*(true|false)\s*$/im.exec(await files.read(`${file}.conf`));
  return setting ? setting[1]?.toLowerCase() === "true" : undefined;
}

/**
 * Flyway runs a script in a transaction unless one of its statements is on
 * its list of non-transactional ones; a script that mixes both is an error
 * (Flyway's default, `mixed=false`).
 */
function flywayTransaction(file: string, sql: string): boolean {
  const statements = splitSql(sql, file);
  const outside = statements.filter((s) => flywayNonTransactional(s.words));
  const first = outside[0];
  if (first && outside.length < statements.length) {
    throw new InputError("both transactional and non-transactional statements in one Flyway migration", {
      location: { file, line: first.line, column: first.column },
      hints: ["Flyway refuses such a script unless `mixed` is true: move this statement to a migration of its own"],
    });
  }
  return first === undefined;
}

async function part(file: string, all: ReadonlySet<string>, files: FileSource): Promise<MigrationPart> {
  const sql = await files.read(file);
  const transaction = (await configuredTransaction(file, all, files)) ?? flywayTransaction(file, sql);
  return { file, sql, startLine: 1, transaction, layout: "flyway" };
}

function sortedUnique(found: Found[], compare: (a: string, b: string) => number, what: (f: Found) => string): Found[] {
  const sorted = [...found].sort((a, b) => compare(a.version, b.version) || codeUnitCompare(a.file, b.file));
  sorted.forEach((f, i) => {
    const prev = sorted[i - 1];
    if (prev && compare(prev.version, f.version) === 0) throw duplicateVersion(what(f), prev.file, f.file, "Flyway");
  });
  return sorted;
}

function classify(prefix: string, rel: readonly string[]): { v: Found[]; u: Found[]; r: Found[]; ignored: string[] } {
  const out = { v: [] as Found[], u: [] as Found[], r: [] as Found[], ignored: [] as string[] };
  const isScript = (name: string) => FLYWAY_VERSIONED.test(name) || FLYWAY_REPEATABLE.test(name);
  for (const path of rel) {
    const file = prefix + path;
    const name = baseName(path);
    const versioned = FLYWAY_VERSIONED.exec(name);
    const repeatable = FLYWAY_REPEATABLE.exec(name);
    if (versioned) (versioned[1] === "V" ? out.v : out.u).push({ file, version: versioned[2] ?? "", name: versioned[3] ?? "" });
    else if (repeatable) out.r.push({ file, version: repeatable[1] ?? "", name: repeatable[1] ?? "" });
    // A script's .conf file belongs to it; anything else Flyway does not run.
    else if (!(name.endsWith(".sql.conf") && isScript(name.slice(0, -".conf".length)))) out.ignored.push(file);
  }
  return out;
}

/**
 * Flyway: V<version>__<description>.sql anywhere below the directory, in
 * version order (parts compared as numbers: 1.9 before 1.10); U files of the
 * same version are the down parts; R__ files come after all of them, in
 * description order.
 */
export async function listFlyway(dir: string, paths: readonly string[], files: FileSource): Promise<SqlMigrations> {
  const prefix = dirPrefix(dir);
  const all = new Set(paths);
  const { v, u, r, ignored } = classify(prefix, relativeTo(dir, paths));
  const undo = new Map(sortedUnique(u, flywayVersionCompare, (f) => `${f.version} (undo)`).map((f) => [f.version, f.file]));
  const migrations: Migration[] = [];
  for (const f of sortedUnique(v, flywayVersionCompare, (f) => f.version)) {
    const migration: Migration = { file: f.file, version: f.version, name: f.name, up: await part(f.file, all, files) };
    const down = [...undo.entries()].find(([version]) => flywayVersionCompare(version, f.version) === 0)?.[1];
    if (down) migration.down = await part(down, all, files);
    migrations.push(migration);
  }
  for (const f of sortedUnique(r, codeUnitCompare, (f) => `R__${f.name}`)) {
    migrations.push({ file: f.file, version: "", name: f.name, up: await part(f.file, all, files), repeatable: true });
  }
  return { layout: "flyway", migrations, ignored };
}
