import { InputError } from "@pgvc/core";
import { splitSql } from "../sql/split.js";

/** `db/migrations/` for `db/migrations` (and "" for the root). */
export function dirPrefix(dir: string): string {
  const clean = dir.replace(/\/+$/, "").replace(/^\.\/?/, "");
  return clean === "" ? "" : `${clean}/`;
}

/** The paths below `dir`, relative to it. */
export function relativeTo(dir: string, paths: readonly string[]): string[] {
  const prefix = dirPrefix(dir);
  return paths.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
}

/** Split the files directly in `dir` from those in its subdirectories (relative names). */
export function directFiles(dir: string, paths: readonly string[]): { direct: string[]; nested: string[] } {
  const rel = relativeTo(dir, paths);
  return { direct: rel.filter((p) => !p.includes("/")), nested: rel.filter((p) => p.includes("/")) };
}

/** The base name of a `/` path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** Two migrations with the same version: every tool refuses that. */
export function duplicateVersion(version: string, first: string, second: string, tool: string): InputError {
  return new InputError(`version ${version} is also the version of ${first}`, {
    location: { file: second },
    hints: [`${tool} records each version once: give one of them a new version`],
  });
}

/**
 * Whether a file that a tool sends as one multi-statement query runs in a
 * transaction: PostgreSQL runs such a query as one implicit transaction, and
 * a single statement on its own (so a lone CREATE INDEX CONCURRENTLY works).
 */
export function sentAsOneQuery(sql: string, file: string, startLine = 1): boolean {
  return splitSql(sql, file, startLine).length > 1;
}
