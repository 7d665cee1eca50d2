/**
 * PostgreSQL with 2 web and 3 worker processes: every webhook reaches both web processes, and a
 * worker is killed (SIGKILL) while a restock releases hundreds of waiting orders. Every unit is
 * released exactly once, every delivery stored once, and no job is claimed while another worker's
 * lease on it is valid (a trigger in the test database records each claim with the row it found).
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installApp, outstandingWork, settle } from "../support/engine";
import { openAppDatabase } from "../support/app-database";
import { countRestockOutcome, restockThroughCrashes } from "../support/restock-crashes";
import { startScaleOutStack, type ScaleOutStack } from "../support/scale-out-stack";
import { TEST_ON_POSTGRESQL } from "../support/test-database";

const ORDERS = 200;

/** Each claim (a row turning to running for a worker), with the status and lease it replaced. */
const RECORD_CLAIMS = [
  `CREATE TABLE "ClaimLog" ("jobId" TEXT, "worker" TEXT, "at" TIMESTAMP(3), "oldStatus" TEXT, "oldLockedUntil" TIMESTAMP(3))`,
  `CREATE FUNCTION record_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
     IF NEW."status" = 'running' AND NEW."attempts" = OLD."attempts" + 1 THEN
       INSERT INTO "ClaimLog" VALUES (NEW."id", NEW."lockedBy", NEW."updatedAt", OLD."status", OLD."lockedUntil");
     END IF;
     RETURN NEW;
   END $$`,
  `CREATE TRIGGER record_claim AFTER UPDATE ON "Job" FOR EACH ROW EXECUTE FUNCTION record_claim()`,
];

// PostgreSQL only: on SQLite one file serves one machine's processes, which the crash test covers.
describe.skipIf(!TEST_ON_POSTGRESQL)("PostgreSQL with 2 web and 3 worker processes", () => {
  let stack: ScaleOutStack;
  let db: PrismaClient;
  beforeAll(async () => {
    stack = await startScaleOutStack({ web: 2, workers: 3 });
    db = openAppDatabase(stack.databaseUrl);
    await installApp(stack);
    await settle(stack, db);
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await stack?.stop();
  });

  it("releases every waiting unit exactly once with a worker killed and every webhook delivered to both web processes", async () => {
    for (const statement of RECORD_CLAIMS) await db.$executeRawUnsafe(statement);
    // Every order's sync re-reads the open orders, so settling 200 orders takes minutes on 2 shared cores.
    const under = { stack, db, settle: (timeoutMs?: number) => settle(stack, db, Math.max(timeoutMs ?? 0, 480_000)) };
    const run = await restockThroughCrashes(under, { mode: "hold_release", orders: ORDERS, kills: 1, seed: 14 });
    expect(run.kills).toBe(1);
    expect(stack.liveWorkers()).toBe(2);

    expect(await countRestockOutcome(under, "hold_release", run)).toMatchObject({ orders: ORDERS, lost: 0, doubled: 0, deadLetters: 0 });
    const lines = await db.backorderLine.findMany({ where: { variantId: run.variant }, select: { state: true } });
    expect(lines.map((line) => line.state)).toEqual(Array(ORDERS).fill("released"));
    expect(await outstandingWork(db)).toEqual({ deliveries: 0, jobs: [] });

    // Each delivery reached both web processes and was stored once.
    const deliveries = stack.sandbox.webhooks.deliveries().filter((delivery) => delivery.outcome === "delivered");
    expect(await db.webhookDelivery.count()).toBe(new Set(deliveries.map((delivery) => delivery.webhookId)).size);

    const claims = await db.$queryRawUnsafe<{ jobId: string; worker: string; at: Date; oldStatus: string; oldLockedUntil: Date | null }[]>(`SELECT * FROM "ClaimLog"`);
    expect(claims.length).toBeGreaterThan(ORDERS);
    const underValidLease = claims.filter((claim) => claim.oldStatus === "running" && claim.oldLockedUntil !== null && claim.oldLockedUntil.getTime() > claim.at.getTime());
    expect(underValidLease).toEqual([]);
  }, 1_200_000);
});
