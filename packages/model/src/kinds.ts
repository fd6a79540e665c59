import { extend, s, type Infer } from "./spec.js";
import { privilegesSpec } from "./privileges.js";

/**
 * Attribute declarations of every object kind, after the Pyrseas 0.10 YAML
 * format, plus pgvc's additions (procedures, generated columns, policies,
 * exclusion constraints, INCLUDE, NOT VALID, extended statistics, text
 * search mappings, partition expressions). Attribute names are the YAML keys.
 */

/** Every object: a comment, and dependencies that cannot be inferred (Pyrseas writes `depends_on` on any kind, casts and event triggers included). */
const described = s.object({ description: s.string(), depends_on: s.list(s.string()) });
const owned = extend(described, { owner: s.string() });
/** Most objects: owner, privileges, comment, and a rename hint. */
const common = extend(owned, { privileges: privilegesSpec, oldname: s.string(), depends_on: s.list(s.string()) });

export const columnSpec = s.object(
  {
    type: s.string(),
    not_null: s.boolean(),
    default: s.string(),
    identity: s.enum(["always", "by default"]),
    generated: s.string(),
    collation: s.string(),
    statistics: s.integer(),
    storage: s.enum(["plain", "external", "extended", "main"]),
    compression: s.enum(["pglz", "lz4"]),
    /** Per-column options (attoptions): `n_distinct=-0.02`, as ALTER COLUMN ... SET (...) takes them. */
    options: s.list(s.string()),
    inherited: s.boolean(),
    description: s.string(),
    privileges: privilegesSpec,
    oldname: s.string(),
  },
  { required: ["type"], defaults: { not_null: false, inherited: false } },
);

const deferrability = { deferrable: s.boolean(), deferred: s.boolean() } as const;
const constraintBase = extend(described, { oldname: s.string(), ...deferrability }, { defaults: { deferrable: false, deferred: false } });

export const keyConstraintSpec = extend(
  constraintBase,
  {
    columns: s.list(s.string()),
    include: s.list(s.string()),
    access_method: s.string(),
    tablespace: s.string(),
    cluster: s.boolean(),
    nulls_not_distinct: s.boolean(),
    without_overlaps: s.boolean(),
  },
  { required: ["columns"], defaults: { access_method: "btree", cluster: false, nulls_not_distinct: false, without_overlaps: false } },
);

export const foreignKeySpec = extend(
  constraintBase,
  {
    columns: s.list(s.string()),
    references: s.object({ schema: s.string(), table: s.string(), columns: s.list(s.string()) }, { required: ["table", "columns"] }),
    on_update: s.enum(["no action", "restrict", "cascade", "set null", "set default"]),
    on_delete: s.enum(["no action", "restrict", "cascade", "set null", "set default"]),
    match: s.enum(["simple", "full", "partial"]),
    not_valid: s.boolean(),
    period: s.boolean(),
  },
  {
    required: ["columns", "references"],
    defaults: { on_update: "no action", on_delete: "no action", match: "simple", not_valid: false, period: false },
  },
);

export const checkConstraintSpec = extend(
  constraintBase,
  {
    columns: s.list(s.string()),
    expression: s.string(),
    inherited: s.boolean(),
    no_inherit: s.boolean(),
    not_valid: s.boolean(),
  },
  { required: ["expression"], defaults: { inherited: false, no_inherit: false, not_valid: false } },
);

export const exclusionConstraintSpec = extend(
  constraintBase,
  {
    access_method: s.string(),
    elements: s.list(
      s.map(
        s.object(
          { operator: s.string(), opclass: s.string(), order: s.enum(["asc", "desc"]), nulls: s.enum(["first", "last"]) },
          { required: ["operator"] },
        ),
      ),
    ),
    include: s.list(s.string()),
    predicate: s.string(),
    tablespace: s.string(),
  },
  { required: ["elements"], defaults: { access_method: "btree" } },
);

