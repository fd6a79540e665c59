// Running the commands as a user does: the built bins, a clean environment, stdin given.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const yamltodbBin = fileURLToPath(new URL("../bin/yamltodb.js", import.meta.url));
export const diffBin = fileURLToPath(new URL("../bin/pgvc-diff.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBin(
  bin: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string | Buffer } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env };
    const child = execFile(process.execPath, [bin, ...args], { env, cwd: options.cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.input ?? "");
  });
}
