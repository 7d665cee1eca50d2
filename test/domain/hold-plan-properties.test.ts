import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  HOLD_HANDLE,
  lineKey,
  planOrderHolds,
  type FulfilmentMode,
  type FulfillmentOrderState,
  type HoldAction,
  type OrderPlan,
  type TrackedLineState,
} from "../../app/domain/hold-plan";
import { MODES, ourHold, merchantHold, otherAppHold, ownOtherHandleHold, fo, idsOf, record } from "./hold-plan-fixtures";
import { apply, isOurs } from "./hold-plan-shopify";

const LOCATIONS = ["L1", "L2"];
const LINE_ITEMS = ["X", "Y", "Z"];
const STATUSES_WITHOUT_HOLDS = ["OPEN", "OPEN", "SCHEDULED", "IN_PROGRESS", "CLOSED"];

/** A fulfillment order; our own hold, if any, has a random age (hold ids are unique across orders). */
const foArb = (index: number, options: { ours: boolean }) =>
  fc
    .record({
      locationId: fc.constantFrom(...LOCATIONS),
      ours: options.ours ? fc.boolean() : fc.constant(false),
      holdAge: fc.integer({ min: 1, max: 50 }),
      others: fc.subarray([merchantHold, otherAppHold, ownOtherHandleHold], { maxLength: 2 }),
      status: fc.constantFrom(...STATUSES_WITHOUT_HOLDS),
      lines: fc.subarray(LINE_ITEMS, { minLength: 1 }).chain((items) =>
        fc.tuple(...items.map((item) => fc.integer({ min: 0, max: 3 }).map((remaining) => [item, remaining] as const))),
      ),
    })
    .map(({ locationId, ours, holdAge, others, status, lines }) => {
      const holds = [...others, ...(ours ? [ourHold(`gid://shopify/FulfillmentHold/${holdAge * 10 + index}`)] : [])];
      return fo(`fo${index}`, Object.fromEntries(lines), { locationId, holds, status: holds.length > 0 ? "ON_HOLD" : status });
    });

const fosArb = (options: { ours: boolean }) => fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => foArb(i, options))));

const linesArb = (options: { heldIn: boolean }) =>
  fc.uniqueArray(
    fc.record({
      lineItemId: fc.constantFrom(...LINE_ITEMS),
      locationId: fc.constantFrom(...LOCATIONS),
      waitingUnits: fc.integer({ min: 0, max: 4 }),
      state: fc.constantFrom("waiting", "waiting", "released"),
      shipsOn: fc.option(fc.constantFrom("2026-12-01", "2027-01-01"), { nil: null }),
      // Space-separated ids, some of orders that do not exist (any more).
      heldIn: options.heldIn
        ? fc.option(fc.shuffledSubarray(["fo0", "fo1", "fo2", "fo3", "fo0-rest1", "fo9"], { minLength: 1, maxLength: 3 }).map((ids) => ids.join(" ")), { nil: null })
        : fc.constant(null),
    }),
    { selector: lineKey, maxLength: 6 },
  );

const stateArb = fc.record({
  mode: fc.constantFrom(...MODES),
  fulfillmentOrders: fosArb({ ours: true }),
  lines: linesArb({ heldIn: true }),
  fulfilAt: fc.subarray(LOCATIONS),
});

type Scenario = { mode: FulfilmentMode; fulfillmentOrders: FulfillmentOrderState[]; lines: TrackedLineState[]; fulfilAt: string[] };
const planFor = ({ mode, fulfilAt }: Pick<Scenario, "mode" | "fulfilAt">, fulfillmentOrders: readonly FulfillmentOrderState[], lines: readonly TrackedLineState[], cancelled = false) =>
  planOrderHolds({ mode, cancelled, fulfillmentOrders, lines, canFulfilAt: (location) => fulfilAt.includes(location) });

/** Shopify's state, with our hold ids left out (a rerun may create the same hold under another id). */
const shopifyView = (fos: readonly FulfillmentOrderState[]) =>
  fos.map((f) => ({
    id: f.id,
    status: f.status,
    ours: f.holds.some(isOurs),
    others: f.holds.filter((h) => !isOurs(h)).map((h) => h.id),
    lines: f.lines.map((l) => [l.id, l.remainingQuantity]),
  }));

