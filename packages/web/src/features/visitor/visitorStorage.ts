/*
 * What the visitor page keeps on the phone: the visitor's details when they ask (localStorage) and
 * the current visit of a site's page (sessionStorage), so that a reload shows the code again.
 */

export const DETAILS_KEY = 'fangkong.visitor.details';
export const visitKey = (token: string) => `fangkong.visitor.visit.${token}`;

export interface SavedDetails {
  name: string;
  phone: string;
  idNumber: string;
}

export function readJson<T>(storage: () => Storage, key: string): T | null {
  try {
    const text = storage().getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

export function writeJson(storage: () => Storage, key: string, value: unknown): void {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, JSON.stringify(value));
  } catch {
    // Storage disabled (private mode): nothing is remembered.
  }
}

export const local = () => window.localStorage;
export const session = () => window.sessionStorage;

export function savedDetails(): SavedDetails | null {
  const v = readJson<Partial<SavedDetails>>(local, DETAILS_KEY);
  if (!v || typeof v.name !== 'string' || typeof v.phone !== 'string') return null;
  return { name: v.name, phone: v.phone, idNumber: typeof v.idNumber === 'string' ? v.idNumber : '' };
}
