/**
 * Bulk mutations from the app's side (https://shopify.dev/docs/api/usage/bulk-operations/imports):
 * the variables of each call become one JSONL line, uploaded to the target `stagedUploadsCreate`
 * names (a multipart POST: its parameters first, the file last); `bulkOperationRunMutation` runs
 * the mutation once per line, after the request; when `bulk_operations/finish` arrives (or
 * `bulkOperation(id:)` says it ended), the results file gives one line per input line, matched by
 * `__lineNumber`. The work does not spend the shop's rate-limit budget; only these few requests do.
 */
import { BULK_OPERATION_STATE, RUN_BULK_MUTATION, RUN_BULK_QUERY, STAGE_BULK_VARIABLES } from "../graphql/bulk-operations";
import type { AdminClient } from "./admin-client.server";
import { shopifyFetch } from "../sandbox/route-to-sandbox.server";

/** Shopify's upload limit for the variables file (changelog "Faster bulk operations", 2025-12-15). */
export const MAX_BULK_VARIABLES_BYTES = 100 * 1024 * 1024;
const UPLOAD_ATTEMPTS = 4;

export type BulkOperationStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

export interface BulkOperationState {
  id: string;
  status: BulkOperationStatus;
  errorCode: string | null;
  objectCount: number;
  url: string | null;
  partialDataUrl: string | null;
}

/** What one input line came to: the mutation's `data` (its userErrors inside), or GraphQL errors. */
export interface BulkLineResult {
  data?: Record<string, unknown>;
  errors?: { message: string }[];
}

/** Shopify refused to start the operation (`LIMIT_REACHED` while five run: try again later). */
export class BulkOperationRefused extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "BulkOperationRefused";
  }
}

export interface BulkOptions {
  fetchApi?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ENDED: ReadonlySet<BulkOperationStatus> = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);
export const hasEnded = (status: BulkOperationStatus) => ENDED.has(status);

/** One JSONL line per call, in order: line n's result comes back with `__lineNumber: n`. */
export function bulkVariablesFile(variables: readonly Record<string, unknown>[]): string {
  return variables.map((line) => JSON.stringify(line)).join("\n") + "\n";
}

/** Uploads the variables and starts the bulk mutation; returns the operation's id. */
export async function startBulkMutation(admin: AdminClient, mutation: string, variables: readonly Record<string, unknown>[], options: BulkOptions & { clientIdentifier?: string } = {}): Promise<string> {
  const file = bulkVariablesFile(variables);
  if (Buffer.byteLength(file) > MAX_BULK_VARIABLES_BYTES) throw new BulkOperationRefused(`The variables file is over ${MAX_BULK_VARIABLES_BYTES} bytes: split the calls`, null);
  const staged = await admin.request(STAGE_BULK_VARIABLES, { input: [{ resource: "BULK_MUTATION_VARIABLES", filename: "bulk_op_vars", mimeType: "text/jsonl", httpMethod: "POST" }] });
  const target = staged.stagedUploadsCreate?.stagedTargets?.[0];
  const key = target?.parameters.find((parameter) => parameter.name === "key")?.value;
  if (!target?.url || !key) throw new BulkOperationRefused(`No upload target: ${staged.stagedUploadsCreate?.userErrors.map((e) => e.message).join("; ") ?? "empty answer"}`, null);
  await upload(target.url, target.parameters, file, options);
  const run = await admin.request(RUN_BULK_MUTATION, { mutation, stagedUploadPath: key, clientIdentifier: options.clientIdentifier ?? null });
  const errors = run.bulkOperationRunMutation?.userErrors ?? [];
  const operation = run.bulkOperationRunMutation?.bulkOperation;
  if (errors.length > 0 || !operation) throw new BulkOperationRefused(errors.map((e) => e.message).join("; ") || "No bulk operation started", errors[0]?.code ?? null);
  return operation.id;
}

/** The multipart POST of a staged target; a 5xx or a dropped connection is tried again. */
async function upload(url: string, parameters: readonly { name: string; value: string }[], file: string, options: BulkOptions): Promise<void> {
  const fetchApi = options.fetchApi ?? shopifyFetch;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt += 1) {
    const form = new FormData();
    for (const { name, value } of parameters) form.append(name, value);
    form.append("file", new Blob([file], { type: "text/jsonl" }), "bulk_op_vars");
    let status: number | null = null;
    try {
      const response = await fetchApi(url, { method: "POST", body: form });
      await response.arrayBuffer();
      status = response.status;
      if (response.ok) return;
    } catch {
      status = null;
    }
    if ((status !== null && status < 500) || attempt >= UPLOAD_ATTEMPTS) throw new BulkOperationRefused(`Uploading the bulk variables failed (${status ?? "no answer"})`, null);
    await sleep(500 * 2 ** (attempt - 1));
  }
}

