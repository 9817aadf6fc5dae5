// ESLint flat config: `npm run lint`. Recommended rule sets only; formatting is Prettier's job.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { defineConfig } from "eslint/config";

export default defineConfig(
  {
    ignores: [
      "build/",
      "build-*/",
      "public/",
      "node_modules/",
      "db/migrations/",
      "data/",
      ".cache/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "warn" },
    rules: {
      // A leading underscore marks an argument a signature requires but the body does not use
      // (Express's error handler needs four), as the code already does.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // The app runs in the browser as well as on the server.
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // Hooks live in .ts files too (use-answer-queue.ts).
    files: ["app/**/*.{ts,tsx}"],
    ...reactHooks.configs["recommended-latest"],
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A table wider than a phone scrolls inside a labelled region that takes the keyboard's
      // focus (axe's scrollable-region-focusable): tabIndex on role="region" is that pattern.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["tabpanel", "region"] }],
    },
  },
  {
    // Playwright tests run code in the page (page.evaluate), where browser globals exist.
    files: ["tests/**/*.ts"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
