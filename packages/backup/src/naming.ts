/** File and database names derived from a database name and a UTC time. */

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
const maxIdentifierBytes = 63;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `20261126T013005Z`: ISO 8601 basic format, UTC, for file names. */
export function fileStamp(date: Date): string {
  const d = date;
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `20261126_013005` (UTC): lower case digits and underscores, so database names stay unquoted. */
export function databaseStamp(date: Date): string {
  return fileStamp(date).replace("T", "_").replace("Z", "");
}

/** A database name reduced to characters that are safe in a file name anywhere. */
export function fileSafe(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[.-]+/, "");
  return safe === "" ? "database" : safe;
}

/** The default backup file name: `shop_20261126T013005Z.dump`. */
export function backupFileName(database: string, date: Date): string {
  return `${fileSafe(database)}_${fileStamp(date)}.dump`;
}

/** The sidecar of a backup file: the same path with `.json` appended. */
export function sidecarPath(file: string): string {
  return `${file}.json`;
}

/**
 * `base` + `suffix`, with `base` cut (on a character boundary) so that the
 * whole name fits in PostgreSQL's 63-byte identifiers: a longer name would be
 * truncated silently by the server, and the messages would name the wrong database.
 */
export function derivedDatabaseName(base: string, suffix: string): string {
  const room = maxIdentifierBytes - Buffer.byteLength(suffix);
  let cut = base;
  while (Buffer.byteLength(cut) > room) cut = Array.from(cut).slice(0, -1).join("");
  return `${cut}${suffix}`;
}

/** A word for a POSIX shell, quoted only when it needs to be: for commands shown in messages. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
