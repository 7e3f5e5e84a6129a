import { fileURLToPath } from 'node:url';
import type { App } from '../src/http/app.js';

/** The committed API description: what `npm run api:doc` writes and api-description.test.ts holds the app to. */
export const API_DOC_PATH = fileURLToPath(new URL('../../../docs/openapi.json', import.meta.url));

/** Objects with their keys sorted (arrays keep their order, which the schemas give): a diff shows only what changed. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

/** The running app's /api/openapi.json as committed: pretty-printed, keys in a stable order, a final line break. */
export async function apiDescription(app: App): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
  return `${JSON.stringify(sortKeys(res.json()), null, 2)}\n`;
}
