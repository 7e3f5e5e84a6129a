import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { textProblems, type TextEntry } from '@fangkong/domain';

/**
 * Every area's catalogue of texts (`<area>/texts.ts`), found on disk so that a new one is checked
 * without being listed here: both languages present, each in its own language.
 */
const areas = readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(import.meta.dirname, d.name, 'texts.ts')))
  .map((d) => d.name);

describe('server text catalogues', () => {
  it('are found', () => {
    expect(areas).toEqual(expect.arrayContaining(['monitoring', 'testing', 'people', 'http']));
  });

  it.each(areas)('%s/texts.ts has both languages, each in its own language', async (area) => {
    const mod = (await import(`./${area}/texts.ts`)) as Record<string, Readonly<Record<string, TextEntry>>>;
    const catalogues = Object.entries(mod);
    expect(catalogues.length).toBeGreaterThan(0);
    for (const [name, catalogue] of catalogues) expect(textProblems(catalogue), name).toEqual([]);
  });
});
