import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Database } from "@pgvc/model";
import { sha256 } from "./keys.js";

/** How many models the cache keeps (the newest used). */
const keptModels = 40;

interface Entry {
  key: string;
  hash: string;
  model: string;
}

/**
 * Introspected models by key, as files in `dir`. An entry carries its key
 * and a hash of its content; one that does not match is removed, never
 * used. Writes go to a temporary file renamed into place, so two checks
 * at once never see half a file.
 */
export class ModelCache {
  constructor(readonly dir: string) {}

  async get(key: string): Promise<Database | undefined> {
    const path = this.path(key);
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const entry = JSON.parse(text) as Entry;
      if (entry.key === key && typeof entry.model === "string" && sha256(entry.model) === entry.hash) {
        const now = new Date();
        await utimes(path, now, now).catch(() => undefined);
        return JSON.parse(entry.model) as Database;
      }
    } catch {
      // Not JSON: treated as a damaged entry below.
    }
    await rm(path, { force: true });
    return undefined;
  }

  async put(key: string, model: Database): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const text = JSON.stringify(model);
    const entry: Entry = { key, hash: sha256(text), model: text };
    const temporary = join(this.dir, `.${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, this.path(key));
    } finally {
      await rm(temporary, { force: true });
    }
    await this.evict();
  }

  /** Remove all but the newest entries, and temporary files a killed run left (older than a minute). */
  private async evict(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const entries = await Promise.all(names.map(async (name) => ({ name, info: await stat(join(this.dir, name)).catch(() => undefined) })));
    const now = Date.now();
    const models = entries
      .filter((e) => e.info && e.name.endsWith(".json"))
      .sort((a, b) => (b.info?.mtimeMs ?? 0) - (a.info?.mtimeMs ?? 0));
    const stale = entries.filter((e) => e.name.endsWith(".tmp") && now - (e.info?.mtimeMs ?? now) > 60_000);
    for (const e of [...models.slice(keptModels), ...stale]) await rm(join(this.dir, e.name), { force: true });
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}
