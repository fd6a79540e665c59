import { spawn } from "node:child_process";
import { readFile, realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ToolError } from "@pgvc/core";

/** Run git in `cwd` and return its stdout; a failure is a ToolError carrying git's message. */
export function runGit(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (cause) =>
      reject(new ToolError(`cannot run git: ${cause.message}`, { cause, hints: ["pgvc needs git on the PATH"] })),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new ToolError(`git ${args.join(" ")} failed: ${Buffer.concat(err).toString("utf8").trim() || `exit code ${code}`}`));
    });
  });
}

/**
 * The top of the git working tree holding `cwd`, or undefined outside one.
 * Found by looking for `.git` upwards, as git does, which spares the warm
 * check a process; git itself answers where its variables move the
 * repository, or where no `.git` is found.
 */
export async function gitRoot(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.GIT_DIR === undefined && env.GIT_WORK_TREE === undefined) {
    const found = await workTreeAbove(cwd);
    if (found !== undefined) return found;
  }
  try {
    const text = (await runGit(["rev-parse", "--show-toplevel"], cwd, env)).toString("utf8").trim();
    return text === "" ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A HEAD git would accept: a symbolic ref or an object name. */
function validHead(text: string): boolean {
  return /^ref: refs\//.test(text) || /^[0-9a-f]{40}([0-9a-f]{24})?\s*$/.test(text);
}

/** The nearest folder at or above `cwd` holding a `.git` folder with a valid HEAD, or a `.git` file naming one (a worktree, a submodule). */
async function workTreeAbove(cwd: string): Promise<string | undefined> {
  let dir = await realpath(cwd).catch(() => undefined);
  while (dir !== undefined) {
    const dotGit = join(dir, ".git");
    const info = await stat(dotGit).catch(() => undefined);
    if (info?.isDirectory() && validHead(await readFile(join(dotGit, "HEAD"), "utf8").catch(() => ""))) return dir;
    if (info?.isFile() && (await readFile(dotGit, "utf8").catch(() => "")).startsWith("gitdir:")) return dir;
    const parent = dirname(dir);
    dir = parent === dir ? undefined : parent;
  }
  return undefined;
}

/** The paths whose staged content differs from HEAD (all of them before the first commit). */
export async function stagedPaths(root: string): Promise<string[]> {
  const out = await runGit(["diff", "--cached", "--name-only", "--no-renames", "-z"], root);
  return out
    .toString("utf8")
    .split("\0")
    .filter((p) => p !== "");
}
