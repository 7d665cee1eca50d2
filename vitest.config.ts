import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// The suites that touch the database run a second time on PostgreSQL when TEST_POSTGRESQL_URL
// names a server (`.ci/run` starts one with prisma/tools/postgres-throwaway.sh); see test/support/test-database.ts.
const ALL_SUITES = ["test/**/*.test.ts"];
const DATABASE_SUITES = ["test/engine/**/*.test.ts", "test/jobs/**/*.test.ts", "test/models/**/*.test.ts"];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Not under `projects`: a project that extends the root would add its `include` to this one.
    ...(process.env.TEST_POSTGRESQL_URL ? {} : { include: ALL_SUITES }),
    environment: "node",
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ["test/support/global-setup.ts"],
    ...(process.env.TEST_POSTGRESQL_URL
      ? {
          projects: [
            { extends: true, test: { name: "sqlite", include: ALL_SUITES } },
            { extends: true, test: { name: "postgresql", include: DATABASE_SUITES, env: { TEST_DATABASE: "postgresql" } } },
          ],
        }
      : {}),
  },
});
