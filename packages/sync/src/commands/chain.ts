import type { PgvcConfig } from "../config/types.js";
import type { RepoFiles } from "../git/files.js";
import { chainKeys } from "../replay/keys.js";
import { replay } from "../replay/replay.js";
import { openReplayServer, serverIdentity } from "../replay/server.js";
import { buildSteps } from "../replay/steps.js";
import { TemplateRegistry } from "../replay/templates.js";
import type { ScratchDatabaseHandle } from "../replay/types.js";

export interface ChainOptions {
  /** The sync cache folder (templates' registry). */
  cacheDir: string;
  noCache?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((text: string) => void) | undefined;
}

/**
 * A scratch database holding what the working tree's migrations build,
 * from the longest cached template on: for a caller that goes on to work
 * in it (`pgvc migration new`). `close` drops it and releases the server.
 */
export async function openChain(
  config: PgvcConfig,
  files: RepoFiles,
  options: ChainOptions,
): Promise<{ db: ScratchDatabaseHandle; close(): Promise<void> }> {
  const steps = await buildSteps(config, files, { commandRoot: async () => config.root });
  const opened = await openReplayServer(config.scratch, {
    templates: options.noCache !== true,
    progress: options.onProgress,
    signal: options.signal,
  });
  try {
    const identity = await serverIdentity(config.scratch, async () => opened.scratch.serverVersionNum);
    const keys = chainKeys(
      config,
      identity,
      steps.map((s) => s.contentHash),
    );
    const registry = options.noCache ? undefined : new TemplateRegistry(options.cacheDir, identity);
    const { db } = await replay(steps, keys, { server: opened.replay, registry, signal: options.signal, onProgress: options.onProgress });
    return {
      db,
      close: async () => {
        await db.drop().catch(() => undefined);
        await opened.replay.close();
      },
    };
  } catch (error) {
    await opened.replay.close().catch(() => undefined);
    throw error;
  }
}
