/**
 * The app-owned metafield definitions the engine writes to: typed, readable by
 * merchants in admin, and (for variants) by the storefront, where the theme
 * extension shows them. Created when missing, on every reconciliation.
 */
import { METAFIELD_DEFINITIONS_QUERY } from "../graphql/inventory";
import { CREATE_METAFIELD_DEFINITION } from "../graphql/mutations";
import type { CreateMetafieldDefinitionMutationVariables } from "../types/admin.generated";
import type { EngineContext } from "./context.server";
import { assertNoUserErrors } from "./user-errors.server";
import { BACKORDER_NAMESPACE } from "./variant-writes.server";

type Definition = CreateMetafieldDefinitionMutationVariables["definition"];
type OwnerType = Definition["ownerType"];

const forStorefront = { admin: "MERCHANT_READ", storefront: "PUBLIC_READ" } as const;

export const BACKORDER_DEFINITIONS: readonly Definition[] = [
  { ownerType: "PRODUCTVARIANT", key: "status", name: "Back-order status", type: "single_line_text_field", access: forStorefront },
  { ownerType: "PRODUCTVARIANT", key: "ships_on", name: "Back-order ships on", type: "date", access: forStorefront },
  { ownerType: "PRODUCTVARIANT", key: "message", name: "Back-order message", type: "single_line_text_field", access: forStorefront },
  { ownerType: "ORDER", key: "ships_on", name: "Back-order ships on", type: "date", access: { admin: "MERCHANT_READ" } },
].map((definition) => ({ ...definition, namespace: BACKORDER_NAMESPACE }) as Definition);

export async function ensureDefinitions(ctx: EngineContext): Promise<void> {
  const ownerTypes = [...new Set(BACKORDER_DEFINITIONS.map((definition) => definition.ownerType))] as OwnerType[];
  for (const ownerType of ownerTypes) {
    const { metafieldDefinitions } = await ctx.admin.request(METAFIELD_DEFINITIONS_QUERY, { ownerType });
    const existing = new Set(metafieldDefinitions.nodes.map((definition) => definition.key));
    for (const definition of BACKORDER_DEFINITIONS.filter((d) => d.ownerType === ownerType && !existing.has(d.key))) {
      const result = await ctx.admin.request(CREATE_METAFIELD_DEFINITION, { definition });
      // TAKEN: created meanwhile by another run, which is what we wanted.
      assertNoUserErrors("metafieldDefinitionCreate", result.metafieldDefinitionCreate?.userErrors, ["TAKEN"]);
    }
  }
}
