import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TEMPLATE_DATABASE } from "./test-database";

export default function setup(): void {
  // One migrated database per run; tests copy it instead of migrating again.
  fs.mkdirSync(path.dirname(TEMPLATE_DATABASE), { recursive: true });
  fs.rmSync(TEMPLATE_DATABASE, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DATABASE}` },
  });
  // End-to-end tests run the app as it ships: built once, served by remix-serve.
  execFileSync("npx", ["remix", "vite:build", "--logLevel", "warn"], { stdio: "inherit" });
}
