import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkIdNumber,
  ID_ISSUE_MESSAGES,
  ID_ISSUES,
  type IdIssue,
  maskIdNumber,
  maskPhone,
  normalizePhone,
  PHONE_PATTERN,
} from './id-number.js';

/*
 * An independent ISO 7064 MOD 11-2: the weight of position i (1-based from the left, the check
 * character being position 18) is 2^(18 - i) mod 11, and the check character c is the value that
 * makes (sum of weighted digits + c) ≡ 1 (mod 11), written X for 10. It does not use the
 * "10X98765432" table of the code under test.
 */
function weight(i: number): number {
  let w = 1;
  for (let k = 0; k < 18 - i; k++) w = (w * 2) % 11;
  return w;
}

function mod11_2(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) sum += Number(first17[i - 1]) * weight(i);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

const withCheck = (first17: string) => first17 + mod11_2(first17);

/** The province codes of the source (GB/T 2260 first two digits). */
const PROVINCE_CODES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

const CHECK_ALPHABET = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'];

const TODAY = '2025-06-15';

describe('the independent MOD 11-2 of these tests', () => {
  it('has the weights of GB 11643-1999', () => {
    expect(Array.from({ length: 17 }, (_, k) => weight(k + 1))).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  });

  it('agrees with the "10X98765432" table of the standard on every remainder', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const table = '10X98765432';
    const seen = new Set<number>();
    for (let n = 0; n < 500; n++) {
      const first17 = String(n * 7919).padStart(17, '0');
      const r = [...first17].reduce((s, ch, k) => s + Number(ch) * (weights[k] ?? 0), 0) % 11;
      seen.add(r);
      expect(mod11_2(first17)).toBe(table[r]);
    }
    expect(seen.size).toBe(11);
  });
});

describe('checkIdNumber: valid numbers', () => {
  // Computed with the independent mod11_2 above, from hand-chosen first 17 digits.
  it.each<{ first17: string; birthDate: string; sex: 'male' | 'female'; region: string }>([
    { first17: '11010519491231002', birthDate: '1949-12-31', sex: 'female', region: '110105' },
    { first17: '44030419900101001', birthDate: '1990-01-01', sex: 'male', region: '440304' },
    { first17: '35010219900101123', birthDate: '1990-01-01', sex: 'male', region: '350102' },
    { first17: '35020320000229001', birthDate: '2000-02-29', sex: 'male', region: '350203' },
    { first17: '65010119800615002', birthDate: '1980-06-15', sex: 'female', region: '650101' },
    { first17: '35012119750308401', birthDate: '1975-03-08', sex: 'male', region: '350121' },
    { first17: '11010119000101001', birthDate: '1900-01-01', sex: 'male', region: '110101' },
    { first17: '35010219500315009', birthDate: '1950-03-15', sex: 'male', region: '350102' },
    { first17: '82000018800101002', birthDate: '1880-01-01', sex: 'female', region: '820000' },
    { first17: `350102${TODAY.replaceAll('-', '')}004`, birthDate: TODAY, sex: 'female', region: '350102' },
  ])('$first17 + check → born $birthDate, $sex', ({ first17, birthDate, sex, region }) => {
    const id = withCheck(first17);
    expect(checkIdNumber(id, TODAY)).toEqual({ ok: true, value: id, birthDate, sex, region, convertedFrom15: false });
  });

  it('knows some check characters outright', () => {
    // Spelled out, so that the table above does not rest on mod11_2 alone.
    expect(withCheck('11010519491231002')).toBe('11010519491231002X');
    expect(withCheck('44030419900101001')).toBe('440304199001010011');
    expect(withCheck('35010219900101123')).toBe('350102199001011238');
    expect(withCheck('35020320000229001')).toBe('350203200002290010');
  });

  it('accepts a lower-case x and stores X', () => {
    const r = checkIdNumber('11010519491231002x', TODAY);
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('35010219500315009x', TODAY)).toMatchObject({ ok: true, value: '35010219500315009X' });
  });

  it('ignores surrounding spaces', () => {
    expect(checkIdNumber('  350102199001011238 ', TODAY)).toMatchObject({ ok: true, value: '350102199001011238' });
  });

  it.each<{ old: string; first17: string; sex: 'male' | 'female'; birthDate: string }>([
    { old: '350102500315123', first17: '35010219500315123', sex: 'male', birthDate: '1950-03-15' },
    { old: '110105491231002', first17: '11010519491231002', sex: 'female', birthDate: '1949-12-31' },
    { old: '440304000101001', first17: '44030419000101001', sex: 'male', birthDate: '1900-01-01' },
  ])('converts the 15-digit $old to 18', ({ old, first17, sex, birthDate }) => {
    expect(checkIdNumber(old, TODAY)).toEqual({
      ok: true,
      value: withCheck(first17),
      birthDate,
      sex,
      region: first17.slice(0, 6),
      convertedFrom15: true,
    });
  });

  it('spells out a converted 15-digit number', () => {
    expect(checkIdNumber('350102500315123', TODAY)).toMatchObject({ value: '350102195003151236' });
    expect(checkIdNumber('110105491231002', TODAY)).toMatchObject({ value: '11010519491231002X' });
  });
});

