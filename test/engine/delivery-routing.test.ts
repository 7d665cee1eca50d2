import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isOwnEcho, isRoutineUpdate, isStale, routeDelivery, type DeliveryRoute } from "../../app/engine/delivery-routing";

const nothing: DeliveryRoute = { variants: [], variantsIfManaged: [], inventoryItems: [], changedAt: null, updatedOrder: null, createdOrder: null, changedOrder: null, fulfillableByLine: null, orders: [], fulfillmentOrders: [], releasedHoldsOn: [], deletedProduct: null, transfers: [] };
const route = (overrides: Partial<DeliveryRoute>): DeliveryRoute => ({ ...nothing, ...overrides });

describe("routeDelivery", () => {
  describe("inventory_levels/update", () => {
    it("looks up the inventory item, as a GID", () => {
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: 271878346596, location_id: 48752903, available: -2 })).toEqual(
        route({ inventoryItems: ["gid://shopify/InventoryItem/271878346596"] }),
      );
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: "271878346596" }).inventoryItems).toEqual(["gid://shopify/InventoryItem/271878346596"]);
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: "gid://shopify/InventoryItem/9" }).inventoryItems).toEqual(["gid://shopify/InventoryItem/9"]);
    });

    it("carries when Shopify changed the level, from updated_at", () => {
      const payload = { inventory_item_id: 271878346596, location_id: 48752903, available: -2, updated_at: "2026-11-24T13:15:47-05:00" };
      expect(routeDelivery("inventory_levels/update", payload)).toEqual(
        route({ inventoryItems: ["gid://shopify/InventoryItem/271878346596"], changedAt: new Date("2026-11-24T18:15:47.000Z") }),
      );
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: 1, updated_at: "2026-11-24T18:15:47.123Z" }).changedAt).toEqual(new Date("2026-11-24T18:15:47.123Z"));
      // Missing or unreadable: unknown, so never taken for stale.
      for (const updated_at of [undefined, null, "", "yesterday", 1764008147000, {}]) {
        expect(routeDelivery("inventory_levels/update", { inventory_item_id: 1, updated_at }).changedAt).toBeNull();
      }
    });

    it("routes nothing without a usable id", () => {
      expect(routeDelivery("inventory_levels/update", {})).toEqual(nothing);
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: null })).toEqual(nothing);
      expect(routeDelivery("inventory_levels/update", { inventory_item_id: "abc" })).toEqual(nothing);
    });
  });

  describe("orders/create", () => {
    it("syncs every variant on the order, deduplicated, skipping custom lines", () => {
      const payload = {
        id: 820982911946154500,
        admin_graphql_api_id: "gid://shopify/Order/820982911946154511",
        line_items: [
          { id: 1, variant_id: 39072856 },
          { id: 2, variant_id: 39072856 },
          { id: 3, variant_id: null, title: "Custom engraving" },
          { id: 4, variant_id: "808950810" },
          { id: 5, variant_id: "gid://shopify/ProductVariant/457924702" },
          { id: 6 },
        ],
      };
      expect(routeDelivery("orders/create", payload)).toEqual(
        route({
          variants: ["gid://shopify/ProductVariant/39072856", "gid://shopify/ProductVariant/808950810", "gid://shopify/ProductVariant/457924702"],
          // Read by id until order search shows it; the GID, since a numeric id can exceed 2^53.
          createdOrder: "gid://shopify/Order/820982911946154511",
        }),
      );
    });

    it("treats a numeric id and its GID as the same variant", () => {
      const payload = { line_items: [{ variant_id: 7 }, { variant_id: "gid://shopify/ProductVariant/7" }, { variant_id: "7" }] };
      expect(routeDelivery("orders/create", payload).variants).toEqual(["gid://shopify/ProductVariant/7"]);
    });

    it("routes nothing for an order without lines", () => {
      expect(routeDelivery("orders/create", {})).toEqual(nothing);
      expect(routeDelivery("orders/create", { line_items: [] })).toEqual(nothing);
    });
  });

  describe.each(["orders/updated", "orders/cancelled"])("%s", (topic) => {
    it("syncs the order's variants only if the app already manages them", () => {
      const payload = { id: 1, cancelled_at: null, line_items: [{ variant_id: 11 }, { variant_id: 12 }, { variant_id: 11 }, { variant_id: null }] };
      const echo = topic === "orders/updated" ? { updatedOrder: "gid://shopify/Order/1" } : {};
      expect(routeDelivery(topic, payload)).toEqual(route({ variantsIfManaged: ["gid://shopify/ProductVariant/11", "gid://shopify/ProductVariant/12"], changedOrder: "gid://shopify/Order/1", ...echo }));
      expect(routeDelivery(topic, {})).toEqual(nothing);
    });
  });

  it("names the order and its change time on orders/updated, to recognise the echo of the app's own write", () => {
    const routed = routeDelivery("orders/updated", { id: 450789469, updated_at: "2026-11-24T13:15:47-05:00", line_items: [{ variant_id: 1 }] });
    expect(routed.updatedOrder).toBe("gid://shopify/Order/450789469");
    expect(routed.changedAt).toEqual(new Date("2026-11-24T18:15:47Z"));
  });

  describe("a routine orders/updated", () => {
    const updated = (lines: { id: number; fulfillable_quantity?: number }[], cancelled_at: string | null = null) =>
      routeDelivery("orders/updated", { id: 1, cancelled_at, line_items: lines.map((line) => ({ variant_id: 11, ...line })) });
    const waiting = [{ lineItemId: "gid://shopify/LineItem/5", quantity: 2 }];

    it("leaves what the queue holds as it is: no sync", () => {
      expect(isRoutineUpdate(updated([{ id: 5, fulfillable_quantity: 2 }, { id: 6, fulfillable_quantity: 1 }]), waiting)).toBe(true);
      expect(isRoutineUpdate(updated([{ id: 5, fulfillable_quantity: 2 }]), [])).toBe(true);
      // One line split over two locations is stored as two rows.
      expect(isRoutineUpdate(updated([{ id: 5, fulfillable_quantity: 3 }]), [...waiting, { lineItemId: "gid://shopify/LineItem/5", quantity: 1 }])).toBe(true);
    });

    it("is not routine when a waiting line owes other units, or the payload cannot say", () => {
      expect(isRoutineUpdate(updated([{ id: 5, fulfillable_quantity: 1 }]), waiting)).toBe(false);
      expect(isRoutineUpdate(updated([{ id: 6, fulfillable_quantity: 2 }]), waiting)).toBe(false);
      expect(isRoutineUpdate(updated([{ id: 5 }]), waiting)).toBe(false);
      expect(isRoutineUpdate(updated([{ id: 5, fulfillable_quantity: 2 }], "2026-11-29T10:00:00Z"), waiting)).toBe(false);
      expect(isRoutineUpdate(routeDelivery("orders/cancelled", { id: 1, line_items: [{ id: 5, variant_id: 11, fulfillable_quantity: 2 }] }), waiting)).toBe(false);
    });
  });

  describe("orders/edited", () => {
    it("expands the edited order, whose lines the payload does not list", () => {
      const payload = { order_edit: { id: 78912328, order_id: 450789469, line_items: { additions: [{ id: 466157049, delta: 1 }], removals: [] } } };
      expect(routeDelivery("orders/edited", payload)).toEqual(route({ orders: ["gid://shopify/Order/450789469"] }));
      expect(routeDelivery("orders/edited", { order_edit: { order_id: "gid://shopify/Order/5" } }).orders).toEqual(["gid://shopify/Order/5"]);
    });

    it("routes nothing without an order id", () => {
      expect(routeDelivery("orders/edited", {})).toEqual(nothing);
      expect(routeDelivery("orders/edited", { order_edit: {} })).toEqual(nothing);
      // The top-level id is the edit's, not the order's.
      expect(routeDelivery("orders/edited", { id: 3 })).toEqual(nothing);
    });
  });

  describe("fulfillment_orders/order_routing_complete", () => {
    const topic = "fulfillment_orders/order_routing_complete";

    it("expands the routed fulfillment order, as Shopify sends it (id and status only)", () => {
      const payload = { fulfillment_order: { id: "gid://shopify/FulfillmentOrder/1", status: "open" } };
      expect(routeDelivery(topic, payload)).toEqual(route({ fulfillmentOrders: ["gid://shopify/FulfillmentOrder/1"] }));
      expect(routeDelivery(topic, { fulfillment_order: { id: 1, status: "open" } }).fulfillmentOrders).toEqual(["gid://shopify/FulfillmentOrder/1"]);
      expect(routeDelivery(topic, { fulfillment_order: { id: "1" } }).fulfillmentOrders).toEqual(["gid://shopify/FulfillmentOrder/1"]);
    });

    it("never takes an order id from the payload, nor the fulfillment order's id for an order", () => {
      const payload = { id: 9, fulfillment_order: { id: 1, status: "open", order_id: 42 } };
      expect(routeDelivery(topic, payload)).toEqual(route({ fulfillmentOrders: ["gid://shopify/FulfillmentOrder/1"] }));
    });

    it("routes nothing without a usable fulfillment order id", () => {
      expect(routeDelivery(topic, {})).toEqual(nothing);
      expect(routeDelivery(topic, { fulfillment_order: {} })).toEqual(nothing);
      expect(routeDelivery(topic, { fulfillment_order: { id: null, status: "open" } })).toEqual(nothing);
      expect(routeDelivery(topic, { fulfillment_order: { id: "abc" } })).toEqual(nothing);
      // The order alone is not enough: the payload Shopify sends never names it.
      expect(routeDelivery(topic, { fulfillment_order: { order_id: 42 } })).toEqual(nothing);
      // The top-level id is not the fulfillment order's.
      expect(routeDelivery(topic, { id: 3 })).toEqual(nothing);
    });
  });

  describe.each(["products/create", "products/update"])("%s", (topic) => {
    it("syncs the product's variants, preferring their GIDs", () => {
      const payload = {
        id: 632910392,
        admin_graphql_api_id: "gid://shopify/Product/632910392",
        variants: [
          { id: 808950810, admin_graphql_api_id: "gid://shopify/ProductVariant/808950810" },
          { id: 49148385 },
          { id: 39072856, admin_graphql_api_id: null },
          { id: 808950810, admin_graphql_api_id: "gid://shopify/ProductVariant/808950810" },
          { id: "457924702" },
          {},
        ],
      };
      expect(routeDelivery(topic, payload)).toEqual(
        route({
          variants: [
            "gid://shopify/ProductVariant/808950810",
            "gid://shopify/ProductVariant/49148385",
            "gid://shopify/ProductVariant/39072856",
            "gid://shopify/ProductVariant/457924702",
          ],
        }),
      );
    });

    it("routes nothing for a product without variants", () => {
      expect(routeDelivery(topic, { id: 1 })).toEqual(nothing);
    });
  });

  it("takes a change time only from inventory level and order updates", () => {
    const updated_at = "2026-11-24T13:15:47-05:00";
    expect(routeDelivery("orders/cancelled", { updated_at, line_items: [{ variant_id: 1 }] }).changedAt).toBeNull();
    expect(routeDelivery("products/update", { updated_at, variants: [{ id: 1 }] }).changedAt).toBeNull();
    expect(routeDelivery("fulfillment_orders/order_routing_complete", { updated_at, fulfillment_order: { id: 1 } }).changedAt).toBeNull();
  });

  describe("fulfillment_holds/released", () => {
    it("names the fulfillment order that lost a hold, for the orders the app holds there", () => {
      const payload = { fulfillment_hold: { id: "gid://shopify/FulfillmentHold/7", reason: "online_store_post_purchase_cross_sell" }, fulfillment_order: { id: "gid://shopify/FulfillmentOrder/1", status: "on_hold" } };
      expect(routeDelivery("fulfillment_holds/released", payload)).toEqual(route({ releasedHoldsOn: ["gid://shopify/FulfillmentOrder/1"] }));
      expect(routeDelivery("fulfillment_holds/released", { fulfillment_order_id: 1 }).releasedHoldsOn).toEqual(["gid://shopify/FulfillmentOrder/1"]);
      expect(routeDelivery("fulfillment_holds/released", { fulfillment_hold: { id: 7, fulfillment_order_id: 2 } }).releasedHoldsOn).toEqual(["gid://shopify/FulfillmentOrder/2"]);
      expect(routeDelivery("fulfillment_holds/released", {})).toEqual(nothing);
    });
  });

  describe("products/delete", () => {
    it("names the deleted product as a GID", () => {
      expect(routeDelivery("products/delete", { id: 632910392 })).toEqual(route({ deletedProduct: "gid://shopify/Product/632910392" }));
      expect(routeDelivery("products/delete", { id: "632910392" }).deletedProduct).toBe("gid://shopify/Product/632910392");
      expect(routeDelivery("products/delete", { id: "gid://shopify/Product/1" }).deletedProduct).toBe("gid://shopify/Product/1");
    });

    it("routes nothing without an id", () => {
      expect(routeDelivery("products/delete", {})).toEqual(nothing);
      expect(routeDelivery("products/delete", { id: "not-an-id" })).toEqual(nothing);
    });
  });

  it("routes nothing for topics it does not handle", () => {
    const busy = {
      id: 1,
      inventory_item_id: 2,
      line_items: [{ variant_id: 3 }],
      variants: [{ id: 4 }],
      order_edit: { order_id: 5 },
      fulfillment_order: { id: 6, status: "open", order_id: 7 },
      updated_at: "2026-11-24T13:15:47-05:00",
    };
    for (const topic of ["app/uninstalled", "app/scopes_update", "variants/out_of_stock", "orders/paid", "orders/fulfilled", "inventory_items/update", "ORDERS/CREATE", "orders/create/", ""]) {
      expect(routeDelivery(topic, busy)).toEqual(nothing);
    }
  });

  it("only ever routes distinct GIDs, whatever the ids look like", () => {
    const id = fc.oneof(
      fc.nat(),
      fc.nat().map(String),
      fc.nat({ max: 20 }).map((n) => `gid://shopify/ProductVariant/${n}`),
      fc.constantFrom(null, undefined, "", "abc", " 12", "1e3", "-4", true, {}),
    );
    const topics = [
      "inventory_levels/update",
      "orders/create",
      "orders/updated",
      "orders/cancelled",
      "orders/edited",
      "fulfillment_orders/order_routing_complete",
      "products/create",
      "products/update",
      "products/delete",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...topics), fc.array(id, { maxLength: 8 }), id, (topic, ids, single) => {
        const payload = {
          id: single,
          inventory_item_id: single,
          line_items: ids.map((variant_id) => ({ variant_id })),
          variants: ids.map((variantId) => ({ id: variantId })),
          order_edit: { order_id: single },
          fulfillment_order: { id: single, status: "open", order_id: single },
          updated_at: "2026-11-24T18:15:47Z",
        };
        const result = routeDelivery(topic, payload);
        const numeric = (value: unknown) => (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value)) ? String(value) : null);
        const lists = [result.variants, result.variantsIfManaged, result.inventoryItems, result.orders, result.fulfillmentOrders];
        for (const list of lists) {
          expect(new Set(list).size).toBe(list.length);
          expect(list.every((value) => /^gid:\/\/shopify\/\w+\/\d+$/.test(value))).toBe(true);
        }
        // A GID passes through as given (the generator's GIDs are variant GIDs); numbers become Product GIDs.
        if (result.deletedProduct !== null) expect(result.deletedProduct).toMatch(/^gid:\/\/shopify\/\w+\/\d+$/);
        if (topic === "products/delete" && numeric(single) !== null) expect(result.deletedProduct).toBe(`gid://shopify/Product/${numeric(single)}`);
        expect(result.changedAt).toEqual(topic === "inventory_levels/update" || topic === "orders/updated" ? new Date("2026-11-24T18:15:47Z") : null);
        if (topic === "fulfillment_orders/order_routing_complete") {
          expect(result.orders).toEqual([]);
          if (numeric(single) !== null) expect(result.fulfillmentOrders).toEqual([`gid://shopify/FulfillmentOrder/${numeric(single)}`]);
        } else expect(result.fulfillmentOrders).toEqual([]);
        // One topic, one kind of work.
        expect(lists.filter((list) => list.length > 0).length + (result.deletedProduct === null ? 0 : 1)).toBeLessThanOrEqual(1);
        // Nothing is lost: every numeric-looking id comes out once.
        if (topic === "orders/create") {
          const expected = new Set(ids.map((v) => (typeof v === "string" && v.startsWith("gid://") ? v : numeric(v) === null ? null : `gid://shopify/ProductVariant/${numeric(v)}`)).filter((v) => v !== null));
          expect(new Set(result.variants)).toEqual(expected);
        }
      }),
    );
  });
});

