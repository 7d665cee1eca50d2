/** The customer emails section of Settings posts here: a live preview of a template, or saving it. */
import { data, type ActionFunctionArgs } from "@remix-run/node";
import prisma from "../db.server";
import { authenticate } from "../shopify.server";
import { handleNoticeForm } from "../models/notice-settings.server";

export const action = async ({ request }: ActionFunctionArgs) => {
  const { admin, session } = await authenticate.admin(request);
  const result = await handleNoticeForm(prisma, session.shop, admin.graphql, await request.formData());
  return data(result, { status: result.ok ? 200 : 400 });
};
