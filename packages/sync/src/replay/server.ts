import {
  binaryVersion,
  createScratchDatabase,
  dropTemplate,
  keepAsTemplate,
  listTemplates,
  openScratchServer,
  type ScratchServer,
} from "@pgvc/scratch";
import type { ScratchSettings } from "../config/types.js";
import { connect, DatabaseError, quoteIdent, quoteLiteral, resolveConnection } from "@pgvc/core";
import type { ReplayServer, ScratchDatabaseHandle } from "./types.js";

/** Template names start with this; nothing else on the server does. */
export const templatePrefix = "pgvc_tpl_";

/**
 * What names the server in cache keys, found without starting it where
 * possible: the embedded server's major version and binaries' release, or
 * a URL server's server_version_num (which needs a connection).
 */
export function embeddedIdentity(major: number): string {
  try {
    return `embedded:${major}:${binaryVersion(major as 14)}`;
  } catch {
    return `embedded:${major}`;
  }
}

/** The server's identity for `scratch`: the embedded one's without starting it; a URL server's from `urlVersion` (a connection). */
export async function serverIdentity(scratch: ScratchSettings, urlVersion: () => Promise<number>): Promise<string> {
  return scratch.kind === "url" ? `url:${await urlVersion()}` : embeddedIdentity(scratch.major);
}

/** Open the configured scratch server for a replay. */
export async function openReplayServer(
  settings: ScratchSettings,
  options: {
    templates: boolean;
    cacheDir?: string | undefined;
    progress?: ((text: string) => void) | undefined;
    signal?: AbortSignal | undefined;
  },
): Promise<{ replay: ReplayServer; scratch: ScratchServer }> {
  const config =
    settings.kind === "url"
      ? { kind: "url" as const, url: settings.url }
      : {
          kind: "embedded" as const,
          major: settings.major as 14,
          ...(settings.idleSeconds ? { idleSeconds: settings.idleSeconds } : {}),
          ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        };
  const scratch = await openScratchServer(config, {
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const replay: ReplayServer = {
    keepsTemplates: options.templates && scratch.kind === "embedded",
    createDatabase: (template) => createScratchDatabase(scratch, { prefix: "pgvc_check", ...(template ? { template } : {}) }),
    keepAsTemplate: (db, name) => keepAsTemplate(scratch, db, name),
    adoptAsTemplate: (db, name) => adoptAsTemplate(scratch, db, name),
    listTemplates: () => listTemplates(scratch, templatePrefix),
    dropTemplate: (name) => dropTemplate(scratch, name),
    close: () => scratch.close(),
  };
  return { replay, scratch };
}

/**
 * Rename a scratch database that is done with into a template: the state
 * a check just built is kept without copying it (a copy of a 500-table
 * database costs more than the rest of a one-migration check). A crash
 * between the rename and IS_TEMPLATE leaves a database that is not listed
 * as a template, so never used; its name still stands for its content.
 */
async function adoptAsTemplate(scratch: ScratchServer, db: ScratchDatabaseHandle, name: string): Promise<boolean> {
  if (scratch.kind !== "embedded") return false;
  const session = await connect(resolveConnection({ dbname: scratch.url }));
  try {
    await session.query(
      "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE datname = $1 AND pid <> pg_catalog.pg_backend_pid() ORDER BY pid",
      [db.name],
    );
    try {
      await session.query(`ALTER DATABASE ${quoteIdent(db.name)} RENAME TO ${quoteIdent(name)}`);
    } catch (error) {
      if (error instanceof DatabaseError && error.sqlstate === "42P04") return false;
      throw error;
    }
    await session.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true`);
    await session.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral("pgvc scratch template")}`);
    return true;
  } finally {
    await session.close();
  }
}
