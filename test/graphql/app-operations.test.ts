import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, validate } from "graphql";
import { parse as parseToml } from "smol-toml";
import { ApiVersion } from "@shopify/shopify-api";
import { ADMIN_API_VERSION } from "../../app/api-version";
import { loadAdminSchema } from "../support/admin-schema";
import { collectAppOperations } from "../support/app-operations";

const operations = collectAppOperations();

describe("Admin GraphQL operations in app/", () => {
  it("finds the app's operations", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations.map((op) => [op.file, op.source] as const))(
    "%s validates against the real Admin API schema",
    (_file, source) => {
      // Interpolation would hide part of the document from codegen and from this check.
      expect(source).not.toContain("${");
      const errors = validate(loadAdminSchema(), parse(source)).map((error) => error.message);
      expect(errors).toEqual([]);
    },
  );

  it("rejects an operation that uses a field the schema lacks", () => {
    const errors = validate(loadAdminSchema(), parse("query { shop { backorderCount } }"));
    expect(errors.map((error) => error.message)).toEqual([
      'Cannot query field "backorderCount" on type "Shop".',
    ]);
  });
});

describe("one Admin API version everywhere", () => {
  it("is a version the Shopify library knows", () => {
    expect(Object.values(ApiVersion)).toContain(ADMIN_API_VERSION);
  });

  it("is the webhook version declared in shopify.app.toml", () => {
    const toml = parseToml(fs.readFileSync("shopify.app.toml", "utf8")) as { webhooks: { api_version: string } };
    expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
  });

  it("is the version of the schema file the types are generated from", () => {
    expect(fs.existsSync(`app/graphql/admin-${ADMIN_API_VERSION}.schema.json.gz`)).toBe(true);
    expect(fs.readFileSync(".graphqlrc.ts", "utf8")).toContain("admin-${ADMIN_API_VERSION}.schema.json.gz");
  });
});
