/*
 * The user names that signed in with a two-factor code on this device, so that the sign-in page
 * shows the code field for them at once. Only the names are kept (never a code or a secret), and
 * at most a few: a shared gate PC sees several people.
 */

const KEY = 'fangkong.twoFactorUsers';
const MAX = 10;

const normal = (username: string) => username.trim().toLowerCase();

function read(storage: Storage): string[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether this user name signed in with a code here before. */
export function usedCodeBefore(username: string, storage: Storage = window.localStorage): boolean {
  const name = normal(username);
  return name !== '' && read(storage).includes(name);
}

function write(storage: Storage, names: string[]): void {
  try {
    storage.setItem(KEY, JSON.stringify(names.slice(0, MAX)));
  } catch {
    // Storage disabled (private mode): the link still shows the field.
  }
}

/** Remembers that this user name signs in with a code (the newest first): after such a sign-in, or enrolment here. */
export function rememberCodeUser(username: string, storage: Storage = window.localStorage): void {
  const name = normal(username);
  if (name) write(storage, [name, ...read(storage).filter((n) => n !== name)]);
}

/** Forgets the name (its second factor was turned off). */
export function forgetCodeUser(username: string, storage: Storage = window.localStorage): void {
  const name = normal(username);
  if (name && read(storage).includes(name)) write(storage, read(storage).filter((n) => n !== name));
}
