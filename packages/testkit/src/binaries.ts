import { accessSync, constants, cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { tmpdir } from "node:os";

export const supportedVersions = [14, 15, 16, 17, 18] as const;
export type PgMajor = (typeof supportedVersions)[number];

const require = createRequire(import.meta.url);

export function parseMajor(value: string | number | undefined, fallback: PgMajor = 15): PgMajor {
  if (value === undefined || value === "") return fallback;
  const major = Number(value);
  if ((supportedVersions as readonly number[]).includes(major)) return major as PgMajor;
  throw new Error(`unsupported PostgreSQL major version ${JSON.stringify(value)}: expected one of ${supportedVersions.join(", ")}`);
}

/**
 * The binary packages ship their shared-library links as a list that a
 * postinstall script turns into symlinks; package managers that skip install
 * scripts leave them out, so make any missing ones here.
 */
function hydrateSymlinks(packageDir: string): void {
  const listFile = join(packageDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(relative(dirname(target), source), linkPath);
    } catch {
      // read-only install or a concurrent run made it: the check below will tell
    }
  }
}

function readableByOthers(path: string): boolean {
  // Every folder up to the root must be searchable by the unprivileged server user.
  let dir = path;
  while (dir !== dirname(dir)) {
    try {
      accessSync(dir, constants.R_OK);
    } catch {
      return false;
    }
    if ((statSync(dir).mode & 0o001) === 0) return false;
    dir = dirname(dir);
  }
  return true;
}

/**
 * The folder holding bin/, lib/ and share/ for a major version. When the
 * install is not reachable by an unprivileged user (a checkout under /root),
 * the binaries are copied once to a shared temporary folder.
 */
export function binaryRoot(major: PgMajor, mustBeWorldReadable: boolean): string {
  // The package exports only its entry point (dist/index.js); its root is one up.
  const packageDir = dirname(dirname(require.resolve(`embedded-pg${major}`)));
  const packageJson = join(packageDir, "package.json");
  hydrateSymlinks(packageDir);
  const native = join(packageDir, "native");
  if (!mustBeWorldReadable || readableByOthers(native)) return native;
  const version = (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
  const copy = join(tmpdir(), `pgvc-embedded-${version}`);
  if (!existsSync(join(copy, "bin", "postgres"))) {
    mkdirSync(copy, { recursive: true, mode: 0o755 });
    cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  }
  return copy;
}
