import { randomUUID } from 'node:crypto';
import type { App } from '../../src/http/app.js';

/*
 * The routes of the running app, read from its OpenAPI document, so that a test over "every
 * route" covers a route the day it is added.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface Schema {
  type?: string;
  format?: string;
  enum?: Json[];
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  nullable?: boolean;
  default?: Json;
}
export interface Parameter { in: 'path' | 'query' | 'header'; name: string; schema: Schema }
export interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }

export interface ApiRoute {
  /** `METHOD /api/path/{param}`, as the document names it. */
  key: string;
  method: string;
  /** The path with `{param}` placeholders. */
  path: string;
  op: Operation;
  pathParams: Parameter[];
  query: Parameter[];
  /** The schema of a JSON body, if the route takes one. */
  jsonBody: Schema | undefined;
}

export async function apiRoutes(app: App): Promise<ApiRoute[]> {
  const doc = (await app.inject({ url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => {
    const params = op.parameters ?? [];
    return {
      key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op,
      pathParams: params.filter((p) => p.in === 'path'), query: params.filter((p) => p.in === 'query'),
      jsonBody: op.requestBody?.content?.['application/json']?.schema,
    };
  }));
}

/** The path with its `{param}` placeholders filled (the values already encoded), and a query string. */
export function fillPath(path: string, values: Record<string, string>, qs = ''): string {
  return path.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? '') + (qs ? `?${qs}` : '');
}

/**
 * A plausible valid value for a schema, naming the records of `real` where the field name says
 * which (a `personId` field gets `real.personId`).
 */
export function sample(schema: Schema, name: string, real: Readonly<Record<string, string>> = {}): Json {
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0] ?? null;
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sample(alt.find((s) => s.type !== 'null') ?? alt[0] ?? {}, name, real);
  if (schema.allOf?.[0]) return sample(schema.allOf[0], name, real);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return real[name] ?? randomUUID();
      if (name === 'phone') return '13800138000';
      if (real[name]) return real[name] ?? null;
      if (schema.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
      if (schema.format === 'email') return 'probe@example.org';
      if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-01-10';
      if (schema.pattern?.includes(':')) return '08:00';
      return '试探'.padEnd(Math.max(schema.minLength ?? 0, 4), '文');
    case 'integer': return Math.max(1, typeof schema.minimum === 'number' ? schema.minimum : 1);
    case 'number': return Math.max(typeof schema.minimum === 'number' ? schema.minimum : 1, name === 'temperature' ? 36.5 : 1);
    case 'boolean': return name === 'consent';
    case 'array': {
      const one = sample(schema.items ?? {}, name, real);
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => one);
    }
    case 'object': {
      const out: Record<string, Json> = {};
      for (const k of schema.required ?? []) out[k] = sample(schema.properties?.[k] ?? {}, k, real);
      return out;
    }
    case undefined: case 'null': default: return null;
  }
}
