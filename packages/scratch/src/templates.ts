import { DatabaseError, UsageError, quoteIdent, quoteLiteral } from "@pgvc/core";
import type { ScratchDatabase } from "./databases.js";
import { stateOf, type ScratchServer } from "./server.js";
import { copyStrategy, onServer, terminateSessions } from "./session.js";

function checkTemplateName(name: string): void {
  if (name === "template0" || name === "template1" || name === "postgres" || name.length === 0 || Buffer.byteLength(name) > 63) {
    throw new UsageError(`cannot use ${JSON.stringify(name)} as a scratch template name`, {
      hints: ["expected a name of 1 to 63 bytes other than template0, template1 and postgres, e.g. pgvc_tpl_3f2a9c"],
    });
  }
}

/**
 * Keep a scratch database as a named template for later CREATE DATABASE ...
 * TEMPLATE (embedded only; url mode keeps nothing). The scratch database
 * stays; its other sessions are ended, as the copy needs it alone. A template
 * of that name already there is kept: a name stands for one content.
 */
export async function keepAsTemplate(server: ScratchServer, database: ScratchDatabase, templateName: string): Promise<void> {
  if (server.kind === "url") return;
  checkTemplateName(templateName);
  const tpl = quoteIdent(templateName);
  await onServer(stateOf(server).connection, async (session) => {
    await terminateSessions(session, database.name);
    try {
      await session.query(`CREATE DATABASE ${tpl} TEMPLATE ${quoteIdent(database.name)}${copyStrategy(server.serverVersionNum)}`);
    } catch (error) {
      // 42P04: it exists; 23505: another process made it at the same moment.
      if (!(error instanceof DatabaseError && (error.sqlstate === "42P04" || error.sqlstate === "23505"))) throw error;
    }
    await session.query(`ALTER DATABASE ${tpl} WITH IS_TEMPLATE true`);
    await session.query(`COMMENT ON DATABASE ${tpl} IS ${quoteLiteral("pgvc scratch template")}`);
  });
}

/** The kept templates whose names start with `prefix`, sorted (none in url mode). */
export async function listTemplates(server: ScratchServer, prefix: string): Promise<string[]> {
  if (server.kind === "url") return [];
  return onServer(stateOf(server).connection, async (session) => {
    const { rows } = await session.query<{ datname: string }>(
      "SELECT datname FROM pg_catalog.pg_database WHERE datistemplate AND pg_catalog.starts_with(datname, $1) AND datname NOT IN ('template0', 'template1') ORDER BY datname",
      [prefix],
    );
    return rows.map((row) => row.datname);
  });
}

/** Drop a kept template; one that is not there is not an error. */
export async function dropTemplate(server: ScratchServer, name: string): Promise<void> {
  if (server.kind === "url") return;
  checkTemplateName(name);
  await onServer(stateOf(server).connection, async (session) => {
    const { rows } = await session.query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name]);
    if (rows.length === 0) return;
    await session.query(`ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE false`);
    await session.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}
