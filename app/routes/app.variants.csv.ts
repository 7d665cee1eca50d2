import type { LoaderFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { parseListQuery } from "../models/variants.server";
import { exportVariantsCsv } from "../models/variants-csv.server";
import { parseVariantIds } from "../models/variant-rules.server";
import { strings } from "../i18n/strings";

/**
 * The variant list as CSV: the same search, filter and sort as the list (every
 * page), or only the variants in `ids`.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const rawIds = params.getAll("ids");
  const ids = rawIds.length > 0 ? parseVariantIds(rawIds) : undefined;
  if (ids === null) return new Response(strings.variants.errors.ids, { status: 400 });
  const csv = await exportVariantsCsv(prisma, session.shop, parseListQuery(params), ids);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="backordered-variants-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
