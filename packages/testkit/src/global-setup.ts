import { randomBytes } from "node:crypto";
import { parseMajor, startTemporaryServer as startServer } from "@pgvc/scratch";
import { externalServerVariable, runServerVariable } from "./databases.js";
import { dropTemplates, runIdVariable } from "./templates.js";

/**
 * vitest global setup: one server for the whole run. A server named by
 * PGVC_TEST_DATABASE_URL is used as it is; otherwise an embedded one of
 * version PGVC_TEST_PG (default 15) is started and removed at the end, on
 * failure and on interruption too.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Workers inherit the id; templates are named after it.
  process.env[runIdVariable] = randomBytes(3).toString("hex");
  const external = process.env[externalServerVariable];
  if (external) {
    process.env[runServerVariable] = external;
    // The run's own server goes with its templates; another one keeps nothing of the run.
    return () => dropTemplates(external);
  }
  const server = await startServer({ major: parseMajor(process.env.PGVC_TEST_PG) });
  process.env[runServerVariable] = server.url;
  process.env.PGVC_TEST_SERVER_MAJOR = String(server.major);
  process.env.PGVC_TEST_SERVER_DIR = server.dataDir;
  // vitest may end the process straight from its own signal handler, so the
  // interruption path cleans up synchronously, before anything else runs.
  const onSignal = () => server.stopNow();
  process.prependOnceListener("SIGINT", onSignal);
  process.prependOnceListener("SIGTERM", onSignal);
  process.once("exit", onSignal);
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", onSignal);
    await server.stop();
  };
}
