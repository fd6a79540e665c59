// Run by an exiting process (see cleanup.ts) to drop the scratch databases it
// still had: reads [{ name, connection }] as JSON on stdin.
import { readFileSync } from "node:fs";
import type { ResolvedConnection } from "@pgvc/core";
import { dropDatabase } from "./cleanup.js";

const work = JSON.parse(readFileSync(0, "utf8")) as { name: string; connection: ResolvedConnection }[];
const results = await Promise.allSettled(work.map(({ name, connection }) => dropDatabase(connection, name)));
for (const [index, result] of results.entries()) {
  if (result.status === "rejected") {
    process.stderr.write(`pgvc: could not drop scratch database "${work[index]!.name}": ${String(result.reason)}\n`);
  }
}
