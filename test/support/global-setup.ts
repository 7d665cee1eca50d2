import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { runCommand } from "./run-command";
import { migratePostgresqlTemplate, TEMPLATE_DATABASE } from "./test-database";

const BUILD_ENTRY = path.resolve("build/server/index.js");
const BUILD_INPUTS = ["app", "public", "vite.config.ts", "package.json", "tsconfig.json"];

/** Newest modification time under the given paths (files and folders, recursively). */
function newestChange(paths: readonly string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
  };
  paths.forEach((entry) => visit(path.resolve(entry)));
  return newest;
}

declare global {
  // The test runs this process has set up already.
  var backorderTestRunsSetUp: WeakSet<object> | undefined;
}

/** Vitest's global setup; `npm run reliability` calls it too (without a project). */
export default async function setup(project?: TestProject): Promise<void> {
  // With TEST_POSTGRESQL_URL set, the root config and each project run their global setup: the first does it for all.
  globalThis.backorderTestRunsSetUp ??= new WeakSet();
  if (project && globalThis.backorderTestRunsSetUp.has(project.vitest)) return;
  if (project) globalThis.backorderTestRunsSetUp.add(project.vitest);

  // One migrated database per run; tests copy it instead of migrating again.
  fs.mkdirSync(path.dirname(TEMPLATE_DATABASE), { recursive: true });
  fs.rmSync(TEMPLATE_DATABASE, { force: true });
  const migrated = runCommand("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` } });
  // End-to-end tests run the app as it ships: built by remix-serve's build. Rebuilt only when a
  // source is newer than the build, so a run never pulls the build from under another one.
  const built = fs.existsSync(BUILD_ENTRY) ? fs.statSync(BUILD_ENTRY).mtimeMs : 0;
  const build = built < newestChange(BUILD_INPUTS) ? runCommand("npx", ["remix", "vite:build", "--logLevel", "warn"], { showOutput: true }) : undefined;
  await Promise.all([migrated, build, process.env.TEST_POSTGRESQL_URL ? migratePostgresqlTemplate() : undefined]);
}
