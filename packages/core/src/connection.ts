import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { readPgpass } from "./pgpass.js";
import { UsageError } from "./errors.js";

/** What a user gives on the command line, psql style. */
export interface ConnectionOptions {
  /** A database name, or a `postgres://` URI. */
  dbname?: string | undefined;
  host?: string | undefined;
  port?: string | number | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

export type SslMode = "disable" | "allow" | "prefer" | "require" | "verify-ca" | "verify-full";

/** A fully resolved connection: every field decided, ready for the driver. */
export interface ResolvedConnection {
  host: string;
  port: number;
  user: string;
  database: string;
  password: string | undefined;
  sslmode: SslMode;
  applicationName: string;
  connectTimeoutSeconds: number | undefined;
}

const sslModes: readonly SslMode[] = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];
const socketDirs = ["/var/run/postgresql", "/tmp"];

export function isConnectionUri(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

interface UriParts {
  host?: string;
  port?: string;
  user?: string;
  password?: string;
  database?: string;
  sslmode?: string;
}

/** Parse `postgres://user:pass@host:port/db?sslmode=...&host=/socket/dir`. */
export function parseConnectionUri(uri: string): UriParts {
  let url: URL;
  try {
    url = new URL(uri);
  } catch (cause) {
    throw new UsageError(`not a valid connection URI: ${uri.replace(/:[^:@/]*@/, ":****@")}`, {
      cause,
      hints: ["expected postgres://[user[:password]@][host][:port][/dbname][?param=value]"],
    });
  }
  const parts: UriParts = {};
  const set = (key: keyof UriParts, value: string | null | undefined) => {
    if (value) parts[key] = value;
  };
  const decode = (part: string, what: string) => {
    try {
      return decodeURIComponent(part);
    } catch (cause) {
      throw new UsageError(`not a valid connection URI: the ${what} has a bad %-escape`, {
        cause,
        hints: ["a % in a URI starts an escape of two hex digits: write %25 for a literal %, e.g. postgres://me:p%25ss@host/db"],
      });
    }
  };
  set("host", decode(url.hostname.replace(/^\[|\]$/g, ""), "host"));
  set("port", url.port);
  set("user", decode(url.username, "user name"));
  set("password", decode(url.password, "password"));
  set("database", decode(url.pathname.replace(/^\//, ""), "database name"));
  for (const [key, value] of url.searchParams) {
    if (key === "host" || key === "port" || key === "user" || key === "password" || key === "sslmode") {
      set(key, value);
    } else if (key === "dbname") {
      set("database", value);
    }
  }
  return parts;
}

function defaultHost(port: number): string {
  const dir = socketDirs.find((d) => existsSync(`${d}/.s.PGSQL.${port}`));
  return dir ?? "localhost";
}

function parsePort(value: string | number, source: string): number {
  const port = typeof value === "number" ? value : Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`invalid port ${JSON.stringify(String(value))} from ${source}`, {
      hints: ["expected a whole number from 1 to 65535, e.g. 5432"],
    });
  }
  return port;
}

function parseSslMode(value: string): SslMode {
  if ((sslModes as readonly string[]).includes(value)) return value as SslMode;
  throw new UsageError(`invalid sslmode ${JSON.stringify(value)}`, {
    hints: [`expected one of ${sslModes.join(", ")}`],
  });
}

/**
 * Decide every connection parameter the way psql does: command-line flags
 * first, then the parts of a URI given as the database name, then the libpq
 * environment variables, then libpq's defaults (Unix socket when one exists,
 * the OS user name, a database named like the user). The password comes last
 * from ~/.pgpass (or PGPASSFILE).
 */
export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): ResolvedConnection {
  const uri = options.dbname && isConnectionUri(options.dbname) ? parseConnectionUri(options.dbname) : {};
  const plainDbname = options.dbname && !isConnectionUri(options.dbname) ? options.dbname : undefined;
  const pick = (...values: (string | number | undefined)[]) => values.find((v) => v !== undefined && v !== "");

  const portValue = pick(options.port, uri.port, env.PGPORT) ?? 5432;
  const port = parsePort(portValue, options.port !== undefined ? "--port" : uri.port ? "the URI" : "PGPORT");
  const host = String(pick(options.host, uri.host, env.PGHOST) ?? defaultHost(port));
  const user = String(pick(options.username, uri.user, env.PGUSER) ?? userInfo().username);
  const database = String(pick(plainDbname, uri.database, env.PGDATABASE) ?? user);
  const sslmode = parseSslMode(String(pick(uri.sslmode, env.PGSSLMODE) ?? "prefer"));
  const explicitPassword = pick(options.password, uri.password, env.PGPASSWORD);
  const password = explicitPassword !== undefined ? String(explicitPassword) : readPgpass({ host, port, database, user }, env);
  const timeout = env.PGCONNECT_TIMEOUT ? Number(env.PGCONNECT_TIMEOUT) : undefined;
  return {
    host,
    port,
    user,
    database,
    password,
    sslmode,
    applicationName: env.PGAPPNAME ?? "pgvc",
    connectTimeoutSeconds: timeout !== undefined && Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
  };
}

/** `user@host:port/database`, never with the password: for messages. */
export function describeConnection(conn: ResolvedConnection): string {
  return `${conn.user}@${conn.host}:${conn.port}/${conn.database}`;
}

/** The same connection to another database on the server. */
export function withDatabase(conn: ResolvedConnection, database: string): ResolvedConnection {
  return { ...conn, database };
}

/**
 * Environment for libpq programs (pg_dump, pg_restore, psql) that reach the
 * same server, so the password never shows on a command line.
 */
export function libpqEnvironment(conn: ResolvedConnection, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    PGHOST: conn.host,
    PGPORT: String(conn.port),
    PGUSER: conn.user,
    PGDATABASE: conn.database,
    PGSSLMODE: conn.sslmode,
    PGAPPNAME: conn.applicationName,
  };
  if (conn.password !== undefined) env.PGPASSWORD = conn.password;
  else delete env.PGPASSWORD;
  return env;
}

/**
 * libpq's `prefer` and `allow` fall back to plain text when the server has no
 * TLS; node-postgres cannot, so they connect without TLS, the common case.
 */
export function driverSsl(mode: SslMode): false | { rejectUnauthorized: boolean } {
  switch (mode) {
    case "disable":
    case "allow":
    case "prefer":
      return false;
    case "require":
      return { rejectUnauthorized: false };
    case "verify-ca":
    case "verify-full":
      return { rejectUnauthorized: true };
  }
}
