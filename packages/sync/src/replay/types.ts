import type pg from "pg";

/** A scratch database a replay runs in: a fresh one, or a copy of a template. */
export interface ScratchDatabaseHandle {
  name: string;
  /** A postgres:// URL that reaches it (with credentials). */
  url: string;
  drop(): Promise<void>;
}

/**
 * The scratch server as replay needs it. An embedded server keeps
 * templates (the state after migration K) between runs; a server named
 * by URL keeps nothing, so only the model cache helps there.
 */
export interface ReplayServer {
  keepsTemplates: boolean;
  createDatabase(template?: string): Promise<ScratchDatabaseHandle>;
  /** Keep a copy of `db` (which nobody is connected to) as the template `name`. */
  keepAsTemplate(db: ScratchDatabaseHandle, name: string): Promise<void>;
  /**
   * Turn `db` itself (which nobody is connected to, and which is not used
   * afterwards) into the template `name`: a rename, not a copy. False when
   * that template exists already (another check made it): `db` is then left as it is.
   */
  adoptAsTemplate(db: ScratchDatabaseHandle, name: string): Promise<boolean>;
  /** The names of the templates this server keeps. */
  listTemplates(): Promise<string[]>;
  dropTemplate(name: string): Promise<void>;
  close(): Promise<void>;
}

/** What a replay step is given: the database, and a connection opened on first use. */
export interface StepContext {
  db: ScratchDatabaseHandle;
  client(): Promise<pg.Client>;
  /** Close the shared connection (a command step connects on its own). */
  release(): Promise<void>;
  signal?: AbortSignal | undefined;
}

/** One link of the chain: a migration file, or a command source as a whole. */
export interface ReplayStep {
  /** For messages: `db/migrations/20240101_orders.sql`, `command django`. */
  label: string;
  /** sha256 of what the step runs: the file's content, or every watched file's path and content. */
  contentHash: string;
  apply(context: StepContext): Promise<void>;
}
