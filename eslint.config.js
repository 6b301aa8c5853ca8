import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What the client entry (and its transport) may never load. */
const CLIENT_ENTRY_BOUNDARY = {
  group: ["**/emulator/**", "**/cache/**", "**/cli/**"],
  message: "The client entry must not load emulator, cache or CLI code.",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", ".scratch/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (.ci/*.mjs).
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // One named options interface per method, as in @azure/keyvault-secrets 4.12.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
    },
  },
  {
    // The client entry never reaches into the emulator, cache or CLI, and never loads node: modules.
    files: ["src/index.ts", "src/client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            CLIENT_ENTRY_BOUNDARY,
            { group: ["node:*"], message: "The client runs on the Azure core packages only." },
          ],
        },
      ],
    },
  },
  {
    // The one exception to the rule above: the client's Node transport (src/client/transport/README.md) sends
    // requests with node:http/node:https and decodes bodies with node:zlib. Nothing else of node: is allowed.
    files: ["src/client/transport/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            CLIENT_ENTRY_BOUNDARY,
            {
              group: ["node:*", "!node:http", "!node:https", "!node:zlib", "!node:util"],
              message: "The transport uses node:http, node:https, node:zlib and node:util only.",
            },
          ],
        },
      ],
    },
  },
  {
    // The cache takes its client from the caller and needs only its type: no client values, no emulator, no CLI.
    files: ["src/cache/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/client/**", "**/emulator/**", "**/cli/**"],
              message: "The cache imports client types from ../index.js only.",
            },
          ],
        },
      ],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "../index.js", message: "Import client types only (import type).", allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // The emulator is an independent implementation of Key Vault: it never imports client code.
    files: ["src/emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/client/**", "**/cache/**", "**/cli/**", "../index.js"],
              message: "The emulator never imports client, cache or CLI code.",
            },
          ],
        },
      ],
    },
  },
);
