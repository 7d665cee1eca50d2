/** Mutation bodies answer refusals as `userErrors` inside `data`, as Shopify does, never as thrown errors. */
import { ShopUserError } from "../state/errors";

/** Runs a mutation body; a ShopUserError becomes `{ userErrors: [...] }` merged with `empty`. */
export function guarded(empty: Record<string, unknown>, run: () => Record<string, unknown>) {
  try {
    return { ...empty, ...run(), userErrors: [] };
  } catch (error) {
    if (error instanceof ShopUserError) return { ...empty, userErrors: [{ field: error.field, message: error.message, code: error.code }] };
    throw error;
  }
}
