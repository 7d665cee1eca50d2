import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ApiType, pluckConfig, preset } from "@shopify/api-codegen-preset";
import { ADMIN_API_VERSION } from "./app/api-version";

// The real Admin API schema ships gzipped in the repo (no network needed);
// codegen reads introspection JSON, so unpack it once into the cache folder.
function unpackedAdminSchema(): string {
  const packed = path.resolve(`app/graphql/admin-${ADMIN_API_VERSION}.schema.json.gz`);
  const unpacked = path.resolve(`node_modules/.cache/admin-${ADMIN_API_VERSION}.schema.json`);
  const stale = !fs.existsSync(unpacked) || fs.statSync(unpacked).mtimeMs < fs.statSync(packed).mtimeMs;
  if (stale) {
    fs.mkdirSync(path.dirname(unpacked), { recursive: true });
    fs.writeFileSync(unpacked, zlib.gunzipSync(fs.readFileSync(packed)));
  }
  return unpacked;
}

const schema = unpackedAdminSchema();
const documents = ["./app/**/*.{ts,tsx}", "!./app/types/**"];

export default {
  projects: {
    default: {
      schema,
      documents,
      extensions: {
        codegen: {
          pluckConfig,
          generates: {
            "./app/types/admin.types.d.ts": {
              plugins: ["typescript"],
              config: { defaultScalarType: "string", scalars: { JSON: "unknown" }, enumsAsTypes: true, onlyOperationTypes: true },
            },
            "./app/types/admin.generated.d.ts": {
              preset,
              documents,
              presetConfig: { apiType: ApiType.Admin },
            },
          },
        },
      },
    },
  },
};
