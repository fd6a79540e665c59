import { describe, expect, it } from "vitest";
import { execute } from "@pgvc/testkit";
import { useTestDatabase } from "@pgvc/testkit/vitest";
import { introspectUrl } from "./helpers.js";

// Expected values follow CREATE / ALTER EVENT TRIGGER: enabled ("origin")
// by default, DISABLE, ENABLE REPLICA and ENABLE ALWAYS otherwise.
const db = useTestDatabase();

describe("event triggers", () => {
  it("reads event, function, tags and state", async () => {
    await execute(
      db.url,
      `
      CREATE SCHEMA app;
      CREATE FUNCTION app.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
      CREATE EVENT TRIGGER pgvc_it_a ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION app.note_ddl();
      CREATE EVENT TRIGGER pgvc_it_b ON sql_drop EXECUTE FUNCTION app.note_ddl();
      ALTER EVENT TRIGGER pgvc_it_a DISABLE;
      ALTER EVENT TRIGGER pgvc_it_b ENABLE ALWAYS;
      COMMENT ON EVENT TRIGGER pgvc_it_b IS 'drops';`,
    );
    const model = await introspectUrl(db.url, { noOwner: true });
    expect(model.eventTriggers).toEqual({
      pgvc_it_a: { event: "ddl_command_end", procedure: "app.note_ddl()", tags: ["CREATE TABLE", "DROP TABLE"], enabled: "disabled" },
      pgvc_it_b: { event: "sql_drop", procedure: "app.note_ddl()", enabled: "always", description: "drops" },
    });
  });
});
