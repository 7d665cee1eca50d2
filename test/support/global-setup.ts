import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
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

export default async function setup(): Promise<void> {
  // One migrated database per run; tests copy it instead of migrating again.
  fs.mkdirSync(path.dirname(TEMPLATE_DATABASE), { recursive: true });
  fs.rmSync(TEMPLATE_DATABASE, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` },
  });
  if (process.env.TEST_POSTGRESQL_URL) await migratePostgresqlTemplate();
  // End-to-end tests run the app as it ships: built by remix-serve's build. Rebuilt only when a
  // source is newer than the build, so a run never pulls the build from under another one.
  const built = fs.existsSync(BUILD_ENTRY) ? fs.statSync(BUILD_ENTRY).mtimeMs : 0;
  if (built < newestChange(BUILD_INPUTS)) execFileSync("npx", ["remix", "vite:build", "--logLevel", "warn"], { stdio: "inherit" });
}