const indexKeyOptions = s.object({
  type: s.enum(["expression"]),
  order: s.enum(["asc", "desc"]),
  nulls: s.enum(["first", "last"]),
  opclass: s.string(),
  collation: s.string(),
});
export const indexKeySpec = s.union(s.string(), s.map(indexKeyOptions));

export const indexSpec = extend(
  described,
  {
    keys: s.list(indexKeySpec),
    include: s.list(s.string()),
    unique: s.boolean(),
    nulls_not_distinct: s.boolean(),
    access_method: s.string(),
    predicate: s.string(),
    tablespace: s.string(),
    cluster: s.boolean(),
    options: s.list(s.string()),
    oldname: s.string(),
  },
  { required: ["keys"], defaults: { unique: false, access_method: "btree", cluster: false, nulls_not_distinct: false } },
);

export const triggerSpec = extend(
  described,
  {
    timing: s.enum(["before", "after", "instead of"]),
    events: s.list(s.enum(["insert", "update", "delete", "truncate"])),
    level: s.enum(["row", "statement"]),
    procedure: s.union(s.string(), s.object({ name: s.string(), arguments: s.string() }, { required: ["name"] })),
    columns: s.list(s.string()),
    condition: s.string(),
    constraint: s.boolean(),
    deferrable: s.boolean(),
    initially_deferred: s.boolean(),
    referencing_new: s.string(),
    referencing_old: s.string(),
    enabled: s.enum(["origin", "replica", "always", "disabled"]),
    oldname: s.string(),
  },
  {
    required: ["timing", "events", "procedure"],
    defaults: { level: "statement", constraint: false, deferrable: false, initially_deferred: false, enabled: "origin" },
  },
);

export const ruleSpec = extend(
  described,
  {
    event: s.enum(["select", "insert", "update", "delete"]),
    actions: s.string(),
    condition: s.string(),
    instead: s.boolean(),
  },
  { required: ["event", "actions"], defaults: { instead: false } },
);

export const policySpec = extend(
  described,
  {
    command: s.enum(["all", "select", "insert", "update", "delete"]),
    permissive: s.boolean(),
    roles: s.list(s.string()),
    using: s.string(),
    with_check: s.string(),
  },
  { defaults: { command: "all", permissive: true } },
);

export const extendedStatisticsSpec = extend(owned, {
  kinds: s.list(s.enum(["ndistinct", "dependencies", "mcv"])),
  columns: s.list(s.string()),
  expressions: s.list(s.string()),
  statistics_target: s.integer(),
});

export const tableSpec = extend(
  common,
  {
    columns: s.namedList(columnSpec),
    primary_key: s.map(keyConstraintSpec),
    foreign_keys: s.map(foreignKeySpec),
    unique_constraints: s.map(keyConstraintSpec),
    check_constraints: s.map(checkConstraintSpec),
    exclusion_constraints: s.map(exclusionConstraintSpec),
    indexes: s.map(indexSpec),
    triggers: s.map(triggerSpec),
    rules: s.map(ruleSpec),
    policies: s.map(policySpec),
    statistics: s.map(extendedStatisticsSpec),
    tablespace: s.string(),
    unlogged: s.boolean(),
    options: s.list(s.string()),
    inherits: s.list(s.string()),
    partition_by: s.map(s.list(s.string())),
    partition_of: s.string(),
    partition_bound_spec: s.string(),
    access_method: s.string(),
    row_level_security: s.boolean(),
    force_row_level_security: s.boolean(),
    /** REPLICA IDENTITY; `index` names the index (or key constraint) in `replica_identity_index`. */
    replica_identity: s.enum(["default", "full", "nothing", "index"]),
    replica_identity_index: s.string(),
    /** A typed table's composite type (`CREATE TABLE ... OF app.address`); its columns are the type's. */
    of_type: s.string(),
  },
  {
    defaults: {
      unlogged: false,
      row_level_security: false,
      force_row_level_security: false,
      access_method: "heap",
      replica_identity: "default",
    },
  },
);

