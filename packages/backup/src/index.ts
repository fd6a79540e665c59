export { backup, type BackupOptions, type BackupResult } from "./commands/backup.js";
export { restore, type RestoreOptions, type RestorePlan, type RestoreResult } from "./commands/restore.js";
export { guard, type CommandOutcome, type ExpectChecker, type Expectation, type GuardOptions, type GuardResult } from "./commands/guard.js";
export {
  parseTableOfContents,
  readSidecar,
  sha256File,
  verifyArchive,
  type Sidecar,
  type TableOfContents,
  type TocEntry,
  type VerifiedArchive,
} from "./archive.js";
export { CancelledError, InterruptedError, RestoreError, type DatabaseStates } from "./errors.js";
export { backupFileName, databaseStamp, derivedDatabaseName, fileStamp, shellWord, sidecarPath } from "./naming.js";
export { silentReporter, stderrReporter, type Reporter } from "./reporter.js";
export { findTool, parseToolVersion, pgBinVariable, type Tool } from "./tools.js";
export { createDatabaseStatement } from "./restore/copy.js";
export { parseBackupArgs, parseGuardArgs, parseRestoreArgs, type BackupArgs, type GuardArgs, type RestoreArgs } from "./cli/args.js";
