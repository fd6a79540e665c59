import type { FileSource, Migration, SqlMigrations } from "../types.js";
import { dirPrefix, directFiles } from "./common.js";
import { naturalCompare } from "./order.js";

/** `0001_create_users.sql` → version `0001`, name `create_users`. */
export function plainName(fileName: string): { version: string; name: string } {
  const stem = fileName.replace(/\.sql$/i, "");
  const version = /^\d+/.exec(stem)?.[0] ?? "";
  return { version, name: stem.slice(version.length).replace(/^[-_.\s]+/, "") };
}

/**
 * Plain ordered SQL files: every `*.sql` directly in the directory, in natural
 * order (`2_x.sql` before `10_x.sql`), each run as `psql -v ON_ERROR_STOP=1 -f`
 * runs it: statement by statement, each committed on its own unless the file
 * opens a transaction itself. Subdirectories are not read (a shell loop over
 * `*.sql` does not read them either); their files are reported as ignored.
 */
export async function listPlain(dir: string, paths: readonly string[], files: FileSource): Promise<SqlMigrations> {
  const { direct, nested } = directFiles(dir, paths);
  const sql = direct.filter((f) => /\.sql$/i.test(f)).sort(naturalCompare);
  const prefix = dirPrefix(dir);
  const migrations: Migration[] = [];
  for (const name of sql) {
    const file = prefix + name;
    const text = await files.read(file);
    migrations.push({ file, ...plainName(name), up: { file, sql: text, startLine: 1, transaction: false, layout: "plain" } });
  }
  const ignored = [...direct.filter((f) => !/\.sql$/i.test(f)), ...nested].map((f) => prefix + f);
  return { layout: "plain", migrations, ignored };
}
