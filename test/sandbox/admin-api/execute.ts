/**
 * The sandbox Admin GraphQL endpoint: validates against the real 2026-10 schema,
 * charges a leaky bucket by query cost, and resolves against the SandboxShop.
 */
import {
  execute as executeGraphql,
  executeSync,
  getOperationAST,
  GraphQLError,
  isNonNullType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import { loadAdminSchema } from "../../support/admin-schema";
import type { SandboxShop } from "../state/shop";
import { actualCost, requestedCost, type CostInput } from "./cost";
import { seededRandom } from "../support/seeded-random";
import { createBulkOperations, type BulkOperations } from "./bulk-operations";
import { inputArrayError, longestInputArray } from "./input-limits";
import { planBucket, type ShopifyPlan } from "./plans";
import { createStagedUploads, type StagedUploads } from "./staged-uploads";
import { mutationRoot, queryRoot } from "./root";
import type { FlowTriggers } from "../flow/flow-triggers";

export const MAX_SINGLE_QUERY_COST = 1000;
export const THROTTLE_DOCS = "https://shopify.dev/api/usage/rate-limits";

export interface ThrottleOptions {
  /** The plan's bucket (plans.ts); maximumAvailable and restoreRate override it. */
  plan?: ShopifyPlan;
  maximumAvailable?: number;
  restoreRate?: number;
}

export interface AdminApiOptions extends ThrottleOptions {
  /** Clock for the bucket in epoch ms (defaults to Date.now). */
  now?: () => number;
  /** Shopify Flow's `flowTriggerReceive` for the app's trigger extensions (flow/flow-triggers.ts). */
  flowTriggers?: FlowTriggers["mutationRoot"];
}

export interface RandomFailures {
  /** Probability (0..1) that a call fails. */
  rate: number;
  /** Share (0..1) of failures that happen after the call ran; the rest fail before it. */
  lostReplies?: number;
  status?: number;
  seed?: number;
}

export interface AdminApiRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface AdminApiResponse {
  status: number;
  body: unknown;
}

export interface AdminApi {
  execute(body: AdminApiRequest): Promise<AdminApiResponse>;
  setThrottle(options: ThrottleOptions): void;
  /** The next `count` calls answer HTTP `status` (default 503) without touching the shop. */
  failNext(count: number, status?: number): void;
  /**
   * Random 5xx, replayable by seed. `lostReplies` of them happen after the shop
   * changed (a gateway timing out on a mutation that went through), which is
   * what makes retries dangerous for code that is not idempotent.
   */
  setRandomFailures(options: RandomFailures | null): void;
  /** Points in the bucket right now (after restore). */
  currentlyAvailable(): number;
  /** Bulk operations and the staged uploads they read (served over HTTP by http/bulk-files.ts). */
  bulk: BulkOperations;
  uploads: StagedUploads;
}

/** Reads fields from view objects: functions are called with args; missing non-null fields are loud. */
const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  const value = (source as Record<string, unknown> | null)?.[info.fieldName];
  if (typeof value === "function") return (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, context, info);
  if (value === undefined) {
    if (isNonNullType(info.returnType)) throw new GraphQLError(`The sandbox Admin API does not implement ${info.parentType.name}.${info.fieldName}`, { extensions: { code: "NOT_IMPLEMENTED_IN_SANDBOX" } });
    return null;
  }
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) => (value as { __typename?: string }).__typename;

/** graphql-js validation messages, mapped to the codes Shopify's errors carry. */
function validationCode(message: string): string {
  if (message.startsWith("Cannot query field")) return "undefinedField";
  if (message.startsWith("Unknown argument")) return "argumentNotAccepted";
  if (message.includes("argument") && message.includes("required")) return "missingRequiredArguments";
  if (message.startsWith("Unknown type")) return "undefinedType";
  if (message.startsWith("Variable")) return "variableMismatch";
  if (message.includes("must have a selection")) return "selectionMismatch";
  if (message.includes("must not have a selection")) return "selectionMismatch";
  return "argumentLiteralsIncompatible";
}

function shopifyMessage(message: string): string {
  const undefinedField = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(message);
  return undefinedField ? `Field '${undefinedField[1]}' doesn't exist on type '${undefinedField[2]}'` : message;
}

