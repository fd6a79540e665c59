// The servers and their binaries come from @pgvc/scratch; testkit adds the
// helpers tests use on them. `startServer` is the name tests know.
export {
  binaryRoot,
  parseMajor,
  startTemporaryServer as startServer,
  supportedVersions,
  sweepAbandonedServers,
  type EmbeddedServer,
  type PgMajor,
  type StartOptions,
} from "@pgvc/scratch";
export * from "./databases.js";
export { createFromTemplate, dropTemplates, runTemplatePrefix, templatePrefix } from "./templates.js";