export const sequenceSpec = extend(
  common,
  {
    start_value: s.integer(),
    increment_by: s.integer(),
    min_value: s.nullable(s.integer()),
    max_value: s.nullable(s.integer()),
    cache_value: s.integer(),
    cycle: s.boolean(),
    data_type: s.string(),
    owner_table: s.string(),
    owner_column: s.string(),
  },
  { defaults: { data_type: "bigint", cycle: false } },
);

/** A view's columns; a materialized view's may also have a statistics target and storage (as a table's). */
const viewColumns = s.namedList(
  s.object(
    {
      type: s.string(),
      description: s.string(),
      statistics: s.integer(),
      storage: s.enum(["plain", "external", "extended", "main"]),
    },
    { required: ["type"] },
  ),
);

export const viewSpec = extend(
  common,
  {
    definition: s.string(),
    columns: viewColumns,
    options: s.list(s.string()),
    triggers: s.map(triggerSpec),
    rules: s.map(ruleSpec),
  },
  { required: ["definition"] },
);

export const materializedViewSpec = extend(
  viewSpec,
  {
    with_data: s.boolean(),
    indexes: s.map(indexSpec),
    tablespace: s.string(),
  },
  { defaults: { with_data: true } },
);

const routineCommon = extend(
  common,
  {
    language: s.string(),
    source: s.string(),
    obj_file: s.string(),
    link_symbol: s.string(),
    allargs: s.string(),
    security_definer: s.boolean(),
    configuration: s.list(s.string()),
  },
  { defaults: { security_definer: false } },
);

export const functionSpec = extend(
  routineCommon,
  {
    returns: s.string(),
    volatility: s.enum(["immutable", "stable", "volatile"]),
    strict: s.boolean(),
    leakproof: s.boolean(),
    parallel: s.enum(["safe", "restricted", "unsafe"]),
    cost: s.number(),
    rows: s.number(),
    window: s.boolean(),
  },
  {
    required: ["language", "returns"],
    defaults: { volatility: "volatile", strict: false, leakproof: false, parallel: "unsafe", window: false },
  },
);

export const procedureSpec = extend(routineCommon, {}, { required: ["language"] });

export const aggregateSpec = extend(
  common,
  {
    sfunc: s.string(),
    stype: s.string(),
    sspace: s.integer(),
    finalfunc: s.string(),
    finalfunc_extra: s.boolean(),
    finalfunc_modify: s.enum(["read_only", "shareable", "read_write"]),
    initcond: s.string(),
    sortop: s.string(),
    msfunc: s.string(),
    minvfunc: s.string(),
    mstype: s.string(),
    msspace: s.integer(),
    mfinalfunc: s.string(),
    mfinalfunc_extra: s.boolean(),
    minitcond: s.string(),
    kind: s.enum(["normal", "ordered", "hypothetical"]),
    combinefunc: s.string(),
    serialfunc: s.string(),
    deserialfunc: s.string(),
    parallel: s.enum(["safe", "restricted", "unsafe"]),
  },
  { required: ["sfunc", "stype"], defaults: { kind: "normal", finalfunc_extra: false, mfinalfunc_extra: false, parallel: "unsafe" } },
);

export const typeSpec = extend(common, {
  labels: s.list(s.string()),
  attributes: s.namedList(s.object({ type: s.string(), collation: s.string(), description: s.string() }, { required: ["type"] })),
  input: s.string(),
  output: s.string(),
  receive: s.string(),
  send: s.string(),
  typmod_in: s.string(),
  typmod_out: s.string(),
  analyze: s.string(),
  internallength: s.union(s.integer(), s.enum(["variable"])),
  alignment: s.enum(["char", "int2", "int4", "double"]),
  storage: s.enum(["plain", "external", "extended", "main"]),
  delimiter: s.string(),
  category: s.string(),
  preferred: s.boolean(),
  subtype: s.string(),
  subtype_opclass: s.string(),
  collation: s.string(),
  canonical: s.string(),
  subtype_diff: s.string(),
  multirange_type_name: s.string(),
});

