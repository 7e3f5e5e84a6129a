import { describe, expect, it } from 'vitest';
import { CATALOGUES } from './catalogues';

// The types already refuse both mistakes; this holds the catalogues as they are at run time (a cast could hide one).
describe('the catalogues', () => {
  it('define no key twice', () => {
    const keys = CATALOGUES.flatMap((c) => Object.keys(c['zh-CN']));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('have the same keys in both languages', () => {
    for (const c of CATALOGUES) expect(Object.keys(c.en).sort()).toEqual(Object.keys(c['zh-CN']).sort());
  });
});
