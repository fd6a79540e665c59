export {
  binaryRoot,
  binaryPackageName,
  binaryVersion,
  parseMajor,
  platformKey,
  platformsFor,
  supportedPlatforms,
  supportedVersions,
  type BinaryTarget,
  type PgMajor,
} from "./binaries.js";
export { startTemporaryServer, sweepAbandonedServers, type EmbeddedServer, type StartOptions } from "./temporary.js";
export { cacheDirectory, cacheVariable, rootCacheDirectory } from "./cache.js";
export { openScratchServer } from "./open.js";
export { defaultIdleSeconds, stopEmbeddedServer, type EmbeddedConfig } from "./embedded.js";
export type { OpenOptions, ScratchConfig, ScratchServer } from "./server.js";
export { createScratchDatabase, type ScratchDatabase, type ScratchDatabaseOptions } from "./databases.js";
export { dropTemplate, keepAsTemplate, listTemplates } from "./templates.js";
export { copyStrategy, withDatabaseName } from "./session.js";
