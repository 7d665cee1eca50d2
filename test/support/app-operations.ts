import fs from "node:fs";
import path from "node:path";

export interface AppOperation {
  file: string;
  source: string;
}

const GRAPHQL_TEMPLATE = /`#graphql([\s\S]*?)`/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "types" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Every `#graphql` document the app can send, as codegen sees them. */
export function collectAppOperations(appDir = path.resolve("app")): AppOperation[] {
  return sourceFiles(appDir).flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(GRAPHQL_TEMPLATE)].map((match) => ({
      file: path.relative(process.cwd(), file),
      source: match[1] ?? "",
    })),
  );
}
