import { spawn } from "node:child_process";
import { ToolError } from "@pgvc/core";

/** Run git in `cwd` and return its stdout; a failure is a ToolError carrying git's message. */
export function runGit(args: readonly string[], cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (cause) => reject(new ToolError(`cannot run git: ${cause.message}`, { cause, hints: ["pgvc needs git on the PATH"] })));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new ToolError(`git ${args.join(" ")} failed: ${Buffer.concat(err).toString("utf8").trim() || `exit code ${code}`}`));
    });
  });
}

/** The top of the git working tree holding `cwd`, or undefined outside one. */
export async function gitRoot(cwd: string): Promise<string | undefined> {
  try {
    const text = (await runGit(["rev-parse", "--show-toplevel"], cwd)).toString("utf8").trim();
    return text === "" ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The paths whose staged content differs from HEAD (all of them before the first commit). */
export async function stagedPaths(root: string): Promise<string[]> {
  const out = await runGit(["diff", "--cached", "--name-only", "--no-renames", "-z"], root);
  return out.toString("utf8").split("\0").filter((p) => p !== "");
}
