import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "@pgvc/core";
import { statement } from "../src/statement.js";
import { catchUp, checkStatements, loadStatementParser } from "../src/validate.js";

beforeAll(async () => {
  await loadStatementParser();
});

const alterSequence = (sql: string, object = "sequence app.s") => statement("alter", object, sql, "main");

describe("the one DO block pgvc writes", () => {
  it("is accepted in exactly the form sequences.ts writes, for a quoted name too", () => {
    expect(() => checkStatements([alterSequence(catchUp("app.s", "<", 1000))])).not.toThrow();
    expect(() => checkStatements([alterSequence(catchUp('app."order no"', ">", -100), "sequence app.order no")])).not.toThrow();
  });

  it("is refused with anything else inside, or for another kind of object", () => {
    const smuggled = "DO $$BEGIN IF (SELECT last_value FROM app.s) < 1000 THEN DROP TABLE app.t; END IF; END$$";
    expect(() => checkStatements([alterSequence(smuggled)])).toThrow(InputError);
    const otherName = "DO $$BEGIN IF (SELECT last_value FROM app.s) < 1000 THEN ALTER SEQUENCE app.t RESTART WITH 1000; END IF; END$$";
    expect(() => checkStatements([alterSequence(otherName)])).toThrow(/parses as DoStmt/);
    expect(() => checkStatements([alterSequence(catchUp("app.s", "<", 1000), "table app.s")])).toThrow(/parses as DoStmt/);
    expect(() => checkStatements([alterSequence("DO $$BEGIN PERFORM pg_sleep(1); END$$")])).toThrow(InputError);
  });
});