export async function readBulkOperation(admin: AdminClient, id: string): Promise<BulkOperationState | null> {
  const { bulkOperation } = await admin.request(BULK_OPERATION_STATE, { id });
  if (!bulkOperation) return null;
  return {
    id: bulkOperation.id,
    status: bulkOperation.status as BulkOperationStatus,
    errorCode: bulkOperation.errorCode ?? null,
    objectCount: Number(bulkOperation.objectCount),
    url: (bulkOperation.url as string | null | undefined) ?? null,
    partialDataUrl: (bulkOperation.partialDataUrl as string | null | undefined) ?? null,
  };
}

/** Polls `bulkOperation(id:)` until it ended (for when the finish webhook is late or lost). */
export async function waitForBulkOperation(admin: AdminClient, id: string, options: BulkOptions & { pollMs?: number; timeoutMs?: number } = {}): Promise<BulkOperationState> {
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 2000;
  const timeoutMs = options.timeoutMs ?? 24 * 3600 * 1000; // Shopify stops a bulk mutation after 24 hours
  for (let waited = 0; ; waited += pollMs) {
    const state = await readBulkOperation(admin, id);
    if (!state) throw new Error(`No bulk operation ${id}`);
    if (hasEnded(state.status)) return state;
    if (waited >= timeoutMs) throw new Error(`Bulk operation ${id} still ${state.status} after ${waited} ms`);
    await sleep(pollMs);
  }
}

/** The lines of a results file (or the partial one of a failed operation), parsed; none when it has no file. */
async function resultLines(state: BulkOperationState, options: BulkOptions): Promise<Record<string, unknown>[]> {
  const url = state.url ?? state.partialDataUrl;
  if (!url) return [];
  const response = await (options.fetchApi ?? shopifyFetch)(url);
  if (!response.ok) throw new Error(`Reading the results of ${state.id} failed (${response.status})`);
  return (await response.text())
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Each input line's result, by line number. A line without a result did not run (the operation
 * failed or was cancelled first): read it again before acting on it.
 */
export async function bulkMutationResults(state: BulkOperationState, options: BulkOptions = {}): Promise<Map<number, BulkLineResult>> {
  const results = new Map<number, BulkLineResult>();
  for (const line of await resultLines(state, options)) {
    const { __lineNumber: lineNumber, ...result } = line as BulkLineResult & { __lineNumber?: number };
    if (typeof lineNumber === "number") results.set(lineNumber, result);
  }
  return results;
}

/**
 * Starts a bulk query (https://shopify.dev/docs/api/usage/bulk-operations/queries): whole
 * connections, no pages, outside the rate-limit budget; returns the operation's id.
 */
export async function startBulkQuery(admin: AdminClient, query: string): Promise<string> {
  const run = await admin.request(RUN_BULK_QUERY, { query });
  const errors = run.bulkOperationRunQuery?.userErrors ?? [];
  const operation = run.bulkOperationRunQuery?.bulkOperation;
  if (errors.length > 0 || !operation) throw new BulkOperationRefused(errors.map((e) => e.message).join("; ") || "No bulk operation started", errors[0]?.code ?? null);
  return operation.id;
}

/** A bulk query's objects, one per line; a nested connection's objects carry their parent's id in `__parentId`. */
export async function bulkQueryObjects(state: BulkOperationState, options: BulkOptions = {}): Promise<Record<string, unknown>[]> {
  return resultLines(state, options);
}

/** The `bulk_operations/finish` payload: which operation ended, and how. */
export function finishedBulkOperation(payload: Record<string, unknown>): { id: string; status: BulkOperationStatus; errorCode: string | null } | null {
  const id = payload.admin_graphql_api_id;
  const status = payload.status;
  if (typeof id !== "string" || typeof status !== "string") return null;
  return { id, status: status.toUpperCase() as BulkOperationStatus, errorCode: typeof payload.error_code === "string" ? payload.error_code.toUpperCase() : null };
}
