export { parseConfig } from "./config/parse.js";
export { loadConfig, checkPaths, type LoadConfigOptions } from "./config/load.js";
export { renderConfig } from "./config/render.js";
export * from "./config/types.js";
export { stagedFiles } from "./git/staged.js";
export { worktreeFiles } from "./git/worktree.js";
export { gitRoot, stagedPaths } from "./git/run.js";
export { isUnder, type RepoFiles } from "./git/files.js";
export { init, hookModes, type HookMode, type InitOptions, type InitResult } from "./commands/init.js";
