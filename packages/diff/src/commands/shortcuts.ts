import { loadSqlParser, sameStatementText } from "../normalize.js";
import { toSql, type Statement } from "../statement.js";

/**
 * yamltodb takes four shortcuts, each skipping work whose answer it already
 * knows: models equal as read (`sameSchema`) need no diff; a first diff
 * without the recorded dependencies stands when it never asked for them;
 * one without the SQL parser stands when it compared no differing texts;
 * a change that only creates new objects needs no trial through the
 * server. With `checkShortcuts` (the test suites set it) the skipped work
 * is done anyway, and a different answer is an internal error naming the
 * shortcut: the shortcuts can then only make yamltodb faster, never change
 * what it does. Statements are compared one by one, by object and by parse
 * tree: the trial prints an expression as the server renders it (casts
 * moved about), the shortcut as the file has it.
 */
export async function checkShortcut(
  enabled: boolean | undefined,
  shortcut: string,
  taken: readonly Statement[],
  full: () => Promise<readonly Statement[]>,
): Promise<void> {
  if (!enabled) return;
  const [slow, parse] = await Promise.all([full(), loadSqlParser()]);
  const same = (a: Statement, b: Statement | undefined) =>
    b !== undefined && a.kind === b.kind && a.object === b.object && sameStatementText(parse, a.sql, b.sql);
  if (taken.length === slow.length && taken.every((st, i) => same(st, slow[i]))) return;
  throw new Error(
    `internal error: yamltodb's shortcut "${shortcut}" gives\n${toSql(taken) || "(nothing)\n"}where the full comparison gives\n${toSql(slow) || "(nothing)\n"}`,
  );
}
