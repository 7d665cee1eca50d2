/**
 * Bulk operations as Shopify runs them (https://shopify.dev/docs/api/usage/bulk-operations/imports
 * and /queries): `bulkOperationRunMutation` runs any mutation (changelog "Faster bulk operations",
 * 2025-12-15) once per line of an uploaded JSONL file, `bulkOperationRunQuery` reads whole
 * connections; both answer at once with a CREATED operation and run afterwards, outside the
 * request, through the sandbox's own resolvers. The work does not spend the app's rate-limit
 * bucket: only the run mutation itself is charged, like any mutation (the imports guide: "Instead
 * of manually running a GraphQL mutation multiple times and managing a client-side throttle, you
 * can run a bulk mutation operation"; bulk queries are the documented way around the single-query
 * cost limit and throttling). Results: a JSONL file at the operation's `url`,
 * one line per input line with `__lineNumber` for mutations; `status` goes CREATED → RUNNING →
 * COMPLETED (or FAILED with `errorCode` and `partialDataUrl`, or CANCELED), then
 * `bulk_operations/finish` is sent to the app. From API 2026-01 up to five bulk operations run at
 * once per shop; one more is refused (`LIMIT_REACHED`; the code for the five-limit is not
 * documented, the harsher reading counts queries and mutations together).
 */
