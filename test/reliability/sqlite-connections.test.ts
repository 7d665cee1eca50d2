/**
 * The app's SQLite adapter keeps one connection whatever it runs: @libsql/client 0.8.1 opened a new
 * one after every transaction and never closed the old (libsql-client-ts#350), 2 files a transaction.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/test-database";
import { openDatabaseFiles } from "./process-usage";

describe("the SQLite connection", () => {
  it("stays one (database, -wal, -shm) over hundreds of write transactions, and is closed on disconnect", async () => {
    const { db, url, drop } = await createTestDatabase();
    const file = url.replace(/^file:/, "");
    try {
      await db.job.count();
      const before = openDatabaseFiles(process.pid, file);
      for (let i = 0; i < 300; i++) {
        await db.$transaction(async (tx) => {
          await tx.job.upsert({ where: { id: `s|k|${i}` }, create: { id: `s|k|${i}`, shop: "s", kind: "k", subject: String(i) }, update: {} });
          await tx.job.updateMany({ where: { id: `s|k|${i}` }, data: { attempts: 1 } });
        });
      }
      expect(await db.job.count()).toBe(300);
      expect(openDatabaseFiles(process.pid, file)).toBe(before);
      await db.$disconnect();
      expect(openDatabaseFiles(process.pid, file)).toBe(0);
    } finally {
      await drop();
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it("runs a statement from elsewhere only after an open transaction ends, never inside it", async () => {
    const { db, drop } = await createTestDatabase();
    try {
      let releaseTransaction!: () => void;
      const held = new Promise<void>((resolve) => (releaseTransaction = resolve));
      let insideWritten!: () => void;
      const written = new Promise<void>((resolve) => (insideWritten = resolve));
      const transaction = db
        .$transaction(async (tx) => {
          await tx.job.create({ data: { id: "s|k|inside", shop: "s", kind: "k", subject: "inside" } });
          insideWritten();
          await held;
          throw new Error("rolled back");
        })
        .catch((error: Error) => error.message);
      await written;
      // Issued while the transaction is open on the one connection; it must not join (and vanish with) it.
      // (Prisma's promises start only when awaited or then'd, so it is started here.)
      const outside = db.job.create({ data: { id: "s|k|outside", shop: "s", kind: "k", subject: "outside" } }).then(() => "written");
      // Time for it to reach the connection while the transaction is open, where an adapter without
      // the turn would run it inside the transaction; what is checked is the state after the rollback.
      await new Promise((resolve) => setTimeout(resolve, 200));
      releaseTransaction();
      expect(await transaction).toBe("rolled back");
      expect(await outside).toBe("written");
      expect((await db.job.findMany({ select: { subject: true } })).map((job) => job.subject)).toEqual(["outside"]);
    } finally {
      await drop();
    }
  });
});
