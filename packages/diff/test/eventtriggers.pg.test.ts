import { describe, expect, it } from "vitest";
import { roundTrip } from "./roundtrip.js";

const text = async (before: string, after: string) => (await roundTrip(before, after)).sql.join(";\n");
const fn = `CREATE SCHEMA app;
  CREATE FUNCTION app.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;`;

describe("event trigger round trips", () => {
  it("creates an event trigger after its function, with tags, state and comment", async () => {
    const sql = await text(
      "CREATE SCHEMA app;",
      `${fn} CREATE EVENT TRIGGER pgvc_et_note ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.note_ddl();
       ALTER EVENT TRIGGER pgvc_et_note ENABLE ALWAYS;
       COMMENT ON EVENT TRIGGER pgvc_et_note IS 'logs DDL';`,
    );
    expect(sql).toContain(
      "CREATE EVENT TRIGGER pgvc_et_note ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.note_ddl()",
    );
    expect(sql).toContain("ALTER EVENT TRIGGER pgvc_et_note ENABLE ALWAYS");
    expect(sql).toContain("COMMENT ON EVENT TRIGGER pgvc_et_note IS 'logs DDL'");
    expect(sql.indexOf("CREATE FUNCTION app.note_ddl")).toBeLessThan(sql.indexOf("CREATE EVENT TRIGGER"));
  });

  it("disables and enables in place, re-creates on a new event, and drops before the function", async () => {
    const trigger = `${fn} CREATE EVENT TRIGGER pgvc_et_x ON ddl_command_start EXECUTE FUNCTION app.note_ddl();`;
    expect(await text(trigger, `${trigger} ALTER EVENT TRIGGER pgvc_et_x DISABLE;`)).toBe("ALTER EVENT TRIGGER pgvc_et_x DISABLE");
    expect(await text(`${trigger} ALTER EVENT TRIGGER pgvc_et_x ENABLE REPLICA;`, trigger)).toBe("ALTER EVENT TRIGGER pgvc_et_x ENABLE");
    const moved = await text(trigger, trigger.replace("ddl_command_start", "sql_drop"));
    expect(moved).toBe("DROP EVENT TRIGGER pgvc_et_x;\nCREATE EVENT TRIGGER pgvc_et_x ON sql_drop EXECUTE FUNCTION app.note_ddl()");
    const dropped = await text(trigger, "CREATE SCHEMA app;");
    expect(dropped.indexOf("DROP EVENT TRIGGER pgvc_et_x")).toBeLessThan(dropped.indexOf("DROP FUNCTION app.note_ddl"));
  });
});
