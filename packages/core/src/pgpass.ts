import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface PgpassQuery {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Split one .pgpass line on unescaped colons, undoing `\:` and `\\`. */
function splitPgpassLine(line: string): string[] {
  const fields: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && i + 1 < line.length) {
      current += line[++i];
    } else if (ch === ":") {
      fields.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

/**
 * libpq matches a Unix-socket connection against the host `localhost` too.
 */
function hostMatches(pattern: string, host: string): boolean {
  if (pattern === "*" || pattern === host) return true;
  return pattern === "localhost" && host.startsWith("/");
}

/** Find the password for a connection in .pgpass text, first matching line wins. */
export function lookupPgpass(text: string, query: PgpassQuery): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    const fields = splitPgpassLine(raw);
    if (fields.length < 5) continue;
    const [host, port, database, user, ...rest] = fields as [string, string, string, string, ...string[]];
    if (!hostMatches(host, query.host)) continue;
    if (port !== "*" && port !== String(query.port)) continue;
    if (database !== "*" && database !== query.database) continue;
    if (user !== "*" && user !== query.user) continue;
    return rest.join(":");
  }
  return undefined;
}

/**
 * Read the password file as libpq does: PGPASSFILE or ~/.pgpass, ignored when
 * it is missing or readable by group or others.
 */
export function readPgpass(query: PgpassQuery, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.PGPASSFILE ?? join(env.HOME ?? homedir(), ".pgpass");
  try {
    const mode = statSync(file).mode;
    if ((mode & 0o077) !== 0) return undefined;
    return lookupPgpass(readFileSync(file, "utf8"), query);
  } catch {
    return undefined;
  }
}
