import { describe, expect, it } from "vitest";
import { linesReleasedInShopify } from "../../app/domain/merchant-release";
import { fo, merchantHold, ourHold, tracked } from "./hold-plan-fixtures";

const line = (waitingUnits: number, heldIn: string | null, merchantAction: string | null = null) => ({ ...tracked("X", waitingUnits, { heldIn }), merchantAction });

describe("linesReleasedInShopify", () => {
  it("finds a waiting line whose held fulfillment order lost the app's hold", () => {
    const waiting = line(1, "fo1");
    expect(linesReleasedInShopify([fo("fo1", { X: 1 })], [waiting])).toEqual([waiting]);
    // Released, then held by someone else: still not the app's hold any more.
    expect(linesReleasedInShopify([fo("fo1", { X: 1 }, { holds: [merchantHold] })], [waiting])).toEqual([waiting]);
  });

  it("leaves alone lines still held, never held, covered, already chosen by the merchant, or with nothing left to ship", () => {
    expect(linesReleasedInShopify([fo("fo1", { X: 1 }, { holds: [ourHold()] })], [line(1, "fo1")])).toEqual([]);
    expect(linesReleasedInShopify([fo("fo1", { X: 1 })], [line(1, null)])).toEqual([]);
    expect(linesReleasedInShopify([fo("fo1", { X: 1 })], [line(0, "fo1")])).toEqual([]);
    expect(linesReleasedInShopify([fo("fo1", { X: 1 })], [line(1, "fo1", "released")])).toEqual([]);
    expect(linesReleasedInShopify([fo("fo1", { X: 0 }, { status: "CLOSED" })], [line(1, "fo1")])).toEqual([]);
  });

  it("needs every fulfillment order the app held for the line to have lost its hold", () => {
    const fos = [fo("fo1", { X: 1 }), fo("fo2", { X: 1 }, { holds: [ourHold()] })];
    expect(linesReleasedInShopify(fos, [line(2, "fo1 fo2")])).toEqual([]);
  });
});
