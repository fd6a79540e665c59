import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Prefixes of the temporary folders a check makes; the process id follows, so a later run can tell an orphan. */
const prefixes = ["pgvc-index-", "pgvc-tree-"];

/** A new temporary folder `<prefix><pid>-<random>`. */
export function temporaryFolder(prefix: (typeof prefixes)[number]): Promise<string> {
  return mkdtemp(join(tmpdir(), `${prefix}${process.pid}-`));
}

/**
 * Remove the temporary folders of checks that were killed outright
 * (SIGKILL leaves no chance to clean up): those whose process is gone.
 */
export async function sweepTemporaryFolders(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    const pid = prefix === undefined ? NaN : Number(name.slice(prefix.length).split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid))
      await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
