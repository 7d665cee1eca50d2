/**
 * The webhook inbox on SQLite, written before Remix sees the request: each delivery and its job
 * are two prepared statements, and every delivery that arrived in the same turn of the event loop
 * shares one transaction (group commit). A delivery is acknowledged only after its commit.
 *
 * Its own better-sqlite3 connection with no busy wait: a write lock held by the worker makes the
 * batch try again a moment later instead of blocking the web thread.
 */
import Database from "better-sqlite3";
import { ENQUEUE_ON_CONFLICT, jobId } from "../jobs/job-queue.server";
import { countSqlStatements } from "../sql-statements.server";
import type { AuthenticatedDelivery } from "./inbox.server";

/** As Prisma writes DateTime to SQLite, so the app's comparisons and reads see the same thing. */
const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** How long a batch keeps trying for the write lock before its requests fail (and Shopify retries). */
const LOCK_PATIENCE_MS = 10_000;

/**
 * New, or stored but not yet processed (a crash between storing and the job, then Shopify's
 * retry): either way its job is asked for. A processed one changes nothing.
 */
const STORE_DELIVERY = `INSERT INTO "WebhookDelivery" ("webhookId", "shop", "topic", "eventId", "apiVersion", "triggeredAt", "payload", "receivedAt", "status", "attempts", "nextAttemptAt")
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
  ON CONFLICT ("webhookId") DO UPDATE SET "status" = "WebhookDelivery"."status" WHERE "WebhookDelivery"."status" = 'pending'`;

const ENQUEUE_DELIVERY_JOB = `INSERT INTO "Job" ("id", "shop", "kind", "subject", "status", "runAfter", "attempts", "rerun", "source", "createdAt", "updatedAt")
  VALUES (?, ?, 'delivery', ?, 'pending', ?, 0, FALSE, ?, ?, ?)
  ${ENQUEUE_ON_CONFLICT}`;

interface Waiting {
  delivery: AuthenticatedDelivery;
  done: (error?: unknown) => void;
}

export class SqliteInbox {
  private readonly connection: Database.Database;
  private readonly storeDelivery: Database.Statement;
  private readonly enqueueJob: Database.Statement;
  private readonly writeBatch: (batch: readonly Waiting[]) => void;
  private waiting: Waiting[] = [];
  private scheduled = false;
  private firstBusyAt: number | null = null;

  constructor(file: string) {
    this.connection = new Database(file, { timeout: 0 });
    this.connection.pragma("journal_mode = WAL");
    this.connection.pragma("synchronous = NORMAL");
    // Checkpoints (which sync the file) are left to the worker's and pages' connections, off the web thread's ack path.
    this.connection.pragma("wal_autocheckpoint = 0");
    this.storeDelivery = this.connection.prepare(STORE_DELIVERY);
    this.enqueueJob = this.connection.prepare(ENQUEUE_DELIVERY_JOB);
    const transaction = this.connection.transaction((batch: readonly Waiting[]) => {
      const now = sqliteTime(new Date());
      for (const { delivery } of batch) this.write(delivery, now);
    });
    this.writeBatch = (batch) => transaction.immediate(batch);
  }

  /** Resolves once the delivery and its job are committed. */
  record(delivery: AuthenticatedDelivery): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ delivery, done: (error) => (error === undefined ? resolve() : reject(error)) });
      this.schedule(0);
    });
  }

  close(): void {
    this.connection.close();
  }

  private write(delivery: AuthenticatedDelivery, now: string): void {
    const { webhookId, shop } = delivery;
    const triggeredAt = delivery.triggeredAt ? new Date(delivery.triggeredAt) : null;
    const stored = this.storeDelivery.run(
      webhookId,
      shop,
      delivery.topic,
      delivery.eventId ?? null,
      delivery.apiVersion,
      triggeredAt && !Number.isNaN(triggeredAt.getTime()) ? sqliteTime(triggeredAt) : null,
      delivery.payloadJson ?? JSON.stringify(delivery.payload),
      now,
      now,
    );
    countSqlStatements();
    if (stored.changes === 0) return;
    this.enqueueJob.run(jobId({ shop, kind: "delivery", subject: webhookId }), shop, webhookId, now, webhookId, now, now);
    countSqlStatements();
  }

  private schedule(delayMs: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // After the current turn: every request parsed in it joins the batch.
    const flush = () => {
      this.scheduled = false;
      this.flush();
    };
    if (delayMs > 0) setTimeout(flush, delayMs);
    else setImmediate(flush);
  }

  private flush(): void {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    try {
      this.writeBatch(batch);
      countSqlStatements(2); // BEGIN IMMEDIATE, COMMIT
      this.firstBusyAt = null;
    } catch (error) {
      if (isBusy(error) && Date.now() - (this.firstBusyAt ??= Date.now()) < LOCK_PATIENCE_MS) {
        this.waiting = batch.concat(this.waiting);
        this.schedule(2);
        return;
      }
      this.firstBusyAt = null;
      for (const { done } of batch) done(error);
      return;
    }
    for (const { done } of batch) done();
  }
}

const isBusy = (error: unknown) => error instanceof Error && "code" in error && (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED");
