/**
 * What `bulkOperationRunQuery` accepts and the JSONL it writes
 * (https://shopify.dev/docs/api/usage/bulk-operations/queries): at least one connection, at
 * most five, nested at most two levels deep; no top-level `node`/`nodes`; each object of a
 * connection on its own line, nested ones after their parent with `__parentId`, which is why a
 * parent of a nested connection must select `id`.
 */
import { getNamedType, Kind, type ASTNode, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";

const isConnectionType = (name: string) => name.endsWith("Connection");
const MAX_CONNECTIONS = 5;
const MAX_NESTING = 2;

/** Why Shopify would refuse this query for a bulk operation, or null when it runs. */
export function bulkQueryProblem(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string | null {
  if (operation.operation !== "query") return "The query must be a query operation.";
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD && (selection.name.value === "node" || selection.name.value === "nodes")) return "Bulk queries cannot contain a top level `node` or `nodes` field.";
  }
  const typeInfo = new TypeInfo(schema);
  let connections = 0;
  let depth = 0;
  let deepest = 0;
  let parentWithoutId: string | null = null;
  const stack: boolean[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node, _key, _parent, _path, ancestors) {
          const type = typeInfo.getType();
          const connection = !!type && isConnectionType(getNamedType(type).name);
          stack.push(connection);
          if (!connection) return;
          connections += 1;
          depth += 1;
          deepest = Math.max(deepest, depth);
          if (depth > 1 && parentWithoutId === null && !enclosingNodeSelectsId(ancestors)) parentWithoutId = node.name.value;
        },
        leave() {
          if (stack.pop()) depth -= 1;
        },
      },
    }),
  );
  if (connections === 0) return "Bulk queries must contain at least one connection.";
  if (connections > MAX_CONNECTIONS) return `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`;
  if (deepest > MAX_NESTING) return `Bulk queries cannot contain connections nested more than ${MAX_NESTING} levels deep.`;
  if (parentWithoutId !== null) return `The parent 'node' field for a nested connection must select the 'id' field. Connection fields without 'id': ${parentWithoutId}.`;
  return null;
}

/** The nearest enclosing `nodes` / `node` field (the parent object of a nested connection) selects `id`. */
function enclosingNodeSelectsId(ancestors: readonly (ASTNode | readonly ASTNode[])[]): boolean {
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const ancestor = ancestors[i] as ASTNode;
    if (!("kind" in ancestor) || ancestor.kind !== Kind.FIELD || (ancestor.name.value !== "nodes" && ancestor.name.value !== "node")) continue;
    return !!ancestor.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "id" && !s.alias);
  }
  return true;
}

type Json = Record<string, unknown>;

const connectionItems = (value: unknown): Json[] | null => {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const record = value as Json;
  if (Array.isArray(record.nodes)) return record.nodes as Json[];
  if (Array.isArray(record.edges)) return (record.edges as Json[]).map((edge) => edge.node as Json);
  return null;
};

/** The JSONL lines of a bulk query's result: every connection's objects, nested ones with `__parentId`. */
export function bulkQueryLines(data: Json): { lines: string[]; rootObjects: number } {
  const lines: string[] = [];
  let rootObjects = 0;
  const emit = (object: Json, parentId: string | null) => {
    const nested: { items: Json[] }[] = [];
    const strip = (value: unknown): unknown => {
      const items = connectionItems(value);
      if (items) {
        nested.push({ items });
        return undefined;
      }
      if (Array.isArray(value)) return value.map(strip);
      if (value && typeof value === "object") {
        const out: Json = {};
        for (const [key, inner] of Object.entries(value)) {
          const kept = strip(inner);
          if (kept !== undefined) out[key] = kept;
        }
        return out;
      }
      return value;
    };
    const line = strip(object) as Json;
    lines.push(JSON.stringify(parentId === null ? line : { ...line, __parentId: parentId }));
    const id = typeof object.id === "string" ? object.id : null;
    for (const { items } of nested) for (const item of items) emit(item, id);
  };
  const visitRoot = (value: unknown) => {
    const items = connectionItems(value);
    if (items) {
      for (const item of items) {
        rootObjects += 1;
        emit(item, null);
      }
      return;
    }
    if (value && typeof value === "object" && !Array.isArray(value)) Object.values(value).forEach(visitRoot);
  };
  Object.values(data).forEach(visitRoot);
  return { lines, rootObjects };
}
