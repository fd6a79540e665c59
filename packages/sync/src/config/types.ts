import type { SourceLocation } from "@pgvc/core";

/** The layouts of SQL migration directories that pgvc applies itself. */
export const layoutNames = ["plain", "dbmate", "golang-migrate", "flyway", "prisma"] as const;
export type LayoutName = (typeof layoutNames)[number];

/** A directory of SQL files, applied by pgvc. Paths are repository-relative, with `/`. */
export interface SqlSourceConfig {
  kind: "sql";
  dir: string;
  /** Undefined: detected from the files. */
  layout?: LayoutName | undefined;
  name?: string | undefined;
}

/** A command that migrates the database it is pointed at (PG* variables, DATABASE_URL). */
export interface CommandSourceConfig {
  kind: "command";
  command: string;
  /** Globs (repository-relative) of the files the command reads. */
  watch: string[];
  /** Where the command runs, repository-relative (`.` by default). */
  cwd: string;
  name?: string | undefined;
  app?: string | undefined;
}

export type SourceConfig = SqlSourceConfig | CommandSourceConfig;

/** The same shape as @pgvc/scratch's ScratchConfig. */
export type ScratchSettings = { kind: "embedded"; major: number; idleSeconds?: number | undefined } | { kind: "url"; url: string };

/** What the team's dbtoyaml line uses: -n, -N, -O, -x. */
export interface IntrospectSettings {
  schemas: string[];
  excludeSchemas: string[];
  noOwner: boolean;
  noPrivileges: boolean;
}

export interface PgvcConfig {
  /** The configuration file, as named to the user (absolute, or as given). */
  file: string;
  /** The repository root (absolute): every relative path is resolved from it. */
  root: string;
  /** The schema file or multiple-files directory, repository-relative. */
  schema: string;
  migrations: SourceConfig[];
  scratch: ScratchSettings;
  introspect: IntrospectSettings;
  /** Where the schema and each source are named in the file (for messages about them). */
  locations?: { schema?: SourceLocation | undefined; migrations: (SourceLocation | undefined)[] } | undefined;
}

export const defaultMajor = 16;
export const supportedMajors = [14, 15, 16, 17, 18] as const;
export const defaultIdleSeconds = 600;
export const configFileName = "pgvc.yaml";
