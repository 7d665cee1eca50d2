/**
 * `stagedUploadsCreate` for bulk mutation variables, and the upload target it names, served by
 * the sandbox. Shopify answers a Google Cloud Storage POST policy: a `url`, form `parameters`
 * (`key`, `Content-Type`, `success_action_status`, `acl`, `policy`, `x-goog-*`) to send first in
 * a multipart POST with the file last; the `key` is the `stagedUploadPath` given to
 * `bulkOperationRunMutation` (https://shopify.dev/docs/api/usage/bulk-operations/imports,
 * "Generate the uploaded URL and parameters" and "Upload the JSONL file"). Uploads are at most
 * 100 MB (changelog "Faster bulk operations", 2025-12-15).
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";
import type { SandboxShop } from "../state/shop";

export const STAGED_UPLOAD_PATH = "/sandbox/staged-uploads";
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const CONTENT_TYPE = "text/jsonl";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema

export interface UploadAnswer {
  status: number;
  body: string;
  contentType: string;
}

export interface StagedUploads {
  mutationRoot: { stagedUploadsCreate: (args: Args) => unknown };
  /** The multipart POST to the upload target: form fields and the file. */
  accept(fields: Map<string, string>, file: Buffer | null): UploadAnswer;
  /** The uploaded file at a staged upload path, if any. */
  file(stagedUploadPath: string): Buffer | undefined;
}

const xml = (status: number, body: string): UploadAnswer => ({ status, body: `<?xml version='1.0' encoding='UTF-8'?>${body}`, contentType: "application/xml; charset=UTF-8" });
const gcsError = (status: number, code: string, message: string) => xml(status, `<Error><Code>${code}</Code><Message>${message}</Message></Error>`);

export function createStagedUploads(shop: SandboxShop): StagedUploads {
  const secret = randomBytes(32);
  const staged = new Set<string>();
  const files = new Map<string, Buffer>();
  const sign = (policy: string) => createHmac("sha256", secret).update(policy).digest("hex");

  function target(input: Args) {
    if (input.resource !== "BULK_MUTATION_VARIABLES") throw new GraphQLError(`The sandbox stages only BULK_MUTATION_VARIABLES uploads, not ${input.resource}`, { extensions: { code: "NOT_IMPLEMENTED_IN_SANDBOX" } });
    if ((input.httpMethod ?? "PUT") !== "POST") throw new GraphQLError("The sandbox stages uploads for POST only (as the bulk import guide does)", { extensions: { code: "NOT_IMPLEMENTED_IN_SANDBOX" } });
    const key = `tmp/${shop.appInstallationId}/bulk/${randomUUID()}/${input.filename}`;
    staged.add(key);
    const expiration = new Date(shop.now() + 7 * 24 * 3600 * 1000).toISOString();
    const policy = Buffer.from(JSON.stringify({ expiration, conditions: [{ key }, { "Content-Type": CONTENT_TYPE }, ["content-length-range", 1, MAX_UPLOAD_BYTES]] })).toString("base64");
    const url = `${shop.assetOrigin}${STAGED_UPLOAD_PATH}/`;
    const parameters = {
      key,
      "Content-Type": CONTENT_TYPE,
      success_action_status: "201",
      acl: "private",
      policy,
      "x-goog-credential": "sandbox-staged-uploads",
      "x-goog-algorithm": "GOOG4-HMAC-SHA256",
      "x-goog-date": shop.nowIso().replace(/[-:]/g, "").replace(/\.\d+/, ""),
      "x-goog-signature": sign(policy),
    };
    return { url, resourceUrl: `${url}${key}`, parameters: Object.entries(parameters).map(([name, value]) => ({ name, value })) };
  }

  return {
    mutationRoot: {
      stagedUploadsCreate: (args: Args) => ({ stagedTargets: (args.input as Args[]).map(target), userErrors: [] }),
    },
    accept(fields, file) {
      const key = fields.get("key") ?? "";
      const policy = fields.get("policy") ?? "";
      const signature = Buffer.from(fields.get("x-goog-signature") ?? "");
      const expected = Buffer.from(sign(policy));
      if (!staged.has(key) || signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
        return gcsError(403, "AccessDenied", "Invalid argument: the policy, its signature or the key do not match a staged upload.");
      }
      const conditions = JSON.parse(Buffer.from(policy, "base64").toString("utf8")) as { conditions: unknown[] };
      if (!conditions.conditions.some((c) => (c as { key?: string }).key === key)) return gcsError(403, "AccessDenied", "The key is not the policy's.");
      if (fields.get("Content-Type") !== CONTENT_TYPE) return gcsError(403, "AccessDenied", "Content-Type does not match the policy.");
      if (!file || file.length === 0) return gcsError(400, "InvalidArgument", "A file field is required, after the policy's fields.");
      if (file.length > MAX_UPLOAD_BYTES) return gcsError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
      files.set(key, file);
      const status = Number(fields.get("success_action_status") ?? "204");
      if (status !== 201) return { status: 204, body: "", contentType: "text/plain" };
      return xml(201, `<PostResponse><Location>${shop.assetOrigin}${STAGED_UPLOAD_PATH}/${key}</Location><Bucket>sandbox-staged-uploads</Bucket><Key>${key}</Key><ETag>"${createHash("md5").update(file).digest("hex")}"</ETag></PostResponse>`);
    },
    file: (stagedUploadPath) => files.get(stagedUploadPath),
  };
}
