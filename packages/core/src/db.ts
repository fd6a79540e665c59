import pg from "pg";
import { DatabaseError } from "./errors.js";
import { describeConnection, driverSsl, type ResolvedConnection } from "./connection.js";

/** The least a reader of the catalog needs: run one statement, get rows. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

/** An open connection; `close` and `abort` are safe to call twice. */
export interface Session extends Queryable {
  readonly connection: ResolvedConnection;
  readonly serverVersionNum: number;
  close(): Promise<void>;
  /**
   * Drop the connection at once, without waiting for a statement that is
   * running: the statement fails, and the server rolls back the open
   * transaction when it finds the connection gone. For a read the caller
   * no longer needs.
   */
  abort(): void;
}

interface PgErrorFields {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
  position?: string;
}

/** Five digits or upper-case letters; no class of SQLSTATE starts with E, every errno name does. */
function isSqlstate(code: string): boolean {
  return /^[0-9A-DF-Z][0-9A-Z]{4}$/.test(code);
}

function socketHints(code: string): string[] {
  if (code === "ECONNREFUSED") return ["is the server running on that host, and accepting TCP/IP connections on that port?"];
  if (code === "ENOENT") return ["is the server running locally, with its Unix socket in that directory?"];
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return ["the host name does not resolve"];
  if (code === "ETIMEDOUT") return ["the server did not answer in time"];
  return [];
}

/** Turn a driver error into a DatabaseError that carries SQLSTATE and statement. */
export function toDatabaseError(error: unknown, statement?: string, context?: string): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const fields = (error ?? {}) as PgErrorFields;
  const hints: string[] = [];
  if (fields.detail) hints.push(`detail: ${fields.detail}`);
  if (fields.hint) hints.push(`hint: ${fields.hint}`);
  if (fields.code === "53200" && /max_locks_per_transaction/.test(fields.hint ?? fields.message)) {
    hints.push(
      "the change holds more locks than one transaction may: raise max_locks_per_transaction " +
        "(ALTER SYSTEM SET max_locks_per_transaction = 1024; then restart the server) or split the change",
    );
  }
  const prefix = context ? `${context}: ` : "";
  // The driver's socket errors carry errno names (ECONNREFUSED) in `code`: those are no SQLSTATE.
  const sqlstate = fields.code !== undefined && isSqlstate(fields.code) ? fields.code : undefined;
  const state = sqlstate ? ` (SQLSTATE ${sqlstate})` : "";
  if (!sqlstate && fields.code) hints.push(...socketHints(fields.code));
  return new DatabaseError(`${prefix}${fields.message ?? String(error)}${state}`, {
    ...(sqlstate ? { sqlstate } : {}),
    ...(statement ? { statement } : {}),
    cause: error,
    hints,
  });
}

/** Open a connection; a refused connection becomes a DatabaseError naming the target. */
export async function connect(conn: ResolvedConnection): Promise<Session> {
  const client = new pg.Client({
    host: conn.host,
    port: conn.port,
    user: conn.user,
    database: conn.database,
    ...(conn.password !== undefined ? { password: conn.password } : {}),
    ssl: driverSsl(conn.sslmode),
    application_name: conn.applicationName,
    ...(conn.connectTimeoutSeconds ? { connectionTimeoutMillis: conn.connectTimeoutSeconds * 1000 } : {}),
  });
  // A server that goes away mid-session must not crash the process from an event handler.
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw toDatabaseError(error, undefined, `could not connect to ${describeConnection(conn)}`);
  }
  let closed = false;
  const versionRows = await client.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version_num') AS v");
  return {
    connection: conn,
    serverVersionNum: Number(versionRows.rows[0]?.v),
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      try {
        const result = await client.query(text, params as unknown[] | undefined);
        return { rows: result.rows as R[] };
      } catch (error) {
        throw toDatabaseError(error, text);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
    abort() {
      if (closed) return;
      closed = true;
      // client.end() would wait for the running statement's answer; the socket is closed instead
      // (the driver's socket, which pg 8 exposes; should a version not, end() is the fallback).
      const stream = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
      if (stream) stream.destroy();
      else void client.end().catch(() => undefined);
    },
  };
}

/** Run `work` with a session that is closed afterwards, whatever happens. */
export async function withSession<T>(conn: ResolvedConnection, work: (s: Session) => Promise<T>): Promise<T> {
  const session = await connect(conn);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
