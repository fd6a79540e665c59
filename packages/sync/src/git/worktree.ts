import { readdir, readFile, stat } from "node:fs/promises";
import { join, posix } from "node:path";
import type { RepoFiles } from "./files.js";

/** The working tree under `root` as RepoFiles. */
export function worktreeFiles(root: string): RepoFiles {
  const abs = (path: string) => join(root, ...path.split("/"));
  return {
    async list(dir) {
      const out: string[] = [];
      await walk(root, dir === "." ? "" : dir, out);
      return out.sort();
    },
    read: (path) => readFile(abs(path), "utf8"),
    async kind(path) {
      const info = await stat(abs(path)).catch(() => undefined);
      if (info === undefined) return undefined;
      return info.isDirectory() ? "directory" : "file";
    },
    describe: (path) => path,
    close: async () => undefined,
  };
}

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = dir === "" ? entry.name : posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== ".git" && entry.name !== "node_modules") await walk(root, path, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) out.push(path);
  }
}
