export { introspect, readDependencies, type IntrospectionOptions } from "./introspect.js";
export { introspectSnapshot, readSnapshot, type SnapshotRead } from "./snapshot.js";
export type { IntrospectFilter } from "./filter.js";
export { ApplyContext, defineKind, setIf, type IntrospectionKind, type IntrospectOptions, type RelationEntry } from "./framework.js";
export { allKinds } from "./kinds/index.js";
export { catalogDialect, versionTable, type CatalogDialect } from "./versions.js";
export { SqlParams, type KindQuery, type QueryContext } from "./sql.js";
export { dbtoyaml, writeFileAtomically, type DbtoyamlOptions, type DbtoyamlResult } from "./commands/dbtoyaml.js";
