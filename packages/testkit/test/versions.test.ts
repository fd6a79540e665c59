import { describe, expect, it } from "vitest";
import { execute, startServer, supportedVersions, ensureRole } from "@pgvc/testkit";

describe.each(supportedVersions)("PostgreSQL %i", (major) => {
  it("starts from the npm binaries, answers a real query, and stops", async () => {
    const server = await startServer({ major });
    try {
      const [version] = await execute(server.url, "SELECT pg_catalog.current_setting('server_version_num')::int / 10000 AS major");
      expect(version!.rows).toEqual([{ major }]);
      await ensureRole(server.url, "app_reader");
      await ensureRole(server.url, "app_reader");
      const [roles] = await execute(server.url, "SELECT count(*)::int AS n FROM pg_catalog.pg_roles WHERE rolname = 'app_reader'");
      expect(roles!.rows).toEqual([{ n: 1 }]);
    } finally {
      await server.stop();
    }
  });
});
