/**
 * Test artifacts (test/.artifacts: app logs, databases, Vite caches of end-to-end runs) are for
 * reading why a run failed. A run that passed deletes them, so the folder does not grow run after
 * run; a failed or interrupted run keeps everything. The migrated template stays: a rerun in
 * watch mode copies it again without running the global setup.
 */
import fs from "node:fs";
import path from "node:path";
import type { Reporter, TestRunEndReason } from "vitest/node";

// stack.ts's ARTIFACTS_DIR and test-database.ts's TEMPLATE_DATABASE, not imported: those modules load the sandbox and Prisma.
const ARTIFACTS_DIR = path.resolve(import.meta.dirname, "../.artifacts");
const TEMPLATE = "template.sqlite";

export default class ArtifactsCleanup implements Reporter {
  onTestRunEnd(_modules: unknown, unhandledErrors: readonly unknown[], reason: TestRunEndReason): void {
    if (reason !== "passed" || unhandledErrors.length > 0 || !fs.existsSync(ARTIFACTS_DIR)) return;
    for (const entry of fs.readdirSync(ARTIFACTS_DIR)) {
      if (entry !== TEMPLATE) fs.rmSync(path.join(ARTIFACTS_DIR, entry), { recursive: true, force: true });
    }
  }
}
