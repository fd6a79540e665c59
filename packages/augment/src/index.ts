export { augmentDatabase, checkSpec } from "./augment.js";
export { parseAugmentSpec } from "./spec.js";
export { mergeAugmenter } from "./config.js";
export { predefinedAugmenter } from "./builtin.js";
export { expandSource } from "./template.js";
export type * from "./definitions.js";
export { dbaugment, readSpec, type DbaugmentOptions, type DbaugmentResult } from "./commands/dbaugment.js";