describe("planOrderHolds properties", () => {
  it("is idempotent: once its actions land (recorded or not yet), planning again does nothing", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { fulfillmentOrders, lines } = scenario;
        const first = planFor(scenario, fulfillmentOrders, lines);
        const after = apply(fulfillmentOrders, first.actions);
        const recorded = record(lines, first);
        const second = planFor(scenario, after, recorded);
        expect(second.actions).toEqual([]);
        expect(second.heldIn).toEqual(first.heldIn);
        expect(second.tagged).toBe(first.tagged);
        expect(second.shipsOn).toBe(first.shipsOn);
        // A crash after the actions but before the records: the rerun repeats nothing either.
        const rerun = planFor(scenario, after, lines);
        expect(rerun.actions).toEqual([]);
        expect(rerun.heldIn).toEqual(first.heldIn);
        // Finished lines are settled in the round whose actions free them, never one round late.
        expect(second.finished).toEqual([]);
        expect(rerun.finished).toEqual(first.finished);
      }),
    );
  });

  it("reports consistent lines: finished ones wait for nothing, held ones are held once the actions land", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { fulfillmentOrders, lines } = scenario;
        const result = planFor(scenario, fulfillmentOrders, lines);
        const pending = lines.filter((l) => l.state === "waiting");
        const waitingKeys = pending.filter((l) => l.waitingUnits > 0).map(lineKey);
        const coveredKeys = pending.filter((l) => l.waitingUnits === 0).map(lineKey);
        expect(result.finished.every((k) => coveredKeys.includes(k))).toBe(true);
        expect([...result.heldIn.keys()].every((k) => waitingKeys.includes(k))).toBe(true);
        const after = apply(fulfillmentOrders, result.actions);
        const openKeys = (f: FulfillmentOrderState) => f.lines.filter((l) => l.remainingQuantity > 0).map((l) => lineKey({ lineItemId: l.lineItemId, locationId: f.locationId }));
        for (const [lk, foIds] of result.heldIn) {
          const ids = idsOf(foIds);
          expect(ids.length).toBeGreaterThan(0);
          expect(new Set(ids).size).toBe(ids.length);
          for (const foId of ids) {
            const held = after.find((f) => f.id === foId);
            expect(held, `${lk} held in ${foId}, which does not exist`).toBeDefined();
            expect(held!.holds.some(isOurs)).toBe(true);
            expect(openKeys(held!)).toContain(lk);
          }
        }
        // Every fulfillment order we hold once the actions land is named by some waiting line, so a crash
        // between its release and its fulfil later cannot lose it.
        const named = new Set([...result.heldIn.values()].flatMap(idsOf));
        for (const f of after) if (f.holds.some(isOurs)) expect(named.has(f.id), `${f.id} held, named by no line`).toBe(true);
        // Every fulfillment order still held by us after the actions has some waiting line open on it.
        for (const f of after) if (f.holds.some(isOurs)) expect(openKeys(f).some((k) => waitingKeys.includes(k))).toBe(true);
        expect(result.tagged).toBe(waitingKeys.length > 0);
      }),
    );
  });

  it("acts at most once per fulfillment order per kind, releases only its own holds, fulfils only what it held", () => {
    fc.assert(
      fc.property(stateArb, (scenario) => {
        const { mode, fulfillmentOrders, lines } = scenario;
        const result = planFor(scenario, fulfillmentOrders, lines);
        const keys = result.actions.map((a) => `${a.kind}:${a.fulfillmentOrderId}`);
        expect(new Set(keys).size).toBe(keys.length);
        const onceHeld = new Set(lines.filter((l) => l.state === "waiting").flatMap((l) => idsOf(l.heldIn)));
        for (const action of result.actions) {
          const target = fulfillmentOrders.find((f) => f.id === action.fulfillmentOrderId)!;
          if (action.kind === "release") expect(target.holds.find((h) => h.id === action.holdId)).toMatchObject({ handle: HOLD_HANDLE, heldByRequestingApp: true });
          if (action.kind === "fulfil") {
            expect(mode).toBe("hold_fulfil");
            expect(scenario.fulfilAt).toContain(target.locationId);
            // Held by us now (and released just before), or named by a pending line.
            if (target.holds.some(isOurs)) expect(keys.indexOf(`release:${target.id}`)).toBe(keys.indexOf(`fulfil:${target.id}`) - 1);
            else expect(onceHeld.has(target.id)).toBe(true);
          }
          if (action.kind === "hold" && action.lines !== null) expect(mode).toBe("ship_available_first");
        }
        const cancelled = planFor(scenario, fulfillmentOrders, lines, true);
        expect(cancelled.actions).toEqual([]);
        expect(cancelled.tagged).toBe(false);
        expect(cancelled.heldIn).toEqual(new Map());
        expect(cancelled.finished).toEqual(lines.filter((l) => l.state === "waiting").map(lineKey));
      }),
    );
  });

  // From an order the app has not touched yet, stock arrives (or more units wait) over
  // a few rounds; in each, the app may crash after any action and rerun from a fresh read.
  const roundsArb = fc.record({
    mode: fc.constantFrom(...MODES),
    fulfillmentOrders: fosArb({ ours: false }),
    lines: linesArb({ heldIn: false }),
    fulfilAt: fc.subarray(LOCATIONS),
    rounds: fc.array(
      fc.record({
        // Units covered (negative: more units wait) per line.
        arrivals: fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 6, maxLength: 6 }),
        crashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      }),
      { maxLength: 3 },
    ),
    firstCrashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    lastCrashAfter: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  });

  it("a crash after any action changes nothing: the rerun ends where an uninterrupted run does, and never fulfils what it never held", () => {
    fc.assert(
      fc.property(roundsArb, (scenario) => {
        type World = { state: FulfillmentOrderState[]; lines: TrackedLineState[]; result: OrderPlan | null; everHeld: Set<string> };
        /** One sync of the order: plan, apply; after a crash, plan again from what landed and apply that; then record. */
        const sync = (world: World, lines: TrackedLineState[], crashAfter: number | null): World => {
          const everHeld = new Set(world.everHeld);
          const land = (state: FulfillmentOrderState[], actions: readonly HoldAction[]) => {
            for (const action of actions) {
              if (action.kind === "hold") everHeld.add(action.fulfillmentOrderId);
              if (action.kind === "fulfil") expect(everHeld.has(action.fulfillmentOrderId), `fulfils ${action.fulfillmentOrderId}, never held`).toBe(true);
            }
            return apply(state, actions);
          };
          let state = world.state;
          let result = planFor(scenario, state, lines);
          if (crashAfter !== null && crashAfter < result.actions.length) {
            const planned = result.actions;
            state = land(state, planned.slice(0, crashAfter));
            result = planFor(scenario, state, lines);
            // A release that landed without its fulfil: the rerun must plan that fulfil.
            const fulfils = (actions: readonly HoldAction[]) => new Set(actions.filter((a) => a.kind === "fulfil").map((a) => a.fulfillmentOrderId));
            const owed = [...fulfils(planned.slice(crashAfter))].filter((id) => planned.slice(0, crashAfter).some((a) => a.kind === "release" && a.fulfillmentOrderId === id));
            for (const id of owed) expect(fulfils(result.actions).has(id), `release of ${id} landed, its fulfil lost`).toBe(true);
          }
          return { state: land(state, result.actions), lines: record(lines, result), result, everHeld };
        };
        const sameOutcome = (clean: World, crashy: World) => {
          expect(shopifyView(crashy.state)).toEqual(shopifyView(clean.state));
          // The records too, heldIn included; and with nothing changed, the next sync has nothing left to do or settle.
          expect(crashy.lines).toEqual(clean.lines);
          expect(crashy.result?.tagged).toBe(clean.result?.tagged);
          expect(crashy.result?.shipsOn).toBe(clean.result?.shipsOn);
          const again = planFor(scenario, clean.state, clean.lines);
          expect(again.actions).toEqual([]);
          expect(again.finished).toEqual([]);
        };

        const untouched: World = { state: scenario.fulfillmentOrders, lines: scenario.lines, result: null, everHeld: new Set() };
        // The first read: the app holds what waits.
        let clean = sync(untouched, scenario.lines, null);
        let crashy = sync(untouched, scenario.lines, scenario.firstCrashAfter);
        sameOutcome(clean, crashy);
        const rounds = [...scenario.rounds, { arrivals: [99, 99, 99, 99, 99, 99], crashAfter: scenario.lastCrashAfter }];
        for (const { arrivals, crashAfter } of rounds) {
          // As variant-sync records it: covered units stop waiting; more units waiting (never more than are
          // open at the location) make a settled line wait anew, what the app held for it before forgotten.
          const arrive = (world: World) =>
            world.lines.map((line, i) => {
              const change = arrivals[i]!;
              const open = world.state.filter((f) => f.locationId === line.locationId).flatMap((f) => f.lines).filter((l) => l.lineItemId === line.lineItemId).reduce((sum, l) => sum + l.remainingQuantity, 0);
              if (line.state !== "waiting") return change < 0 && open > 0 ? { ...line, state: "waiting", waitingUnits: Math.min(-change, open), heldIn: null } : line;
              return { ...line, waitingUnits: change < 0 ? Math.min(line.waitingUnits - change, Math.max(line.waitingUnits, open)) : Math.max(0, line.waitingUnits - change) };
            });
          clean = sync(clean, arrive(clean), null);
          crashy = sync(crashy, arrive(crashy), crashAfter);
          sameOutcome(clean, crashy);
        }

        // Everything arrived: nothing waits, nothing of ours is held, and in hold_fulfil everything the app held
        // and may fulfil has shipped, unless someone else holds it.
        for (const world of [clean, crashy]) {
          expect(world.lines.every((line) => line.state !== "waiting")).toBe(true);
          expect(world.result?.tagged).toBe(false);
          for (const f of world.state) {
            expect(f.holds.some(isOurs)).toBe(false);
            if (scenario.mode === "hold_fulfil" && world.everHeld.has(f.id) && f.holds.length === 0 && scenario.fulfilAt.includes(f.locationId)) {
              expect(f.lines.every((l) => l.remainingQuantity === 0), `${f.id} held by the app, never fulfilled`).toBe(true);
            }
          }
        }
      }),
    );
  });
});
