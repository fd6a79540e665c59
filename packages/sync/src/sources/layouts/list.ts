import { InputError } from "@pgvc/core";
import type { FileSource, SqlLayout, SqlMigrations } from "../types.js";
import { listDbmate } from "./dbmate.js";
import { detectSqlLayout } from "./detect.js";
import { listFlyway } from "./flyway.js";
import { listGolangMigrate } from "./golang-migrate.js";
import { listPlain } from "./plain.js";
import { listPrisma } from "./prisma.js";

const listers: Record<SqlLayout, (dir: string, paths: readonly string[], files: FileSource) => Promise<SqlMigrations>> = {
  plain: listPlain,
  dbmate: listDbmate,
  "golang-migrate": listGolangMigrate,
  flyway: listFlyway,
  prisma: listPrisma,
};

/**
 * The migrations of a SQL directory (repository-relative) in the order its
 * tool applies them, each part marked with whether it runs in a transaction.
 * With no layout given, the files say which (see detectSqlLayout); when they
 * cannot, an InputError asks for `layout:`.
 */
export async function listSqlMigrations(dir: string, layout: SqlLayout | undefined, files: FileSource): Promise<SqlMigrations> {
  const chosen = layout ?? (await detectSqlLayout(dir, files));
  if (chosen === undefined) {
    const empty = (await files.list(dir)).every((p) => !p.endsWith(".sql"));
    throw new InputError(
      empty ? `${dir}: no .sql migration files in this directory` : `${dir}: cannot tell which migration layout these files follow`,
      { hints: ["name it in pgvc.yaml: `layout: plain | dbmate | golang-migrate | flyway | prisma` under the source"] },
    );
  }
  return listers[chosen](dir, await files.list(dir), files);
}
