/**
 * "Input arguments that accept an array have a maximum size of 250 for all APIs. Requests return an
 * error if an input array exceeds 250 items." (https://shopify.dev/docs/api/usage/limits#input-limits)
 * The error's wording and code are not documented; the sandbox's are its best reading.
 */
import { visit, type OperationDefinitionNode } from "graphql";

export const MAX_INPUT_ARRAY = 250;

function longestArray(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestArray));
  if (value && typeof value === "object") return Math.max(0, ...Object.values(value).map(longestArray));
  return 0;
}

/** The longest array among the operation's literal list arguments and its variables. */
export function longestInputArray(operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  let longest = longestArray(variables);
  visit(operation, {
    ListValue(node) {
      longest = Math.max(longest, node.values.length);
    },
    VariableDefinition: () => false, // default values are not inputs sent
  });
  return longest;
}

/** Shopify's refusal of an operation whose longest input array is `length`, or null when it may run. */
export function inputArrayError(length: number) {
  if (length <= MAX_INPUT_ARRAY) return null;
  return { message: `The input array size of ${length} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`, extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" } };
}

