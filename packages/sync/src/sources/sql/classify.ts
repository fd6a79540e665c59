/**
 * What a statement is, read from its leading keywords (the unquoted words at
 * parenthesis depth 0, lower-cased): whether PostgreSQL refuses to run it in
 * a transaction block, whether it opens or ends a transaction, whether it is
 * COPY FROM STDIN.
 */

const has = (words: readonly string[], ...seq: string[]): boolean => words.some((_, i) => seq.every((w, k) => words[i + k] === w));

const startsWith = (words: readonly string[], ...seq: string[]): boolean => seq.every((w, k) => words[k] === w);

/** CREATE [UNIQUE] INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY. */
function indexConcurrently(words: readonly string[]): boolean {
  if (startsWith(words, "drop", "index", "concurrently")) return true;
  return startsWith(words, "create", "index", "concurrently") || startsWith(words, "create", "unique", "index", "concurrently");
}

/** REINDEX ... CONCURRENTLY, and REINDEX SCHEMA | DATABASE | SYSTEM. */
function reindexOutside(words: readonly string[]): boolean {
  if (words[0] !== "reindex") return false;
  const what = words[1] === "verbose" ? words[2] : words[1];
  return words.includes("concurrently") || what === "schema" || what === "database" || what === "system";
}

/**
 * The statements PostgreSQL (14 to 18) runs only outside a transaction block
 * (the commands that call PreventInTransactionBlock in the server).
 */
export function refusesTransactionBlock(words: readonly string[]): boolean {
  const [first, second] = words;
  if (first === "vacuum") return true;
  if ((first === "create" || first === "drop") && (second === "database" || second === "tablespace" || second === "subscription")) {
    return true;
  }
  if (startsWith(words, "alter", "system")) return true;
  if (startsWith(words, "alter", "database") && has(words, "set", "tablespace")) return true;
  if (startsWith(words, "alter", "subscription") && has(words, "refresh", "publication")) return true;
  if (first === "cluster" && words.every((w) => w === "cluster" || w === "verbose")) return true;
  if ((first === "commit" || first === "rollback") && second === "prepared") return true;
  if (first === "alter" && has(words, "detach", "partition") && words.at(-1) === "concurrently") return true;
  return indexConcurrently(words) || reindexOutside(words);
}

/**
 * Flyway's own rule for PostgreSQL (its parser's list of statements that make
 * a script run outside a transaction), which is narrower than the server's:
 * REINDEX TABLE ... CONCURRENTLY, for one, is not on it.
 */
export function flywayNonTransactional(words: readonly string[]): boolean {
  const [first, second] = words;
  if ((first === "create" || first === "drop") && (second === "database" || second === "tablespace" || second === "subscription")) {
    return true;
  }
  if (startsWith(words, "alter", "system") || first === "vacuum" || startsWith(words, "discard", "all")) return true;
  if (first === "reindex") {
    const what = words[1] === "verbose" ? words[2] : words[1];
    return what === "schema" || what === "database" || what === "system";
  }
  return indexConcurrently(words);
}

export type TransactionControl = "begin" | "end" | undefined;

/** BEGIN / START TRANSACTION open a transaction; COMMIT, END, ROLLBACK, ABORT end it. */
export function transactionControl(words: readonly string[]): TransactionControl {
  const [first, second] = words;
  if (first === "begin" || startsWith(words, "start", "transaction")) return "begin";
  if (first === "commit" || first === "end" || first === "abort") return second === "prepared" ? undefined : "end";
  if (first === "rollback") return second === "prepared" || second === "to" ? undefined : "end";
  return undefined;
}

/** COPY ... FROM STDIN: psql reads the data that follows from the file itself. */
export function isCopyFromStdin(words: readonly string[]): boolean {
  return words[0] === "copy" && has(words, "from", "stdin");
}

/** CREATE [OR REPLACE] FUNCTION | PROCEDURE: its body may be BEGIN ATOMIC ... END with semicolons inside. */
export function isRoutineDefinition(words: readonly string[]): boolean {
  const kind = words[1] === "or" && words[2] === "replace" ? words[3] : words[1];
  return words[0] === "create" && (kind === "function" || kind === "procedure");
}

/**
 * The value of standard_conforming_strings after `statement`, which psql
 * would learn from the server: SET to a value, or RESET (on, the default).
 */
export function conformingStringsAfter(statement: string, current: boolean): boolean {
  const set = /^set\s+(?:session\s+|local\s+)?standard_conforming_strings\s*(?:=|\s+to\s+)\s*'?(\w+)'?/i.exec(statement);
  if (set?.[1]) return !/^(off?|f(a(l(se?)?)?)?|no?|0)$/i.test(set[1]);
  if (/^reset\s+(standard_conforming_strings|all)\b/i.test(statement)) return true;
  return current;
}
