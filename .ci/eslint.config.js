// Lint rules for Koppel. Run with `npm run lint` (CI runs it too).
import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "db/migrations/**", ".cache/**", "data/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { drizzle },
    rules: {
      // A delete or update without a where clause touches every row: never intended.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "executor"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "executor"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "lucia", message: "Lucia stays behind app/modules/auth." }] },
      ],
    },
  },
  {
    // Dates that decide money and deadlines are Brussels dates from app/lib/dates.ts: a UTC date is
    // a day off between midnight and 01:00 or 02:00 in Belgium.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.property.name='slice'][callee.object.type='CallExpression'][callee.object.callee.property.name='toISOString']",
          message: "A UTC date is a day off in Brussels around midnight: use belgianDate() or addDays() from ~/lib/dates.",
        },
      ],
    },
  },
  {
    files: ["app/modules/auth/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Routes reach the database only through modules.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "lucia", message: "Lucia stays behind app/modules/auth." }],
          patterns: [
            { group: ["~db/*", "drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"], message: "Routes call app/modules/<x>/index.server.ts." },
          ],
        },
      ],
    },
  },
);
