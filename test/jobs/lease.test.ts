/**
 * A job's lease holds for as long as it runs, however much other work its worker does meanwhile:
 * a long job with a short lease while a flood of deliveries is worked off by its worker and by a
 * rival worker in another thread. The rival never takes it over, so it runs once.
 */
import path from "node:path";
import { Worker as Thread } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enqueueJob } from "../../app/jobs/job-queue.server";
import { startWorker, type Worker } from "../../app/jobs/worker.server";
import { SqliteInbox } from "../../app/webhooks/inbox-sqlite.server";
import { createTestDatabase, TEST_ON_POSTGRESQL, type TestDatabase } from "../support/test-database";

const SHOP = "a.myshopify.com";
// Short beside the flood (which takes many lease lengths), yet long enough for a write lock held by the rival.
const LEASE_MS = 2000;
const DELIVERIES = 1000;
const LONG_JOB = { shop: SHOP, kind: "expand-order", subject: "gid://shopify/Order/1" };

let database: TestDatabase;
let worker: Worker | null = null;
let rival: Thread | null = null;
/** Lets the long job's read return (also when a test failed before it did). */
let answer = () => {};

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  answer();
  await worker?.stop();
  if (rival) await new Promise((resolve) => rival!.once("exit", resolve).postMessage("stop"));
  worker = null;
  rival = null;
  await database.drop();
});

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sqliteFile = (database: TestDatabase) => database.url.replace(/^file:/, "");

// SQLite only: the flood goes through the SQLite inbox, and the rival thread opens the same file;
// on PostgreSQL leases are covered by the scale-out test (test/engine/scale-out.test.ts).
describe.skipIf(TEST_ON_POSTGRESQL)("job leases under load", () => {
  it("keeps a long job's lease while its worker and a rival work off many deliveries: no job runs twice", async () => {
    const { db } = database;
    await db.shopSettings.create({ data: { shop: SHOP, lastReconciledAt: new Date() } });
    await enqueueJob(db, LONG_JOB, { source: "test" });

    // Shopify answers the long job's one read only after several lease lengths.
    let reads = 0;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const slowShopify = {
      request: async () => {
        reads++;
        await answered;
        return { order: null };
      },
    };
    worker = startWorker({ db, adminFor: async () => slowShopify as never, workerId: "owner", pollMs: 10, leaseMs: LEASE_MS, concurrency: 4 });
    await until(async () => reads === 1);

    rival = new Thread(path.resolve("test/support/rival-worker.ts"), { execArgv: ["--import", "tsx"], workerData: { dbFile: sqliteFile(database), leaseMs: LEASE_MS } });
    const inbox = new SqliteInbox(sqliteFile(database));
    await Promise.all(
      Array.from({ length: DELIVERIES }, (_, index) =>
        inbox.record({ webhookId: `flood-${index}`, shop: SHOP, topic: "orders/updated", apiVersion: "2026-10", payload: { id: index, line_items: [] } }),
      ),
    );
    inbox.close();
    await until(async () => (await db.webhookDelivery.count({ where: { status: "processed" } })) === DELIVERIES);
    // The flood is worked off, by both workers, while the long job still waits for Shopify.
    expect(await db.job.findUniqueOrThrow({ where: { id: `${SHOP}|expand-order|gid://shopify/Order/1` } })).toMatchObject({ status: "running", lockedBy: "owner" });
    answer();

    await until(async () => (await db.job.count({ where: { status: { not: "done" } } })) === 0);
    // Read once: a rival that took the job over would have failed it (it has no session) and it would have run again.
    expect(reads).toBe(1);
    expect(await db.job.count({ where: { lastError: { not: null } } })).toBe(0);
    expect(await db.job.count({ where: { kind: "delivery", status: "done" } })).toBe(DELIVERIES);
  });
});
