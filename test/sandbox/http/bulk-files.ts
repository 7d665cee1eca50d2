/**
 * The files around bulk operations: the staged upload target (a multipart POST, like the Google
 * Cloud Storage form Shopify's `stagedUploadsCreate` names) and the JSONL results at an
 * operation's `url` / `partialDataUrl`.
 */
import type { IncomingMessage } from "node:http";
import { BULK_RESULTS_PATH, type BulkOperations } from "../admin-api/bulk-operations";
import { MAX_UPLOAD_BYTES, STAGED_UPLOAD_PATH, type StagedUploads } from "../admin-api/staged-uploads";
import { HttpError, sendText, type Router } from "./router";

async function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function registerBulkFileRoutes(router: Router, deps: { uploads: StagedUploads; bulk: BulkOperations }): void {
  router.on("POST", `${STAGED_UPLOAD_PATH}/`, async ({ req, res }) => {
    // The form's other fields are small; leave room for them beside the largest allowed file.
    const raw = await readRaw(req, MAX_UPLOAD_BYTES + 64 * 1024);
    if (!raw) {
      sendText(res, 400, "<?xml version='1.0' encoding='UTF-8'?><Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size.</Message></Error>", "application/xml; charset=UTF-8");
      return;
    }
    let form: FormData;
    try {
      form = await new Request("http://sandbox.local/", { method: "POST", headers: { "content-type": req.headers["content-type"] ?? "" }, body: new Uint8Array(raw) }).formData();
    } catch {
      throw new HttpError(400, "The upload must be multipart/form-data");
    }
    const fields = new Map<string, string>();
    let file: Buffer | null = null;
    for (const [name, value] of form.entries()) {
      if (name === "file") file = typeof value === "string" ? Buffer.from(value) : Buffer.from(await value.arrayBuffer());
      else if (typeof value === "string") fields.set(name, value);
    }
    const answer = deps.uploads.accept(fields, file);
    sendText(res, answer.status, answer.body, answer.contentType);
  });

  router.on("GET", `${BULK_RESULTS_PATH}/:name`, ({ res, params }) => {
    const text = deps.bulk.resultFile(params.name ?? "");
    if (text === undefined) throw new HttpError(404, "No such bulk operation results file");
    sendText(res, 200, text, "application/jsonl");
  });
}