export const domainSpec = extend(
  common,
  {
    type: s.string(),
    not_null: s.boolean(),
    default: s.string(),
    collation: s.string(),
    check_constraints: s.map(
      s.object({ expression: s.string(), not_valid: s.boolean(), description: s.string() }, { required: ["expression"] }),
    ),
  },
  { required: ["type"], defaults: { not_null: false } },
);

export const operatorSpec = extend(
  owned,
  {
    procedure: s.string(),
    commutator: s.string(),
    negator: s.string(),
    restrict: s.string(),
    join: s.string(),
    hashes: s.boolean(),
    merges: s.boolean(),
    oldname: s.string(),
  },
  { required: ["procedure"], defaults: { hashes: false, merges: false } },
);

export const operatorClassSpec = extend(
  owned,
  {
    type: s.string(),
    family: s.string(),
    default: s.boolean(),
    storage: s.string(),
    operators: s.map(s.string()),
    functions: s.map(s.string()),
  },
  { required: ["type"], defaults: { default: false } },
);

export const operatorFamilySpec = owned;

export const collationSpec = extend(
  owned,
  {
    lc_collate: s.string(),
    lc_ctype: s.string(),
    provider: s.enum(["libc", "icu", "builtin"]),
    deterministic: s.boolean(),
    oldname: s.string(),
  },
  { defaults: { provider: "libc", deterministic: true } },
);

export const conversionSpec = extend(
  owned,
  {
    source_encoding: s.string(),
    dest_encoding: s.string(),
    function: s.string(),
    default: s.boolean(),
  },
  { required: ["source_encoding", "dest_encoding", "function"], defaults: { default: false } },
);

export const textSearchConfigurationSpec = extend(
  owned,
  {
    parser: s.string(),
    mappings: s.map(s.list(s.string())),
  },
  { required: ["parser"] },
);

export const textSearchDictionarySpec = extend(owned, { template: s.string(), options: s.string() }, { required: ["template"] });

export const textSearchParserSpec = extend(
  described,
  {
    start: s.string(),
    gettoken: s.string(),
    end: s.string(),
    lextypes: s.string(),
    headline: s.string(),
  },
  { required: ["start", "gettoken", "end", "lextypes"] },
);

export const textSearchTemplateSpec = extend(described, { init: s.string(), lexize: s.string() }, { required: ["lexize"] });

export const foreignTableSpec = extend(
  common,
  {
    columns: s.namedList(columnSpec),
    server: s.string(),
    options: s.list(s.string()),
  },
  { required: ["server"] },
);

/**
 * ALTER DEFAULT PRIVILEGES of one role (pg_default_acl): by the type of the
 * objects it will create, the privileges they get. In a schema, what is
 * granted on top of the global defaults; at the top (`default privileges
 * ROLE`), what replaces the built-in defaults.
 */
export const defaultPrivilegesSpec = s.object({
  tables: privilegesSpec,
  sequences: privilegesSpec,
  functions: privilegesSpec,
  types: privilegesSpec,
  schemas: privilegesSpec,
});

export const schemaAttributesSpec = extend(owned, {
  privileges: privilegesSpec,
  oldname: s.string(),
  default_privileges: s.map(defaultPrivilegesSpec),
});

export const extensionSpec = extend(owned, { schema: s.string(), version: s.string() });

export const languageSpec = extend(
  owned,
  {
    trusted: s.boolean(),
    handler: s.string(),
    inline: s.string(),
    validator: s.string(),
    privileges: privilegesSpec,
  },
  { defaults: { trusted: false } },
);

export const castSpec = extend(
  described,
  {
    function: s.string(),
    context: s.enum(["explicit", "assignment", "implicit"]),
    method: s.enum(["function", "inout", "binary"]),
  },
  { required: ["context", "method"] },
);

export const userMappingSpec = s.object({ options: s.list(s.string()) });

export const serverSpec = extend(owned, {
  type: s.string(),
  version: s.string(),
  options: s.list(s.string()),
  privileges: privilegesSpec,
  user_mappings: s.map(userMappingSpec),
});

