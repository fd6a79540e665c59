import { DatabaseError, UsageError, isConnectionUri, redactConnectionString } from "@pgvc/core";
import { sweepAbandonedDatabases } from "./databases.js";
import { dropDatabase } from "./cleanup.js";
import { registerServer, type OpenOptions, type ScratchServer, type ServerState } from "./server.js";
import { connectionOf, onServer } from "./session.js";

/** Close a server: drop what this process still has on it. */
export function closer(state: ServerState, release: () => Promise<void> = async () => undefined): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () =>
    (closed ??= (async () => {
      await Promise.allSettled([...state.databases].map((name) => dropDatabase(state.connection, name)));
      state.databases.clear();
      await release();
    })());
}

/**
 * An existing server named by a postgres:// URL. Scratch databases made on it
 * are uniquely named and always dropped; opening it drops what runs killed
 * outright on this host left behind.
 */
export async function openUrlServer(url: string, options: OpenOptions = {}): Promise<ScratchServer> {
  if (!isConnectionUri(url)) {
    throw new UsageError(`scratch server ${JSON.stringify(redactConnectionString(url))} is not a postgres:// URL`, {
      hints: ["expected postgres://[user[:password]@]host[:port]/database, e.g. postgres://ci@localhost:5432/postgres"],
    });
  }
  options.signal?.throwIfAborted();
  const connection = connectionOf(url, options.env);
  const serverVersionNum = await onServer(connection, async (session) => {
    await sweepAbandonedDatabases(session);
    return session.serverVersionNum;
  }).catch((error: unknown) => {
    if (error instanceof DatabaseError) {
      error.hints.push(`that is the scratch server given by URL; a password it leaves out comes from PGPASSWORD or ~/.pgpass, as in psql`);
    }
    throw error;
  });
  const state: ServerState = { connection, databases: new Set() };
  const server: ScratchServer = {
    kind: "url",
    url,
    major: Math.floor(serverVersionNum / 10000),
    serverVersionNum,
    close: closer(state),
  };
  return registerServer(server, state);
}
