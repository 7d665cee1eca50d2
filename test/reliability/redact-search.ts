/**
 * customers/redact, then a search of every table and column of the app's database for the
 * customer's name and email. The customer first asks for their data, so the app stores the
 * request and its answer: the places a redaction most easily misses.
 */
import type { PrismaClient } from "@prisma/client";
import { findEverywhere, tableNames, type Hit } from "../support/find-everywhere";
import { storyIn } from "../support/shop-story";
import type { Stack } from "../support/stack";

export interface RedactFigures {
  tables: number;
  /** Where the name or email was found before the redaction (the search can find them). */
  placesBefore: number;
  /** Where they were found after it (goal: none). */
  hits: Hit[];
}

const CUSTOMER = { firstName: "Marguerite", lastName: "Okonkwo-Reliability", email: "marguerite.okonkwo@example.com" };

const search = async (db: PrismaClient) => [
  ...(await findEverywhere(db, `${CUSTOMER.firstName} ${CUSTOMER.lastName}`)),
  ...(await findEverywhere(db, CUSTOMER.email)),
];

export async function redactAndSearch(stack: Stack, db: PrismaClient, settle: () => Promise<void>): Promise<RedactFigures> {
  const shop = () => stack.sandbox.shop;
  const { addVariant } = storyIn(shop);
  const warehouse = shop().addLocation("Redact Warehouse");
  const lamp = addVariant("Redacted Lamp", warehouse, 0);
  const rug = addVariant("Redacted Rug", warehouse, 0);
  await settle();
  // Two orders left waiting for stock, so the app keeps lines, activity and payloads about them.
  for (const variantId of [lamp, rug]) shop().placeOrder({ customer: CUSTOMER, lines: [{ variantId, quantity: 2 }] });
  await settle();
  stack.sandbox.lifecycle.customerRequest("data_request", CUSTOMER.email);
  await settle();
  const placesBefore = (await search(db)).length;
  stack.sandbox.lifecycle.customerRequest("redact", CUSTOMER.email);
  await settle();
  return { tables: (await tableNames(db)).length, placesBefore, hits: await search(db) };
}
