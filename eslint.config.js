import js from "@eslint/js";
import tseslint from "typescript-eslint";
import packageImports from "./scripts/eslint-package-imports.mjs";

// Rules that need the types: each catches a bug class the compiler lets through
// (a promise nobody awaits, a needless `as` that hides a later type change, a
// non-Error thrown past the typed error boundary, a numeric sort by text, a
// switch over a union with neither every case nor a default).
const typedRules = {
  "@typescript-eslint/no-unnecessary-type-assertion": "error",
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": "error",
  "@typescript-eslint/await-thenable": "error",
  "@typescript-eslint/return-await": ["error", "in-try-catch"],
  "@typescript-eslint/only-throw-error": "error",
  "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
  "@typescript-eslint/require-array-sort-compare": ["error", { ignoreStringArrays: true }],
  "@typescript-eslint/no-for-in-array": "error",
  "@typescript-eslint/no-implied-eval": "error",
  "@typescript-eslint/no-array-delete": "error",
  "@typescript-eslint/no-duplicate-type-constituents": "error",
};

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "coverage/**", ".pgvc-tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        URL: "readonly",
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-process-exit": "off",
    },
  },
  {
    // Each package's sources with its own tsconfig (the project service finds it).
    files: ["packages/*/src/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: typedRules,
  },
  {
    // What a package may import: its package.json and docs/architecture.md's arrows.
    files: ["packages/*/src/**/*.ts"],
    plugins: { pgvc: packageImports },
    rules: { "pgvc/package-imports": "error" },
  },
  {
    // The tests are typechecked as one project, against the packages' built declarations.
    files: ["packages/*/test/**/*.ts", "test/**/*.ts"],
    ignores: ["**/fixtures/**"],
    languageOptions: { parserOptions: { project: "./test/tsconfig.json", tsconfigRootDir: import.meta.dirname } },
    rules: typedRules,
  },
);
