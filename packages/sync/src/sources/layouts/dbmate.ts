import { InputError } from "@pgvc/core";
import type { FileSource, Migration, MigrationPart, SqlMigrations } from "../types.js";
import { dirPrefix, directFiles, duplicateVersion, sentAsOneQuery } from "./common.js";
import { codeUnitCompare } from "./order.js";

/** dbmate's file names: a version of digits first, `.sql` last. */
const FILE = /^(\d+)(.*)\.sql$/;
/** A section marker at the start of a line, as dbmate matches it; options follow on the line. */
const MARKER = /^--\s*migrate:(up|down)(?:\s+(.*?))?\s*$/;

interface Marker {
  kind: "up" | "down";
  index: number;
  options: string;
}

function markers(lines: readonly string[]): Marker[] {
  const found: Marker[] = [];
  lines.forEach((line, index) => {
    const m = MARKER.exec(line.replace(/\r$/, ""));
    if (m) found.push({ kind: m[1] as "up" | "down", index, options: m[2] ?? "" });
  });
  return found;
}

/** `transaction:false` turns the transaction off; other options are dbmate's business. */
function inTransaction(options: string): boolean {
  return !options.split(/\s+/).some((pair) => pair === "transaction:false");
}

function problem(file: string, line: number, message: string, hint: string): InputError {
  return new InputError(message, { location: { file, line }, hints: [hint] });
}

function sections(file: string, lines: readonly string[]): { up: Marker; down: Marker } {
  const found = markers(lines);
  const ups = found.filter((m) => m.kind === "up");
  const downs = found.filter((m) => m.kind === "down");
  const [up, down] = [ups[0], downs[0]];
  if (!up) throw problem(file, 1, "no `-- migrate:up` line", "dbmate requires each migration to start its SQL with a line `-- migrate:up`");
  if (!down) throw problem(file, 1, "no `-- migrate:down` line", "dbmate 2 requires a `-- migrate:down` section, even an empty one");
  const second = ups[1] ?? downs[1];
  if (second) {
    throw problem(
      file,
      second.index + 1,
      `a second \`-- migrate:${second.kind}\` section`,
      "pgvc reads one up and one down section per file: make the second pair a migration of its own",
    );
  }
  if (down.index < up.index)
    throw problem(file, down.index + 1, "`-- migrate:down` before `-- migrate:up`", "dbmate requires the up section first");
  const early = lines.slice(0, up.index).findIndex((l) => !/^\s*(--.*)?$/.test(l));
  if (early !== -1)
    throw problem(
      file,
      early + 1,
      "SQL before `-- migrate:up`",
      "dbmate refuses statements before the up section: move them below `-- migrate:up`",
    );
  return { up, down };
}

/**
 * dbmate sends a section as one query, in a transaction it opens unless the
 * marker says `transaction:false`; even then PostgreSQL runs a query of
 * several statements as one implicit transaction.
 */
function part(file: string, lines: readonly string[], marker: Marker, end: number): MigrationPart {
  const sql = lines.slice(marker.index + 1, end).join("\n");
  const startLine = marker.index + 2;
  const transaction = inTransaction(marker.options) || sentAsOneQuery(sql, file, startLine);
  return { file, sql, startLine, transaction, layout: "dbmate" };
}

/** One dbmate file: its `-- migrate:up` and `-- migrate:down` sections. */
export function parseDbmate(file: string, text: string): { up: MigrationPart; down: MigrationPart } {
  const lines = text.split("\n");
  const { up, down } = sections(file, lines);
  return { up: part(file, lines, up, down.index), down: part(file, lines, down, lines.length) };
}

/**
 * dbmate: `<version>_<name>.sql` directly in the directory, applied in the
 * order of their file names (dbmate sorts the names as strings), each
 * section in a transaction unless its marker says `transaction:false` and
 * it holds a single statement.
 */
export async function listDbmate(dir: string, paths: readonly string[], files: FileSource): Promise<SqlMigrations> {
  const { direct, nested } = directFiles(dir, paths);
  const prefix = dirPrefix(dir);
  const names = direct.filter((f) => FILE.test(f)).sort(codeUnitCompare);
  const seen = new Map<string, string>();
  const migrations: Migration[] = [];
  for (const fileName of names) {
    const [, version = "", rest = ""] = FILE.exec(fileName) ?? [];
    const file = prefix + fileName;
    const earlier = seen.get(version);
    if (earlier) throw duplicateVersion(version, earlier, file, "dbmate");
    seen.set(version, file);
    const { up, down } = parseDbmate(file, await files.read(file));
    migrations.push({ file, version, name: rest.replace(/^_/, ""), up, down });
  }
  const ignored = [...direct.filter((f) => !FILE.test(f)), ...nested].map((f) => prefix + f);
  return { layout: "dbmate", migrations, ignored };
}
