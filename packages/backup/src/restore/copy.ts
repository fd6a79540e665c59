import { libpqEnvironment, quoteIdent, quoteLiteral, ToolError, withDatabase, type ResolvedConnection, type Session } from "@pgvc/core";
import type { DatabaseInfo } from "../server.js";
import type { Reporter } from "../reporter.js";
import { conninfoDatabase, describeExit, runTool, type Tool } from "../tools.js";
import { InterruptedError } from "../errors.js";

/**
 * `CREATE DATABASE copy TEMPLATE template0` with the owner asked for and the
 * encoding and locale of the database it will replace, so the swap changes
 * the contents and nothing else.
 */
export function createDatabaseStatement(copy: string, owner: string | undefined, like: DatabaseInfo | undefined): string {
  const parts = [`CREATE DATABASE ${quoteIdent(copy)} TEMPLATE template0`];
  if (owner !== undefined) parts.push(`OWNER ${quoteIdent(owner)}`);
  if (like) {
    parts.push(`ENCODING ${quoteLiteral(like.encoding)}`);
    parts.push(`LC_COLLATE ${quoteLiteral(like.collate)} LC_CTYPE ${quoteLiteral(like.ctype)}`);
    // Said explicitly: the server's default provider may differ from the database's.
    if (like.localeProvider === "c") parts.push("LOCALE_PROVIDER libc");
    if (like.localeProvider === "i" && like.locale) parts.push(`LOCALE_PROVIDER icu ICU_LOCALE ${quoteLiteral(like.locale)}`);
    if (like.localeProvider === "b" && like.locale) parts.push(`LOCALE_PROVIDER builtin BUILTIN_LOCALE ${quoteLiteral(like.locale)}`);
  }
  return parts.join(" ");
}

export async function createCopy(session: Session, copy: string, owner: string | undefined, like: DatabaseInfo | undefined): Promise<void> {
  await session.query(createDatabaseStatement(copy, owner, like));
}

export async function dropCopy(session: Session, copy: string): Promise<void> {
  await session.query(`DROP DATABASE IF EXISTS ${quoteIdent(copy)} WITH (FORCE)`);
}

export interface PgRestoreRun {
  pgRestore: Tool;
  file: string;
  connection: ResolvedConnection;
  copy: string;
  role?: string | undefined;
  jobs?: number | undefined;
  totalEntries: number;
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  signal?: AbortSignal | undefined;
}

/** pg_restore into the copy; every error counts, as the copy must be whole to replace anything. */
export async function restoreIntoCopy(run: PgRestoreRun): Promise<void> {
  const args = ["--verbose", `--dbname=${conninfoDatabase(run.copy)}`];
  if (run.role !== undefined) args.push(`--role=${run.role}`);
  if (run.jobs !== undefined && run.jobs > 1) args.push(`--jobs=${run.jobs}`);
  args.push("--", run.file);
  let done = 0;
  const outcome = await runTool(run.pgRestore, args, {
    env: libpqEnvironment(withDatabase(run.connection, run.copy), run.env),
    signal: run.signal,
    onLine: (line) => {
      if (!/^pg_restore: (creating|processing|executing) /.test(line)) return;
      done += 1;
      run.reporter.progress(`restoring into "${run.copy}": ${Math.min(done, run.totalEntries)} of ${run.totalEntries} entries`);
    },
  });
  if (outcome.aborted || outcome.signal === "SIGINT") throw new InterruptedError(`pg_restore into "${run.copy}" interrupted`);
  if (outcome.exitCode !== 0) {
    throw new ToolError(`pg_restore into "${run.copy}" failed (${describeExit(outcome)})`, {
      hints: outcome.diagnostics,
    });
  }
  run.reporter.info(`restored ${run.totalEntries} entries into "${run.copy}"`);
}
