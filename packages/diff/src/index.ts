export { diffSchemas } from "./engine.js";
export { statement, toSql, phases, type Statement, type StatementKind, type Hazard, type Phase } from "./statement.js";
export type { Item, KindDiffer, DiffContext, SqlTarget, AlterResult, Rebuild } from "./differ.js";
export { parseRenameHint, type DiffOptions, type RenameHint } from "./options.js";
export { differs } from "./registry.js";
export { DependencyCycleError } from "./order.js";
export { sameExpression, setExpressionComparer, canonicalSql, canonicalExpression, loadSqlParser, type ExpressionComparer } from "./normalize.js";
export { applyVerified, normalizeThroughServer, runStatements, type ApplyResult, type ApplyOptions } from "./apply.js";
