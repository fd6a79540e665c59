import { relative, sep } from "node:path";
import type { PgvcConfig } from "../config/types.js";
import { isUnder } from "../git/files.js";
import { matchesGlob } from "../sources/index.js";

/** Does a staged path concern the check: the configuration, the schema, or a migration source's files? */
export async function isConcerned(config: PgvcConfig, staged: readonly string[]): Promise<boolean> {
  const configPath = relative(config.root, config.file).split(sep).join("/");
  return staged.some(
    (path) =>
      path === configPath ||
      isUnder(path, config.schema) ||
      config.migrations.some((s) => (s.kind === "sql" ? isUnder(path, s.dir) : s.watch.some((glob) => matchesGlob(path, glob)))),
  );
}
