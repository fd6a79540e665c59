import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** How many verdicts are kept (the newest). */
const keptVerdicts = 200;

/**
 * "These migrations and this schema file agree", remembered by a key made
 * of the model's key and the schema file's content: a check that changes
 * neither answers without reading the YAML or the model. The file holds
 * its own key, so a damaged or misplaced one is not taken.
 */
export class VerdictCache {
  constructor(readonly dir: string) {}

  async inSync(key: string): Promise<boolean> {
    const text = await readFile(join(this.dir, key), "utf8").catch(() => undefined);
    return text === key;
  }

  async remember(key: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const temporary = join(this.dir, `.${key}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    try {
      await writeFile(temporary, key);
      await rename(temporary, join(this.dir, key));
    } finally {
      await rm(temporary, { force: true });
    }
    await this.evict();
  }

  private async evict(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    if (names.length <= keptVerdicts) return;
    const dated = await Promise.all(
      names.map(async (name) => ({ name, at: (await stat(join(this.dir, name)).catch(() => undefined))?.mtimeMs ?? 0 })),
    );
    dated.sort((a, b) => b.at - a.at);
    for (const { name } of dated.slice(keptVerdicts)) await rm(join(this.dir, name), { force: true });
  }
}