describe('checkIdNumber: refusals', () => {
  const valid = withCheck('35010219900101123');

  it.each<{ what: string; raw: string; issue: IdIssue }>([
    { what: 'empty', raw: '', issue: 'format' },
    { what: '17 digits', raw: '35010219900101123', issue: 'format' },
    { what: '19 digits', raw: `${valid}0`, issue: 'format' },
    { what: '16 digits', raw: '3501021990010112', issue: 'format' },
    { what: 'letters', raw: '3501021990O101123A', issue: 'format' },
    { what: 'X in the middle', raw: '35010219900X011238', issue: 'format' },
    { what: 'X as the 17th character', raw: '3501021990010112X8', issue: 'format' },
    { what: 'a 15-digit number ending in X', raw: '35010250031512X', issue: 'format' },
    { what: 'a space inside', raw: '350102 199001011238', issue: 'format' },
    { what: 'a hyphen inside', raw: '350102-19900101-1238', issue: 'format' },
    { what: 'region 00', raw: withCheck('00010219900101123'), issue: 'region' },
    { what: 'region 99', raw: withCheck('99010219900101123'), issue: 'region' },
    { what: 'region 10', raw: withCheck('10010219900101123'), issue: 'region' },
    { what: 'region 39', raw: withCheck('39010219900101123'), issue: 'region' },
    { what: 'region 00 in a 15-digit number', raw: '000102500315123', issue: 'region' },
    { what: 'February 30', raw: withCheck('35010219900230123'), issue: 'birth_date' },
    { what: 'February 29 of 1900 (not a leap year)', raw: withCheck('35010219000229123'), issue: 'birth_date' },
    { what: 'February 29 of 1990', raw: withCheck('35010219900229123'), issue: 'birth_date' },
    { what: 'month 13', raw: withCheck('35010219901301123'), issue: 'birth_date' },
    { what: 'month 00', raw: withCheck('35010219900001123'), issue: 'birth_date' },
    { what: 'day 00', raw: withCheck('35010219900100123'), issue: 'birth_date' },
    { what: 'April 31', raw: withCheck('35010219900431123'), issue: 'birth_date' },
    { what: 'born 1879', raw: withCheck('35010218791231123'), issue: 'birth_date' },
    { what: 'born 0990', raw: withCheck('35010209900101123'), issue: 'birth_date' },
    { what: 'a 15-digit number with month 13', raw: '350102501315123', issue: 'birth_date' },
    { what: 'born tomorrow', raw: withCheck('35010220250616123'), issue: 'future_birth_date' },
    { what: 'born next year', raw: withCheck('35010220260101123'), issue: 'future_birth_date' },
    { what: 'born in 2999', raw: withCheck('35010229990101123'), issue: 'future_birth_date' },
  ])('$what → $issue', ({ raw, issue }) => {
    const r = checkIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue).toBe(issue);
  });

  it('measures the future from the `today` argument', () => {
    const id = withCheck('35010220250616123');
    expect(checkIdNumber(id, '2025-06-15')).toEqual({ ok: false, issue: 'future_birth_date' });
    expect(checkIdNumber(id, '2025-06-16')).toMatchObject({ ok: true, birthDate: '2025-06-16' });
    expect(checkIdNumber(id, '2030-01-01')).toMatchObject({ ok: true });
  });

  it.each([
    { first17: '35010219900101123', wrong: '7' },
    { first17: '35010219900101123', wrong: 'X' },
    { first17: '11010519491231002', wrong: '0' },
    { first17: '44030419900101001', wrong: '2' },
  ])('a wrong check character ($first17 + $wrong) says which is right', ({ first17, wrong }) => {
    expect(checkIdNumber(first17 + wrong, TODAY)).toEqual({ ok: false, issue: 'check_character', expected: mod11_2(first17) });
  });

  it('gives the right character in `expected` for a lower-case x', () => {
    expect(checkIdNumber('35010219900101123x', TODAY)).toEqual({ ok: false, issue: 'check_character', expected: '8' });
  });

  it('has a message in both languages for every issue', () => {
    for (const issue of ID_ISSUES) {
      expect(ID_ISSUE_MESSAGES[issue]['zh-CN'].length).toBeGreaterThan(0);
      expect(ID_ISSUE_MESSAGES[issue].en.length).toBeGreaterThan(0);
    }
  });
});

