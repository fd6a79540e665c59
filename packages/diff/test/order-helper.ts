import { orderStatements, type Statement } from "@pgvc/diff";

/** Order statements with optional inferred (soft) dependencies per statement. */
export function orderStatementsForTest(statements: Statement[], soft: string[][] = []): Statement[] {
  return orderStatements(statements.map((statement, i) => ({ statement, soft: soft[i] ?? [] })));
}
