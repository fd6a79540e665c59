export { writeSchemaYaml, renderEntries, databaseEntries } from "./write.js";
export { readSchemaYaml, mergeSchemaYaml } from "./read.js";
export { SchemaInputError } from "./nodes.js";
export { isPlainSafe } from "./scalars.js";
