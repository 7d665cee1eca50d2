/** The real Admin GraphQL schema of the app's API version, from the committed introspection. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "../../app/api-version";

let cached: GraphQLSchema | undefined;

export function adminSchemaPath(): string {
  return fileURLToPath(new URL(`../../app/graphql/admin-${ADMIN_API_VERSION}.schema.json.gz`, import.meta.url));
}

export function loadAdminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(adminSchemaPath())).toString("utf8")) as { data: IntrospectionQuery };
    cached = buildClientSchema(json.data);
  }
  return cached;
}
