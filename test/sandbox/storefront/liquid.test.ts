import { describe, expect, it } from "vitest";
import type { MetafieldValue } from "../state/contract";
import { parseBlockFile, defaultSettings } from "./app-blocks";
import { createLiquidEngine, formatMoney, translate } from "./liquid-engine";
import { MetafieldsDrop, canonicalNamespace, legacyId, toCents } from "./liquid-objects";

const metafield = (namespace: string, key: string, type: string, value: string): MetafieldValue => ({ id: "gid://shopify/Metafield/1", namespace, key, type, value, updatedAt: "2026-11-01T00:00:00Z" });

describe("Shopify Liquid helpers", () => {
  it("formats cents with Shopify's money formats", () => {
    expect(formatMoney(123456, "${{amount}}")).toBe("$1,234.56");
    expect(formatMoney(123456, "{{amount_no_decimals}} kr")).toBe("1,235 kr");
    expect(formatMoney(123456, "{{ amount_with_comma_separator }}€")).toBe("1.234,56€");
    expect(formatMoney(-250, "${{amount}}")).toBe("$-2.50");
  });

  it("converts prices and ids the way Shopify's Liquid shows them", () => {
    expect(toCents("19.99")).toBe(1999);
    expect(legacyId("gid://shopify/ProductVariant/42")).toBe(42);
    expect(legacyId("gid://shopify/InventoryLevel/9007199254740993?inventory_item_id=1")).toBe("9007199254740993");
  });

  it("translates with interpolation and plurals", () => {
    const t = { a: { b: "Hi {{ name }}" }, items: { one: "{{ count }} item", other: "{{ count }} items" } };
    expect(translate(t, "a.b", { name: "Ana" })).toBe("Hi Ana");
    expect(translate(t, "items", { count: 1 })).toBe("1 item");
    expect(translate(t, "items", { count: 3 })).toBe("3 items");
    expect(translate(t, "nope", {})).toBe("translation missing: nope");
  });

  it("exposes metafields by namespace, typed, with $app only inside app blocks", async () => {
    const engine = createLiquidEngine({ partials: [], assetBase: "/a", localesDir: "/none", locale: "en" });
    const fields = [
      metafield("$app:backorder", "eta", "date", "2026-12-24"),
      metafield("app--7--backorder", "count", "number_integer", "3"),
      metafield("custom", "info", "json", '{"a":[1,2]}'),
    ];
    const render = (template: string, appAlias: boolean) => engine.parseAndRender(template, { mf: new MetafieldsDrop(fields, "7", appAlias) });
    expect(canonicalNamespace("$app", "7")).toBe("app--7");
    expect(await render("{{ mf['$app:backorder'].eta.value }}|{{ mf['$app:backorder'].count.value | plus: 1 }}", true)).toBe("2026-12-24|4");
    expect(await render("{{ mf['app--7--backorder'].eta }}|{{ mf['app--7--backorder'].eta.type }}", false)).toBe("2026-12-24|date");
    expect(await render("[{{ mf['$app:backorder'].eta.value }}]", false)).toBe("[]");
    expect(await render("{{ mf.custom.info.value.a | join: '-' }}", false)).toBe("1-2");
  });

  it("splits a block file into Liquid and schema, with setting defaults", () => {
    const { source, schema } = parseBlockFile('<p>{{ block.settings.x }}</p>\n{% schema %}{"target":"section","settings":[{"type":"text","id":"x","default":"d"},{"type":"checkbox","id":"c"},{"type":"header","content":"h"}]}{% endschema %}');
    expect(source.trim()).toBe("<p>{{ block.settings.x }}</p>");
    expect(defaultSettings(schema)).toEqual({ x: "d", c: false });
    expect(() => parseBlockFile("<p></p>")).toThrow(/schema/);
  });
});
