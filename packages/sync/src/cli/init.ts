import { runCli } from "@pgvc/core";
import { init } from "../commands/init.js";
import { formatInitResult, parseInitArgs } from "../init/args.js";

await runCli("pgvc-init", async () => {
  const options = parseInitArgs(process.argv.slice(2));
  const result = await init(options);
  process.stdout.write(formatInitResult(result, options.dryRun));
  return 0;
});
