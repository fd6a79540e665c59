import type { KindDiffer } from "./differ.js";
import { schemaDiffer } from "./kinds/schema.js";
import { columnDiffer } from "./kinds/columns.js";
import { constraintDiffer } from "./kinds/constraints.js";
import { tableDiffer } from "./kinds/table.js";

/**
 * Every kind's differ, parents before their children (a table before its
 * columns). The order is also the tie-break between statements that do
 * not depend on each other, so output is deterministic. To add a kind,
 * write `kinds/<kind>.ts` and list its differ here.
 */
export const differs: readonly KindDiffer[] = [
  schemaDiffer,
  tableDiffer,
  columnDiffer,
  constraintDiffer,
] as KindDiffer[];
