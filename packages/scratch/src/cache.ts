import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, posix, win32 } from "node:path";
import { ToolError } from "@pgvc/core";
import { traversableByOthers } from "./user.js";

export const cacheVariable = "PGVC_CACHE_DIR";
/** Where a cluster run by root lives: the `postgres` user it runs as cannot enter root's home. */
export const rootCacheDirectory = "/var/cache/pgvc";

/**
 * pgvc's folder in the user's cache: PGVC_CACHE_DIR when set, else
 * $XDG_CACHE_HOME/pgvc or ~/.cache/pgvc (Linux and others), ~/Library/Caches/pgvc
 * (macOS), %LOCALAPPDATA%\pgvc (Windows).
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const explicit = env[cacheVariable];
  if (explicit) return explicit;
  if (platform === "win32") {
    const local = env.LOCALAPPDATA || win32.join(env.USERPROFILE || homedir(), "AppData", "Local");
    return win32.join(local, "pgvc");
  }
  const home = env.HOME || homedir();
  if (platform === "darwin") return posix.join(home, "Library", "Caches", "pgvc");
  const xdg = env.XDG_CACHE_HOME;
  // The XDG specification ignores a relative path.
  return posix.join(xdg && posix.isAbsolute(xdg) ? xdg : posix.join(home, ".cache"), "pgvc");
}

function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

/**
 * The folder that holds the embedded clusters (and, as root, their binaries).
 * Normally the cache directory; as root, whose server runs as `postgres`,
 * a cache directory that user cannot reach is replaced by /var/cache/pgvc,
 * unless it was named explicitly, which is then an error.
 */
export function clusterBase(options: { cacheDir?: string; env?: NodeJS.ProcessEnv; asOtherUser: boolean }): string {
  const env = options.env ?? process.env;
  const named = options.cacheDir ?? env[cacheVariable];
  const base = named ?? cacheDirectory(env);
  if (!options.asOtherUser || traversableByOthers(nearestExisting(base))) return base;
  if (named === undefined) return rootCacheDirectory;
  throw new ToolError(`the scratch cache ${base} is not reachable by the 'postgres' user the server runs as under root`, {
    hints: [`every folder up to it must be searchable by others (chmod o+x), or leave ${cacheVariable} unset to use ${rootCacheDirectory}`],
  });
}
