import { readFileSync } from "node:fs";
import { join } from "node:path";
import { binaryRoot, createScratchDatabase, dropTemplate, keepAsTemplate, listTemplates, openScratchServer, type ScratchServer } from "@pgvc/scratch";
import type { ScratchSettings } from "../config/types.js";
import type { ReplayServer } from "./types.js";

/** Template names start with this; nothing else on the server does. */
export const templatePrefix = "pgvc_tpl_";

/**
 * What names the server in cache keys, found without starting it where
 * possible: the embedded server's major version and binaries' release, or
 * a URL server's server_version_num (which needs a connection).
 */
export function embeddedIdentity(major: number): string {
  try {
    const version = (JSON.parse(readFileSync(join(binaryRoot(major as 14), "package.json"), "utf8")) as { version?: string }).version;
    return `embedded:${major}:${version ?? "?"}`;
  } catch {
    return `embedded:${major}`;
  }
}

/** Open the configured scratch server for a replay. */
export async function openReplayServer(
  settings: ScratchSettings,
  options: { templates: boolean; cacheDir?: string | undefined; progress?: ((text: string) => void) | undefined; signal?: AbortSignal | undefined },
): Promise<{ replay: ReplayServer; scratch: ScratchServer }> {
  const config =
    settings.kind === "url"
      ? { kind: "url" as const, url: settings.url }
      : { kind: "embedded" as const, major: settings.major as 14, ...(settings.idleSeconds ? { idleSeconds: settings.idleSeconds } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) };
  const scratch = await openScratchServer(config, { ...(options.progress ? { progress: options.progress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const replay: ReplayServer = {
    keepsTemplates: options.templates && scratch.kind === "embedded",
    createDatabase: (template) => createScratchDatabase(scratch, { prefix: "pgvc_check", ...(template ? { template } : {}) }),
    keepAsTemplate: (db, name) => keepAsTemplate(scratch, db, name),
    listTemplates: () => listTemplates(scratch, templatePrefix),
    dropTemplate: (name) => dropTemplate(scratch, name),
    close: () => scratch.close(),
  };
  return { replay, scratch };
}
