import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ReplayServer } from "./types.js";

/** How many template databases a server keeps: the newest used (two per chain: its last two steps). */
export const keptTemplates = 8;

/**
 * When each template was last used, in a small JSON file next to the
 * model cache, so that the oldest can be dropped and the cache does not
 * grow forever. A lost update (two checks writing at once) only makes a
 * template look older than it is.
 */
export class TemplateRegistry {
  /** A file-name-safe form of the server's identity. */
  private readonly server: string;

  constructor(
    private readonly dir: string,
    identity: string,
  ) {
    this.server = identity.replace(/[^A-Za-z0-9.-]+/g, "_");
  }

  private get file(): string {
    return join(this.dir, `templates-${this.server}.json`);
  }

  async touch(names: readonly string[]): Promise<void> {
    const used = await this.read();
    const now = Date.now();
    for (const name of names) used[name] = now;
    await this.write(used);
  }

  /** Drop the templates beyond the newest `keptTemplates`, and forget those the server no longer has. */
  async evict(server: ReplayServer): Promise<string[]> {
    const used = await this.read();
    const present = new Set(await server.listTemplates());
    const known = Object.entries(used)
      .filter(([name]) => present.has(name))
      .sort((a, b) => b[1] - a[1]);
    const dropped: string[] = [];
    for (const [name] of known.slice(keptTemplates)) {
      await server.dropTemplate(name).then(
        () => dropped.push(name),
        () => undefined,
      );
    }
    await this.write(Object.fromEntries(known.slice(0, keptTemplates)));
    return dropped;
  }

  private async read(): Promise<Record<string, number>> {
    try {
      const value: unknown = JSON.parse(await readFile(this.file, "utf8"));
      if (value && typeof value === "object" && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === "number"));
      }
    } catch {
      // Missing or damaged: start over (the templates themselves are verified by name).
    }
    return {};
  }

  private async write(used: Record<string, number>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temporary, JSON.stringify(used));
      await rename(temporary, this.file);
    } finally {
      await rm(temporary, { force: true });
    }
  }
}
