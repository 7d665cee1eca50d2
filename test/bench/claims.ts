/**
 * Job claims under contention: `workers` clients (each its own connection, as separate worker
 * processes have) claim and complete `jobs` no-op jobs. Prints claims per second, claim
 * statements per job claimed (each claimNextJob call is one statement) and the share of claim
 * statements that came back empty while jobs were still pending (lost races).
 * Part of `npm run bench`; alone: `npx tsx test/bench/claims.ts [postgresql://server-url]` (a
 * throwaway database is created on the server; without one, on a throwaway local cluster).
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { PrismaClient } from "@prisma/client";
import { claimNextJob, completeJob } from "../../app/jobs/job-queue.server";
import { openDatabase } from "../../app/db-open.server";
import { migrateDatabase, removeDatabase } from "../support/stack";

export interface ClaimFigures {
  claimsPerSecond: number;
  claimStatementsPerJob: number;
  lostRaceShare: number;
}

export async function benchClaims(url: string, options = { workers: 6, jobs: 1000 }): Promise<ClaimFigures> {
  const seed = openDatabase(url);
  const now = new Date(Date.now() - 1000);
  await seed.job.createMany({ data: Array.from({ length: options.jobs }, (_, i) => ({ id: `s|noop|${i}`, shop: "s", kind: "noop", subject: String(i), runAfter: now })) });
  // PostgreSQL: a connection per worker, as worker processes have. SQLite: the 6 share one process's
  // one connection (better-sqlite3 waits for a lock synchronously, so connections in one process
  // would block each other; separate processes take turns on the file the same way).
  const shared = url.startsWith("file:") ? openDatabase(url) : null;
  const clients: PrismaClient[] = Array.from({ length: options.workers }, () => shared ?? openDatabase(url, { poolSize: 1 }));
  await Promise.all(clients.map((client) => client.job.count()));
  let statements = 0;
  let lost = 0;
  let claimed = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client, i) => {
      for (;;) {
        statements++;
        const job = await claimNextJob(client, `w${i}`);
        if (job) {
          claimed++;
          await completeJob(client, job, `w${i}`);
          continue;
        }
        if ((await seed.job.count({ where: { status: "pending" } })) === 0) return;
        lost++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([...new Set([...clients, seed])].map((client) => client.$disconnect()));
  return { claimsPerSecond: Math.round(claimed / seconds), claimStatementsPerJob: statements / claimed, lostRaceShare: lost / statements };
}

/** A fresh migrated database: a SQLite file, or a database on the given PostgreSQL server. */
async function freshDatabase(serverUrl: string | null): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) {
    const file = path.join(os.tmpdir(), `bench-claims-${process.pid}.sqlite`);
    removeDatabase(file);
    migrateDatabase(file);
    return { url: `file:${file}`, drop: async () => removeDatabase(file) };
  }
  const name = `bench_claims_${process.pid}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "ignore", env: { ...process.env, DATABASE_URL: url.toString() } });
  return { url: url.toString(), drop: async () => void (await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`), await admin.end()) };
}

/**
 * SQLite, and PostgreSQL on the server BENCH_POSTGRESQL_URL names (or the one given), else on a
 * throwaway local cluster started and stopped here (as `.ci/run` does for the tests).
 */
export async function printClaims(serverUrl = process.env.BENCH_POSTGRESQL_URL): Promise<void> {
  const throwaway = !serverUrl;
  const server = serverUrl ?? execFileSync("prisma/tools/postgres-throwaway.sh", ["start"], { encoding: "utf8" }).trim();
  try {
    const rows: Record<string, ClaimFigures> = {};
    for (const url of [null, server]) {
      const database = await freshDatabase(url);
      rows[url ? "PostgreSQL" : "SQLite"] = await benchClaims(database.url);
      await database.drop();
    }
    console.info("\nJob claims: 6 workers (PostgreSQL: a connection each), 1,000 no-op jobs; claim statements per job and the share of claims that lost a race");
    console.table(rows);
  } finally {
    if (throwaway) execFileSync("prisma/tools/postgres-throwaway.sh", ["stop"], { stdio: "ignore" });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void printClaims(process.argv[2]);
