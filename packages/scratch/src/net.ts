import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import pg from "pg";
import { ToolError } from "@pgvc/core";

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

export function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Does a server answer on `url`, with these credentials? */
export async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Wait until a just-started server accepts connections; `exited` says it died meanwhile. */
export async function waitForReady(url: string, exited: () => number | null, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const code = exited();
    if (code !== null) {
      throw new ToolError(`PostgreSQL exited during start-up (exit ${code})`, { hints: logTail(logFile) });
    }
    if (await answers(url)) return;
    await sleep(100);
  }
  throw new ToolError("PostgreSQL did not accept connections within 60 s", { hints: logTail(logFile) });
}

/** The last lines of a server log, for an error's hints. */
export function logTail(logFile: string, lines = 15): string[] {
  const text = readFileSafe(logFile).trimEnd();
  if (!text) return [`(no server log at ${logFile})`];
  return [
    `server log ${logFile}:`,
    ...text
      .split("\n")
      .slice(-lines)
      .map((line) => `  ${line}`),
  ];
}
