import { createHash } from "node:crypto";
import type { IntrospectSettings, PgvcConfig, SourceConfig } from "../config/types.js";

/** Bumped when what a cache entry means changes, so older entries are never read as new ones. */
export const cacheFormat = "pgvc-sync-1";

export function sha256(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest("hex");
}

/** The parts of the configuration that change what a replay builds. */
function replayRelevant(sources: readonly SourceConfig[]): string {
  return JSON.stringify(
    sources.map((s) => (s.kind === "sql" ? { sql: s.dir, layout: s.layout ?? null } : { command: s.command, cwd: s.cwd })),
  );
}

/**
 * The key of each step of the chain: key K covers the server, the
 * configuration's replay-relevant parts and every step up to K, so an
 * edited or removed step K changes the keys of K and everything after.
 * Index 0 is the empty database.
 */
export function chainKeys(config: Pick<PgvcConfig, "migrations">, server: string, stepHashes: readonly string[]): string[] {
  const keys = [sha256(cacheFormat, server, replayRelevant(config.migrations))];
  for (const hash of stepHashes) keys.push(sha256(keys[keys.length - 1] as string, hash));
  return keys;
}

/** The key of the model read from the database at `chainKey`, with these introspection options. */
export function modelKey(chainKey: string, introspect: IntrospectSettings): string {
  return sha256(chainKey, JSON.stringify(introspect));
}

/** The template database that holds the state at `chainKey`. */
export function templateName(chainKey: string): string {
  return `pgvc_tpl_${chainKey.slice(0, 32)}`;
}
