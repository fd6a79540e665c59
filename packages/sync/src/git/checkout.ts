import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGit } from "./run.js";

/**
 * A temporary copy of git's index (what the next commit holds), for a
 * migration command that reads its files from a folder. `remove` deletes it.
 */
export async function checkoutIndex(root: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "pgvc-index-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await runGit(["checkout-index", "--all", `--prefix=${dir}/`], root);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
