import { connect, DatabaseError, ToolError, withDatabase, type ResolvedConnection, type Session } from "@pgvc/core";
import { pgBinVariable, type Tool } from "./tools.js";

/** The databases to connect to while the target is renamed: never the target itself. */
const maintenanceDatabases = ["postgres", "template1"];

/**
 * A session on the server's maintenance database (`postgres`, else
 * `template1`), so that the database being replaced has no connection of ours.
 */
export async function connectMaintenance(conn: ResolvedConnection, avoid: string): Promise<Session> {
  let lastError: unknown;
  for (const name of maintenanceDatabases.filter((n) => n !== avoid)) {
    try {
      return await connect(withDatabase(conn, name));
    } catch (error) {
      lastError = error;
    }
  }
  throw new DatabaseError(
    `could not connect to a maintenance database (${maintenanceDatabases.join(" or ")}) on ${conn.host}:${conn.port}`,
    {
      cause: lastError,
      hints: [
        "restore renames databases, so it works from another database of the same server",
        lastError instanceof Error ? lastError.message : String(lastError),
      ],
    },
  );
}

/** `160004` → 16; `90624` → 9.6 */
export function serverMajor(versionNum: number): number {
  return versionNum >= 100000 ? Math.floor(versionNum / 10000) : Math.floor(versionNum / 10000) + (Math.floor(versionNum / 100) % 100) / 10;
}

/**
 * pg_dump refuses servers newer than itself (it cannot know their catalogs);
 * say so before starting, with the version that is needed.
 */
export function assertCanDump(pgDump: Tool, serverVersionNum: number, conn: ResolvedConnection): void {
  const major = serverMajor(serverVersionNum);
  if (pgDump.major >= major) return;
  throw new ToolError(
    `pg_dump ${pgDump.version} (${pgDump.path}) cannot back up the PostgreSQL ${major} server at ${conn.host}:${conn.port}: ` +
      `pg_dump ${major} or newer is needed`,
    {
      hints: [
        `install the PostgreSQL ${major} client programs (Debian/Ubuntu: apt-get install postgresql-client-${major})`,
        `then run again, or set ${pgBinVariable} to their folder, e.g. ${pgBinVariable}=/usr/lib/postgresql/${major}/bin`,
      ],
    },
  );
}

/** The target's properties that a replacement must keep. */
export interface DatabaseInfo {
  name: string;
  owner: string;
  encoding: string;
  collate: string;
  ctype: string;
  /** `c` libc, `i` ICU, `b` builtin (17+); undefined before 15, where only libc exists. */
  localeProvider: string | undefined;
  /** The ICU or builtin locale, when the provider is not libc. */
  locale: string | undefined;
}

/** Catalog columns that differ by server version (keyed by the first version with them). */
const localeColumns: { since: number; provider: string; locale: string }[] = [
  { since: 170000, provider: "d.datlocprovider::text", locale: "d.datlocale" },
  { since: 150000, provider: "d.datlocprovider::text", locale: "d.daticulocale" },
  { since: 0, provider: "NULL::text", locale: "NULL::text" },
];

export async function databaseInfo(session: Session, name: string): Promise<DatabaseInfo | undefined> {
  const columns = localeColumns.find((c) => session.serverVersionNum >= c.since)!;
  const { rows } = await session.query<{
    owner: string;
    encoding: string;
    collate: string;
    ctype: string;
    provider: string | null;
    locale: string | null;
  }>(
    `SELECT r.rolname AS owner, pg_catalog.pg_encoding_to_char(d.encoding) AS encoding,
            d.datcollate AS collate, d.datctype AS ctype,
            ${columns.provider} AS provider, ${columns.locale} AS locale
       FROM pg_catalog.pg_database d JOIN pg_catalog.pg_roles r ON r.oid = d.datdba
      WHERE d.datname = $1
      ORDER BY d.oid`,
    [name],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    name,
    owner: row.owner,
    encoding: row.encoding,
    collate: row.collate,
    ctype: row.ctype,
    localeProvider: row.provider ?? undefined,
    locale: row.locale ?? undefined,
  };
}

export async function databaseExists(session: Session, name: string): Promise<boolean> {
  const { rows } = await session.query("SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1", [name]);
  return rows.length > 0;
}

export async function roleExists(session: Session, name: string): Promise<boolean> {
  const { rows } = await session.query("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1", [name]);
  return rows.length > 0;
}
