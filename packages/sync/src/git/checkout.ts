import { rm } from "node:fs/promises";
import { runGit } from "./run.js";
import { temporaryFolder } from "./temporary.js";

/**
 * A temporary copy of git's index (what the next commit holds), for a
 * migration command that reads its files from a folder. `remove` deletes it.
 */
export async function checkoutIndex(root: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await temporaryFolder("pgvc-index-");
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await runGit(["checkout-index", "--all", `--prefix=${dir}/`], root);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}
