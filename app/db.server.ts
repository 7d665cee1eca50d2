import type { PrismaClient } from "@prisma/client";
import { openDatabase } from "./db-open.server";

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (e.g. file:./prisma/dev.sqlite)");
  return url;
}

declare global {
  // Vite's dev server re-imports modules on change; one client per process.
  var prismaClient: PrismaClient | undefined;
}

const prisma: PrismaClient = globalThis.prismaClient ?? openDatabase(databaseUrl());
if (process.env.NODE_ENV !== "production") globalThis.prismaClient = prisma;

export default prisma;
