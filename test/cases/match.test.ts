import { describe, expect, it } from "vitest";
import { caseJsonProblems, checkExpectations, normalizeSql, parseRoles, sqlContains, type CaseExpectation } from "./index.js";

const none: CaseExpectation = { hazards: [], forbiddenHazards: [], mustContain: [], mustNotContain: [], inOrder: [] };

describe("fragment matching", () => {
  it("ignores case, whitespace runs and spaces next to brackets and commas", () => {
    expect(normalizeSql("ALTER  TABLE app.t\n   ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES app.u (id)")).toBe(
      "alter table app.t add constraint f foreign key(a)references app.u(id)",
    );
    expect(sqlContains("CREATE INDEX i ON app.t USING btree (LEAST(a, b), GREATEST(a, b));", "(least(a,b), greatest(a,b))")).toBe(true);
    expect(sqlContains("DROP VIEW app.v;", "DROP TABLE")).toBe(false);
  });

  it("reports missing, forbidden and out-of-order fragments, and hazards", () => {
    const sql = "CREATE TYPE app.m2 AS ENUM ('a');\nALTER TYPE app.m RENAME TO m_old;\nDROP TYPE app.m_old;";
    const expectation: CaseExpectation = {
      ...none,
      hazards: ["data-loss"],
      forbiddenHazards: ["rebuild"],
      mustContain: ["ALTER TYPE app.m RENAME TO"],
      mustNotContain: ["DROP TYPE"],
      inOrder: ["ALTER TYPE app.m RENAME TO", "CREATE TYPE app.m2", "ADD VALUE"],
    };
    expect(checkExpectations(sql, expectation, ["rebuild"])).toEqual([
      "missing: ADD VALUE",
      "must not contain: DROP TYPE",
      "out of order: CREATE TYPE app.m2 comes before what precedes it in inOrder",
      "hazard not reported: data-loss",
      "hazard must not be reported: rebuild",
    ]);
    expect(checkExpectations("ALTER TYPE app.m ADD VALUE 'x';", { ...none, mustContain: ["add value 'x'"] }, [])).toEqual([]);
  });
});

describe("case files", () => {
  it("reads roles from a first-line comment only", () => {
    expect(parseRoles("-- roles: app_reader, app_writer\nCREATE SCHEMA app;")).toEqual(["app_reader", "app_writer"]);
    expect(parseRoles("CREATE SCHEMA app;\n-- roles: app_reader")).toEqual([]);
  });

  it("explains what is wrong with a case.json", () => {
    expect(caseJsonProblems({ title: "t", hardCase: "h", expect: { hazards: [], mustContain: ["x"], mustNotContain: [] } })).toEqual([]);
    expect(
      caseJsonProblems({ title: "", hardCase: "h", renames: ["app.a=b"], minVersion: 9, afterData: "SELECT 1", expect: { hazards: "data-loss", mustContain: [1], mustNotContain: [], extra: 1 } }),
    ).toEqual([
      "title must be a non-empty string",
      'rename hint "app.a=b" is not kind:old=new',
      "minVersion must be an integer of at least 14",
      "afterData and expectedRows go together",
      'unknown key "expect.extra"',
      "expect.hazards must be an array of non-empty strings",
      "expect.mustContain must be an array of non-empty strings",
    ]);
  });
});