describe('checkIdNumber: properties', () => {
  const today = new Date().toISOString().slice(0, 10);

  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const validNumber = fc
    .record({
      province: fc.constantFrom(...PROVINCE_CODES),
      area: fc.integer({ min: 0, max: 9999 }),
      born: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${today}T23:59:59Z`), noInvalidDate: true }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, area, born, sequence }) => {
      const birthDate = born.toISOString().slice(0, 10);
      const first17 = `${pad(province, 2)}${pad(area, 4)}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
      return {
        first17,
        id: withCheck(first17),
        birthDate,
        sex: sequence % 2 === 1 ? ('male' as const) : ('female' as const),
      };
    });

  it('accepts 10,000 generated valid numbers with their sex and birth date', () => {
    fc.assert(
      fc.property(validNumber, ({ id, birthDate, sex }) => {
        expect(checkIdNumber(id, today)).toEqual({ ok: true, value: id, birthDate, sex, region: id.slice(0, 6), convertedFrom15: false });
        expect(checkIdNumber(id.toLowerCase(), today)).toMatchObject({ ok: true, value: id });
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuses each of the 10 wrong check characters of a valid number', () => {
    fc.assert(
      fc.property(validNumber, ({ first17, id }) => {
        const right = id.slice(17);
        const wrong = CHECK_ALPHABET.filter((c) => c !== right);
        expect(wrong).toHaveLength(10);
        for (const c of wrong) {
          expect(checkIdNumber(first17 + c, today)).toEqual({ ok: false, issue: 'check_character', expected: right });
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('converts a 15-digit number born 1900–1999 to the 18-digit one', () => {
    fc.assert(
      fc.property(validNumber, ({ first17 }) => {
        fc.pre(first17.slice(6, 8) === '19');
        const old = first17.slice(0, 6) + first17.slice(8);
        expect(checkIdNumber(old, today)).toMatchObject({ ok: true, value: withCheck(first17), convertedFrom15: true });
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a number with one digit changed', () => {
    // MOD 11-2 catches every single substitution.
    fc.assert(
      fc.property(validNumber, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ id }, pos, delta) => {
        const digit = (Number(id[pos]) + delta) % 10;
        const changed = `${id.slice(0, pos)}${digit}${id.slice(pos + 1)}`;
        expect(checkIdNumber(changed, today).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['350102199001011234', '350102********1234'],
    ['11010519491231002X', '110105********002X'],
    ['350102500315123', '350102*****5123'],
    ['12345678901', '123456*8901'],
    ['1234567890', '**********'],
    ['1234', '****'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['0591-87654321', '059****4321'],
    ['010-1234567', '010****4567'],
    ['138 1234 5678', '138****5678'],
    ['1234567', '*******'],
    ['1234', '****'],
    ['', ''],
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['  138 1234 5678  ', '13812345678'],
    ['138\u00a01234\u00a05678', '13812345678'],
    ['0591-87654321', '0591-87654321'],
    ['(0591) 87654321', '059187654321'],
    ['（0591）87654321', '059187654321'],
    ['+86 0591-87654321', '0591-87654321'],
  ])('%j → %s', (raw, normal) => {
    expect(normalizePhone(raw)).toBe(normal);
    expect(PHONE_PATTERN.test(normalizePhone(raw))).toBe(true);
  });
});

describe('PHONE_PATTERN', () => {
  it.each<[string, boolean]>([
    ['13812345678', true],
    ['13012345678', true],
    ['19912345678', true],
    ['15880123456', true],
    ['0591-87654321', true],
    ['059187654321', true],
    ['010-12345678', true],
    ['0591-8765432', true],
    ['021-1234567', true],
    ['12812345678', false],
    ['11012345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['1234', false],
    ['', false],
    ['+8613812345678', false],
    ['138-1234-5678', false],
    ['138 1234 5678', false],
    ['591-87654321', false],
    ['0591-876543', false],
    ['0591-876543210', false],
    ['05-87654321', false],
    ['1381234567a', false],
    ['13812345678\n', false],
  ])('%j → %s', (phone, ok) => {
    expect(PHONE_PATTERN.test(phone)).toBe(ok);
  });
});