export function createAdminApi(shop: SandboxShop, options: AdminApiOptions = {}): AdminApi {
  const schema = loadAdminSchema();
  const now = options.now ?? shop.now;
  const planned = planBucket(options.plan ?? "standard");
  let maximumAvailable = options.maximumAvailable ?? planned.maximumAvailable;
  let restoreRate = options.restoreRate ?? planned.restoreRate;
  let available = maximumAvailable;
  let lastRefill = now();
  let failures: { remaining: number; status: number } = { remaining: 0, status: 503 };
  let randomFailures: (RandomFailures & { random: () => number }) | null = null;
  const checkedDocuments = new Map<string, { document: DocumentNode; validationErrors: readonly GraphQLError[] }>();
  const uploads = createStagedUploads(shop);
  const bulk = createBulkOperations({
    shop,
    schema,
    uploads,
    run: async (document, variableValues) => executeGraphql({ schema, document, rootValue, variableValues, fieldResolver, typeResolver }),
    read: (document) => executeSync({ schema, document, rootValue, fieldResolver, typeResolver }),
  });
  const rootValue = { ...queryRoot(shop), ...mutationRoot(shop), ...bulk.queryRoot, ...bulk.mutationRoot, ...options.flowTriggers };

  const refill = () => {
    const t = now();
    available = Math.min(maximumAvailable, available + ((t - lastRefill) / 1000) * restoreRate);
    lastRefill = t;
  };
  const throttleStatus = () => ({ maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate });

  async function execute(body: AdminApiRequest): Promise<AdminApiResponse> {
    if (failures.remaining > 0) {
      failures.remaining -= 1;
      return { status: failures.status, body: { errors: "Service Unavailable" } };
    }
    if (randomFailures && randomFailures.random() < randomFailures.rate) {
      const unavailable = { status: randomFailures.status ?? 503, body: { errors: "Service Unavailable" } };
      if (randomFailures.random() >= (randomFailures.lostReplies ?? 0)) return unavailable;
      await respond(body);
      return unavailable;
    }
    return respond(body);
  }

  async function respond(body: AdminApiRequest): Promise<AdminApiResponse> {
    if (!body || typeof body.query !== "string") return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    let document: DocumentNode;
    let validationErrors: readonly GraphQLError[];
    const known = checkedDocuments.get(body.query);
    if (known) {
      ({ document, validationErrors } = known);
    } else {
      try {
        document = parse(body.query);
      } catch (error) {
        const e = error as GraphQLError;
        return { status: 200, body: { errors: [{ message: e.message, locations: e.locations ?? [], extensions: { code: "parseError" } }] } };
      }
      validationErrors = validate(schema, document);
      // An app sends the same few documents over and over; Shopify does not re-validate them either.
      if (checkedDocuments.size < 1000) checkedDocuments.set(body.query, { document, validationErrors });
    }
    if (validationErrors.length > 0) {
      return {
        status: 200,
        body: {
          errors: validationErrors.map((e) => ({
            message: shopifyMessage(e.message),
            locations: e.locations ?? [],
            ...(e.path ? { path: e.path } : {}),
            extensions: { code: validationCode(e.message) },
          })),
        },
      };
    }
    const operation = getOperationAST(document, body.operationName);
    if (!operation) return { status: 200, body: { errors: [{ message: "An operation name is required", extensions: { code: "operationNotFound" } }] } };
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    const tooLong = inputArrayError(longestInputArray(operation, body.variables ?? {}));
    if (tooLong) return { status: 200, body: { errors: [tooLong] } };
    const costInput: CostInput = { schema, operation, fragments, variables: body.variables ?? {} };
    const requested = requestedCost(costInput);
    refill();
    if (requested > MAX_SINGLE_QUERY_COST) {
      return {
        status: 200,
        body: {
          errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\nSee ${THROTTLE_DOCS} for more information, and use the X-GraphQL-Cost-Include-Fields debug header to help identify expensive fields.\n`, extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_SINGLE_QUERY_COST, documentation: THROTTLE_DOCS } }],
          extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
        },
      };
    }
    if (requested > available) {
      return {
        status: 200,
        body: {
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: THROTTLE_DOCS } }],
          extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
        },
      };
    }
    available -= requested;
    const result = await executeGraphql({
      schema,
      document,
      rootValue,
      variableValues: body.variables,
      operationName: body.operationName,
      fieldResolver,
      typeResolver,
    });
    const actual = Math.min(requested, actualCost(costInput, result.data));
    available = Math.min(maximumAvailable, available + (requested - actual)); // refund the unused part
    const response: Record<string, unknown> = {};
    if (result.errors) {
      response.errors = result.errors.map((e) => ({
        message: e.message,
        locations: e.locations ?? [],
        path: e.path,
        extensions: { code: (e.extensions?.code as string | undefined) ?? "INTERNAL_SERVER_ERROR" },
      }));
    }
    response.data = result.data ?? null;
    response.extensions = { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } };
    return { status: 200, body: response };
  }

  return {
    execute,
    setThrottle(options) {
      refill();
      const next = { ...(options.plan ? planBucket(options.plan) : {}), ...options };
      if (next.maximumAvailable !== undefined) {
        maximumAvailable = next.maximumAvailable;
        available = Math.min(available, maximumAvailable);
      }
      if (next.restoreRate !== undefined) restoreRate = next.restoreRate;
    },
    failNext(count, status = 503) {
      failures = { remaining: count, status };
    },
    setRandomFailures(options) {
      randomFailures = options ? { ...options, random: seededRandom(options.seed ?? 1) } : null;
    },
    currentlyAvailable() {
      refill();
      return Math.floor(available);
    },
    bulk,
    uploads,
  };
}
