import type { ResolvedConnection } from "@pgvc/core";

export type ScratchConfig =
  { kind: "embedded"; major: 14 | 15 | 16 | 17 | 18; idleSeconds?: number; cacheDir?: string } | { kind: "url"; url: string };

export interface OpenOptions {
  /** One line per slow step ("starting PostgreSQL 16"), for a progress display. */
  progress?: (message: string) => void;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

/** A server to make scratch databases on. */
export interface ScratchServer {
  kind: "embedded" | "url";
  /** URI of the maintenance database. */
  url: string;
  major: number;
  serverVersionNum: number;
  /** Release this process's use; never stops a shared embedded server at once (its idle time does). */
  close(): Promise<void>;
}

/** What the functions of this package know about a server beyond its public fields. */
export interface ServerState {
  connection: ResolvedConnection;
  /** Scratch databases made through this server and not dropped yet. */
  databases: Set<string>;
}

const states = new WeakMap<ScratchServer, ServerState>();

export function registerServer(server: ScratchServer, state: ServerState): ScratchServer {
  states.set(server, state);
  return server;
}

export function stateOf(server: ScratchServer): ServerState {
  const state = states.get(server);
  if (!state) throw new TypeError("not a server from openScratchServer");
  return state;
}
