/**
 * `npm run sandbox`: the app in dev mode against a local Shopify sandbox, with
 * no Shopify account and no network. Migrates a SQLite db (or, when DATABASE_URL is a
 * postgresql:// URL, empties and migrates that database), starts the sandbox (demo seed) and
 * `remix vite:dev`, then prints where to click. Ctrl-C stops both.
 * SANDBOX_PORT, APP_PORT and SANDBOX_DB_FILE move it; VITE_CACHE_DIR gives Vite its own cache.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startSandbox } from "./server";
import { playDemoStory } from "./demo-story";
import { appEnvironment, killOnExit, migrateDatabase, removeDatabase, resetPostgresqlDatabase, ROOT, stopChild, TEST_APP, TOML_PATH, waitForHttp } from "../support/stack";

const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 4300);
const APP_PORT = Number(process.env.APP_PORT ?? 3000);
const HOST = "127.0.0.1";

async function main(): Promise<void> {
  const appUrl = `http://${HOST}:${APP_PORT}`;
  const dbFile = path.resolve(process.env.SANDBOX_DB_FILE ?? path.join(ROOT, "prisma/sandbox.sqlite"));
  const postgresqlUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : null;
  const databaseUrl = postgresqlUrl ?? `file:${dbFile}`;
  // The sandbox's shop lives in memory and is seeded afresh on every start, so the app's database
  // starts afresh too: no offline token, job or back-order line of a shop that no longer exists.
  if (postgresqlUrl) {
    console.info(`[sandbox] fresh database ${new URL(postgresqlUrl).pathname.slice(1)} on PostgreSQL (emptied)`);
    resetPostgresqlDatabase(postgresqlUrl);
  } else {
    console.info(`[sandbox] fresh database ${path.relative(ROOT, dbFile)}`);
    removeDatabase(dbFile);
    migrateDatabase(dbFile);
  }

  const sandbox = await startSandbox({
    port: SANDBOX_PORT,
    host: HOST,
    app: { ...TEST_APP, appUrl, tomlPath: TOML_PATH },
    seed: true,
  });

  const app = spawn("npx", ["remix", "vite:dev", "--port", String(APP_PORT), "--host", HOST], {
    cwd: ROOT,
    env: { ...process.env, ...appEnvironment(sandbox, appUrl, databaseUrl, sandbox.scopes.join(",")) },
    stdio: "inherit",
    detached: true,
  });
  killOnExit(app);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.info("\n[sandbox] stopping");
    await stopChild(app);
    await sandbox.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  app.once("exit", (code) => {
    if (!stopping) {
      console.error(`[sandbox] the app exited (${code ?? "signal"})`);
      void stop(code ?? 1);
    }
  });

  await waitForHttp(`${appUrl}/healthz`, { child: app, timeoutMs: 120_000 });
  await playDemoStory({ sandbox, appUrl, databaseUrl }, (step) => console.info(`[sandbox] demo story: ${step}`)).catch((error: unknown) => console.error("[sandbox] the demo story did not finish:", error));
  console.info(
    [
      "",
      "Shopify sandbox is ready:",
      `  Admin (embedded app): ${sandbox.adminShellUrl()}`,
      `  Storefront:           ${sandbox.url}/`,
      `  Control API:          ${sandbox.url}/sandbox`,
      `  Sandbox controls:     ${sandbox.url}/sandbox/controls (e.g. refuse customer data, then order in the storefront)`,
      `  App (direct):         ${appUrl}`,
      "Ctrl-C stops both.",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error("[sandbox] failed to start:", error);
  process.exit(1);
});
