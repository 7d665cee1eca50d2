import { execFileSync } from "node:child_process";

// End-to-end tests run the app as it ships: built once, served by remix-serve.
export default function buildAppOnce(): void {
  execFileSync("npx", ["remix", "vite:build", "--logLevel", "warn"], { stdio: "inherit" });
}
