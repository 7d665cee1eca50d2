import { describe, expect, it } from "vitest";
import { formatAge, formatMoney, formatNumber, formatStock, formatUnits, plural } from "../../app/i18n/format";
import { strings } from "../../app/i18n/strings";

describe("plural", () => {
  it("picks the form the language's rules give the count, and writes the number in its place", () => {
    const lines = { one: "# line", other: "# lines" };
    expect([0, 1, 2, 1200].map((count) => plural(count, lines))).toEqual(["0 lines", "1 line", "2 lines", "1,200 lines"]);
  });

  it("follows the locale's own rules: French counts 0 as singular, Polish has a form for a few", () => {
    expect(plural(0, { one: "# ligne", other: "# lignes" }, "fr")).toBe("0 ligne");
    const polish = { one: "# linia", few: "# linie", many: "# linii", other: "# linii" };
    expect([1, 3, 5].map((count) => plural(count, polish, "pl"))).toEqual(["1 linia", "3 linie", "5 linii"]);
  });

  it("falls back to the other form when a form is missing", () => {
    expect(plural(1, { other: "# items" })).toBe("1 items");
  });
});

describe("formatMoney", () => {
  it("writes an amount in the shop's currency", () => {
    expect(formatMoney("147", "USD")).toBe("$147.00");
    expect(formatMoney("1200.5", "EUR")).toBe("€1,200.50");
    expect(formatMoney(45.78, "CAD")).toBe("CA$45.78");
    expect(formatMoney("1000", "JPY")).toBe("¥1,000");
  });

  it("still reads as money with two places when the currency is unknown or not a code", () => {
    expect(formatMoney("147", null)).toBe("147.00");
    expect(formatMoney("45.7", "??")).toBe("45.70");
  });

  it("shows what came when it is not a number", () => {
    expect(formatMoney("n/a", "USD")).toBe("n/a");
  });
});

describe("counts, stock and ages", () => {
  it("writes units with real plurals and thousands separators", () => {
    expect([1, 3, 12000].map((count) => formatUnits(count))).toEqual(["1 unit", "3 units", "12,000 units"]);
    expect(formatNumber(50000)).toBe("50,000");
  });

  it("never writes negative stock: it says how far it is oversold", () => {
    expect(formatStock(-3)).toBe("3 units oversold");
    expect(formatStock(-1)).toBe("1 unit oversold");
    expect(formatStock(0)).toBe("0 units");
    expect(formatStock(5)).toBe("5 units");
  });

  it("writes ages one way, in whole days", () => {
    expect([0, 0.4, 1, 1.9, 12].map((days) => formatAge(days))).toEqual(["Under a day", "Under a day", "1 day", "1 day", "12 days"]);
  });
});

describe("the admin's strings", () => {
  it("have no word with a parenthesised plural", () => {
    const texts: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") texts.push(value);
      else if (typeof value === "function") {
        // Counts for every argument; a function that needs other arguments (a list) is not a counting one.
        for (const count of [0, 1, 2]) {
          try {
            texts.push(String((value as (...args: unknown[]) => unknown)(count, count, count)));
          } catch {
            break;
          }
        }
      }
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(strings);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((text) => /\w\(s\)/.test(text))).toEqual([]);
  });

  it("write every page's ages with the one helper", () => {
    expect([strings.orders.days, strings.dashboard.days, strings.variants.days].every((days) => days === formatAge)).toBe(true);
  });
});
