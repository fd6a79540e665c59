import { InputError } from "@pgvc/core";

/** What to do instead of each psql meta-command a migration might carry. */
function advice(command: string): string {
  switch (command) {
    case "i":
    case "ir":
    case "include":
    case "include_relative":
      return "put the included file's SQL in this file, or make it a migration of its own (migrations run in order)";
    case "c":
    case "connect":
      return "a migration runs in the one database pgvc replays into: remove the \\connect";
    case "set":
    case "unset":
    case "gset":
      return "psql variables are not available: write the values in the SQL itself";
    case "copy":
      return "use COPY ... FROM stdin; with the data on the following lines, ended by a line \\.";
    case "echo":
    case "qecho":
    case "warn":
    case "timing":
    case "pset":
    case "o":
      return "it only changes psql's output: remove it";
    default:
      return "remove it, or write what it does in SQL";
  }
}

/**
 * A backslash outside quotes and comments starts a psql meta-command, which
 * pgvc does not run: it applies migration files itself, statement by statement.
 */
export function metaCommandError(text: string, offset: number, location: { file: string; line: number; column: number }): InputError {
  const name = /^\\([A-Za-z_]+|.?)/.exec(text.slice(offset))?.[1] ?? "";
  return new InputError(`psql meta-command \\${name}: pgvc runs migration files itself and does not run psql meta-commands`, {
    location,
    hints: [advice(name.toLowerCase())],
  });
}
