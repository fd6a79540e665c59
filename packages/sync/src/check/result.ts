import type { Difference } from "./describe.js";
import type { DifferingObject } from "./objects.js";

/** A migration that failed, as the report shows it. */
export interface FailureReport {
  file: string;
  line: number;
  column?: number | undefined;
  statement: string;
  message: string;
  sqlstate?: string | undefined;
  hints: string[];
  /** A failing command's last output lines. */
  output?: string | undefined;
}

/** What one run of the check found; `--json` prints it as is. */
export interface CheckResult {
  /**
   * `skipped`: --staged and nothing staged concerns the schema or a migration.
   * `written`: --write rewrote the schema file from the migrations.
   */
  status: "in-sync" | "out-of-sync" | "migration-failed" | "skipped" | "written";
  /** The schema file or directory, repository-relative. */
  schema: string;
  /** Where the files were read: the working tree or git's index. */
  from: "worktree" | "index";
  /** Steps of the chain: one per migration file, one per command source. */
  migrations: number;
  /** Steps run this time; those before came from a template. */
  replayed: number;
  fromTemplate: number;
  /** The model of the migrations' database came from the cache: no server was needed. */
  modelFromCache: boolean;
  differences: Difference[];
  /** The YAML of each differing entry, on both sides. */
  objects: DifferingObject[];
  /** The SQL a new migration needs for the database to match the schema file. */
  sql: string;
  failure?: FailureReport | undefined;
  /**
   * For stderr: what the schema file, in Pyrseas's dialect, cannot describe
   * and the comparison left alone (as yamltodb warns). Only on a run that
   * compared: a verdict taken from the cache compares nothing.
   */
  warnings?: string[] | undefined;
  /** With --write: the files written (repository-relative). */
  written?: string[] | undefined;
}
