import { beforeAll, describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import type { Database } from "@pgvc/model";
import { introspectUrl } from "./helpers.js";

const db = useTestDatabase();
let model: Database;

beforeAll(async () => {
  await execute(
    db.url,
    `
    CREATE SCHEMA d;
    CREATE TYPE d.mood AS ENUM ('a');
    CREATE SEQUENCE d.counter;
    CREATE FUNCTION d.double(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
    CREATE TABLE d.parent (id int PRIMARY KEY);
    CREATE TABLE d.t (id int DEFAULT nextval('d.counter'), m d.mood, p int CONSTRAINT t_p_fkey REFERENCES d.parent,
                      CONSTRAINT t_check CHECK (d.double(id) > 0));
    CREATE INDEX t_expr ON d.t (d.double(id));
    CREATE VIEW d.v AS SELECT id, d.double(id) AS dbl FROM d.t;
    CREATE VIEW d.vv AS SELECT id FROM d.v;
    CREATE FUNCTION d.trg() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
    CREATE TRIGGER t_trg BEFORE INSERT ON d.t FOR EACH ROW EXECUTE FUNCTION d.trg();
    CREATE FUNCTION d.moody(m d.mood) RETURNS d.mood LANGUAGE sql RETURN m;
    CREATE TABLE d.part (id int) PARTITION BY RANGE (id);
    CREATE TABLE d.part1 PARTITION OF d.part FOR VALUES FROM (0) TO (10);
    CREATE TABLE d.kid () INHERITS (d.parent);
    CREATE TABLE d.s (id serial);
    CREATE TYPE d.fr AS RANGE (subtype = float8);`,
  );
  model = await introspectUrl(db.url, { schemas: ["d"] });
});

describe("dependencies", () => {
  it.each([
    ["table d.t", ["sequence d.counter", "type d.mood", "function d.double(x integer)", "schema d"]],
    ["constraint d.t.t_p_fkey", ["table d.parent", "table d.t"]],
    ["index d.t_expr", ["function d.double(x integer)", "table d.t"]],
    ["view d.v", ["table d.t", "function d.double(x integer)"]],
    ["view d.vv", ["view d.v"]],
    ["trigger d.t.t_trg", ["function d.trg()", "table d.t"]],
    ["function d.moody(m d.mood)", ["type d.mood"]],
    ["table d.part1", ["table d.part"]],
    ["table d.kid", ["table d.parent"]],
    ["table d.s", ["sequence d.s_id_seq"]],
  ])("%s depends on what it needs", (source, targets) => {
    for (const target of targets) expect(model.dependencies?.[source]).toContain(target);
  });

  it("leaves out the edge from an owned sequence back to its table, which would make a cycle", () => {
    expect(model.dependencies?.["sequence d.s_id_seq"] ?? []).not.toContain("table d.s");
  });

  it("names no multirange type nor its constructor functions", () => {
    const all = Object.entries(model.dependencies ?? {}).flatMap(([source, targets]) => [source, ...targets]);
    expect(all.filter((ref) => ref.includes("multirange"))).toEqual([]);
    expect(all.filter((ref) => ref.startsWith("function d.fr("))).toEqual([]);
  });

  it("lists targets sorted and once", () => {
    for (const targets of Object.values(model.dependencies ?? {})) {
      expect(targets).toEqual([...new Set(targets)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  });
});
