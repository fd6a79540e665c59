import { createHash, randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { DatabaseError, UsageError, quoteIdent, quoteLiteral, type Session } from "@pgvc/core";
import { dropDatabase, track, untrack } from "./cleanup.js";
import { stateOf, type ScratchServer } from "./server.js";
import { copyStrategy, onServer, terminateSessions, withDatabaseName } from "./session.js";
import { pidAlive } from "./user.js";

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** A template database to copy (default: an empty database from template0). */
  template?: string;
  /** The start of the name (default `pgvc_scratch`): lower-case letters, digits and underscores. */
  prefix?: string;
}

/** Six hex digits naming this host in database names, so that a sweep only judges its own host's processes. */
const hostTag = createHash("sha256").update(hostname()).digest("hex").slice(0, 6);
/** `<prefix>_h<host>_p<pid>_<random>`: who made it is in the name from the first instant. */
const ownedName = /_h([0-9a-f]{6})_p(\d+)_[0-9a-f]{6}$/;

function scratchName(prefix: string): string {
  if (!/^[a-z_][a-z0-9_]{0,31}$/.test(prefix)) {
    throw new UsageError(`invalid scratch database prefix ${JSON.stringify(prefix)}`, {
      hints: ["expected up to 32 lower-case letters, digits and underscores, starting with a letter, e.g. pgvc_check"],
    });
  }
  return `${prefix}_h${hostTag}_p${process.pid}_${randomBytes(3).toString("hex")}`;
}

/** Drop the scratch databases whose process, on this host, is gone (a run killed outright), those this user may drop. */
export async function sweepAbandonedDatabases(session: Session): Promise<string[]> {
  const { rows } = await session.query<{ datname: string }>(
    "SELECT datname FROM pg_catalog.pg_database WHERE NOT datistemplate AND datname ~ $1 ORDER BY datname",
    [ownedName.source],
  );
  const abandoned = rows
    .map((row) => row.datname)
    .filter((name) => {
      const [, host, pid] = ownedName.exec(name) ?? [];
      return host === hostTag && !pidAlive(Number(pid));
    });
  const dropped: string[] = [];
  for (const name of abandoned) {
    try {
      await session.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      dropped.push(name);
    } catch {
      // Another user's leftover on a shared server: theirs to sweep, not a reason to fail this run.
    }
  }
  return dropped;
}

/** A uniquely named new database (from template0, or from `template`), dropped on exit/SIGINT/SIGTERM if still there. */
export async function createScratchDatabase(server: ScratchServer, options: ScratchDatabaseOptions = {}): Promise<ScratchDatabase> {
  const state = stateOf(server);
  const name = scratchName(options.prefix ?? "pgvc_scratch");
  const template = options.template ?? "template0";
  // Tracked before it exists, so that an interruption during CREATE DATABASE still drops it.
  track(name, state.connection);
  state.databases.add(name);
  const forget = () => {
    untrack(name);
    state.databases.delete(name);
  };
  try {
    await onServer(state.connection, async (session) => {
      if (options.template !== undefined) await terminateSessions(session, template);
      await session.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}${copyStrategy(server.serverVersionNum)}`);
      const note = `pgvc scratch database of process ${process.pid} on ${hostname()}; dropped when it ends`;
      await session.query(`COMMENT ON DATABASE ${quoteIdent(name)} IS ${quoteLiteral(note)}`);
    });
  } catch (error) {
    await dropDatabase(state.connection, name).catch(() => undefined);
    forget();
    if (error instanceof DatabaseError && error.sqlstate === "42501") {
      error.hints.push(
        `the scratch server's user must be allowed to create databases (ALTER ROLE ${quoteIdent(state.connection.user)} CREATEDB)`,
      );
    }
    throw error;
  }
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= dropDatabase(state.connection, name).then(forget, (error: unknown) => {
      dropped = undefined;
      throw error;
    }));
  return { name, url: withDatabaseName(server.url, name), drop };
}
