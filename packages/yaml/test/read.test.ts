import { describe, expect, it } from "vitest";
import type { Database } from "@pgvc/model";
import { readSchemaYaml } from "@pgvc/yaml";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("reading the Pyrseas format", () => {
  it("reads a document covering the kinds of the format reference", () => {
    const text = lines(
      "cast (text as app.mood):",
      "  context: explicit",
      "  function: app.to_mood(text)",
      "  method: function",
      "event trigger ddl_log:",
      "  enabled: always",
      "  event: ddl_command_end",
      "  procedure: app.log_ddl()",
      "  tags:",
      "  - CREATE TABLE",
      "extension hstore:",
      "  schema: public",
      "  version: '1.8'",
      "language plperl:",
      "  trusted: true",
      "schema app:",
      "  description: the shop",
      "  owner: alice",
      "  privileges:",
      "  - alice:",
      "    - all",
      "  - PUBLIC:",
      "    - usage",
      "  domain email:",
      "    check_constraints:",
      "      email_check:",
      "        expression: (VALUE ~~ '%@%'::text)",
      "    not_null: true",
      "    type: text",
      "  function add(integer, integer):",
      "    language: sql",
      "    returns: integer",
      "    source: SELECT $1 + $2",
      "    volatility: immutable",
      "    strict: true",
      "  materialized view order_totals:",
      "    definition: |2-",
      "       SELECT orders.customer_id,",
      "          count(*) AS n",
      "         FROM app.orders",
      "        GROUP BY orders.customer_id;",
      "    with_data: false",
      "    indexes:",
      "      order_totals_idx:",
      "        keys:",
      "        - customer_id",
      "  sequence orders_order_id_seq:",
      "    cache_value: 1",
      "    increment_by: 1",
      "    max_value: null",
      "    min_value: null",
      "    owner_column: order_id",
      "    owner_table: orders",
      "    start_value: 1",
      "  table orders:",
      "    check_constraints:",
      "      orders_qty_check:",
      "        columns:",
      "        - qty",
      "        expression: (qty > 0)",
      "    columns:",
      "    - order_id:",
      "        default: nextval('app.orders_order_id_seq'::regclass)",
      "        not_null: true",
      "        type: integer",
      "    - customer_id:",
      "        type: integer",
      "    - qty:",
      "        type: integer",
      "    - status:",
      "        default: '''new''::app.mood'",
      "        type: app.mood",
      "    foreign_keys:",
      "      orders_customer_id_fkey:",
      "        columns:",
      "        - customer_id",
      "        on_delete: cascade",
      "        references:",
      "          columns:",
      "          - id",
      "          schema: app",
      "          table: customers",
      "    primary_key:",
      "      orders_pkey:",
      "        columns:",
      "        - order_id",
      "    triggers:",
      "      orders_audit:",
      "        events:",
      "        - insert",
      "        - update",
      "        level: row",
      "        procedure: app.audit()",
      "        timing: after",
      "    unique_constraints:",
      "      orders_customer_id_qty_key:",
      "        columns:",
      "        - customer_id",
      "        - qty",
      "        deferrable: true",
      "        deferred: true",
      "  type mood:",
      "    labels:",
      "    - sad",
      "    - ok",
      "    - happy",
      "  view big_orders:",
      "    definition: |2-",
      "       SELECT orders.order_id",
      "         FROM app.orders",
      "        WHERE orders.qty > 10;",
      "schema public:",
      "  description: standard public schema",
    );
    const expected: Database = {
      casts: { "(text as app.mood)": { context: "explicit", function: "app.to_mood(text)", method: "function" } },
      eventTriggers: { ddl_log: { enabled: "always", event: "ddl_command_end", procedure: "app.log_ddl()", tags: ["CREATE TABLE"] } },
      extensions: { hstore: { schema: "public", version: "1.8" } },
      languages: { plperl: { trusted: true } },
      schemas: {
        app: {
          description: "the shop",
          owner: "alice",
          privileges: [{ alice: ["all"] }, { PUBLIC: ["usage"] }],
          domains: {
            email: { check_constraints: { email_check: { expression: "(VALUE ~~ '%@%'::text)" } }, not_null: true, type: "text" },
          },
          functions: {
            "add(integer, integer)": {
              language: "sql",
              returns: "integer",
              source: "SELECT $1 + $2",
              volatility: "immutable",
              strict: true,
            },
          },
          materializedViews: {
            order_totals: {
              definition: " SELECT orders.customer_id,\n    count(*) AS n\n   FROM app.orders\n  GROUP BY orders.customer_id;",
              with_data: false,
              indexes: { order_totals_idx: { keys: ["customer_id"] } },
            },
          },
          sequences: {
            orders_order_id_seq: {
              cache_value: 1,
              increment_by: 1,
              max_value: null,
              min_value: null,
              owner_column: "order_id",
              owner_table: "orders",
              start_value: 1,
            },
          },
          tables: {
            orders: {
              check_constraints: { orders_qty_check: { columns: ["qty"], expression: "(qty > 0)" } },
              columns: [
                { name: "order_id", default: "nextval('app.orders_order_id_seq'::regclass)", not_null: true, type: "integer" },
                { name: "customer_id", type: "integer" },
                { name: "qty", type: "integer" },
                { name: "status", default: "'new'::app.mood", type: "app.mood" },
              ],
              foreign_keys: {
                orders_customer_id_fkey: {
                  columns: ["customer_id"],
                  on_delete: "cascade",
                  references: { columns: ["id"], schema: "app", table: "customers" },
                },
              },
              primary_key: { orders_pkey: { columns: ["order_id"] } },
              triggers: { orders_audit: { events: ["insert", "update"], level: "row", procedure: "app.audit()", timing: "after" } },
              unique_constraints: { orders_customer_id_qty_key: { columns: ["customer_id", "qty"], deferrable: true, deferred: true } },
            },
          },
          types: { mood: { labels: ["sad", "ok", "happy"] } },
          views: { big_orders: { definition: " SELECT orders.order_id\n   FROM app.orders\n  WHERE orders.qty > 10;" } },
        },
        public: { description: "standard public schema" },
      },
    };
    expect(readSchemaYaml(text, "schema.yaml")).toEqual(expected);
  });

  it("accepts the shorthand `- col: type` for columns", () => {
    const db = readSchemaYaml(
      lines(
        "schema public:",
        "  table t1:",
        "    columns:",
        "    - c1: integer",
        "    - c2:",
        "        type: text",
        "        not_null: true",
      ),
      "s.yaml",
    );
    expect(db.schemas.public?.tables?.t1?.columns).toEqual([
      { name: "c1", type: "integer" },
      { name: "c2", type: "text", not_null: true },
    ]);
  });

  it("accepts `columns:` as an alias of `keys:` in indexes", () => {
    const db = readSchemaYaml(
      lines(
        "schema public:",
        "  table t1:",
        "    indexes:",
        "      t1_idx:",
        "        columns:",
        "        - c1",
        "        - c2:",
        "            order: desc",
        "            nulls: last",
      ),
      "s.yaml",
    );
    expect(db.schemas.public?.tables?.t1?.indexes).toEqual({ t1_idx: { keys: ["c1", { c2: { order: "desc", nulls: "last" } }] } });
  });

  it("reads privileges with grant options and grantors, column privileges included", () => {
    const db = readSchemaYaml(
      lines(
        "schema public:",
        "  table t1:",
        "    columns:",
        "    - c1:",
        "        type: integer",
        "        privileges:",
        "        - user1:",
        "          - insert",
        "    owner: postgres",
        "    privileges:",
        "    - postgres:",
        "      - all",
        "    - PUBLIC:",
        "      - select",
        "    - user2:",
        "      - trigger:",
        "          grantable: true",
        "      - references:",
        "          grantable: true",
        "    - user3:",
        "        grantor: user2",
        "        privs:",
        "        - insert",
      ),
      "s.yaml",
    );
    expect(db.schemas.public?.tables?.t1).toEqual({
      columns: [{ name: "c1", type: "integer", privileges: [{ user1: ["insert"] }] }],
      owner: "postgres",
      privileges: [
        { postgres: ["all"] },
        { PUBLIC: ["select"] },
        { user2: [{ trigger: { grantable: true } }, { references: { grantable: true } }] },
        { user3: { grantor: "user2", privs: ["insert"] } },
      ],
    });
  });

  it("reads foreign data wrappers with their servers and user mappings", () => {
    const db = readSchemaYaml(
      lines(
        "foreign data wrapper fdw1:",
        "  options:",
        "  - debug=true",
        "  server fs1:",
        "    type: test",
        "    version: '1.0'",
        "    user mappings:",
        "      PUBLIC: {}",
        "      alice:",
        "        options:",
        "        - user=john",
        "        - password=doe",
        "  server fs2: {}",
        "foreign data wrapper fdw2: {}",
        "schema public:",
        "  foreign table ft1:",
        "    columns:",
        "    - c1:",
        "        type: integer",
        "    - c2:",
        "        type: text",
        "    options:",
        "    - user=jack",
        "    server: fs1",
      ),
      "s.yaml",
    );
    expect(db).toEqual({
      foreignDataWrappers: {
        fdw1: {
          options: ["debug=true"],
          servers: {
            fs1: { type: "test", version: "1.0", user_mappings: { PUBLIC: {}, alice: { options: ["user=john", "password=doe"] } } },
            fs2: {},
          },
        },
        fdw2: {},
      },
      schemas: {
        public: {
          foreignTables: {
            ft1: {
              columns: [
                { name: "c1", type: "integer" },
                { name: "c2", type: "text" },
              ],
              options: ["user=jack"],
              server: "fs1",
            },
          },
        },
      },
    });
  });

  it("attaches a top-level `user mapping for ROLE server NAME` to its server", () => {
    const db = readSchemaYaml(
      lines("user mapping for bob server fs1:", "  options:", "  - user=bob", "foreign data wrapper w:", "  server fs1: {}"),
      "s.yaml",
    );
    expect(db.foreignDataWrappers).toEqual({ w: { servers: { fs1: { user_mappings: { bob: { options: ["user=bob"] } } } } } });
  });

  it("keeps identity arguments in function, aggregate and operator keys", () => {
    const db = readSchemaYaml(
      lines(
        "schema s:",
        "  aggregate total(integer):",
        "    sfunc: int4pl",
        "    stype: integer",
        "  function f1(p integer, q text):",
        "    language: plpgsql",
        "    returns: void",
        "    source: |",
        "      BEGIN",
        "        NULL;",
        "      END",
        "  function f1():",
        "    language: sql",
        "    returns: text",
        "    source: SELECT 'x'::text",
        "  operator +(s.money, s.money):",
        "    procedure: s.money_add",
        "  operator class mo using btree:",
        "    type: s.money",
      ),
      "s.yaml",
    );
    const s = db.schemas.s;
    expect(Object.keys(s?.functions ?? {})).toEqual(["f1(p integer, q text)", "f1()"]);
    expect(s?.functions?.["f1(p integer, q text)"]?.source).toBe("BEGIN\n  NULL;\nEND\n");
    expect(s?.aggregates).toEqual({ "total(integer)": { sfunc: "int4pl", stype: "integer" } });
    expect(s?.operators).toEqual({ "+(s.money, s.money)": { procedure: "s.money_add" } });
    expect(s?.operatorClasses).toEqual({ "mo using btree": { type: "s.money" } });
  });

  it("reads oldname rename hints on schemas, tables and columns", () => {
    const db = readSchemaYaml(
      lines(
        "schema b:",
        "  oldname: a",
        "  table t2:",
        "    oldname: t1",
        "    columns:",
        "    - y:",
        "        oldname: x",
        "        type: integer",
      ),
      "s.yaml",
    );
    expect(db.schemas.b).toEqual({
      oldname: "a",
      tables: { t2: { oldname: "t1", columns: [{ name: "y", oldname: "x", type: "integer" }] } },
    });
  });

  it("reads pgvc's additions: procedures, generated columns, policies, exclusion constraints", () => {
    const db = readSchemaYaml(
      lines(
        "schema s:",
        "  procedure p(integer):",
        "    language: sql",
        "    source: SELECT 1",
        "  table t:",
        "    columns:",
        "    - a:",
        "        type: integer",
        "    - b:",
        "        generated: (a * 2)",
        "        type: integer",
        "    exclusion_constraints:",
        "      t_a_excl:",
        "        access_method: gist",
        "        elements:",
        "        - a:",
        "            operator: =",
        "    policies:",
        "      p1:",
        "        command: select",
        "        roles:",
        "        - PUBLIC",
        "        using: (a > 0)",
        "    row_level_security: true",
      ),
      "s.yaml",
    );
    expect(db.schemas.s).toEqual({
      procedures: { "p(integer)": { language: "sql", source: "SELECT 1" } },
      tables: {
        t: {
          columns: [
            { name: "a", type: "integer" },
            { name: "b", generated: "(a * 2)", type: "integer" },
          ],
          exclusion_constraints: { t_a_excl: { access_method: "gist", elements: [{ a: { operator: "=" } }] } },
          policies: { p1: { command: "select", roles: ["PUBLIC"], using: "(a > 0)" } },
          row_level_security: true,
        },
      },
    });
  });

  it("reads depends_on on any kind, and operator class strategies keyed by number (Pyrseas output)", () => {
    const db = readSchemaYaml(
      lines(
        "cast (sd.d1 as integer):",
        "  context: implicit",
        "  depends_on:",
        "  - domain d1",
        "  method: inout",
        "schema sd:",
        "  operator class oc1 using btree:",
        "    functions:",
        "      1: btint4cmp(integer,integer)",
        "    operators:",
        "      1: sd.<(integer,integer)",
        "      3: sd.=(integer,integer)",
        "      5: sd.>(integer,integer)",
        "    type: integer",
      ),
      "s.yaml",
    );
    expect(db).toEqual({
      casts: { "(sd.d1 as integer)": { context: "implicit", depends_on: ["domain d1"], method: "inout" } },
      schemas: {
        sd: {
          operatorClasses: {
            "oc1 using btree": {
              functions: { "1": "btint4cmp(integer,integer)" },
              operators: { "1": "sd.<(integer,integer)", "3": "sd.=(integer,integer)", "5": "sd.>(integer,integer)" },
              type: "integer",
            },
          },
        },
      },
    });
  });

  it("keeps the written text of plain scalars where text is expected", () => {
    const db = readSchemaYaml(
      lines(
        "extension e:",
        "  version: 1.10",
        "schema s:",
        "  table t:",
        "    columns:",
        "    - c:",
        "        type: integer",
        "        default: 0",
      ),
      "s.yaml",
    );
    expect(db.extensions?.e?.version).toBe("1.10");
    expect(db.schemas.s?.tables?.t?.columns?.[0]?.default).toBe("0");
  });

  it("reads integers exactly up to the largest safe one", () => {
    const db = readSchemaYaml(
      lines("schema s:", "  sequence q:", "    max_value: 9007199254740991", "    min_value: -9007199254740991", "    start_value: 0x10"),
      "s.yaml",
    );
    expect(db.schemas.s?.sequences?.q).toEqual({ max_value: 9007199254740991, min_value: -9007199254740991, start_value: 16 });
  });

  it("keeps the written spelling of keys that YAML would read as other types", () => {
    const db = readSchemaYaml(
      lines(
        "schema s:",
        "  table t:",
        "    columns:",
        "    - null: text",
        "    - yes: text",
        "    - 2024-01-01: date",
        "    - 1.50: numeric",
      ),
      "s.yaml",
    );
    expect(db.schemas.s?.tables?.t?.columns?.map((c) => c.name)).toEqual(["null", "yes", "2024-01-01", "1.50"]);
  });

  it("reads YAML 1.1 booleans as PyYAML does", () => {
    const db = readSchemaYaml(
      lines("schema s:", "  table t:", "    columns:", "    - c:", "        type: integer", "        not_null: yes"),
      "s.yaml",
    );
    expect(db.schemas.s?.tables?.t?.columns?.[0]?.not_null).toBe(true);
  });

  it("reads an optional attribute written without a value as not set, as PyYAML-based tools do", () => {
    const db = readSchemaYaml(
      lines(
        "schema s:",
        "  description:",
        "  table t:",
        "    owner: ~",
        "    columns:",
        "    - c:",
        "        type: text",
        "        default:",
      ),
      "s.yaml",
    );
    expect(db).toEqual({ schemas: { s: { tables: { t: { columns: [{ name: "c", type: "text" }] } } } } });
  });

  it("expands anchors, aliases and merge keys as PyYAML does", () => {
    const db = readSchemaYaml(
      lines(
        "schema app:",
        "  table a: &base",
        "    owner: alice",
        "    columns:",
        "    - id: integer",
        "  table b:",
        "    <<: *base",
        "    owner: bob",
        "  table c: *base",
        "  table d:",
        "    <<: [{owner: x}, {owner: y, description: z}]",
      ),
      "s.yaml",
    );
    const columns = [{ name: "id", type: "integer" }];
    expect(db.schemas.app?.tables).toEqual({
      a: { owner: "alice", columns },
      b: { owner: "bob", columns },
      c: { owner: "alice", columns },
      d: { owner: "x", description: "z" },
    });
  });

  it("reads an empty document, and a schema written without a value, as empty", () => {
    expect(readSchemaYaml("", "s.yaml")).toEqual({ schemas: {} });
    expect(readSchemaYaml("schema app:\n", "s.yaml")).toEqual({ schemas: { app: {} } });
  });
});
