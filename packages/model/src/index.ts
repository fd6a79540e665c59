export * from "./spec.js";
export * from "./privileges.js";
export * from "./kinds.js";
export * from "./database.js";
export * from "./refs.js";
export * from "./normalize.js";
