import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");
const alias = { "~db": path.join(root, "db"), "~": path.join(root, "app") };

/*
 * unit: pure code. integration-*: the same files against PGlite always, and against PostgreSQL
 * when TEST_DATABASE_URL is set. e2e: headless Chromium against a production build.
 */
const integration = (database: "pglite" | "postgres") => ({
  extends: true as const,
  test: {
    name: `integration-${database}`,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: ["tests/support/peppol-global-setup.ts", "tests/support/integration-global-setup.ts"],
    setupFiles: ["tests/support/integration-setup.ts"],
    env: { KOPPEL_TEST_DATABASE: database },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], globalSetup: ["tests/support/peppol-global-setup.ts"] } },
      integration("pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          setupFiles: ["tests/support/e2e-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
