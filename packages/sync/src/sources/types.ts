/**
 * Where files come from: the working tree, or git's index. Paths are
 * repository-relative with `/`; `""` or `"."` is the repository's root.
 */
export interface FileSource {
  /** Every file below `dir`, recursive, repository-relative; [] when there is none. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<string>;
}

/** The layouts of SQL migration directories that pgvc applies itself. */
export type SqlLayout = "plain" | "dbmate" | "golang-migrate" | "flyway" | "prisma";

export const sqlLayouts: readonly SqlLayout[] = ["plain", "dbmate", "golang-migrate", "flyway", "prisma"];

/** The SQL of one direction of a migration, and how its tool runs it. */
export interface MigrationPart {
  /** The file it is in (repository-relative). */
  file: string;
  sql: string;
  /** 1-based line of `sql`'s first line in `file`. */
  startLine: number;
  /** Run inside one transaction (BEGIN ... COMMIT around the statements), as its tool would. */
  transaction: boolean;
  /** The layout it was read in: says what its tool does, in failures. */
  layout?: SqlLayout;
}

export interface Migration {
  /** The file the migration is named by (for Prisma, the folder's migration.sql). */
  file: string;
  /** Its version as written in the name (`20240101120000`, `1.1`); "" for a Flyway repeatable migration. */
  version: string;
  /** The descriptive part of the name (`add_orders`). */
  name: string;
  up: MigrationPart;
  /** dbmate's `-- migrate:down`, golang-migrate's .down.sql, Flyway's U file. */
  down?: MigrationPart;
  /** Flyway's R__ migrations: applied after every versioned one. */
  repeatable?: boolean;
}

export interface SqlMigrations {
  layout: SqlLayout;
  /** In the order their tool applies them. */
  migrations: Migration[];
  /**
   * Files in the directory that the layout's tool does not apply (a README, a
   * Flyway callback, a .sql file with another naming): the caller may mention them.
   */
  ignored: string[];
}
