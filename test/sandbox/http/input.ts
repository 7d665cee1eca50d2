/** Validation of control API input: every mistake is a 400 naming the field. */
import { HttpError } from "./router";

export type Body = Record<string, unknown>;

/** A GID of `type`, or a plain number (JSON number or digit string) turned into one. */
export function gidField(body: Body, field: string, type: string): string {
  const value = body[field];
  return toGid(value, type, field);
}

export function toGid(value: unknown, type: string, field: string): string {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return `gid://shopify/${type}/${value}`;
  if (typeof value === "string") {
    if (/^\d+$/.test(value)) return `gid://shopify/${type}/${value}`;
    if (new RegExp(`^gid://shopify/${type}/\\d+$`).test(value)) return value;
  }
  throw new HttpError(400, `${field} must be a ${type} GID (gid://shopify/${type}/123) or a numeric id`);
}

export function optionalGidField(body: Body, field: string, type: string): string | undefined {
  return body[field] === undefined || body[field] === null ? undefined : gidField(body, field, type);
}

export function intField(body: Body, field: string, options: { min?: number } = {}): number {
  const value = body[field];
  if (typeof value !== "number" || !Number.isInteger(value)) throw new HttpError(400, `${field} must be an integer`);
  if (options.min !== undefined && value < options.min) throw new HttpError(400, `${field} must be at least ${options.min}`);
  return value;
}

export function optionalIntField(body: Body, field: string, options: { min?: number } = {}): number | undefined {
  return body[field] === undefined ? undefined : intField(body, field, options);
}

export function optionalNumberField(body: Body, field: string, range: { min: number; max: number }): number | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value) || value < range.min || value > range.max) throw new HttpError(400, `${field} must be a number from ${range.min} to ${range.max}`);
  return value;
}

export function stringField(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value.trim() === "") throw new HttpError(400, `${field} must be a non-empty string`);
  return value;
}

export function optionalStringField(body: Body, field: string): string | undefined {
  return body[field] === undefined ? undefined : stringField(body, field);
}

export function objectField(body: Body, field: string): Body {
  const value = body[field];
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, `${field} must be an object`);
  return value as Body;
}

export function dateField(body: Body, field: string): string {
  const value = stringField(body, field);
  if (Number.isNaN(Date.parse(value))) throw new HttpError(400, `${field} must be an ISO date`);
  return value;
}

export function stringRecordField(body: Body, field: string): Record<string, string> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new HttpError(400, `${field} must be an object of strings`);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") throw new HttpError(400, `${field}.${key} must be a string`);
  }
  return value as Record<string, string>;
}
