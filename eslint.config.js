// ESLint (flat config): the web editor's ES modules and their Node tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "output/", "output.*/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["theme/admin/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    files: ["tests/**/*.mjs", "eslint.config.js", ".remarkrc.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
  {
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      eqeqeq: "error",
      "no-var": "off",
    },
  },
];
