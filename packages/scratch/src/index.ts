export {
  binaryRoot,
  binaryPackageName,
  parseMajor,
  platformKey,
  platformsFor,
  supportedPlatforms,
  supportedVersions,
  type BinaryTarget,
  type PgMajor,
} from "./binaries.js";
export { startTemporaryServer, sweepAbandonedServers, type EmbeddedServer, type StartOptions } from "./temporary.js";
