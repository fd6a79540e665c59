import { describe, expect, it } from "vitest";
import { createScratchDatabase, keepAsTemplate, listTemplates, openScratchServer } from "@pgvc/scratch";
import { databaseExists, execute, testServerUrl } from "@pgvc/testkit";
import { runChild } from "./child.js";

const url = () => testServerUrl();

describe("url mode", () => {
  it("makes a uniquely named database and drops it when the server is closed", async () => {
    const server = await openScratchServer({ kind: "url", url: url() });
    expect(server.kind).toBe("url");
    expect(server.major).toBe(Math.floor(server.serverVersionNum / 10000));
    const first = await createScratchDatabase(server);
    const second = await createScratchDatabase(server, { prefix: "mine" });
    expect(first.name).not.toBe(second.name);
    expect(second.name.startsWith("mine_")).toBe(true);
    await execute(first.url, "CREATE TABLE t (id int)");
    await first.drop();
    expect(await databaseExists(url(), first.name)).toBe(false);
    expect(await databaseExists(url(), second.name)).toBe(true);
    await server.close();
    expect(await databaseExists(url(), second.name)).toBe(false);
  });

  it("keeps no templates", async () => {
    const server = await openScratchServer({ kind: "url", url: url() });
    try {
      const database = await createScratchDatabase(server);
      await keepAsTemplate(server, database, "pgvc_tpl_url_mode");
      expect(await listTemplates(server, "pgvc_tpl_url")).toEqual([]);
      expect(await databaseExists(url(), "pgvc_tpl_url_mode")).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("drops a database that failed to be made from a missing template", async () => {
    const server = await openScratchServer({ kind: "url", url: url() });
    try {
      await expect(createScratchDatabase(server, { template: "no_such_template_db" })).rejects.toMatchObject({
        name: "DatabaseError",
        sqlstate: "3D000",
      });
      const [rows] = await execute(url(), "SELECT count(*)::int AS n FROM pg_catalog.pg_database WHERE datname LIKE 'pgvc_scratch_%'");
      expect(rows!.rows).toEqual([{ n: 0 }]);
    } finally {
      await server.close();
    }
  });

  it("refuses a server that is not a URL", async () => {
    await expect(openScratchServer({ kind: "url", url: "localhost" })).rejects.toMatchObject({ name: "UsageError" });
  });
});

describe("a process using url mode drops its database when it ends", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("on %s", async (signal) => {
    const child = runChild("wait", { PGVC_CHILD_URL: url() });
    const { name } = (await child.ready) as { name: string };
    expect(await databaseExists(url(), name)).toBe(true);
    child.process.kill(signal);
    expect(await child.ended, child.stderr()).toBe(signal);
    expect(await databaseExists(url(), name)).toBe(false);
  });

  it("on an uncaught error", async () => {
    const child = runChild("throw", { PGVC_CHILD_URL: url() });
    const { name } = (await child.ready) as { name: string };
    expect(await child.ended).toBe(1);
    expect(child.stderr()).toContain("failing on purpose");
    expect(await databaseExists(url(), name)).toBe(false);
  });

  it("and the next run drops what a SIGKILLed one left", async () => {
    const child = runChild("wait", { PGVC_CHILD_URL: url() });
    const { name } = (await child.ready) as { name: string };
    child.process.kill("SIGKILL");
    expect(await child.ended).toBe("SIGKILL");
    expect(await databaseExists(url(), name)).toBe(true);
    const server = await openScratchServer({ kind: "url", url: url() });
    await server.close();
    expect(await databaseExists(url(), name)).toBe(false);
  });
});
