import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["build/**", "node_modules/**", "app/types/**", "test/.artifacts/**", ".cache/**", ".tmp/**", "public/build/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    // The benchmark's output is its tables.
    files: ["test/bench/**"],
    rules: { "no-console": ["error", { allow: ["warn", "error", "info", "table"] }] },
  },
  {
    // Browser scripts served by the sandbox as plain files.
    files: ["**/*.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.browser } },
  },
);
