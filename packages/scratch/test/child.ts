import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./fixtures/child.mjs", import.meta.url));

export interface Child {
  process: ChildProcess;
  /** The JSON line the child prints when it is ready. */
  ready: Promise<Record<string, unknown>>;
  /** Exit code, or the signal that ended it. */
  ended: Promise<number | NodeJS.Signals | null>;
  stderr(): string;
}

/** Run test/fixtures/child.mjs in a mode, with PGVC_CHILD_* settings. */
export function runChild(mode: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [script, mode], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.on("exit", () => reject(new Error(`the child ended before it was ready:\n${stderr}`)));
  });
  ready.catch(() => undefined);
  const ended = new Promise<number | NodeJS.Signals | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return { process: child, ready, ended, stderr: () => stderr };
}
