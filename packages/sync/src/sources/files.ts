import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FileSource } from "./types.js";

/** Folders never read for migrations: git's own, and installed packages. */
const SKIPPED = new Set([".git", "node_modules"]);

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(join(root, ...dir.split("/")), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) await walk(root, path, out);
    } else if (entry.isFile() || entry.isSymbolicLink()) out.push(path);
  }
}

/** The working tree under `root` (.git and node_modules folders left out). */
export function workingTreeFiles(root: string): FileSource {
  return {
    async list(dir) {
      const out: string[] = [];
      await walk(root, dir.replace(/^\.\/?/, "").replace(/\/+$/, ""), out);
      return out.sort();
    },
    read: (path) => readFile(join(root, ...path.split("/")), "utf8"),
  };
}
