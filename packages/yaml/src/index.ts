export { writeSchemaYaml, writeSchemaYamlTo, renderEntries, databaseEntries } from "./write.js";
export { readSchemaYaml, readSchemaSpec, mergeSchemaYaml } from "./read.js";
export { decodeUtf8, readSchemaFile, readStandardInput } from "./input.js";
export { SchemaInputError } from "./problems.js";
export { isPlainSafe } from "./scalars.js";
export { writeMultipleFiles, layoutFiles, type MultipleFilesResult } from "./multiple.js";
export { readMultipleFiles, findIndex } from "./tree.js";
export { schemaFile, schemaObjectFile, topObjectFile, indexFile } from "./files.js";
export { fmt, fmtText, type FmtOptions, type FmtResult } from "./commands/fmt.js";
