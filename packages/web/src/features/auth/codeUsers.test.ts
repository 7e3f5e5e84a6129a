import { describe, expect, it } from 'vitest';
import { forgetCodeUser, rememberCodeUser, usedCodeBefore } from './codeUsers';

/** Storage as the browser's, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

describe('the user names that signed in with a code here', () => {
  it('are remembered by name only, in any case', () => {
    const s = memoryStorage();
    expect(usedCodeBefore('admin', s)).toBe(false);
    rememberCodeUser(' Admin ', s);
    expect(usedCodeBefore('admin', s)).toBe(true);
    expect(usedCodeBefore('ADMIN', s)).toBe(true);
    expect(usedCodeBefore('', s)).toBe(false);
    expect(s.getItem('fangkong.twoFactorUsers')).toBe('["admin"]');
    forgetCodeUser('ADMIN', s);
    expect(usedCodeBefore('admin', s)).toBe(false);
  });

  it('keep the ten newest, and survive what another page wrote', () => {
    const s = memoryStorage();
    for (let i = 0; i < 12; i++) rememberCodeUser(`user${i}`, s);
    expect(usedCodeBefore('user0', s)).toBe(false);
    expect(usedCodeBefore('user11', s)).toBe(true);
    s.setItem('fangkong.twoFactorUsers', '{not json');
    expect(usedCodeBefore('user11', s)).toBe(false);
    rememberCodeUser('user11', s);
    expect(usedCodeBefore('user11', s)).toBe(true);
  });
});
