import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { InputError } from "@pgvc/core";
import { sidecarPath } from "./naming.js";
import { describeExit, runTool, type Tool } from "./tools.js";

/** One line of `pg_restore --list`: `216; 1259 16401 TABLE app customer alice`. */
export interface TocEntry {
  dumpId: number;
  /** Everything after the three numbers: `TABLE app customer alice` (names are not quoted). */
  text: string;
}

/** What `pg_restore --list` says about an archive. */
export interface TableOfContents {
  /** The database it was dumped from (`dbname:` in the header). */
  database: string | undefined;
  createdAt: string | undefined;
  serverVersion: string | undefined;
  pgDumpVersion: string | undefined;
  format: string | undefined;
  entries: TocEntry[];
}

function headerValue(text: string, label: string): string | undefined {
  const match = new RegExp(`^;\\s+${label}:? (.*)$`, "m").exec(text);
  return match?.[1]?.trim();
}

/** Parse the output of `pg_restore --list`. */
export function parseTableOfContents(text: string): TableOfContents {
  const entries: TocEntry[] = [];
  for (const line of text.split("\n")) {
    const match = /^(\d+); \d+ \d+ (.*)$/.exec(line);
    if (match) entries.push({ dumpId: Number(match[1]), text: match[2]! });
  }
  return {
    database: headerValue(text, "dbname"),
    createdAt: headerValue(text, "Archive created at"),
    serverVersion: headerValue(text, "Dumped from database version"),
    pgDumpVersion: headerValue(text, "Dumped by pg_dump version"),
    format: headerValue(text, "Format"),
    entries,
  };
}

/** The `FILE.json` written next to every backup. */
export interface Sidecar {
  format: "pgvc-backup/1";
  database: string;
  host: string;
  port: number;
  user: string;
  serverVersion: string;
  serverVersionNum: number;
  pgDumpVersion: string;
  startedAt: string;
  finishedAt: string;
  sizeBytes: number;
  sha256: string;
  tocEntries: number;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function readSidecar(file: string): Promise<Sidecar | undefined> {
  const path = sidecarPath(file);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (cause) {
    throw new InputError("the backup's description is not valid JSON", { location: { file: path }, cause });
  }
  const sidecar = parsed as Partial<Sidecar>;
  if (typeof sidecar.sha256 !== "string" || typeof sidecar.sizeBytes !== "number") {
    throw new InputError("the backup's description has no sha256 or sizeBytes", {
      location: { file: path },
      hints: ["it is written by pgvc backup; remove it to restore without the checksum check"],
    });
  }
  return sidecar as Sidecar;
}

/** An archive that passed every check; nothing has been changed yet. */
export interface VerifiedArchive {
  file: string;
  sizeBytes: number;
  sha256: string;
  sidecar: Sidecar | undefined;
  toc: TableOfContents;
}

/** Read the archive's table of contents; a file pg_restore cannot read is bad input. */
export async function listArchive(file: string, pgRestore: Tool, env: NodeJS.ProcessEnv): Promise<TableOfContents> {
  const outcome = await runTool(pgRestore, ["--list", "--", file], { env, captureStdout: true });
  if (outcome.exitCode !== 0) {
    throw new InputError(`pg_restore cannot read the archive (${describeExit(outcome)})`, {
      location: { file },
      hints: [...outcome.diagnostics, "the file is damaged, truncated or not a pg_dump custom-format archive (-Fc)"],
    });
  }
  const toc = parseTableOfContents(outcome.stdout);
  if (toc.format !== "CUSTOM") {
    throw new InputError(`not a custom-format archive (format ${toc.format ?? "unknown"})`, {
      location: { file },
      hints: ["pgvc restores archives made by pg_dump -Fc (as pgvc backup makes them)"],
    });
  }
  return toc;
}

/**
 * `--list` reads only the table of contents at the start of the file; a
 * file cut short keeps it. Reading every entry, converted to SQL and thrown
 * away, finds truncated or damaged data before a restore starts.
 */
export async function readWholeArchive(file: string, pgRestore: Tool, env: NodeJS.ProcessEnv): Promise<void> {
  const outcome = await runTool(pgRestore, ["--file=/dev/null", "--", file], { env });
  if (outcome.exitCode !== 0) {
    throw new InputError(`the archive cannot be read to its end (${describeExit(outcome)})`, {
      location: { file },
      hints: [...outcome.diagnostics, "the file is truncated or damaged: use another backup"],
    });
  }
}

/**
 * Check an archive before anything is touched: its checksum and size against
 * the sidecar when there is one, then that pg_restore can read it whole.
 */
export async function verifyArchive(file: string, pgRestore: Tool, env: NodeJS.ProcessEnv): Promise<VerifiedArchive> {
  if (!existsSync(file)) throw new InputError("no such backup file", { location: { file } });
  const info = await stat(file);
  if (!info.isFile()) {
    throw new InputError(`${info.isDirectory() ? "a directory" : "not a regular file"}, not a backup archive`, {
      location: { file },
      hints: ["give the .dump file that pgvc backup or pg_dump -Fc wrote"],
    });
  }
  const sizeBytes = info.size;
  const sidecar = await readSidecar(file);
  const sha256 = await sha256File(file);
  if (sidecar && (sidecar.sha256 !== sha256 || sidecar.sizeBytes !== sizeBytes)) {
    throw new InputError("the archive does not match its description: it changed or was damaged after the backup", {
      location: { file },
      hints: [
        `expected ${sidecar.sizeBytes} bytes with sha256 ${sidecar.sha256} (from ${sidecarPath(file)})`,
        `found    ${sizeBytes} bytes with sha256 ${sha256}`,
      ],
    });
  }
  const toc = await listArchive(file, pgRestore, env);
  await readWholeArchive(file, pgRestore, env);
  if (sidecar && sidecar.tocEntries !== toc.entries.length) {
    throw new InputError(`the archive lists ${toc.entries.length} entries, its description ${sidecar.tocEntries}`, {
      location: { file },
    });
  }
  return { file, sizeBytes, sha256, sidecar, toc };
}
