export { diffSchemas } from "./engine.js";
export {
  statement,
  toSql,
  createsRoutines,
  uncheckedBodies,
  phases,
  type Statement,
  type StatementKind,
  type Hazard,
  type Phase,
} from "./statement.js";
export type { Item, KindDiffer, ChildKind, DiffContext, DiffScope, SqlTarget, AlterResult, Rebuild, Replace } from "./differ.js";
export { parseRenameHint, type DiffOptions, type RenameHint } from "./options.js";
export { differs } from "./registry.js";
export { DependencyCycleError, orderStatements, type Planned } from "./order.js";
export { canonicalSql, Expressions, loadSqlParser, parsedExpressions, type SqlParser } from "./normalize.js";
export { applyVerified, normalizeThroughServer, runStatements, type ApplyResult, type ApplyOptions } from "./apply.js";
export { modelItems, namedAttributes, objectRefs, oldnameHints, sameSchema } from "./engine.js";
export { yamltodb, type YamltodbOptions, type YamltodbResult } from "./commands/yamltodb.js";
export { diffCommand, type DiffCommandOptions, type DiffCommandResult } from "./commands/diff.js";
export { unmadeObjects, type TrialFailure } from "./commands/trial.js";
export { classifySource, type Source } from "./commands/sources.js";
export { checkDatabaseMatchesSchema, readExpectedSchema, type SchemaCheck } from "./commands/check.js";
export { upgradeYaml, type UpgradeOptions, type UpgradeResult } from "./commands/upgrade.js";
export { keepUndescribed, keepUndescribedBetween, keptWarning, type Kept } from "./pyrseas.js";