describe("isStale", () => {
  const read = new Date("2026-11-24T18:15:47.500Z");

  it("is stale only when the last sync read a strictly newer level change", () => {
    expect(isStale(new Date("2026-11-24T18:15:47.499Z"), read)).toBe(true);
    expect(isStale(new Date("2026-11-23T00:00:00Z"), read)).toBe(true);
    // The same millisecond may be a second change: synced.
    expect(isStale(new Date(read), read)).toBe(false);
    expect(isStale(new Date("2026-11-24T18:15:47.501Z"), read)).toBe(false);
  });

  it("is never stale without both times", () => {
    expect(isStale(null, read)).toBe(false);
    expect(isStale(new Date("2020-01-01T00:00:00Z"), null)).toBe(false);
    expect(isStale(new Date("2020-01-01T00:00:00Z"), undefined)).toBe(false);
    expect(isStale(null, null)).toBe(false);
  });

  it("follows the routed change time: an older delivery is skipped, a newer one synced", () => {
    const at = (updated_at: string) => routeDelivery("inventory_levels/update", { inventory_item_id: 1, updated_at }).changedAt;
    expect(isStale(at("2026-11-24T13:15:47-05:00"), new Date("2026-11-24T18:15:48Z"))).toBe(true);
    expect(isStale(at("2026-11-24T13:15:49-05:00"), new Date("2026-11-24T18:15:48Z"))).toBe(false);
    expect(isStale(routeDelivery("inventory_levels/update", { inventory_item_id: 1 }).changedAt, new Date("2026-11-24T18:15:48Z"))).toBe(false);
  });
});

describe("isOwnEcho", () => {
  const written = new Date("2026-11-24T18:15:47.500Z");

  it("recognises an orders/updated no newer than the app's own last write", () => {
    expect(isOwnEcho(new Date(written), written)).toBe(true);
    expect(isOwnEcho(new Date("2026-11-24T18:00:00Z"), written)).toBe(true);
  });

  it("lets through anything newer, or anything it cannot compare", () => {
    expect(isOwnEcho(new Date("2026-11-24T18:15:47.501Z"), written)).toBe(false);
    expect(isOwnEcho(null, written)).toBe(false);
    expect(isOwnEcho(new Date(written), null)).toBe(false);
    expect(isOwnEcho(new Date(written), undefined)).toBe(false);
  });
});
