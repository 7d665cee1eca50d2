/** What the units waiting for a variant are worth at its price, in the shop's currency (0 when the price is not a number). */
export function waitingValueOf(price: string, waitingUnits: number): number {
  const value = Number(price) * waitingUnits;
  return Number.isFinite(value) ? value : 0;
}
