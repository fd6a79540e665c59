import type { CaseExpectation } from "./index.js";

/**
 * The form in which generated SQL and expected fragments are compared: lower
 * case, whitespace runs collapsed to one space, and no space next to
 * parentheses, brackets or commas, so that `app.t (a, b)` and `app.t(a,b)` match.
 */
export function normalizeSql(sql: string): string {
  return sql
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s*([()[\],])\s*/g, "$1")
    .trim();
}

export function sqlContains(sql: string, fragment: string): boolean {
  return normalizeSql(sql).includes(normalizeSql(fragment));
}

/**
 * Every way `sql` (and the hazards reported with it, when given) fails a
 * case's expectations, as readable sentences; empty when it meets them.
 * Hazards in `expect.hazards` must be reported, those in `expect.forbiddenHazards` must not.
 */
export function checkExpectations(sql: string, expect: CaseExpectation, hazards?: readonly string[]): string[] {
  const text = normalizeSql(sql);
  const problems: string[] = [];
  for (const fragment of [...expect.mustContain, ...expect.inOrder]) {
    if (!text.includes(normalizeSql(fragment))) problems.push(`missing: ${fragment}`);
  }
  for (const fragment of expect.mustNotContain) {
    if (text.includes(normalizeSql(fragment))) problems.push(`must not contain: ${fragment}`);
  }
  let from = 0;
  for (const fragment of expect.inOrder) {
    const at = text.indexOf(normalizeSql(fragment), from);
    if (at < 0) {
      if (text.includes(normalizeSql(fragment))) problems.push(`out of order: ${fragment} comes before what precedes it in inOrder`);
      continue;
    }
    from = at + 1;
  }
  if (hazards) {
    for (const hazard of expect.hazards) if (!hazards.includes(hazard)) problems.push(`hazard not reported: ${hazard}`);
    for (const hazard of expect.forbiddenHazards) if (hazards.includes(hazard)) problems.push(`hazard must not be reported: ${hazard}`);
  }
  return problems;
}