export const foreignDataWrapperSpec = extend(owned, {
  handler: s.string(),
  validator: s.string(),
  options: s.list(s.string()),
  privileges: privilegesSpec,
});

export const eventTriggerSpec = extend(
  owned,
  {
    event: s.enum(["ddl_command_start", "ddl_command_end", "table_rewrite", "sql_drop", "login"]),
    procedure: s.string(),
    tags: s.list(s.string()),
    enabled: s.enum(["origin", "replica", "always", "disabled"]),
  },
  { required: ["event", "procedure"], defaults: { enabled: "origin" } },
);

/** The operations a publication publishes, in PostgreSQL's order; all four by default. */
export const publishedOperations = ["insert", "update", "delete", "truncate"] as const;

/**
 * A publication (logical replication): every table, the tables named
 * (`schema.table`, quoted as SQL quotes them, each with its column list and
 * row filter from PostgreSQL 15), and the schemas whose tables it publishes
 * (`TABLES IN SCHEMA`, 15).
 */
export const publicationSpec = extend(
  owned,
  {
    all_tables: s.boolean(),
    tables: s.namedList(s.object({ columns: s.list(s.string()), where: s.string() }, { required: [] })),
    schemas: s.list(s.string()),
    publish: s.list(s.enum(publishedOperations)),
    publish_via_partition_root: s.boolean(),
    oldname: s.string(),
  },
  { defaults: { all_tables: false, publish: [...publishedOperations], publish_via_partition_root: false } },
);

export type Column = Infer<typeof columnSpec> & { name: string };
export type KeyConstraint = Infer<typeof keyConstraintSpec>;
export type ForeignKey = Infer<typeof foreignKeySpec>;
export type CheckConstraint = Infer<typeof checkConstraintSpec>;
export type ExclusionConstraint = Infer<typeof exclusionConstraintSpec>;
export type IndexKey = Infer<typeof indexKeySpec>;
export type Index = Infer<typeof indexSpec>;
export type Trigger = Infer<typeof triggerSpec>;
export type Rule = Infer<typeof ruleSpec>;
export type Policy = Infer<typeof policySpec>;
export type ExtendedStatistics = Infer<typeof extendedStatisticsSpec>;
export type Table = Infer<typeof tableSpec>;
export type Sequence = Infer<typeof sequenceSpec>;
export type View = Infer<typeof viewSpec>;
export type MaterializedView = Infer<typeof materializedViewSpec>;
export type Function = Infer<typeof functionSpec>;
export type Procedure = Infer<typeof procedureSpec>;
export type Aggregate = Infer<typeof aggregateSpec>;
export type Type = Infer<typeof typeSpec>;
export type Domain = Infer<typeof domainSpec>;
export type Operator = Infer<typeof operatorSpec>;
export type OperatorClass = Infer<typeof operatorClassSpec>;
export type OperatorFamily = Infer<typeof operatorFamilySpec>;
export type Collation = Infer<typeof collationSpec>;
export type Conversion = Infer<typeof conversionSpec>;
export type TextSearchConfiguration = Infer<typeof textSearchConfigurationSpec>;
export type TextSearchDictionary = Infer<typeof textSearchDictionarySpec>;
export type TextSearchParser = Infer<typeof textSearchParserSpec>;
export type TextSearchTemplate = Infer<typeof textSearchTemplateSpec>;
export type ForeignTable = Infer<typeof foreignTableSpec>;
export type Extension = Infer<typeof extensionSpec>;
export type Language = Infer<typeof languageSpec>;
export type Cast = Infer<typeof castSpec>;
export type Server = Infer<typeof serverSpec>;
export type ForeignDataWrapper = Infer<typeof foreignDataWrapperSpec> & { servers?: Record<string, Server> };
export type EventTrigger = Infer<typeof eventTriggerSpec>;
export type DefaultPrivileges = Infer<typeof defaultPrivilegesSpec>;
export type Publication = Infer<typeof publicationSpec>;
