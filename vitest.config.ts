import os from "node:os";
import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";
import LongSuitesFirst from "./test/support/long-suites-first";

// The suites that touch the database run a second time on PostgreSQL when TEST_POSTGRESQL_URL
// names a server (`.ci/run` starts one with prisma/tools/postgres-throwaway.sh); see test/support/test-database.ts.
const ALL_SUITES = ["test/**/*.test.ts"];
const DATABASE_SUITES = ["test/engine/**/*.test.ts", "test/jobs/**/*.test.ts", "test/models/**/*.test.ts"];

// Files run side by side, each in its own process (isolated). Most of a file's time is spent
// waiting on the app, the sandbox and Chromium, so half again as many files as cores keeps the
// cores busy (Vitest's default, one less than the cores, runs one file at a time on 2 cores).
const FILES_AT_ONCE = Math.max(2, Math.ceil(os.availableParallelism() * 1.5));

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Not under `projects`: a project that extends the root would add its `include` to this one.
    ...(process.env.TEST_POSTGRESQL_URL ? {} : { include: ALL_SUITES }),
    environment: "node",
    pool: "forks",
    maxWorkers: FILES_AT_ONCE,
    sequence: { sequencer: LongSuitesFirst },
    reporters: ["default", "./test/support/artifacts-cleanup.ts"],
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