import { getOperationAST, Kind, parse, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from "graphql";
import { gid, idOf } from "../state/ids";
import type { SandboxShop } from "../state/shop";
import { bulkQueryLines, bulkQueryProblem } from "./bulk-query";
import { readingEveryPage } from "./connection";
import type { StagedUploads } from "./staged-uploads";

export const BULK_RESULTS_PATH = "/sandbox/bulk-operation-results";
export const MAX_CONCURRENT_BULK_OPERATIONS = 5;
/** Lines run between two turns of the event loop, so the sandbox keeps answering meanwhile. */
const LINES_PER_TURN = 25;

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema
type Status = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED";
type ErrorCode = "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT";

export interface BulkOperationRecord {
  id: string;
  type: "QUERY" | "MUTATION";
  status: Status;
  errorCode: ErrorCode | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  partialDataUrl: string | null;
  query: string;
}

/** A fault for tests: the next bulk operation fails after this many lines (partial data kept). */
export interface BulkFault {
  afterLines: number;
  errorCode?: ErrorCode;
}

export interface BulkOperationsDeps {
  shop: SandboxShop;
  schema: GraphQLSchema;
  uploads: StagedUploads;
  /** Runs a document against the shop's resolvers, outside the rate-limit bucket. */
  run(document: DocumentNode, variables: Record<string, unknown>): Promise<ExecutionResult>;
  /** The same, synchronously, for reads (bulk queries read every page of their connections). */
  read(document: DocumentNode): ExecutionResult;
}

export interface BulkOperations {
  queryRoot: Record<string, (args: Args) => unknown>;
  mutationRoot: Record<string, (args: Args) => unknown>;
  /** A results file (`{id}.jsonl` or `{id}-partial.jsonl`). */
  resultFile(name: string): string | undefined;
  operations(): BulkOperationRecord[];
  failNext(fault: BulkFault | null): void;
  /** Resolves once no bulk operation is created or running. */
  idle(): Promise<void>;
}

const active = (op: BulkOperationRecord) => op.status === "CREATED" || op.status === "RUNNING" || op.status === "CANCELING";
/** Read through a function: the status changes while the operation awaits. */
const canceling = (op: BulkOperationRecord) => op.status === "CANCELING";
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createBulkOperations(deps: BulkOperationsDeps): BulkOperations {
  const { shop } = deps;
  const operations: BulkOperationRecord[] = [];
  const files = new Map<string, string>();
  let fault: BulkFault | null = null;
  let idleWaiters: (() => void)[] = [];

  const view = (op: BulkOperationRecord) => ({
    __typename: "BulkOperation",
    ...op,
    // UnsignedInt64 comes as a string, as Shopify sends it.
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
  });

  function create(type: BulkOperationRecord["type"], query: string): BulkOperationRecord {
    const op: BulkOperationRecord = { id: gid("BulkOperation", shop.ids.take()), type, status: "CREATED", errorCode: null, createdAt: shop.nowIso(), completedAt: null, objectCount: 0, rootObjectCount: 0, fileSize: null, url: null, partialDataUrl: null, query };
    operations.push(op);
    return op;
  }

  function writeFile(name: string, lines: string[]): { url: string; size: number } {
    const text = lines.map((line) => `${line}\n`).join("");
    files.set(name, text);
    return { url: `${shop.assetOrigin}${BULK_RESULTS_PATH}/${name}`, size: Buffer.byteLength(text) };
  }

  /** Ends an operation, stores its lines and tells the app (bulk_operations/finish). */
  function finish(op: BulkOperationRecord, status: "COMPLETED" | "FAILED" | "CANCELED", lines: string[], errorCode: ErrorCode | null = null): void {
    op.status = status;
    op.errorCode = errorCode;
    op.completedAt = shop.nowIso();
    if (status === "COMPLETED") {
      const file = writeFile(`${idOf(op.id, "BulkOperation")}.jsonl`, lines);
      // An operation that produced nothing has no file (url null), as on Shopify.
      if (lines.length > 0) Object.assign(op, { url: file.url, fileSize: file.size });
    } else if (lines.length > 0) {
      op.partialDataUrl = writeFile(`${idOf(op.id, "BulkOperation")}-partial.jsonl`, lines).url;
    }
    // Payload as documented for the topic: ids, times, lower-case status, type and error code.
    shop.emit("bulk_operations/finish", {
      admin_graphql_api_id: op.id,
      completed_at: op.completedAt,
      created_at: op.createdAt,
      error_code: errorCode ? errorCode.toLowerCase() : null,
      status: status.toLowerCase(),
      type: op.type.toLowerCase(),
    });
    if (!operations.some(active)) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  async function runMutation(op: BulkOperationRecord, document: DocumentNode, variables: Record<string, unknown>[]): Promise<void> {
    await nextTurn();
    const planned = fault;
    fault = null;
    op.status = "RUNNING";
    const lines: string[] = [];
    for (let lineNumber = 0; lineNumber < variables.length; lineNumber += 1) {
      if (canceling(op)) return finish(op, "CANCELED", lines);
      if (planned && lineNumber >= planned.afterLines) return finish(op, "FAILED", lines, planned.errorCode ?? "INTERNAL_SERVER_ERROR");
      const result = await deps.run(document, variables[lineNumber]!);
      lines.push(JSON.stringify({ ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) } : {}), ...(result.data !== undefined ? { data: result.data } : {}), __lineNumber: lineNumber }));
      op.objectCount = lineNumber + 1;
      op.rootObjectCount = lineNumber + 1;
      if ((lineNumber + 1) % LINES_PER_TURN === 0) await nextTurn();
    }
    finish(op, "COMPLETED", lines);
  }

  async function runQuery(op: BulkOperationRecord, document: DocumentNode): Promise<void> {
    await nextTurn();
    const planned = fault;
    fault = null;
    op.status = "RUNNING";
    await nextTurn();
    if (canceling(op)) return finish(op, "CANCELED", []);
    const result = readingEveryPage(() => deps.read(document));
    if (result.errors?.length || !result.data) return finish(op, "FAILED", [], result.errors?.some((e) => e.extensions?.code === "ACCESS_DENIED") ? "ACCESS_DENIED" : "INTERNAL_SERVER_ERROR");
    const { lines, rootObjects } = bulkQueryLines(result.data as Record<string, unknown>);
    op.objectCount = lines.length;
    op.rootObjectCount = rootObjects;
    if (planned && planned.afterLines < lines.length) return finish(op, "FAILED", lines.slice(0, planned.afterLines), planned.errorCode ?? "INTERNAL_SERVER_ERROR");
    finish(op, "COMPLETED", lines);
  }

  const limitReached = () => operations.filter(active).length >= MAX_CONCURRENT_BULK_OPERATIONS;
  const refused = (code: string, message: string, field: string[] | null) => ({ bulkOperation: null, userErrors: [{ field, message, code }] });

  const mutationRoot = {
    ...deps.uploads.mutationRoot,
    bulkOperationRunMutation: (args: Args) => {
      let document: DocumentNode;
      try {
        document = parse(args.mutation as string);
      } catch (error) {
        return refused("INVALID_MUTATION", (error as Error).message, ["mutation"]);
      }
      const operation = getOperationAST(document);
      const rootFields = operation?.selectionSet.selections.filter((s) => s.kind === Kind.FIELD) ?? [];
      if (validate(deps.schema, document).length > 0 || operation?.operation !== "mutation" || rootFields.length !== 1) {
        return refused("INVALID_MUTATION", "The mutation must be one valid mutation with a single top-level field.", ["mutation"]);
      }
      const file = deps.uploads.file(args.stagedUploadPath as string);
      if (!file) return refused("NO_SUCH_FILE", "The JSONL file could not be found.", ["stagedUploadPath"]);
      const variables: Record<string, unknown>[] = [];
      for (const line of file.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          value = null;
        }
        if (!value || typeof value !== "object" || Array.isArray(value)) return refused("INVALID_STAGED_UPLOAD_FILE", "The JSONL file is invalid: every line must be a JSON object of variables.", ["stagedUploadPath"]);
        variables.push(value as Record<string, unknown>);
      }
      if (limitReached()) return refused("LIMIT_REACHED", "Bulk operations limit reached. Please try again later.", null);
      const op = create("MUTATION", args.mutation as string);
      void runMutation(op, document, variables);
      return { bulkOperation: view(op), userErrors: [] };
    },
    bulkOperationRunQuery: (args: Args) => {
      let document: DocumentNode;
      try {
        document = parse(args.query as string);
      } catch (error) {
        return refused("INVALID", (error as Error).message, ["query"]);
      }
      const operation = getOperationAST(document);
      const errors = validate(deps.schema, document);
      const problem = errors.length > 0 ? errors[0]!.message : operation ? bulkQueryProblem(deps.schema, document, operation) : "An operation is required.";
      if (problem) return refused("INVALID", problem, ["query"]);
      if (limitReached()) return refused("LIMIT_REACHED", "Bulk operations limit reached. Please try again later.", null);
      const op = create("QUERY", args.query as string);
      void runQuery(op, document);
      return { bulkOperation: view(op), userErrors: [] };
    },
    bulkOperationCancel: (args: Args) => {
      const op = operations.find((o) => o.id === args.id);
      if (!op) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
      if (!active(op)) return { bulkOperation: view(op), userErrors: [{ field: null, message: `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}` }] };
      op.status = "CANCELING";
      return { bulkOperation: view(op), userErrors: [] };
    },
  };

  const queryRoot = {
    bulkOperation: (args: Args) => {
      const op = operations.find((o) => o.id === args.id);
      return op ? view(op) : null;
    },
    currentBulkOperation: (args: Args) => {
      const type = (args.type as string | undefined) ?? "QUERY";
      const op = operations.filter((o) => o.type === type).at(-1);
      return op ? view(op) : null;
    },
  };

  return {
    queryRoot,
    mutationRoot,
    resultFile: (name) => files.get(name),
    operations: () => operations.map((op) => ({ ...op })),
    failNext(next) {
      fault = next;
    },
    idle: () => (operations.some(active) ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
  };
}
