/**
 * The app killed (SIGKILL) after the mail server stored a notice and before the app recorded it
 * as sent: the send job comes back when its lease runs out and sends that one message again. At
 * most one duplicate of that message, with the same Message-ID; every other notice once.
 */
import { expect, it } from "vitest";
import { stackForThisFile } from "../support/installed-stack";
import { storyIn } from "../support/shop-story";

// A short lease, so the killed worker's send job is taken up again soon after the restart.
const t = stackForThisFile({ env: { BACKORDER_WORKER_LEASE_MS: "3000" } });
const CUSTOMERS = ["crash-a", "crash-b", "crash-c"];

it("repeats at most the one message the mail server took when the app died", async () => {
  const shop = t.shop();
  const warehouse = shop.addLocation("Crash Mail Warehouse");
  const variant = storyIn(t.shop).addVariant("Crash Mail Kettle", warehouse, 0, "CONTINUE");
  await t.settle();
  const mailbox = t.stack.sandbox.mailbox;

  // Killed while the server holds the second customer's message and has not yet answered that it took it.
  let killed: Promise<void> | null = null;
  mailbox.onStored((message) => {
    if (killed || !message.envelope.to.includes("crash-b@example.com")) return;
    killed = t.stack.killApp();
    return killed;
  });
  for (const name of CUSTOMERS) shop.placeOrder({ customer: { email: `${name}@example.com`, firstName: name }, lines: [{ variantId: variant, quantity: 1 }] });
  while (!killed) await new Promise((resolve) => setTimeout(resolve, 100));
  await killed;
  mailbox.onStored(null);
  await t.stack.startApp();
  await t.settle();

  const received = CUSTOMERS.map((name) => mailbox.messages().filter((message) => message.envelope.to.includes(`${name}@example.com`)));
  const counts = received.map((messages) => messages.length);
  console.info(`[notice crash] ${counts.reduce((a, b) => a + b, 0)} messages received for ${CUSTOMERS.length} notices, per customer: ${counts.join(", ")}`);
  // The message in flight at the kill was stored before the app could record it, so it is sent
  // again: exactly one duplicate, and the others once.
  expect(counts).toEqual([1, 2, 1]);
  // A repeat is the same message: a mail client may fold it into the first.
  expect(new Set(received[1]!.map((message) => message.messageId)).size).toBe(1);
  const rows = await t.db.noticeOutbox.findMany({ where: { variantId: variant } });
  expect(rows.map((row) => row.status)).toEqual(["sent", "sent", "sent"]);
}, 180_000);
