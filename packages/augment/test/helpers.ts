// Shared by the dbaugment database suites: the bins run as a user runs
// them, and a session that can act as other roles.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { connect, resolveConnection, type Session } from "@pgvc/core";

export const dbaugmentBin = fileURLToPath(new URL("../bin/dbaugment.js", import.meta.url));
export const yamltodbBin = fileURLToPath(new URL("../../diff/bin/yamltodb.js", import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(bin: string, args: string[], input = "", cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const child = execFile(process.execPath, [bin, ...args], { env, cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

/** `dbaugment URL` with the spec on stdin, piped into `yamltodb -u URL`, as a user runs them. */
export async function augmentThroughYamltodb(url: string, spec: string): Promise<{ augment: Run; apply: Run }> {
  const augment = await run(dbaugmentBin, [url], spec);
  if (augment.code !== 0) return { augment, apply: { code: -1, stdout: "", stderr: "" } };
  return { augment, apply: await run(yamltodbBin, ["-u", url], augment.stdout) };
}

export async function openSession(url: string): Promise<Session> {
  return connect(resolveConnection({ dbname: url }, {}));
}

/** The rows of a query, on a session (each call its own transaction unless one is open). */
export async function rows<T extends object>(session: Session, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await session.query<T>(sql, params)).rows;
}

/** Run `sql` as `role` (SET ROLE), then go back to the session's own user. */
export async function asRole(session: Session, role: string, sql: string): Promise<void> {
  await session.query(`SET ROLE ${role}`);
  try {
    await session.query(sql);
  } finally {
    await session.query("RESET ROLE");
  }
}
