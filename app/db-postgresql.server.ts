import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

/**
 * Connections each process may open [5]. A managed plan allows a fixed number in all
 * (often 25 or so): web processes + workers, times this, must stay under it.
 */
export function postgresqlPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const size = Number(env.DATABASE_POOL_SIZE ?? 5);
  if (!Number.isInteger(size) || size < 1) throw new Error("DATABASE_POOL_SIZE must be a whole number of at least 1");
  return size;
}

/** Prisma's pg adapter on a pool of at most `DATABASE_POOL_SIZE` connections. */
export function postgresqlAdapter(url: string, options: { poolSize?: number } = {}): PrismaPg {
  return new PrismaPg({ connectionString: url, max: options.poolSize ?? postgresqlPoolSize() });
}

// PostgreSQL's catalog types that @prisma/adapter-pg 6.19 cannot map (prisma/prisma#27403): the
// schema engine reads `name` and `"char"` columns of pg_catalog when it looks at a database.
const CATALOG_TEXT_TYPES = new Set([18 /* "char" */, 19 /* name */]);
const TEXT_TYPE = 25;

/** A pg pool that reports the catalog's `name` and `"char"` columns as text (their values already arrive as strings). */
class CatalogTextPool extends pg.Pool {
  // pg's query() has many overloads; the adapter calls the promise form with one config object.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult) => {
      for (const field of res.fields ?? []) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT_TYPE;
      return res;
    }) as never;
  }
}

/**
 * For the Prisma CLI only: the pg adapter on a CatalogTextPool, so `prisma migrate deploy`, `status`
 * and `diff --from-migrations` work through the WebAssembly schema engine. The shadow database a
 * diff replays migrations into is a throwaway database on the same server, dropped afterwards.
 */
export function postgresqlMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const open = (connectionString: string) => new PrismaPg(new CatalogTextPool({ connectionString, max: 1 }), { disposeExternalPool: true });
  const main = open(url);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    async connectToShadowDb() {
      const admin = await open(url).connect();
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const shadow = await open(shadowUrl.toString()).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE "${name}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
