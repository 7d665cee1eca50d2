/**
 * Shopify's query cost (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits#cost-calculation):
 * scalars and enums 0, objects 1, interfaces and unions the maximum of their possible selections,
 * connections "sized by the first and last arguments" (2 + size × node cost), mutations 10 + the
 * fields selected in their payload. A list field is charged per element of its list argument
 * (`nodes(ids:)`: one object per id). `actual` walks the result instead: "the bucket is charged the
 * requested cost up front and refunded the difference" once the actual cost is known.
 */
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Does a fragment on `condition` apply to an object of type `runtime`? */
function applies(walk: Walk, condition: GraphQLCompositeType, runtime: GraphQLCompositeType | undefined): boolean {
  if (!runtime || condition === runtime) return true;
  return isAbstractType(condition) && isObjectType(runtime) && walk.schema.isSubType(condition, runtime);
}

/** Fields of a selection set, with fragments flattened; only the fragments that apply to `runtime` when given. */
function fieldsOf(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType, runtime?: GraphQLCompositeType): { node: FieldNode; type: GraphQLCompositeType }[] {
  const result: { node: FieldNode; type: GraphQLCompositeType }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) result.push({ node: selection, type: parent });
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? (walk.schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType) : parent;
      if (applies(walk, type, runtime)) result.push(...fieldsOf(walk, selection.selectionSet, type, runtime));
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
      if (applies(walk, type, runtime)) result.push(...fieldsOf(walk, fragment.selectionSet, type, runtime));
    }
  }
  return result;
}

function fieldDef(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

function intArg(walk: Walk, node: FieldNode, name: string): number | null {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = walk.variables[value.name.value];
    return typeof v === "number" ? v : null;
  }
  return null;
}

/** The longest list argument of a field (`ids`, `names`, …), or 1 when it has none. */
function listArgLength(walk: Walk, node: FieldNode): number {
  let longest = 1;
  for (const arg of node.arguments ?? []) {
    const value = arg.value.kind === Kind.LIST ? arg.value.values : arg.value.kind === Kind.VARIABLE ? walk.variables[arg.value.name.value] : null;
    if (Array.isArray(value)) longest = Math.max(longest, value.length);
  }
  return longest;
}

const isConnection = (typeName: string) => typeName.endsWith("Connection");

function selectionCost(walk: Walk, selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType, data: unknown, actual: boolean): number {
  if (!selectionSet) return 0;
  // Interfaces and unions: "maximum of possible selections" (rate-limits#cost-calculation).
  if (isAbstractType(parent)) return Math.max(0, ...walk.schema.getPossibleTypes(parent).map((runtime) => fieldsCost(walk, fieldsOf(walk, selectionSet, parent, runtime), data, actual)));
  return fieldsCost(walk, fieldsOf(walk, selectionSet, parent), data, actual);
}

function fieldsCost(walk: Walk, fields: { node: FieldNode; type: GraphQLCompositeType }[], data: unknown, actual: boolean): number {
  let total = 0;
  for (const { node, type } of fields) {
    const def = fieldDef(type, node.name.value);
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named)) continue;
    const key = node.alias?.value ?? node.name.value;
    const value = actual ? (data as Record<string, unknown> | null | undefined)?.[key] : undefined;
    if (actual && (value === null || value === undefined)) continue;
    const child = named as GraphQLCompositeType;
    if (isConnection(named.name)) {
      total += 2 + connectionNodesCost(walk, node, child, value, actual);
    } else if (actual && Array.isArray(value)) {
      total += value.reduce((sum: number, item) => sum + (item === null ? 0 : 1 + selectionCost(walk, node.selectionSet, child, item, true)), 0);
    } else {
      // A list field is charged per element of its list argument, `nodes(ids:)` per id (rate-limits#cost-calculation).
      const elements = !actual && isListType(getNullableType(def.type)) ? listArgLength(walk, node) : 1;
      total += elements * (1 + selectionCost(walk, node.selectionSet, child, value, actual));
    }
  }
  return total;
}

function connectionNodesCost(walk: Walk, node: FieldNode, connection: GraphQLCompositeType, value: unknown, actual: boolean): number {
  const size = intArg(walk, node, "first") ?? intArg(walk, node, "last") ?? 0;
  let total = 0;
  for (const { node: inner, type } of fieldsOf(walk, node.selectionSet!, connection)) {
    const def = fieldDef(type, inner.name.value);
    if (!def || (inner.name.value !== "nodes" && inner.name.value !== "edges")) continue;
    const key = inner.alias?.value ?? inner.name.value;
    const list = actual ? (((value as Record<string, unknown>)[key] as unknown[] | null) ?? []) : null;
    let itemSelection = inner.selectionSet;
    let itemType = getNamedType(def.type) as GraphQLCompositeType;
    let unwrap = (item: unknown) => item;
    if (inner.name.value === "edges") {
      const nodeField = fieldsOf(walk, inner.selectionSet!, itemType).find((f) => f.node.name.value === "node");
      if (!nodeField) continue;
      const nodeKey = nodeField.node.alias?.value ?? "node";
      itemType = getNamedType(fieldDef(itemType, "node")!.type) as GraphQLCompositeType;
      itemSelection = nodeField.node.selectionSet;
      unwrap = (item) => (item as Record<string, unknown>)[nodeKey];
    }
    if (list) total += list.reduce((sum: number, item) => sum + 1 + selectionCost(walk, itemSelection, itemType, unwrap(item), true), 0);
    else total += size * (1 + selectionCost(walk, itemSelection, itemType, undefined, false));
  }
  return total;
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function rootCost(input: CostInput, data: unknown, actual: boolean): number {
  const walk: Walk = { schema: input.schema, fragments: input.fragments, variables: input.variables };
  if (input.operation.operation === "mutation") {
    const root = input.schema.getMutationType()!;
    return fieldsOf(walk, input.operation.selectionSet, root).reduce((sum, { node }) => {
      const def = root.getFields()[node.name.value];
      if (!def) return sum;
      const key = node.alias?.value ?? node.name.value;
      const value = actual ? (data as Record<string, unknown> | null)?.[key] : undefined;
      return sum + 10 + selectionCost(walk, node.selectionSet, getNamedType(def.type) as GraphQLCompositeType, value, actual);
    }, 0);
  }
  return selectionCost(walk, input.operation.selectionSet, input.schema.getQueryType()!, data, actual);
}

export const requestedCost = (input: CostInput): number => rootCost(input, undefined, false);
export const actualCost = (input: CostInput, data: unknown): number => (data ? rootCost(input, data, true) : 0);
