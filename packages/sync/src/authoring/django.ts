/**
 * Django migrations: `NNNN_name.py` in an app's `migrations` folder, a
 * `Migration` class depending on the app's newest migration, and the SQL in
 * `migrations.RunSQL`. The SQL is given as a list, one string a statement:
 * Django then runs each as it is, where a single string would be split by
 * sqlparse, which does not know every PostgreSQL quoting rule.
 */

export interface DjangoMigrationText {
  header: string;
  app: string;
  /** The newest existing migration's name (without `.py`), if any. */
  previous: string | undefined;
  forward: readonly string[];
  reverse: readonly string[];
  /** false when a statement refuses a transaction block (CREATE INDEX CONCURRENTLY). */
  atomic: boolean;
}

/** The name of the next migration (`0004_add_note`) and the one it follows. */
export function nextDjangoMigration(names: readonly string[], slug: string): { name: string; previous: string | undefined } {
  const numbered = names
    .map((n) => /^(\d{4,})_(\w+)\.py$/.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || (a[0] < b[0] ? -1 : 1));
  const newest = numbered.at(-1);
  const number = newest ? Number(newest[1]) + 1 : 1;
  return { name: `${String(number).padStart(4, "0")}_${slug}`, previous: newest?.[0].replace(/\.py$/, "") };
}

/**
 * A Python string literal for SQL that stays readable: triple-quoted, the SQL
 * on lines of its own at column 0 (indenting would change function bodies),
 * escaping only backslashes, carriage returns and runs of quotes that would
 * end the literal (the closing quotes follow a newline, never a quote).
 */
export function pythonSqlLiteral(sql: string): string {
  const body = sql
    .replace(/\\/g, "\\\\")
    .replace(/\r/g, "\\r")
    .replace(/"(?=")/g, '\\"');
  return `"""\n${body}\n"""`;
}

function pythonString(value: string): string {
  return JSON.stringify(value);
}

function statementList(statements: readonly string[], indent: string): string {
  if (statements.length === 0) return "migrations.RunSQL.noop";
  const items = statements.map((sql) => `${indent}    ${pythonSqlLiteral(sql)},\n`).join("");
  return `[\n${items}${indent}]`;
}

export function djangoMigration(m: DjangoMigrationText): string {
  const dependencies = m.previous === undefined ? "[]" : `[\n        (${pythonString(m.app)}, ${pythonString(m.previous)}),\n    ]`;
  const atomic = m.atomic ? "" : "    # A statement below cannot run inside a transaction block.\n    atomic = False\n\n";
  return [
    m.header,
    "from django.db import migrations\n",
    "\n\n",
    "class Migration(migrations.Migration):\n",
    "\n",
    atomic,
    `    dependencies = ${dependencies}\n`,
    "\n",
    "    operations = [\n",
    "        migrations.RunSQL(\n",
    `            sql=${statementList(m.forward, "            ")},\n`,
    `            reverse_sql=${statementList(m.reverse, "            ")},\n`,
    "        ),\n",
    "    ]\n",
  ].join("");
}
