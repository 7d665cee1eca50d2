import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  failJob,
  jobId,
  retryDeadJob,
} from "../../app/jobs/job-queue.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
const key = { shop: "a.myshopify.com", kind: "sync-variant", subject: "gid://shopify/ProductVariant/1" };

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.drop();
});

describe("job queue", () => {
  it("keeps one job per unit of work however often it is asked for", async () => {
    await enqueueJob(database.db, key);
    await enqueueJob(database.db, key);
    expect(await database.db.job.count()).toBe(1);
  });

  it("never lets two workers claim the same job", async () => {
    await enqueueJob(database.db, key);
    const [a, b] = await Promise.all([claimNextJob(database.db, "w1"), claimNextJob(database.db, "w2")]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it("gives each of many workers claiming at once a different job, and every job to one of them", async () => {
    const subjects = Array.from({ length: 30 }, (_, i) => `gid://shopify/ProductVariant/${i + 1}`);
    for (const subject of subjects) await enqueueJob(database.db, { ...key, subject });
    const workers = ["w1", "w2", "w3", "w4", "w5", "w6"];
    const claimedBy = async (worker: string) => {
      const ids: string[] = [];
      for (let job = await claimNextJob(database.db, worker); job; job = await claimNextJob(database.db, worker)) ids.push(job.id);
      return ids;
    };
    const claimed = (await Promise.all(workers.map(claimedBy))).flat();
    expect(claimed.sort()).toEqual(subjects.map((subject) => jobId({ ...key, subject })).sort());
  });

  it("runs a job again when it was asked for while running", async () => {
    await enqueueJob(database.db, key);
    const job = (await claimNextJob(database.db, "w1"))!;
    await enqueueJob(database.db, key);
    expect(await claimNextJob(database.db, "w2")).toBeNull();
    await completeJob(database.db, job, "w1");
    const again = await claimNextJob(database.db, "w2");
    expect(again?.id).toBe(jobId(key));
    await completeJob(database.db, again!, "w2");
    expect((await database.db.job.findUnique({ where: { id: jobId(key) } }))?.status).toBe("done");
  });

  it("hands a job whose worker died to another worker once the lease ends", async () => {
    await enqueueJob(database.db, key);
    const start = new Date();
    await claimNextJob(database.db, "crashed", { now: start, leaseMs: 1000 });
    expect(await claimNextJob(database.db, "w2", { now: new Date(start.getTime() + 500) })).toBeNull();
    const reclaimed = await claimNextJob(database.db, "w2", { now: new Date(start.getTime() + 1500) });
    expect(reclaimed?.lockedBy).toBe("w2");
    expect(reclaimed?.attempts).toBe(2);
    // The crashed worker coming back cannot complete what is no longer its job.
    await completeJob(database.db, reclaimed!, "crashed");
    expect((await database.db.job.findUnique({ where: { id: reclaimed!.id } }))?.status).toBe("running");
  });

  it("backs off after a failure and keeps a dead letter after the last attempt", async () => {
    await enqueueJob(database.db, key);
    const now = new Date();
    let job = (await claimNextJob(database.db, "w", { now }))!;
    expect(await failJob(database.db, job, "w", new Error("boom"), { maxAttempts: 2, now })).toBe("pending");
    expect(await claimNextJob(database.db, "w", { now })).toBeNull();
    job = (await claimNextJob(database.db, "w", { now: new Date(now.getTime() + 5000) }))!;
    expect(await failJob(database.db, job, "w", new Error("boom again"), { maxAttempts: 2 })).toBe("dead");
    const dead = await database.db.job.findUnique({ where: { id: job.id } });
    expect(dead).toMatchObject({ status: "dead", lastError: "boom again" });

    expect(await retryDeadJob(database.db, job.id)).toBe(true);
    expect(await claimNextJob(database.db, "w")).not.toBeNull();
  });
});
