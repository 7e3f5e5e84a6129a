import type { FormInstance } from 'antd';
import type { Translate } from '../../i18n/context';
import { isApiError } from '../../api/client';

/** A short, localized sentence for any thrown error. */
export function errorText(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.internal');
  if (error.code === 'network') return t('error.network');
  if (error.code === 'bad_response') return t('error.badResponse');
  return t(`error.${error.code}`);
}

/** The server's own (already localized) message when it adds something to errorText. */
export function serverDetail(error: unknown): string | undefined {
  if (!isApiError(error) || error.code === 'network' || error.code === 'bad_response' || error.code === 'internal') return undefined;
  return error.message || undefined;
}

/** errorText and the server's detail on one line, for a message toast. */
export function errorLine(error: unknown, t: Translate): string {
  return [errorText(error, t), serverDetail(error)].filter(Boolean).join(' · ');
}

/**
 * Puts the server's field errors on the form's fields. Paths look like `body.name` or
 * `body.body.monitoring.readingsPerDay`; the leading `body.` names the request body.
 * Returns whether any field error was placed.
 */
export function applyServerFieldErrors(form: FormInstance, error: unknown, known: (path: (string | number)[]) => boolean): boolean {
  if (!isApiError(error) || error.fields.length === 0) return false;
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const f of error.fields) {
    const parts = f.path.split('.').filter((p) => p !== '');
    if (parts[0] === 'body') parts.shift();
    const name = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (name.length === 0 || !known(name)) continue;
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byPath.set(key, entry);
  }
  form.setFields([...byPath.values()]);
  return byPath.size > 0;
}
