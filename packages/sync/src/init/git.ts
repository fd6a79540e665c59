import { isAbsolute, join } from "node:path";
import { runGit } from "../git/run.js";

/**
 * Where git runs hooks from: `core.hooksPath` when set (relative to the
 * top of the working tree, as git reads it), else the repository's own
 * hooks folder (shared by its worktrees).
 */
export async function hooksDir(root: string): Promise<{ dir: string; configured: boolean }> {
  const configured = await gitOutput(["config", "--get", "core.hooksPath"], root);
  if (configured) return { dir: isAbsolute(configured) ? configured : join(root, configured), configured: true };
  const common = (await gitOutput(["rev-parse", "--git-common-dir"], root)) ?? ".git";
  return { dir: join(isAbsolute(common) ? common : join(root, common), "hooks"), configured: false };
}

async function gitOutput(args: string[], cwd: string): Promise<string | undefined> {
  try {
    const text = (await runGit(args, cwd)).toString("utf8").trim();
    return text === "" ? undefined : text;
  } catch {
    return undefined;
  }
}
